//! Who claims which text: one text names one entity, and a forbidden variant is no valid form.

use std::collections::HashMap;
use std::ops::Range;

use dayglot_core::{Diagnostic, Lang, Span};

use super::registry_pos;
use crate::GlossaryFile;
use crate::fold::fold_str;
use crate::model::Entity;

/// How a text is declared for an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Form,
    Accepted,
    Alias,
    Forbidden,
}

impl Role {
    fn describe(self) -> &'static str {
        match self {
            Role::Form => "a form",
            Role::Accepted => "an accepted variant",
            Role::Alias => "an alias",
            Role::Forbidden => "a forbidden variant",
        }
    }
}

/// The entry that declares texts: an entity's entry in one language's file.
#[derive(Debug, Clone)]
pub(super) struct Owner {
    /// The entity's index in the registry.
    pub(super) entity: usize,
    /// The language of the file.
    pub(super) lang: Lang,
    /// The file's path.
    pub(super) path: String,
}

/// Where a form was declared, for conflict reports.
#[derive(Debug, Clone)]
struct Claim {
    owner: Owner,
    role: Role,
    span: Range<usize>,
}

/// Every declared text (folded), with its claims in the order they were read.
#[derive(Debug, Default)]
pub(super) struct Claims(HashMap<String, Vec<Claim>>);

impl Claims {
    /// The claims of one entry, recorded in the order it declares its texts.
    pub(super) fn of(&mut self, owner: Owner) -> Claimant<'_> {
        Claimant {
            claims: self,
            owner,
        }
    }
}

/// One entry's claims.
pub(super) struct Claimant<'c> {
    claims: &'c mut Claims,
    owner: Owner,
}

impl Claimant<'_> {
    /// Records that the entry declares `text` (at `span` of its file) in `role`.
    pub(super) fn add(&mut self, role: Role, text: &str, span: Range<usize>) {
        self.claims
            .0
            .entry(fold_str(text).into_owned())
            .or_default()
            .push(Claim {
                owner: self.owner.clone(),
                role,
                span,
            });
    }
}

/// Reports one form claimed by two entities, and forbidden variants that are also valid forms,
/// in the order of the folded texts.
pub(super) fn lint_claims(
    claims: &Claims,
    entities: &[Entity],
    files: &[GlossaryFile],
    diags: &mut Vec<Diagnostic>,
) {
    let pos = |path: &str, offset: usize| {
        files
            .iter()
            .find(|f| f.path == path)
            .map_or_else(|| "?".to_owned(), |f| registry_pos(f, offset))
    };
    let mut keys: Vec<&String> = claims.0.keys().collect();
    keys.sort();
    for text in keys {
        let list = &claims.0[text];
        let first = &list[0];
        for c in list[1..]
            .iter()
            .filter(|c| c.owner.entity != first.owner.entity)
        {
            let d = Diagnostic::error(
                "glossary::variant-conflict",
                Span::from(c.span.clone()),
                format!(
                    "`{text}` is {} of `{}` here but already {} of `{}` in `{}`",
                    c.role.describe(),
                    entities[c.owner.entity].id,
                    first.role.describe(),
                    entities[first.owner.entity].id,
                    first.owner.lang
                ),
            )
            .with_label("claimed by two entities")
            .with_help(format!(
                "one text can name only one entity; the other claim is at {}:{}",
                first.owner.path,
                pos(&first.owner.path, first.span.start)
            ));
            diags.push(d.in_file(c.owner.path.clone()));
        }
        for forbidden in list.iter().filter(|c| c.role == Role::Forbidden) {
            let Some(valid) = list.iter().find(|c| {
                c.role != Role::Forbidden
                    && c.owner.entity == forbidden.owner.entity
                    && c.owner.lang == forbidden.owner.lang
            }) else {
                continue;
            };
            let d = Diagnostic::error(
                "glossary::forbidden-is-accepted",
                Span::from(forbidden.span.clone()),
                format!(
                    "`{text}` is forbidden but is also {} of `{}` in `{}`",
                    valid.role.describe(),
                    entities[forbidden.owner.entity].id,
                    forbidden.owner.lang
                ),
            )
            .with_label("forbidden and allowed")
            .with_help(format!(
                "remove it from `forbidden` or from the other list (at {}:{})",
                valid.owner.path,
                pos(&valid.owner.path, valid.span.start)
            ));
            diags.push(d.in_file(forbidden.owner.path.clone()));
        }
    }
}

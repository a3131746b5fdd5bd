//! The entity registry (`locales/glossary/entities.toml`): one `[[entity]]` per id, with its kind
//! and native name.

use std::collections::BTreeMap;
use std::ops::Range;

use dayglot_core::Lang;
use toml::de::DeTable;

use super::{Fields, Sink, parse, registry_pos};
use crate::GlossaryFile;
use crate::model::{Entity, Kind};

/// The registry's entities, in declaration order.
#[derive(Default)]
pub(super) struct Registry {
    /// The entities (their forms are filled in by the language files).
    pub(super) entities: Vec<Entity>,
    /// Entity id → index in `entities`.
    pub(super) by_id: BTreeMap<String, usize>,
    /// Where each entity's id is written, for reports of a second declaration.
    id_spans: Vec<Range<usize>>,
}

/// Reads and lints the registry; entities with errors in their id or kind are left out.
pub(super) fn registry(file: &GlossaryFile, sink: &mut Sink<'_>) -> Registry {
    let mut registry = Registry::default();
    let (root, _) = parse(file, sink);
    let top = sink.fields(root.get_ref(), &["entity"], "the entity registry");
    for (table, span) in sink.tables(&top, "entity") {
        if let Some((entity, id_span)) = entity(table, span, file, &registry, sink) {
            registry
                .by_id
                .insert(entity.id.clone(), registry.entities.len());
            registry.id_spans.push(id_span);
            registry.entities.push(entity);
        }
    }
    registry
}

/// One `[[entity]]` of the registry, with the span of its id; `None` when it has no usable id
/// or kind, or repeats an id.
fn entity(
    table: &DeTable<'_>,
    span: Range<usize>,
    file: &GlossaryFile,
    registry: &Registry,
    sink: &mut Sink<'_>,
) -> Option<(Entity, Range<usize>)> {
    let f = sink.fields(
        table,
        &["id", "kind", "native", "native_lang", "note"],
        "an `[[entity]]` of the registry",
    );
    let Some((id, id_span)) = sink.string(&f, "id") else {
        if !f.contains_key("id") {
            sink.error(
                "glossary::missing-field",
                span.start..span.start + 10.min(span.len()),
                "this entity has no `id`".into(),
                "no id",
                "add `id = \"kind/slug\"`, e.g. `id = \"person/zelensky\"`",
            );
        }
        return None;
    };
    let kind = kind(&f, &id, &id_span, sink).or_else(|| id.split('/').next().and_then(Kind::parse));
    let id_ok = lint_id(&id, &id_span, kind, sink);
    let native = sink.string(&f, "native").map(|s| s.0);
    let native_lang = native_lang(&f, sink);
    if let Some(&first) = registry.by_id.get(&id) {
        let first_pos = registry_pos(file, registry.id_spans[first].start);
        sink.error(
            "glossary::duplicate-id",
            id_span,
            format!("the entity `{id}` is declared twice"),
            "second declaration",
            &format!(
                "the first is at {}:{first_pos}; merge the two entries or give one another id",
                file.path
            ),
        );
        return None;
    }
    let kind = kind.filter(|_| id_ok)?;
    let entity = Entity {
        id,
        kind,
        native,
        native_lang,
        forms: BTreeMap::new(),
    };
    Some((entity, id_span))
}

/// The entity's `kind`, if it is written and known.
fn kind(f: &Fields<'_, '_>, id: &str, id_span: &Range<usize>, sink: &mut Sink<'_>) -> Option<Kind> {
    let Some((k, kspan)) = sink.string(f, "kind") else {
        if !f.contains_key("kind") {
            sink.error(
                "glossary::missing-field",
                id_span.clone(),
                format!("entity `{id}` has no `kind`"),
                "no kind",
                "add `kind = \"person\"` (or place, org, term)",
            );
        }
        return None;
    };
    let kind = Kind::parse(&k);
    if kind.is_none() {
        sink.error(
            "glossary::unknown-kind",
            kspan,
            format!("unknown kind `{k}`"),
            "not a kind",
            "the kinds are: person, place, org, term",
        );
    }
    kind
}

/// Whether the id is `kind/slug` and starts with the entity's kind; reports it when not.
fn lint_id(id: &str, id_span: &Range<usize>, kind: Option<Kind>, sink: &mut Sink<'_>) -> bool {
    if !valid_id(id) {
        sink.error(
            "glossary::bad-id",
            id_span.clone(),
            format!("`{id}` is not a valid entity id"),
            "bad id",
            "an id is `kind/slug` with a slug of lower-case ASCII letters, digits and hyphens, e.g. `place/avdiivka`",
        );
        return false;
    }
    match kind {
        Some(kind) if !id.starts_with(&format!("{}/", kind.as_str())) => {
            sink.error(
                "glossary::bad-id",
                id_span.clone(),
                format!("the id `{id}` does not start with its kind `{kind}/`"),
                "wrong prefix",
                &format!(
                    "rename it `{kind}/{}` or fix `kind`",
                    id.split('/').nth(1).unwrap_or("slug")
                ),
            );
            false
        }
        _ => true,
    }
}

/// The language of the native name (`native_lang`), if it is a valid tag.
fn native_lang(f: &Fields<'_, '_>, sink: &mut Sink<'_>) -> Option<Lang> {
    let (l, lspan) = sink.string(f, "native_lang")?;
    match Lang::parse(&l) {
        Ok(lang) => Some(lang),
        Err(e) => {
            sink.error(
                "glossary::bad-lang",
                lspan,
                e.to_string(),
                "not a language tag",
                "use a tag such as `uk`, `ru`, `sr`, `lt`",
            );
            None
        }
    }
}

/// `kind/slug`: lower-case ASCII letters, digits and hyphens in the slug.
fn valid_id(id: &str) -> bool {
    let Some((kind, slug)) = id.split_once('/') else {
        return false;
    };
    Kind::parse(kind).is_some()
        && !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

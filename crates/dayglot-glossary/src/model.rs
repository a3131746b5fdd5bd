//! The in-memory glossary: entities, their forms per language, and the languages' case lists.

use std::collections::BTreeMap;
use std::fmt;

use dayglot_core::Lang;

/// What an entity is. The kind is also the first part of its id (`person/zelensky`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A person (`person/…`).
    Person,
    /// A place: country, city, region, geographic feature (`place/…`).
    Place,
    /// An organisation, institution, outlet, platform or unit (`org/…`).
    Organisation,
    /// A recurring term (`term/…`).
    Term,
}

impl Kind {
    /// All kinds, in the order they are documented.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Place, Kind::Organisation, Kind::Term];

    /// The name used in files (`person`, `place`, `org`, `term`); also the id prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organisation => "org",
            Kind::Term => "term",
        }
    }

    /// Parses a kind name as written in files.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Grammatical gender, where it governs agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gender {
    /// Masculine.
    Masculine,
    /// Feminine.
    Feminine,
    /// Neuter.
    Neuter,
    /// Plural only (`Сполучені Штати`, `Повітряні сили`).
    Plural,
}

impl Gender {
    /// Parses `masculine`, `feminine`, `neuter` or `plural`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "masculine" => Some(Self::Masculine),
            "feminine" => Some(Self::Feminine),
            "neuter" => Some(Self::Neuter),
            "plural" => Some(Self::Plural),
            _ => None,
        }
    }
}

/// One grammatical form of an entity: the full form, and the short form in the same case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseForm {
    /// The full form (`Володимира Зеленського`).
    pub full: String,
    /// The short form in the same case (`Зеленського`), if the entity has a short form.
    pub short: Option<String>,
}

/// What a variant is normalised to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The preferred full form.
    Preferred,
    /// The short form.
    Short,
    /// A case form (its full form), by case name.
    Case(String),
}

/// An accepted or forbidden variant and the form it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The variant as written (`Nauseda`).
    pub text: String,
    /// The form it is normalised to (accepted) or should be replaced with (forbidden).
    pub target: Target,
}

/// Everything one language says about one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangForms {
    /// The preferred full form (`Володимир Зеленський`).
    pub preferred: String,
    /// The short form used after the first mention (`Зеленський`).
    pub short: Option<String>,
    /// Grammatical forms by case name (names from the language's `cases` list).
    pub cases: BTreeMap<String, CaseForm>,
    /// Grammatical gender.
    pub gender: Option<Gender>,
    /// The entity does not decline in this language (no case forms are required).
    pub indeclinable: bool,
    /// Variants that are matched and normalised to a form of this entity.
    pub accepted: Vec<Variant>,
    /// Variants that are matched and reported as errors.
    pub forbidden: Vec<Variant>,
    /// Other valid names, matched and kept as written (`Polar Wolf` for IK-3).
    pub aliases: Vec<String>,
    /// When not empty, a match only counts if one of these words occurs near it
    /// (for names that are common words or single letters, such as `X`).
    pub context: Vec<String>,
    /// A note for translators.
    pub note: Option<String>,
}

impl LangForms {
    /// The text of a form by target, if this language has it.
    pub fn target(&self, target: &Target) -> Option<&str> {
        match target {
            Target::Preferred => Some(&self.preferred),
            Target::Short => self.short.as_deref(),
            Target::Case(c) => self.cases.get(c).map(|f| f.full.as_str()),
        }
    }
}

/// An entity of the shared registry with its forms in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id, `kind/slug` (`person/zelensky`).
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// The native form in its own script (`Володимир Зеленський`).
    pub native: Option<String>,
    /// The language of the native form.
    pub native_lang: Option<Lang>,
    /// Forms per language.
    pub forms: BTreeMap<Lang, LangForms>,
}

/// A language's glossary header: the case names it uses and which are required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// The language.
    pub lang: Lang,
    /// The allowed case names, in the language's traditional order.
    pub cases: Vec<String>,
    /// Case forms every declinable entity of a kind must give.
    pub required_cases: BTreeMap<Kind, Vec<String>>,
}

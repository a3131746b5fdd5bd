//! Language tags.

use std::fmt;

/// A validated language tag (a BCP 47 subset: `en`, `bg`, `sr-Latn`, `pt-BR`).
///
/// Language tags become folder and file names, so only ASCII letters and digits in hyphen-separated
/// subtags are accepted: the primary subtag is 2 or 3 lower-case letters, the others 2 to 8
/// alphanumerics. `../bg`, `bg/`, `EN` and the empty string are rejected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(String);

/// Why a string is not a [`Lang`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{input}` is not a language tag: {reason}; use a BCP 47 tag such as `en`, `bg` or `sr-Latn`"
)]
pub struct LangError {
    /// The rejected input.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Lang {
    /// Parses and validates a language tag.
    pub fn parse(input: &str) -> Result<Self, LangError> {
        let err = |reason| LangError {
            input: input.to_owned(),
            reason,
        };
        let mut subtags = input.split('-');
        let primary = subtags.next().unwrap_or_default();
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(err(
                "the language subtag must be 2 or 3 lower-case ASCII letters",
            ));
        }
        for sub in subtags {
            if !(2..=8).contains(&sub.len()) || !sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(err(
                    "each further subtag must be 2 to 8 ASCII letters or digits",
                ));
            }
        }
        Ok(Self(input.to_owned()))
    }

    /// The tag as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag (`sr` for `sr-Latn`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn validates_tags() {
        for good in ["en", "bg", "uk", "de", "sr-Latn", "pt-BR", "fil"] {
            assert!(Lang::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "", "../bg", "bg/", "EN", "e", "english", "bg-", "bg--x", "bg-a", "uk\0",
        ] {
            assert!(Lang::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Lang::parse("sr-Latn").unwrap().primary(), "sr");
    }
}

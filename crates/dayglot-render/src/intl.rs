//! ICU4X formatting of dates and numbers (compiled data: nothing is read at run time).

use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;

use crate::RenderError;

/// Locale-aware date and number formatters for one formatting locale.
pub(crate) struct Intl {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    decimal: DecimalFormatter,
}

impl std::fmt::Debug for Intl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Intl").finish_non_exhaustive()
    }
}

impl Intl {
    /// Formatters for `locale` (a BCP 47 tag such as `en-GB` or `uk`).
    pub(crate) fn new(locale: &str) -> Result<Self, RenderError> {
        let bad = |reason: String| RenderError::Locale {
            locale: locale.to_owned(),
            reason,
        };
        let loc: Locale = locale.parse().map_err(|e| bad(format!("{e}")))?;
        let date = FixedCalendarDateTimeFormatter::try_new((&loc).into(), YMD::long())
            .map_err(|e| bad(format!("{e}")))?;
        let decimal = DecimalFormatter::try_new((&loc).into(), Default::default())
            .map_err(|e| bad(format!("{e}")))?;
        Ok(Self { date, decimal })
    }

    /// The long form of a date (`10 January 2024` in en-GB, `10 січня 2024 р.` in uk).
    pub(crate) fn date(&self, date: dayglot_core::Date) -> Option<String> {
        let month = u8::try_from(date.month()).ok()?;
        let day = u8::try_from(date.day()).ok()?;
        let date = Date::try_new_gregorian(i32::from(date.year()), month, day).ok()?;
        Some(self.date.format(&date).to_string())
    }

    /// A number with the locale's grouping and decimal separators; `None` if `number` is not a
    /// finite decimal.
    pub(crate) fn number(&self, number: &str) -> Option<String> {
        let decimal: Decimal = number.parse().ok()?;
        Some(self.decimal.format(&decimal).to_string())
    }
}

/// What CLDR (ICU4X compiled data) says about writing a language: the facts that
/// `dayglot lang add` writes into a new language's `check.toml`, for the translator to correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleFacts {
    /// The decimal separator (`,` in `12 345,5`).
    pub decimal: String,
    /// The grouping separator (a no-break space in `12 345,5`).
    pub group: String,
    /// Each month: its standalone name (`січень`) and the form it takes in a long date (`січня`).
    pub months: Vec<(String, String)>,
    /// The CLDR plural categories of cardinal numbers (`one`, `few`, `many`, `other`).
    pub plural_categories: Vec<&'static str>,
    /// A long date, as an example (`10 січня 2024 р.`).
    pub long_date: String,
}

/// The CLDR facts of a locale, from ICU4X's compiled data.
pub fn locale_facts(locale: &str) -> Result<LocaleFacts, RenderError> {
    use icu_datetime::fieldsets::M;
    use icu_plurals::{PluralCategory, PluralRules};
    let bad = |reason: String| RenderError::Locale {
        locale: locale.to_owned(),
        reason,
    };
    let loc: Locale = locale.parse().map_err(|e| bad(format!("{e}")))?;
    let intl = Intl::new(locale)?;
    let sample = intl.number("12345.5").unwrap_or_default();
    // `12?345?5`: the grouping separator follows `12`, the decimal one precedes the last digit.
    let group: String = sample
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .collect();
    let decimal: String = sample
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .chars()
        .rev()
        .take_while(|c| !c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let standalone =
        FixedCalendarDateTimeFormatter::<Gregorian, M>::try_new((&loc).into(), M::long())
            .map_err(|e| bad(format!("{e}")))?;
    let mut months = Vec::new();
    for month in 1..=12u8 {
        let date = Date::try_new_gregorian(2024, month, 10).map_err(|e| bad(format!("{e}")))?;
        let alone = standalone.format(&date).to_string();
        let long = intl.date.format(&date).to_string();
        // The month in a long date: its first word of letters (`10 січня 2024 р.` → `січня`).
        let in_date = long
            .split(|c: char| !c.is_alphabetic())
            .find(|w| w.chars().count() >= 3)
            .unwrap_or(&alone)
            .to_owned();
        months.push((alone.to_lowercase(), in_date.to_lowercase()));
    }
    let rules = PluralRules::try_new_cardinal((&loc).into()).map_err(|e| bad(format!("{e}")))?;
    let plural_categories = rules
        .categories()
        .map(|c| match c {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        })
        .collect();
    let example: dayglot_core::Date = "2024-01-10".parse().map_err(|e| bad(format!("{e}")))?;
    Ok(LocaleFacts {
        decimal,
        group,
        months,
        plural_categories,
        long_date: intl.date(example).unwrap_or_default(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn locale_facts_come_from_cldr() {
        let uk = locale_facts("uk").unwrap();
        assert_eq!((uk.decimal.as_str(), uk.group.as_str()), (",", "\u{a0}"));
        assert_eq!(uk.months[0], ("січень".to_owned(), "січня".to_owned()));
        assert_eq!(uk.plural_categories, ["one", "few", "many", "other"]);
        let ro = locale_facts("ro").unwrap();
        assert_eq!(ro.decimal, ",");
        assert_eq!(ro.months[0].0, "ianuarie");
        assert_eq!(ro.plural_categories, ["one", "few", "other"]);
        let en = locale_facts("en").unwrap();
        assert_eq!((en.decimal.as_str(), en.group.as_str()), (".", ","));
    }

    #[test]
    fn long_dates_and_grouping_per_locale() {
        let d: dayglot_core::Date = "2024-01-10".parse().unwrap();
        let cases = [
            ("en-GB", "10 January 2024", "1,900", "12,345.5"),
            ("bg", "10 януари 2024\u{202f}г.", "1900", "12\u{a0}345,5"),
            (
                "uk",
                "10 січня 2024\u{202f}р.",
                "1\u{a0}900",
                "12\u{a0}345,5",
            ),
            ("de", "10. Januar 2024", "1.900", "12.345,5"),
        ];
        for (loc, date, n1, n2) in cases {
            let intl = Intl::new(loc).unwrap();
            assert_eq!(intl.date(d).unwrap(), date, "{loc}");
            assert_eq!(intl.number("1900").unwrap(), n1, "{loc}");
            assert_eq!(intl.number("12345.5").unwrap(), n2, "{loc}");
        }
    }
}

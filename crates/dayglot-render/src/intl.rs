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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

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

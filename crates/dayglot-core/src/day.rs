//! Day identifiers and the series calendar.

use std::fmt;

use jiff::civil::Date;

/// A validated day identifier such as `day-686`.
///
/// Day ids become folder names under `corpus/` and the output folder, so parsing is strict: only
/// `day-` followed by a positive decimal number without leading zeros is accepted. Anything else
/// (`../x`, `day-`, `day-0`, `Day-686 `, absolute paths) is rejected before a file is touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayId(u32);

/// Why a string is not a [`DayId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a day id: {reason}; write it as `day-N` with N from 1, e.g. `day-686`")]
pub struct DayIdError {
    /// The rejected input, as given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl DayId {
    /// The largest day number accepted; far beyond any real series, small enough for any date.
    pub const MAX: u32 = 1_000_000;

    /// Parses `day-N`.
    pub fn parse(input: &str) -> Result<Self, DayIdError> {
        let err = |reason| DayIdError {
            input: input.to_owned(),
            reason,
        };
        let Some(digits) = input.strip_prefix("day-") else {
            return Err(err("it must start with `day-` (lower case, no path)"));
        };
        if digits.is_empty() {
            return Err(err("the day number is missing"));
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("only the digits 0-9 may follow `day-`"));
        }
        if digits.starts_with('0') {
            return Err(err(
                "the day number must be 1 or more, without leading zeros",
            ));
        }
        match digits.parse::<u32>() {
            Ok(n) if n <= Self::MAX => Ok(Self(n)),
            _ => Err(err("the day number is too large")),
        }
    }

    /// Makes a day id from a day number; `None` for 0 or numbers above [`DayId::MAX`].
    pub fn from_number(number: u32) -> Option<Self> {
        (1..=Self::MAX).contains(&number).then_some(Self(number))
    }

    /// The day number (686 for `day-686`).
    pub fn number(self) -> u32 {
        self.0
    }

    /// A day as people type it on a command line: `686` or `day-686`.
    pub fn parse_arg(input: &str) -> Result<Self, DayIdError> {
        if input.is_empty() || !input.bytes().all(|b| b.is_ascii_digit()) {
            return Self::parse(input);
        }
        let err = |reason| DayIdError {
            input: input.to_owned(),
            reason,
        };
        let n: u32 = input.parse().map_err(|_| err("the number is too large"))?;
        Self::from_number(n).ok_or_else(|| err("days are numbered from 1 to 1000000"))
    }
}

impl fmt::Display for DayId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "day-{}", self.0)
    }
}

impl std::str::FromStr for DayId {
    type Err = DayIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A numbered series of days ("Day 686 of the invasion of Ukraine"): day 1 falls on `epoch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The series' name, for people.
    pub name: String,
    /// The date of day 1.
    pub epoch: Date,
}

impl Series {
    /// A series whose day 1 is `epoch`.
    pub fn new(name: impl Into<String>, epoch: Date) -> Self {
        Self {
            name: name.into(),
            epoch,
        }
    }

    /// The date of day `number` (day 1 is the epoch); `None` for day 0 or past the calendar's end.
    pub fn date_of(&self, number: u32) -> Option<Date> {
        let offset = i64::from(number.checked_sub(1)?);
        self.epoch
            .checked_add(jiff::Span::new().try_days(offset).ok()?)
            .ok()
    }

    /// The day number that falls on `date`, if it is on or after the epoch.
    pub fn day_of(&self, date: Date) -> Option<u32> {
        let days = self.epoch.until(date).ok()?.get_days();
        u32::try_from(days).ok()?.checked_add(1)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_and_malformed_ids() {
        for bad in [
            "../x",
            "day-",
            "day-0",
            "Day-686 ",
            "/etc/passwd",
            "day-686/../..",
            "day-01",
            "day-+1",
            "day-99999999999",
        ] {
            assert!(DayId::parse(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(DayId::parse("day-686").map(DayId::number), Ok(686));
    }

    #[test]
    fn day_686_is_2024_01_10() {
        let s = Series::new("x", "2022-02-24".parse().unwrap());
        assert_eq!(s.date_of(686).unwrap().to_string(), "2024-01-10");
        assert_eq!(s.day_of("2024-01-10".parse().unwrap()), Some(686));
        assert_eq!(s.date_of(0), None);
    }
}

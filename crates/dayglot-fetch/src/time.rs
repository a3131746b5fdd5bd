//! Times in revision metadata.

/// A wall-clock time as RFC 3339 UTC (`2024-01-10T06:30:00Z`), for revision metadata. The
/// caller reads the clock; this only formats.
pub fn format_time(time: std::time::SystemTime) -> String {
    match jiff::Timestamp::try_from(time) {
        Ok(ts) => ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_times() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_704_868_200);
        assert_eq!(format_time(t), "2024-01-10T06:30:00Z");
    }
}

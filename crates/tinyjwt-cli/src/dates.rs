//! UTC dates and rough durations for the human-readable output.
//!
//! Written here rather than pulled from a date crate: the CLI only ever formats a Unix
//! second count as a proleptic Gregorian UTC date, which is twenty lines of integer
//! arithmetic. NumericDates have no range (RFC 7519 §2), so the count is an `i128`: dates
//! before 1970 and after year 9999 print with ISO 8601's expanded years (`-0001`, `+10000`),
//! and the library's saturated dates (±2^66 s) as a phrase rather than a made-up year.

use tinyjwt::NumericDate;

/// Formats `secs` since the Unix epoch as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn utc(secs: i128) -> String {
    if secs >= NumericDate::SATURATION {
        return "beyond 2^66 seconds after 1970 (no clock reaches it)".to_owned();
    }
    if secs <= -NumericDate::SATURATION {
        return "beyond 2^66 seconds before 1970".to_owned();
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let year = match y {
        0..=9999 => format!("{y:04}"),
        _ if y < 0 => format!("-{:04}", -y),
        _ => format!("+{y}"),
    };
    format!(
        "{year}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month (1-12), day (1-31) of the day `days` after 1970-01-01 (before it when
/// negative); year 0 is 1 BC.
///
/// Howard Hinnant's `civil_from_days`; no overflow for `|days|` below 2^100.
fn civil_from_days(days: i128) -> (i128, i128, i128) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i128::from(m <= 2);
    (y, m, d)
}

/// A rough duration: the two largest non-zero units, e.g. `3 days 4 hours`, `75 years 12 days`,
/// `42 seconds`. Years are 365 days.
pub fn duration(secs: u128) -> String {
    const UNITS: [(&str, u128); 5] = [
        ("year", 365 * 86_400),
        ("day", 86_400),
        ("hour", 3600),
        ("minute", 60),
        ("second", 1),
    ];
    if secs == 0 {
        return "0 seconds".to_owned();
    }
    let mut rest = secs;
    let mut parts = Vec::new();
    for (name, len) in UNITS {
        let n = rest / len;
        rest %= len;
        if n > 0 {
            let s = if n == 1 { "" } else { "s" };
            parts.push(format!("{n} {name}{s}"));
        } else if !parts.is_empty() {
            // Only adjacent units: "1 year 3 hours" would read as more precise than it is.
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_300_819_380), "2011-03-22 18:43:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(4_102_444_800), "2100-01-01 00:00:00 UTC");
        assert_eq!(utc(253_402_300_799), "9999-12-31 23:59:59 UTC");
        assert_eq!(utc(1_700_000_000), "2023-11-14 22:13:20 UTC");
    }

    #[test]
    fn dates_before_1970_and_after_9999() {
        assert_eq!(utc(-1), "1969-12-31 23:59:59 UTC");
        assert_eq!(utc(-100), "1969-12-31 23:58:20 UTC");
        assert_eq!(utc(-86_400), "1969-12-31 00:00:00 UTC");
        assert_eq!(utc(-86_401), "1969-12-30 23:59:59 UTC");
        assert_eq!(utc(-2_208_988_800), "1900-01-01 00:00:00 UTC");
        assert_eq!(utc(-62_135_596_800), "0001-01-01 00:00:00 UTC");
        assert_eq!(utc(-62_135_596_801), "0000-12-31 23:59:59 UTC");
        assert_eq!(utc(-62_167_219_200), "0000-01-01 00:00:00 UTC");
        assert_eq!(utc(-62_167_219_201), "-0001-12-31 23:59:59 UTC");
        assert_eq!(utc(253_402_300_800), "+10000-01-01 00:00:00 UTC");
        assert_eq!(
            utc(i128::from(i64::MAX)),
            "+292277026596-12-04 15:30:07 UTC"
        );
        assert!(utc(NumericDate::SATURATION - 1).starts_with("+2338"));
        assert!(utc(NumericDate::SATURATION).starts_with("beyond 2^66 seconds after"));
        assert!(utc(-NumericDate::SATURATION).starts_with("beyond 2^66 seconds before"));
    }

    #[test]
    fn every_day_round_trips_through_the_calendar() {
        // Walk 1600..2400 day by day and check the calendar advances correctly.
        let (mut y, mut m, mut d) = (1600i128, 1i128, 1i128);
        for days in -135_140..(430 * 366) {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let month_len = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d += 1;
            if d > month_len {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0 seconds");
        assert_eq!(duration(1), "1 second");
        assert_eq!(duration(61), "1 minute 1 second");
        assert_eq!(duration(3600 * 5 + 59), "5 hours");
        assert_eq!(duration(86_400 * 3 + 3600 * 4 + 7), "3 days 4 hours");
        assert_eq!(duration(365 * 86_400 + 3600), "1 year");
        assert_eq!(duration(2 * 365 * 86_400 + 12 * 86_400), "2 years 12 days");
    }
}

//! Calendar dates: the `Date` type the whole app uses for its daily snapshots.
//!
//! A proleptic Gregorian civil date stored as a day number (days since 1970-01-01), so that stepping
//! a day is an integer add and ranges are plain integer ranges. Parsing accepts exactly the ISO 8601
//! calendar form `YYYY-MM-DD` (what the data files, the URL and the stable `data-current-date` hook
//! use); anything else is a [`DateError`] that says what was wrong. We do not pull in `chrono` or
//! `time` for this: the app needs only these few operations, and every kilobyte of wasm counts.

use std::fmt;

/// A calendar date (no time, no time zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01 (negative before it).
    day: i32,
}

/// Why a string is not an ISO date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` (four digits, dash, two digits, dash, two digits).
    Format(String),
    /// The form is right but the month or day does not exist (e.g. `2020-02-30`).
    OutOfRange(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(f, "“{}” is not a date of the form YYYY-MM-DD", truncate(s, 40)),
            DateError::OutOfRange(s) => {
                write!(f, "“{}” is not a real calendar date", truncate(s, 40))
            }
        }
    }
}

impl std::error::Error for DateError {}

/// Shortens a string for an error message (hostile input can be huge), on a char boundary.
pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date `y-m-d`, or `None` if it does not exist.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1..=9999).contains(&y) {
            return None;
        }
        // Days from civil (H. Hinnant's algorithm): shift the year to start in March so the leap
        // day is the last day of the shifted year.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = m as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date { day: era * 146_097 + doe - 719_468 })
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.day + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        (y, m, d)
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return Err(DateError::Format(s.to_string()));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        Date::from_ymd(num(0..4) as i32, num(5..7), num(8..10)).ok_or_else(|| DateError::OutOfRange(s.to_string()))
    }

    /// The date `n` days later (earlier if `n` is negative).
    pub fn add_days(self, n: i32) -> Date {
        Date { day: self.day + n }
    }

    /// Whole days from `other` to `self` (`self - other`).
    pub fn days_since(self, other: Date) -> i32 {
        self.day - other.day
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.day + 3).rem_euclid(7) as u32
    }
}

impl fmt::Display for Date {
    /// Formats as ISO `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_for_years() {
        let start = Date::parse("1999-12-25").unwrap();
        for n in 0..(366 * 30) {
            let d = start.add_days(n);
            assert_eq!(Date::parse(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn known_dates() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days_since(Date { day: 0 }), 0);
        let d = Date::parse("2020-02-29").unwrap();
        assert_eq!(d.ymd(), (2020, 2, 29));
        assert_eq!(d.add_days(1).to_string(), "2020-03-01");
        assert_eq!(Date::parse("2020-03-01").unwrap().days_since(Date::parse("2020-02-10").unwrap()), 20);
        // 2020-02-19 was a Wednesday.
        assert_eq!(Date::parse("2020-02-19").unwrap().weekday(), 2);
    }

    #[test]
    fn rejects_bad_strings() {
        for s in ["", "2020-2-19", "2020/02/19", "20200219", "2020-02-19T00:00", "２０２０-02-19", "abcd-ef-gh"] {
            assert!(matches!(Date::parse(s), Err(DateError::Format(_))), "{s}");
        }
        for s in ["2019-02-29", "2020-13-01", "2020-00-10", "2020-04-31", "0000-01-01"] {
            assert!(matches!(Date::parse(s), Err(DateError::OutOfRange(_))), "{s}");
        }
    }

    #[test]
    fn error_messages_are_bounded() {
        let long = "x".repeat(10_000);
        let msg = Date::parse(&long).unwrap_err().to_string();
        assert!(msg.len() < 100, "{msg}");
    }
}

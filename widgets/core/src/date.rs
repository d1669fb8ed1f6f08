//! Plain calendar dates (no time zones), as editors write them: `2026-11-25`.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a valid date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not in the `YYYY-MM-DD` shape.
    Format,
    /// The month is not 1–12.
    Month(u32),
    /// The day does not exist in that month (e.g. February 30).
    Day { year: i32, month: u8, day: u32 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => write!(f, "expected a date like 2026-01-31 (year-month-day)"),
            DateError::Month(m) => write!(f, "there is no month {m}; months run from 01 to 12"),
            DateError::Day { year, month, day } => write!(
                f,
                "{year}-{month:02} has {} days, so day {day} does not exist",
                days_in_month(*year, *month)
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// Whether `year` has a February 29.
pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month of a year (`month` is 1–12).
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date from its parts, if that day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month.into()));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day {
                year,
                month,
                day: day.into(),
            });
        }
        Ok(Date { year, month, day })
    }

    /// A date from its parts in a constant, if that day exists.
    pub const fn new_const(year: i32, month: u8, day: u8) -> Option<Date> {
        if month < 1 || month > 12 || day == 0 || day > days_in_month(year, month) {
            None
        } else {
            Some(Date { year, month, day })
        }
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        // year < 10_000 and month <= 12 by construction, so the casts are exact.
        let (year, month) = (year as i32, month as u8);
        if day == 0 || day > u32::from(days_in_month(year, month)) {
            return Err(DateError::Day { year, month, day });
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 = January … 12 = December.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it). Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01. Howard Hinnant's `civil_from_days`.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date like 2025-01-31")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).map_err(|e| match e {
                    DateError::Format => E::custom("expected a date like 2025-01-31"),
                    other => E::custom(other),
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl Date {
    /// The same day `years` later; February 29 becomes February 28 in a year without one.
    pub fn add_years_clamped(self, years: i32) -> Date {
        let year = self.year + years;
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let d = Date::parse("2026-11-25").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2026, 11, 25));
        assert_eq!(d.to_string(), "2026-11-25");
    }

    #[test]
    fn rejects_impossible_days_with_a_reason() {
        assert_eq!(
            Date::parse("2025-02-29"),
            Err(DateError::Day {
                year: 2025,
                month: 2,
                day: 29
            })
        );
        assert!(Date::parse("2024-02-29").is_ok());
        assert_eq!(Date::parse("2026-13-01"), Err(DateError::Month(13)));
        assert_eq!(Date::parse("2026-1-01"), Err(DateError::Format));
        assert_eq!(Date::parse("26/11/2026"), Err(DateError::Format));
        assert_eq!(Date::parse("2026-11-25 "), Err(DateError::Format));
        assert_eq!(Date::parse("２０２６-11-25"), Err(DateError::Format));
        assert!(DateError::Day {
            year: 2025,
            month: 2,
            day: 29
        }
        .to_string()
        .contains("28 days"));
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2000) && is_leap_year(2024));
        assert!(!is_leap_year(1900) && !is_leap_year(2026));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
        assert_eq!(Date::parse("1997-04-01").unwrap().to_days(), 9952);
        for n in -800_000..800_000 {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
    }

    #[test]
    fn adding_days_crosses_months_and_leap_days() {
        let d = Date::parse("2024-02-28").unwrap();
        assert_eq!(d.add_days(1).to_string(), "2024-02-29");
        assert_eq!(d.add_days(2).to_string(), "2024-03-01");
        assert_eq!(
            Date::parse("2025-01-01").unwrap().add_days(89).to_string(),
            "2025-03-31"
        );
        assert_eq!(d.days_until(Date::parse("2025-02-28").unwrap()), 366);
    }
}

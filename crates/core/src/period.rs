//! Calendar periods as sources state them: a year, a month or a day, and windows between two of them.

use core::cmp::Ordering;

/// A calendar period at the precision a source gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Year(u16),
    Month(u16, u8),
    Day(u16, u8, u8),
}

impl Period {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar day). `None` otherwise.
    pub fn parse(s: &str) -> Option<Period> {
        let b = s.as_bytes();
        let num = |r: core::ops::Range<usize>| -> Option<u16> {
            let part = b.get(r)?;
            if part.iter().all(u8::is_ascii_digit) {
                Some(part.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
            } else {
                None
            }
        };
        let year = num(0..4)?;
        if !(1900..=2999).contains(&year) {
            return None;
        }
        match b.len() {
            4 => Some(Period::Year(year)),
            7 if b[4] == b'-' => {
                let m = num(5..7)?;
                (1..=12)
                    .contains(&m)
                    .then_some(Period::Month(year, m as u8))
            }
            10 if b[4] == b'-' && b[7] == b'-' => {
                let m = num(5..7)?;
                let d = num(8..10)?;
                if !(1..=12).contains(&m) || d < 1 || d > u16::from(days_in_month(year, m as u8)) {
                    return None;
                }
                Some(Period::Day(year, m as u8, d as u8))
            }
            _ => None,
        }
    }

    /// The period as written in the snapshot: `2025`, `2025-08`, `2025-08-01`.
    pub fn iso(self) -> String {
        let two = |n: u8| {
            let mut s = String::new();
            if n < 10 {
                s.push('0');
            }
            s.push_str(&n.to_string());
            s
        };
        let mut s = self.year().to_string();
        if let Period::Month(_, m) | Period::Day(_, m, _) = self {
            s.push('-');
            s.push_str(&two(m));
        }
        if let Period::Day(_, _, d) = self {
            s.push('-');
            s.push_str(&two(d));
        }
        s
    }

    /// The year.
    pub fn year(self) -> u16 {
        match self {
            Period::Year(y) | Period::Month(y, _) | Period::Day(y, _, _) => y,
        }
    }

    /// The month (1–12), if the period has one.
    pub fn month(self) -> Option<u8> {
        match self {
            Period::Year(_) => None,
            Period::Month(_, m) | Period::Day(_, m, _) => Some(m),
        }
    }

    /// The first day of the period as (year, month, day).
    pub fn first_day(self) -> (u16, u8, u8) {
        match self {
            Period::Year(y) => (y, 1, 1),
            Period::Month(y, m) => (y, m, 1),
            Period::Day(y, m, d) => (y, m, d),
        }
    }

    /// The last day of the period as (year, month, day).
    pub fn last_day(self) -> (u16, u8, u8) {
        match self {
            Period::Year(y) => (y, 12, 31),
            Period::Month(y, m) => (y, m, days_in_month(y, m)),
            Period::Day(y, m, d) => (y, m, d),
        }
    }
}

/// A window of time from `start` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: Period,
    pub end: Period,
}

impl Window {
    /// A window, if `end` does not end before `start` begins.
    pub fn new(start: Period, end: Period) -> Option<Window> {
        (end.last_day().cmp(&start.first_day()) != Ordering::Less).then_some(Window { start, end })
    }
}

/// When a figure holds: over a window, or at (or during) one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Window(Window),
    At(Period),
}

impl When {
    /// The first and last period (the same for a single period).
    pub fn bounds(self) -> (Period, Period) {
        match self {
            When::Window(w) => (w.start, w.end),
            When::At(p) => (p, p),
        }
    }

    /// The middle of this date or window in months since year 0 (a month is 1.0, a day 1/31 of
    /// it): where it sits on a time axis, and the order of dates.
    pub fn month_position(self) -> f64 {
        let (start, end) = self.month_span();
        (start + end) / 2.0
    }

    /// Where this date or window begins and ends, in the units of [`When::month_position`].
    pub fn month_span(self) -> (f64, f64) {
        let (first, last) = self.bounds();
        let (y, m, d) = first.first_day();
        let (y2, m2, d2) = last.last_day();
        let start = f64::from(y) * 12.0 + f64::from(m - 1) + (f64::from(d) - 1.0) / 31.0;
        let end = f64::from(y2) * 12.0 + f64::from(m2 - 1) + f64::from(d2) / 31.0;
        (start, end)
    }
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions() {
        assert_eq!(Period::parse("2025"), Some(Period::Year(2025)));
        assert_eq!(Period::parse("2024-08"), Some(Period::Month(2024, 8)));
        assert_eq!(Period::parse("2025-11-26"), Some(Period::Day(2025, 11, 26)));
        assert_eq!(Period::parse("2024-02-29"), Some(Period::Day(2024, 2, 29)));
    }

    #[test]
    fn rejects_what_is_not_a_calendar_period() {
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-00",
            "2025-02-29",
            "2025-04-31",
            "2025/08",
            "Aug 2025",
            "2025-8",
            "2025-08-1",
            "+202-08",
            "0999",
            "2025-08-01T00:00",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad:?} should not parse");
        }
    }

    #[test]
    fn writes_back_as_parsed() {
        for s in ["2025", "2024-08", "2025-11-26", "2024-02-29"] {
            assert_eq!(Period::parse(s).unwrap().iso(), s);
        }
    }

    #[test]
    fn a_window_may_not_end_before_it_starts() {
        let aug24 = Period::Month(2024, 8);
        let aug25 = Period::Month(2025, 8);
        assert!(Window::new(aug24, aug25).is_some());
        assert!(Window::new(aug25, aug24).is_none());
        // A single month is a valid window; a day inside a month overlaps it.
        assert!(Window::new(aug24, aug24).is_some());
        assert!(Window::new(Period::Month(2024, 8), Period::Day(2024, 8, 31)).is_some());
        assert!(Window::new(Period::Year(2025), Period::Month(2024, 12)).is_none());
    }
}

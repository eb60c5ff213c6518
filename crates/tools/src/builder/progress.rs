//! Progress of a long run on standard error, one line rewritten in place, when standard error is a
//! terminal; nothing otherwise (a log or a pipe gets only the report).

use std::io::{IsTerminal, Write};

/// Rows between two updates of the line.
const EVERY: u64 = 1 << 20;

pub struct Progress {
    on: bool,
    /// Rows in the input, when the file says.
    total: Option<u64>,
    next: u64,
    shown: bool,
}

impl Progress {
    /// Shows progress when standard error is a terminal.
    pub fn on_terminal(total: Option<u64>) -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
            total,
            next: EVERY,
            shown: false,
        }
    }

    /// Shows nothing.
    pub fn quiet() -> Progress {
        Progress {
            on: false,
            total: None,
            next: u64::MAX,
            shown: false,
        }
    }

    /// `rows` rows read so far.
    pub fn rows(&mut self, rows: u64) {
        if rows >= self.next {
            self.next = rows + EVERY;
            let line = reading_line(rows, self.total);
            self.show(&line);
        }
    }

    /// A new phase of the run.
    pub fn phase(&mut self, what: &str) {
        self.show(what);
    }

    fn show(&mut self, line: &str) {
        if self.on {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r\x1b[2Koms build-series: {line}");
            let _ = e.flush();
            self.shown = true;
        }
    }

    /// Clears the line.
    pub fn done(&mut self) {
        if self.on && self.shown {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r\x1b[2K");
            let _ = e.flush();
            self.shown = false;
        }
    }
}

/// `12,345,678` (thousands separated by commas).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The line shown while reading.
pub fn reading_line(rows: u64, total: Option<u64>) -> String {
    match total {
        Some(t) if t > 0 => format!(
            "reading, {} of {} rows ({} %)",
            grouped(rows),
            grouped(t),
            rows.min(t) * 100 / t
        ),
        _ => format!("reading, {} rows", grouped(rows)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_say_rows_of_how_many() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(32_700_000), "32,700,000");
        assert_eq!(
            reading_line(12_345_678, Some(32_700_000)),
            "reading, 12,345,678 of 32,700,000 rows (37 %)"
        );
        assert_eq!(reading_line(1_048_576, None), "reading, 1,048,576 rows");
    }

    #[test]
    fn quiet_progress_never_writes() {
        let mut p = Progress::quiet();
        p.rows(10 * EVERY);
        p.phase("differencing");
        assert!(!p.shown);
    }
}

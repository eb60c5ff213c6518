//! Exact decimal figures.
//!
//! Published figures are decimal (17.1, 15.86, 1.15 billion). Arithmetic on them in `f64` drifts
//! (`100.0 - 17.1 - 15.8` is `67.10000000000001`), so derived figures are computed on integers scaled by
//! a power of ten, and printed digit by digit: no float formatting, no rounding surprises.

/// The most decimal places a published figure may carry.
pub const MAX_DECIMALS: u8 = 6;
/// The most decimal places a derived figure may carry (a count in billions: 1.15 = 1150000000e-9).
const MAX_INTERNAL_DECIMALS: u8 = 9;

/// A decimal number: `units / 10^decimals`, exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    units: i64,
    decimals: u8,
}

const POW10: [i64; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

impl Decimal {
    /// `units / 10^decimals`. `decimals` above 9 is clamped.
    pub const fn new(units: i64, decimals: u8) -> Self {
        let decimals = if decimals > MAX_INTERNAL_DECIMALS {
            MAX_INTERNAL_DECIMALS
        } else {
            decimals
        };
        Decimal { units, decimals }
    }

    /// The same value with trailing zero decimals removed (17.10 -> 17.1, 100.0 -> 100).
    pub fn normalized(self) -> Self {
        let mut d = self;
        while d.decimals > 0 && d.units % 10 == 0 {
            d.units /= 10;
            d.decimals -= 1;
        }
        d
    }

    /// This value divided by `10^places`, exactly (1150000000 / 10^9 = 1.15), when the result
    /// needs at most 9 decimal places; `None` otherwise.
    pub fn shifted(self, places: u8) -> Option<Self> {
        let d = self.normalized();
        let decimals = d.decimals.checked_add(places)?;
        (decimals <= MAX_INTERNAL_DECIMALS).then(|| Decimal::new(d.units, decimals).normalized())
    }

    /// The whole-number part, rounded toward zero.
    pub fn trunc(self) -> i64 {
        self.units / POW10[self.decimals as usize]
    }

    /// The decimal a JSON number was written as, with the fewest decimal places that represent it
    /// (17.1 -> 171/10; 1150000000 -> 1150000000/1). `None` if it is not finite, needs more than
    /// [`MAX_DECIMALS`] places, or is too large to hold exactly.
    pub fn from_f64(v: f64) -> Option<Self> {
        if !v.is_finite() || v.abs() > 9.0e15 {
            return None;
        }
        for (d, &p) in POW10[..=MAX_DECIMALS as usize].iter().enumerate() {
            let scaled = v * p as f64;
            if scaled.abs() > 9.0e15 {
                return None;
            }
            let r = scaled.round();
            // Tolerance for the binary representation of a decimal literal, relative to the scale.
            if (scaled - r).abs() <= 1e-6 * (1.0 + scaled.abs() * 1e-9) {
                return Some(Decimal::new(r as i64, d as u8));
            }
        }
        None
    }

    /// The value as `f64` (for geometry only; never for figures shown as text).
    pub fn to_f64(self) -> f64 {
        self.units as f64 / POW10[self.decimals as usize] as f64
    }

    /// The value scaled by `10^decimals` (`17.1` is 171 units at 1 decimal).
    pub fn units(self) -> i64 {
        self.units
    }

    /// The same value written with `decimals` places (17.1 -> 17.10), when that is at least its
    /// own, at most 9, and the units fit; `None` otherwise.
    pub fn with_decimals(self, decimals: u8) -> Option<Self> {
        if decimals < self.decimals || decimals > MAX_INTERNAL_DECIMALS {
            return None;
        }
        let units = self
            .units
            .checked_mul(POW10[(decimals - self.decimals) as usize])?;
        Some(Decimal::new(units, decimals))
    }

    /// The number of decimal places.
    pub fn decimals(self) -> u8 {
        self.decimals
    }

    /// `true` below zero.
    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    /// The units at `decimals` places, in i128 so that no figure can overflow on the way.
    fn rescaled(self, decimals: u8) -> i128 {
        i128::from(self.units) * i128::from(POW10[(decimals - self.decimals) as usize])
    }

    fn common(self, other: Self) -> (i128, i128, u8) {
        let d = self.decimals.max(other.decimals);
        (self.rescaled(d), other.rescaled(d), d)
    }

    /// A result back in range: validated figures stay far inside i64, so saturation only ever
    /// applies to values validation has already refused.
    fn from_wide(units: i128, decimals: u8) -> Self {
        let units = units.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        Decimal::new(units, decimals)
    }

    /// Compares the two values (not their representation: 17.10 equals 17.1).
    pub fn cmp_value(self, other: Self) -> core::cmp::Ordering {
        let (a, b, _) = self.common(other);
        a.cmp(&b)
    }

    /// Writes the number with `.` or `,` as the decimal separator, and `group` (if any) between
    /// thousands, keeping exactly its decimal places.
    pub fn write(self, out: &mut String, decimal_sep: char, group: Option<char>) {
        if self.units < 0 {
            out.push('-');
        }
        let abs = self.units.unsigned_abs();
        let p = POW10[self.decimals as usize] as u64;
        let int = abs / p;
        let frac = abs % p;
        push_grouped(out, int, group);
        if self.decimals > 0 {
            out.push(decimal_sep);
            let digits = digits_of(frac);
            for _ in digits.len()..self.decimals as usize {
                out.push('0');
            }
            out.push_str(&digits);
        }
    }
}

/// Exact addition, with the larger number of decimal places.
impl core::ops::Add for Decimal {
    type Output = Decimal;
    fn add(self, other: Self) -> Self {
        let (a, b, d) = self.common(other);
        Decimal::from_wide(a + b, d)
    }
}

/// Exact subtraction, with the larger number of decimal places.
impl core::ops::Sub for Decimal {
    type Output = Decimal;
    fn sub(self, other: Self) -> Self {
        let (a, b, d) = self.common(other);
        Decimal::from_wide(a - b, d)
    }
}

fn digits_of(mut n: u64) -> String {
    let mut rev = Vec::new();
    loop {
        rev.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    rev.iter().rev().map(|&b| b as char).collect()
}

fn push_grouped(out: &mut String, n: u64, group: Option<char>) {
    let digits = digits_of(n);
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if let Some(g) = group {
            if i > 0 && (len - i) % 3 == 0 {
                out.push(g);
            }
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: Decimal) -> String {
        let mut s = String::new();
        d.write(&mut s, '.', Some(','));
        s
    }

    #[test]
    fn reads_the_decimal_places_a_figure_was_written_with() {
        assert_eq!(Decimal::from_f64(17.1), Some(Decimal::new(171, 1)));
        assert_eq!(Decimal::from_f64(15.86), Some(Decimal::new(1586, 2)));
        assert_eq!(Decimal::from_f64(100.0), Some(Decimal::new(100, 0)));
        assert_eq!(
            Decimal::from_f64(1_150_000_000.0),
            Some(Decimal::new(1_150_000_000, 0))
        );
        assert_eq!(Decimal::from_f64(0.1234567), None);
        assert_eq!(Decimal::from_f64(f64::NAN), None);
        assert_eq!(Decimal::from_f64(f64::INFINITY), None);
    }

    #[test]
    fn remainder_is_exact_where_f64_drifts() {
        let hundred = Decimal::new(100, 0);
        let r = hundred - Decimal::from_f64(17.1).unwrap() - Decimal::from_f64(15.8).unwrap();
        assert_ne!(100.0 - 17.1 - 15.8, 67.1);
        assert_eq!(show(r), "67.1");
        let gap = Decimal::from_f64(17.1).unwrap() - Decimal::from_f64(15.8).unwrap();
        assert_eq!(show(gap), "1.3");
    }

    #[test]
    fn writes_digits_separators_and_padding() {
        assert_eq!(show(Decimal::new(5, 2)), "0.05");
        assert_eq!(show(Decimal::new(-13, 1)), "-1.3");
        assert_eq!(show(Decimal::new(1_234_567, 0)), "1,234,567");
        assert_eq!(show(Decimal::new(100, 0)), "100");
        let mut s = String::new();
        Decimal::new(171, 1).write(&mut s, ',', None);
        assert_eq!(s, "17,1");
    }

    #[test]
    fn shifts_and_normalizes_exactly() {
        let big = Decimal::new(1_150_000_000, 0);
        assert_eq!(show(big.shifted(9).unwrap()), "1.15");
        assert_eq!(
            show(Decimal::new(723_000_000, 0).shifted(6).unwrap()),
            "723"
        );
        assert_eq!(show(Decimal::new(1710, 2).normalized()), "17.1");
        assert_eq!(Decimal::new(1, 6).shifted(6), None);
        assert_eq!(
            Decimal::new(385_300_000, 0).shifted(6).unwrap().trunc(),
            385
        );
    }

    #[test]
    fn large_and_precise_figures_compare_without_overflow() {
        use core::cmp::Ordering;
        let big = Decimal::new(9_000_000_000_000_000, 0);
        let tiny = Decimal::new(1, 6);
        assert_eq!(big.cmp_value(tiny), Ordering::Greater);
        assert_eq!(tiny.cmp_value(big), Ordering::Less);
        let sum = big + tiny;
        assert!(!sum.is_negative(), "saturates instead of wrapping");
    }

    #[test]
    fn compares_values_not_representations() {
        use core::cmp::Ordering;
        assert_eq!(
            Decimal::new(1710, 2).cmp_value(Decimal::new(171, 1)),
            Ordering::Equal
        );
        assert_eq!(
            Decimal::new(158, 1).cmp_value(Decimal::new(171, 1)),
            Ordering::Less
        );
    }
}

//! A small stable sort for the short lists the widget orders (series, dates, labels).
//!
//! The standard library's stable sort is fast on long slices but brings a few kilobytes of code
//! into the WebAssembly binary for every element type and comparison it is used with; the widget
//! sorts at most a few hundred items a few times per render, where an insertion sort is as fast in
//! practice and a fraction of the size (measured in the README's Performance section).

use core::cmp::Ordering;

/// Sorts `v` in place by `cmp`, keeping equal elements in their order (stable). O(n²) compares in
/// the worst case: for short slices only.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small linear congruential generator: many lengths, many ties.
        let mut seed = 12345u32;
        let mut next = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 16
        };
        for len in 0..60 {
            let v: Vec<(u32, usize)> = (0..len).map(|i| (next() % 7, i)).collect();
            let mut ours = v.clone();
            let mut std = v;
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "length {len}: same order, ties kept in place");
        }
        let mut f = [3.5, -1.0, 2.0, f64::NAN, 0.0];
        sort_by(&mut f, f64::total_cmp);
        assert_eq!(f[..4], [-1.0, 0.0, 2.0, 3.5]);
        assert!(f[4].is_nan());
    }
}

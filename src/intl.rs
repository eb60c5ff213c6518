//! Numbers and dates formatted by the browser's `Intl`, installed as the core's formatter.
//!
//! The core composes sentences, units and scales; `Intl` writes each number and date. Its output
//! must agree with the core's pure rules (a browser test checks it), so the host's static fallback
//! and tests say the same as the widget.

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use oms_core::decimal::Decimal;
use oms_core::text::{Formatter, Lang};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// `Intl` formatters, created once per language and options (creating them is slow).
#[derive(Default)]
pub struct IntlFormatter {
    numbers: RefCell<Vec<((Lang, u8), Function)>>,
    dates: RefCell<Vec<((Lang, u8), Function)>>,
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.bcp47()))
}

/// `Intl` separates date parts with plain spaces: keep a date on one line, as the pure rules do.
fn no_break(s: String) -> String {
    s.replace(' ', "\u{a0}")
}

impl IntlFormatter {
    fn number_format(&self, lang: Lang, decimals: u8) -> Function {
        let mut cache = self.numbers.borrow_mut();
        if let Some((_, f)) = cache.iter().find(|(k, _)| *k == (lang, decimals)) {
            return f.clone();
        }
        let d = JsValue::from_f64(f64::from(decimals));
        let nf = Intl::NumberFormat::new(
            &locales(lang),
            &options(&[
                ("minimumFractionDigits", d.clone()),
                ("maximumFractionDigits", d),
            ]),
        );
        let f = nf.format();
        cache.push(((lang, decimals), f.clone()));
        f
    }

    /// Date formats: 0 year, 1 month and year, 2 day, month and year.
    fn date_format(&self, lang: Lang, precision: u8) -> Function {
        let mut cache = self.dates.borrow_mut();
        if let Some((_, f)) = cache.iter().find(|(k, _)| *k == (lang, precision)) {
            return f.clone();
        }
        let mut opts = vec![
            ("timeZone", JsValue::from_str("UTC")),
            ("year", JsValue::from_str("numeric")),
        ];
        if precision >= 1 {
            opts.push(("month", JsValue::from_str("short")));
        }
        if precision >= 2 {
            opts.push(("day", JsValue::from_str("numeric")));
        }
        let f = Intl::DateTimeFormat::new(&locales(lang), &options(&opts)).format();
        cache.push(((lang, precision), f.clone()));
        f
    }

    fn date(&self, lang: Lang, precision: u8, y: u16, m: u8, d: u8) -> String {
        let ms = Date::utc(f64::from(y), f64::from(m.max(1) - 1))
            + (f64::from(d.max(1)) - 1.0) * 86_400_000.0;
        let date = Date::new(&JsValue::from_f64(ms));
        let out = self
            .date_format(lang, precision)
            .call1(&JsValue::UNDEFINED, &date)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        no_break(out)
    }
}

impl Formatter for IntlFormatter {
    fn number(&self, lang: Lang, d: Decimal) -> String {
        // Intl reads a decimal string exactly (no binary rounding on the way).
        let mut text = String::new();
        d.write(&mut text, '.', None);
        self.number_format(lang, d.decimals())
            .call1(&JsValue::UNDEFINED, &JsValue::from_str(&text))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or(text)
    }

    fn year(&self, lang: Lang, year: u16) -> String {
        self.date(lang, 0, year, 1, 1)
    }

    fn month(&self, lang: Lang, year: u16, month: u8) -> String {
        self.date(lang, 1, year, month, 1)
    }

    fn day(&self, lang: Lang, year: u16, month: u8, day: u8) -> String {
        self.date(lang, 2, year, month, day)
    }
}

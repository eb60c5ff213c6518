//! The palette in `style/main.css`, light and dark: contrast of text (4.5:1) and marks (3:1)
//! against the background and the bar track, and China and the US still told apart under
//! simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1).

const CSS: &str = include_str!("../../../style/main.css");

type Rgb = [f64; 3];

/// The `--oms-*` colours of the `:root` block, `light-dark(#light, #dark)`: the light ones
/// (`dark == false`) or the dark ones.
fn palette(dark: bool) -> Vec<(String, Rgb)> {
    let start = CSS.find(":root {").expect(":root") + 7;
    let end = start + CSS[start..].find('}').expect("end of block");
    CSS[start..end]
        .lines()
        .filter_map(|l| {
            let (name, value) = l.trim().trim_end_matches(';').split_once(':')?;
            let pair = value
                .trim()
                .strip_prefix("light-dark(")?
                .strip_suffix(')')?;
            let (light, dark_value) = pair.split_once(',')?;
            let hex = if dark { dark_value } else { light }
                .trim()
                .strip_prefix('#')?;
            let n = u32::from_str_radix(hex, 16).ok()?;
            let c = |shift: u32| f64::from((n >> shift) & 0xff) / 255.0;
            Some((name.trim().to_owned(), [c(16), c(8), c(0)]))
        })
        .collect()
}

fn color(p: &[(String, Rgb)], name: &str) -> Rgb {
    p.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is defined"))
        .1
}

fn linear(c: f64) -> f64 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance(c: Rgb) -> f64 {
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

fn simulate(c: Rgb, m: [[f64; 3]; 3]) -> [f64; 3] {
    let l = [linear(c[0]), linear(c[1]), linear(c[2])];
    let mut out = [0.0; 3];
    for (i, row) in m.iter().enumerate() {
        out[i] = (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]).clamp(0.0, 1.0);
    }
    out
}

/// CIELAB of a linear-RGB colour (D65).
fn lab(l: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2]) / 0.95047;
    let y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    let z = (0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2]) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (p, q) = (lab(a), lab(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

const IDENTITY: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
const PROTANOPIA: [[f64; 3]; 3] = [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
];
const DEUTERANOPIA: [[f64; 3]; 3] = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
];
const TRITANOPIA: [[f64; 3]; 3] = [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.303900],
];

fn themes() -> [(&'static str, Vec<(String, Rgb)>); 2] {
    let light = palette(false);
    assert!(light.len() >= 12, "the palette is read: {light:?}");
    [("light", palette(false)), ("dark", palette(true))]
}

#[test]
fn text_and_marks_have_enough_contrast_in_both_themes() {
    for (theme, p) in themes() {
        let bg = color(&p, "--oms-bg");
        for text in ["--oms-text", "--oms-muted", "--oms-link"] {
            let r = contrast(color(&p, text), bg);
            assert!(r >= 4.5, "{theme} {text}: {r:.2}:1 against the background");
        }
        let track = color(&p, "--oms-track");
        for mark in [
            "--oms-china",
            "--oms-us",
            "--oms-series",
            "--oms-remainder",
            "--oms-focus",
        ] {
            for (against, c) in [("background", bg), ("track", track)] {
                let r = contrast(color(&p, mark), c);
                assert!(r >= 3.0, "{theme} {mark}: {r:.2}:1 against the {against}");
            }
        }
    }
}

#[test]
fn china_and_the_us_stay_apart_under_colour_blindness() {
    for (theme, p) in themes() {
        let (cn, us) = (color(&p, "--oms-china"), color(&p, "--oms-us"));
        for (name, m) in [
            ("normal vision", IDENTITY),
            ("protanopia", PROTANOPIA),
            ("deuteranopia", DEUTERANOPIA),
            ("tritanopia", TRITANOPIA),
        ] {
            let d = delta_e(simulate(cn, m), simulate(us, m));
            assert!(
                d >= 25.0,
                "{theme}, {name}: China and US only {d:.1} apart (ΔE76)"
            );
        }
    }
}

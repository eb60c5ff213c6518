//! Listening to a chart: each figure as a tone, higher share higher pitch, so a reader who cannot
//! see the chart hears its shape (sonification, as Highcharts offers). Pure: the score (which
//! tones, when, how high, on which side, in which voice) and the words said before each series;
//! the widget only plays it through Web Audio.
//!
//! Over time, each emphasized series plays in turn, its points in date order; China on the left in
//! a soft voice (sine), the United States on the right in a bright one (triangle), anything else
//! in the middle (square, quieter). Bars play one tone per bar, in the chart's order. Pitch follows
//! the chart's own value axis: from [`LOW_HZ`] at zero to two octaves higher at the axis' top,
//! evenly in semitones, so equal steps of share sound as equal steps of pitch.

use crate::chart::Marks;
use crate::figures;
use crate::snapshot::{MetricIndex, SeriesIndex, Snapshot};
use crate::text::{self, Lang};

/// The pitch of a zero value, Hz (A3).
pub const LOW_HZ: f64 = 220.0;
/// How many octaves the axis spans, from zero to its top.
pub const OCTAVES: f64 = 2.0;
/// A tone of a point on a dense series (a month of a computed series), seconds.
pub const DENSE_TONE: f64 = 0.16;
/// A tone of a point of a sparse series or of a bar, seconds.
pub const TONE: f64 = 0.45;
/// The silence after each tone, seconds.
pub const GAP: f64 = 0.04;
/// The silence before each series (its name is said there), seconds.
pub const SERIES_PAUSE: f64 = 1.2;
/// How far left or right China and the United States sound (-1 is all left).
pub const PAN: f64 = 0.7;

/// The timbre of a tone (an oscillator's wave).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    Sine,
    Triangle,
    Square,
}

impl Voice {
    /// The Web Audio oscillator type.
    pub fn wave(self) -> &'static str {
        match self {
            Voice::Sine => "sine",
            Voice::Triangle => "triangle",
            Voice::Square => "square",
        }
    }

    /// How loud the voice plays (a square wave sounds louder than a sine at one gain).
    pub fn gain(self) -> f64 {
        match self {
            Voice::Sine => 0.5,
            Voice::Triangle => 0.45,
            Voice::Square => 0.18,
        }
    }
}

/// One tone.
#[derive(Clone, Debug, PartialEq)]
pub struct Tone {
    /// From the start of the score, seconds.
    pub start: f64,
    pub duration: f64,
    /// The pitch above [`LOW_HZ`], in cents (a semitone is 100): Web Audio's `detune` turns it
    /// into a frequency (see [`Tone::hz`]), so the widget needs no exponential of its own.
    pub cents: f64,
    /// -1 (left) to 1 (right).
    pub pan: f64,
    pub voice: Voice,
    /// The figure's value as a part of the axis, 0 to 1 (what the pitch says).
    pub part: f64,
}

impl Tone {
    /// The tone's frequency, Hz.
    pub fn hz(&self) -> f64 {
        LOW_HZ * (self.cents / 1200.0).exp2()
    }
}

/// What is said before a series plays, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub at: f64,
    pub text: String,
}

/// A chart as sound.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// How the sound maps the chart, said once before it starts.
    pub intro: String,
    pub cues: Vec<Cue>,
    pub tones: Vec<Tone>,
    /// The length of the whole score, seconds.
    pub length: f64,
}

/// The pitch of a value at `part` of the axis (0 to 1), in cents above [`LOW_HZ`].
pub fn cents(part: f64) -> f64 {
    OCTAVES * 1200.0 * part.clamp(0.0, 1.0)
}

/// Where a series sounds and in which voice, by its colour family.
fn placement(tone: &str) -> (f64, Voice) {
    match tone {
        "china" => (-PAN, Voice::Sine),
        "us" => (PAN, Voice::Triangle),
        _ => (0.0, Voice::Square),
    }
}

/// The words for a series' place and voice ("China, on the left, soft").
fn voice_words(lang: Lang, label: &str, tone: &str) -> String {
    let ui = lang.ui();
    let (side, voice) = match tone {
        "china" => (ui.listen_left, ui.listen_soft),
        "us" => (ui.listen_right, ui.listen_bright),
        _ => (ui.listen_middle, ui.listen_buzzing),
    };
    text::fill(
        ui.listen_voice,
        &[("series", label), ("side", side), ("voice", voice)],
    )
}

/// How the sound maps the chart of metric `metric`, said before it plays: higher figure, higher
/// pitch, and the side and timbre of each voice heard (China's, the United States', the
/// others'). The same whatever the reader hides, so the text under the chart stays put.
pub fn intro(s: &Snapshot, metric: MetricIndex, lang: Lang) -> String {
    let ui = lang.ui();
    let Some(m) = s.metrics.get(metric) else {
        return String::new();
    };
    let series = figures::series_of(m);
    let tones: Vec<&str> = series.iter().map(|&i| figures::tone(s, i)).collect();
    fn family(tone: &str) -> &'static str {
        match tone {
            "china" => "china",
            "us" => "us",
            _ => "other",
        }
    }
    // A dense series over time plays China and the United States when it has them (the others
    // are drawn in the background); otherwise every series plays, and a bar chart's remainder.
    let leading = tones.iter().any(|t| matches!(*t, "china" | "us"));
    let mut heard: Vec<&str> = if figures::is_dense(m) && leading {
        tones
            .iter()
            .map(|t| family(t))
            .filter(|f| *f != "other")
            .collect()
    } else {
        tones.iter().map(|t| family(t)).collect()
    };
    if figures::remainder(m).is_some() {
        heard.push("other");
    }
    let mut voices: Vec<String> = Vec::new();
    for f in ["china", "us", "other"] {
        if !heard.contains(&f) {
            continue;
        }
        // A country's voice is named by its series (an organisation's group), the rest together.
        let label = match s.series.position(|x| x.id == f) {
            Some(i) if f != "other" => text::series_label(lang, s, i),
            _ => ui.listen_others,
        };
        voices.push(voice_words(lang, label, f));
    }
    text::fill(ui.listen_intro, &[("voices", &voices.join(ui.note_sep))])
}

/// The score of metric `metric` as `marks` draw it (leaving out the hidden series).
pub fn score(s: &Snapshot, metric: MetricIndex, marks: &Marks, lang: Lang) -> Option<Score> {
    let m = s.metrics.get(metric)?;
    let mut tones = Vec::new();
    let mut cues = Vec::new();
    let mut t = 0.0;
    // Each run of tones, with its series' name said before it.
    let mut run = |label: &str, tone: &str, parts: &[f64], length: f64, t: &mut f64| {
        let (pan, voice) = placement(tone);
        cues.push(Cue {
            at: *t,
            text: label.to_owned(),
        });
        *t += SERIES_PAUSE;
        for &part in parts {
            tones.push(Tone {
                start: *t,
                duration: length,
                cents: cents(part),
                pan,
                voice,
                part,
            });
            *t += length + GAP;
        }
    };
    match marks {
        Marks::Bars(c) => {
            // One tone per bar, in the chart's order, each after its name.
            for b in &c.bars {
                run(&b.label, &b.tone, &[b.share], TONE, &mut t);
            }
        }
        Marks::Timeline(tl) => {
            let dense = figures::is_dense(m);
            let top = tl.plot_top;
            let height = tl.plot_bottom - tl.plot_top;
            let emphasized: Vec<SeriesIndex> = {
                let mut out: Vec<SeriesIndex> = Vec::new();
                for p in tl.points.iter().filter(|p| p.emphasis) {
                    if !out.contains(&p.series) {
                        out.push(p.series);
                    }
                }
                out
            };
            for series in emphasized {
                let Some(first) = tl.points.iter().find(|p| p.series == series) else {
                    continue;
                };
                // The points are in date order within their series; the pitch follows y.
                let parts: Vec<f64> = tl
                    .points
                    .iter()
                    .filter(|p| p.series == series)
                    .map(|p| {
                        if height > 0.0 {
                            1.0 - (p.y - top) / height
                        } else {
                            0.0
                        }
                    })
                    .collect();
                let label = text::series_label(lang, s, series).to_owned();
                run(
                    &label,
                    &first.tone,
                    &parts,
                    if dense { DENSE_TONE } else { TONE },
                    &mut t,
                );
            }
        }
    }
    if tones.is_empty() {
        return None;
    }
    Some(Score {
        intro: intro(s, metric, lang),
        cues,
        tones,
        length: t,
    })
}

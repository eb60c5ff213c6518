//! Listening to the chart: the core's score (`oms_core::sonify`) played through Web Audio. No
//! sound before the reader asks (the audio context is made by their click); the button or Escape
//! stops it; each series' name is said (politely, once) as it starts.

use crate::ReaderState;
use leptos::prelude::*;
use oms_core::sonify::{self, Score};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// What plays now: its context (closed to stop every tone at once) and the timers of its words.
struct Playing {
    ctx: web_sys::AudioContext,
    timers: Vec<TimeoutHandle>,
}

thread_local! {
    static PLAYING: RefCell<Option<Playing>> = const { RefCell::new(None) };
}

/// Schedules every tone of `score` on `ctx`, `at` seconds on its clock: an oscillator of the
/// tone's voice and pitch, a short fade in and out (no clicks), panned to its side.
pub fn schedule(ctx: &web_sys::BaseAudioContext, score: &Score, at: f64) -> Result<(), JsValue> {
    const FADE: f64 = 0.015;
    for tone in &score.tones {
        let (start, end) = (at + tone.start, at + tone.start + tone.duration);
        let osc = ctx.create_oscillator()?;
        osc.set_type(match tone.voice {
            sonify::Voice::Sine => web_sys::OscillatorType::Sine,
            sonify::Voice::Triangle => web_sys::OscillatorType::Triangle,
            sonify::Voice::Square => web_sys::OscillatorType::Square,
        });
        osc.frequency().set_value(sonify::LOW_HZ as f32);
        osc.detune().set_value(tone.cents as f32);
        let gain = ctx.create_gain()?;
        let level = tone.voice.gain() as f32;
        let g = gain.gain();
        g.set_value_at_time(0.0, start)?;
        g.linear_ramp_to_value_at_time(level, start + FADE)?;
        g.set_value_at_time(level, end - FADE)?;
        g.linear_ramp_to_value_at_time(0.0, end)?;
        let pan = ctx.create_stereo_panner()?;
        pan.pan().set_value(tone.pan as f32);
        osc.connect_with_audio_node(&gain)?
            .connect_with_audio_node(&pan)?
            .connect_with_audio_node(&ctx.destination())?;
        osc.start_with_when(start)?;
        osc.stop_with_when(end)?;
    }
    Ok(())
}

/// The listen buttons of the page, labelled for playing or not; while it plays, the mapping
/// is shown beside them.
fn label_buttons(state: ReaderState, playing: bool) {
    let ui = state.lang.ui();
    for b in crate::dom::all_in_document("[data-action=\"listen\"]") {
        b.set_text_content(Some(if playing { ui.listen_stop } else { ui.listen }));
        if let Ok(Some(control)) = b.closest(".oms-listen") {
            let _ = control
                .class_list()
                .toggle_with_force("oms-listen--on", playing);
        }
    }
}

/// Stops what plays, if anything: `true` if something did.
pub fn stop(state: ReaderState) -> bool {
    let Some(p) = PLAYING.with(|p| p.borrow_mut().take()) else {
        return false;
    };
    let _ = p.ctx.close();
    for t in p.timers {
        t.clear();
    }
    label_buttons(state, false);
    state.said.set(None);
    true
}

/// Plays the chart in view, or stops it if it plays.
pub fn toggle(state: ReaderState) {
    if stop(state) {
        return;
    }
    let (metric, lang) = (state.metric.get_untracked(), state.lang);
    let Some(score) = state.marks.with_untracked(|m| {
        let m = m.as_ref()?;
        state
            .data
            .with_value(|d| sonify::score(&d.snapshot, metric, m, lang))
    }) else {
        return;
    };
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return;
    };
    if schedule(&ctx, &score, ctx.current_time() + 0.05).is_err() {
        let _ = ctx.close();
        return;
    }
    // The words: how the sound maps the chart with the first series' name, then each next name
    // as its series starts.
    let mut timers = Vec::new();
    for (i, cue) in score.cues.iter().enumerate() {
        let words = if i == 0 {
            format!("{} {}", score.intro, cue.text)
        } else {
            cue.text.clone()
        };
        if i == 0 {
            state.said.set(Some(words));
        } else if let Ok(t) = set_timeout_with_handle(
            move || state.said.set(Some(words)),
            Duration::from_millis((cue.at * 1000.0) as u64),
        ) {
            timers.push(t);
        }
    }
    if let Ok(t) = set_timeout_with_handle(
        move || {
            stop(state);
        },
        Duration::from_millis((score.length * 1000.0) as u64 + 200),
    ) {
        timers.push(t);
    }
    PLAYING.with(|p| *p.borrow_mut() = Some(Playing { ctx, timers }));
    label_buttons(state, true);
}

//! The reader's interactions with a chart as plain state transitions, so that what a hover, a
//! tap, a focus or a key does is tested on the host; the widget only feeds its events in and puts
//! the result on screen.
//!
//! Marks are numbered in focus order (the order of [`crate::chart::Marks::targets`]).

use crate::snapshot::SeriesIndex;

/// How a tooltip was opened: a hover closes it on leave, a focus on blur, a tap on the next tap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Hover,
    Focus,
    Tap,
}

/// The mark a tooltip describes, and how it was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Active {
    /// The mark's place in focus order.
    pub mark: usize,
    pub via: Via,
}

/// Something the reader did to the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkEvent {
    /// A pointer entered a mark (`touch`: the pointer is a finger, which hovers nothing).
    Enter { mark: usize, touch: bool },
    /// A pointer left a mark.
    Leave(usize),
    /// A click or tap on a mark.
    Tap(usize),
    /// A mark received keyboard focus.
    Focus(usize),
    /// A mark lost keyboard focus.
    Blur(usize),
    /// A finger pressed and dragged over a chart over time, now at the date of this mark: the
    /// tooltip stays open when it lifts, until a tap elsewhere.
    Scrub(usize),
    /// A click or tap on the chart, off every mark.
    Background,
    /// The Escape key, anywhere.
    Escape,
}

/// The tooltip after `event`, given the one open before it.
pub fn tooltip_after(open: Option<Active>, event: MarkEvent) -> Option<Active> {
    let closed_if = |via: Via| open.filter(|a| a.via != via);
    match event {
        MarkEvent::Enter { touch: true, .. } => open,
        MarkEvent::Enter { mark, touch: false } => Some(Active {
            mark,
            via: Via::Hover,
        }),
        MarkEvent::Leave(_) => closed_if(Via::Hover),
        MarkEvent::Tap(mark) => {
            let same = open
                == Some(Active {
                    mark,
                    via: Via::Tap,
                });
            (!same).then_some(Active {
                mark,
                via: Via::Tap,
            })
        }
        MarkEvent::Focus(mark) => Some(Active {
            mark,
            via: Via::Focus,
        }),
        MarkEvent::Scrub(mark) => Some(Active {
            mark,
            via: Via::Tap,
        }),
        MarkEvent::Blur(_) => closed_if(Via::Focus),
        MarkEvent::Background | MarkEvent::Escape => None,
    }
}

/// The chart's one tab stop after `event`: the mark last tapped or focused.
pub fn tab_stop_after(stop: usize, event: MarkEvent) -> usize {
    match event {
        MarkEvent::Tap(mark) | MarkEvent::Focus(mark) => mark,
        _ => stop,
    }
}

/// A key that moves the focus between marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusKey {
    Right,
    Left,
    Down,
    Up,
    First,
    Last,
}

impl FocusKey {
    /// The move a key makes (by `KeyboardEvent.key`), if any.
    pub fn of(key: &str) -> Option<FocusKey> {
        match key {
            "ArrowRight" => Some(FocusKey::Right),
            "ArrowLeft" => Some(FocusKey::Left),
            "ArrowDown" => Some(FocusKey::Down),
            "ArrowUp" => Some(FocusKey::Up),
            "Home" => Some(FocusKey::First),
            "End" => Some(FocusKey::Last),
            _ => None,
        }
    }
}

/// The mark focused after `key` from `current`, among `count` marks in one row (bars): the
/// arrows step to the next or previous mark (wrapping around), Home and End jump. `None` when
/// there are none.
pub fn focus_after(current: usize, count: usize, key: FocusKey) -> Option<usize> {
    let last = count.checked_sub(1)?;
    let current = current.min(last);
    Some(match key {
        FocusKey::Right | FocusKey::Down => (current + 1) % count,
        FocusKey::Left | FocusKey::Up => (current + count - 1) % count,
        FocusKey::First => 0,
        FocusKey::Last => last,
    })
}

/// The mark focused after `key` from `current` on the chart `marks`: on bars as
/// [`focus_after`]; over time, left and right by date along the series, up and down across the
/// series at that date, Home and End to the first and last date.
pub fn focus_on(marks: &crate::chart::Marks, current: usize, key: FocusKey) -> Option<usize> {
    use crate::chart::timeline::Step;
    match marks {
        crate::chart::Marks::Bars(c) => focus_after(current, c.bars.len(), key),
        crate::chart::Marks::Timeline(t) => {
            let current = current.min(t.points.len().checked_sub(1)?);
            t.step(
                current,
                match key {
                    FocusKey::Right => Step::Date(true),
                    FocusKey::Left => Step::Date(false),
                    FocusKey::Down => Step::Series(true),
                    FocusKey::Up => Step::Series(false),
                    FocusKey::First => Step::End(false),
                    FocusKey::Last => Step::End(true),
                },
            )
        }
    }
}

/// Whether a mark of `series` (`None`: the computed remainder) is dimmed while `highlight` is
/// highlighted in the legend: every other series is, and so is the remainder.
pub fn dimmed(highlight: Option<SeriesIndex>, series: Option<SeriesIndex>) -> bool {
    match (highlight, series) {
        (Some(h), Some(s)) => h != s,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The hidden series after the reader activates `series` in the legend: hidden if shown, shown
/// if hidden (the others keep their order).
pub fn toggled(hidden: &[SeriesIndex], series: SeriesIndex) -> Vec<SeriesIndex> {
    if hidden.contains(&series) {
        hidden.iter().copied().filter(|&h| h != series).collect()
    } else {
        let mut out = hidden.to_vec();
        out.push(series);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(mark: usize, via: Via) -> Option<Active> {
        Some(Active { mark, via })
    }

    #[test]
    fn tooltips_open_and_close_by_how_they_were_opened() {
        use MarkEvent::*;
        // (open before, event, open after)
        let cases = [
            (
                None,
                Enter {
                    mark: 2,
                    touch: false,
                },
                at(2, Via::Hover),
            ),
            (
                None,
                Enter {
                    mark: 2,
                    touch: true,
                },
                None,
            ),
            (
                at(1, Via::Tap),
                Enter {
                    mark: 2,
                    touch: true,
                },
                at(1, Via::Tap),
            ),
            (at(2, Via::Hover), Leave(2), None),
            (at(2, Via::Focus), Leave(2), at(2, Via::Focus)),
            (at(2, Via::Tap), Leave(2), at(2, Via::Tap)),
            (None, Tap(3), at(3, Via::Tap)),
            (at(3, Via::Tap), Tap(3), None),
            (at(3, Via::Hover), Tap(3), at(3, Via::Tap)),
            (at(1, Via::Tap), Tap(3), at(3, Via::Tap)),
            (None, Focus(0), at(0, Via::Focus)),
            (at(0, Via::Focus), Blur(0), None),
            (at(0, Via::Hover), Blur(0), at(0, Via::Hover)),
            (at(0, Via::Tap), Background, None),
            // A drag opens as a tap does, and moving on never closes it.
            (None, Scrub(4), at(4, Via::Tap)),
            (at(4, Via::Tap), Scrub(4), at(4, Via::Tap)),
            (at(4, Via::Tap), Scrub(5), at(5, Via::Tap)),
            (at(1, Via::Hover), Scrub(5), at(5, Via::Tap)),
            (at(0, Via::Focus), Escape, None),
            (None, Escape, None),
        ];
        for (before, event, after) in cases {
            assert_eq!(
                tooltip_after(before, event),
                after,
                "{before:?} + {event:?}"
            );
        }
    }

    #[test]
    fn the_tab_stop_follows_taps_and_focus() {
        assert_eq!(tab_stop_after(0, MarkEvent::Tap(4)), 4);
        assert_eq!(tab_stop_after(4, MarkEvent::Focus(1)), 1);
        assert_eq!(
            tab_stop_after(
                4,
                MarkEvent::Enter {
                    mark: 2,
                    touch: false
                }
            ),
            4
        );
        assert_eq!(tab_stop_after(4, MarkEvent::Escape), 4);
    }

    #[test]
    fn arrows_wrap_and_home_and_end_jump() {
        use FocusKey::*;
        let cases = [
            ("ArrowRight", 0, 3, Some(1)),
            ("ArrowDown", 2, 3, Some(0)),
            ("ArrowLeft", 0, 3, Some(2)),
            ("ArrowUp", 1, 3, Some(0)),
            ("Home", 2, 3, Some(0)),
            ("End", 0, 3, Some(2)),
            // A stop past the end (the marks changed) counts as the last.
            ("ArrowRight", 9, 3, Some(0)),
            ("End", 0, 0, None),
        ];
        for (key, current, count, want) in cases {
            let k = FocusKey::of(key).expect("a focus key");
            assert_eq!(
                focus_after(current, count, k),
                want,
                "{key} from {current} of {count}"
            );
        }
        assert_eq!(FocusKey::of("Enter"), None);
        assert_eq!(FocusKey::of("Home"), Some(First));
        assert_eq!(FocusKey::of("End"), Some(Last));
        assert_eq!(FocusKey::of("ArrowUp"), Some(Up));
        assert_eq!(FocusKey::of("ArrowDown"), Some(Down));
    }

    #[test]
    fn the_highlighted_series_stands_out() {
        let (a, b) = (SeriesIndex(0), SeriesIndex(1));
        assert!(!dimmed(None, Some(a)));
        assert!(!dimmed(None, None));
        assert!(!dimmed(Some(a), Some(a)));
        assert!(dimmed(Some(a), Some(b)));
        assert!(dimmed(Some(a), None), "the remainder is dimmed too");
    }

    #[test]
    fn the_legend_hides_and_shows() {
        let (a, b, c) = (SeriesIndex(0), SeriesIndex(1), SeriesIndex(2));
        assert_eq!(toggled(&[], a), [a]);
        assert_eq!(toggled(&[a, c], b), [a, c, b]);
        assert_eq!(toggled(&[a, b, c], b), [a, c]);
    }
}

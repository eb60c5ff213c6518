//! The data editor's annotations on a timeline: where each note's text goes so that it never
//! covers a point, a value label or another note, inside the plot, at every width.
//!
//! A note hangs from a place along the plot (a part of its width, as the points do) plus a fixed
//! offset in px, so its distance to everything else changes with the plot's width. For each range
//! of [`BREAKPOINTS`] a place is chosen that collides with nothing at *any* width of that range
//! (the collisions are linear in the width, so they are solved exactly, not sampled); a note with
//! no such place is not drawn in that range, and the table view says so. Bars need none of this:
//! their notes are written under their bar, in the page's flow (see `BarMark::notes`).

use super::{text_width, wrap, Widths, BREAKPOINTS, FONT_PX};

/// Font size of a note, px.
pub const NOTE_FONT_PX: f64 = 12.0;
/// Distance between two lines of a note.
pub const NOTE_LINE: f64 = 15.0;
/// Where a note's first baseline sits below the top of its block.
pub const NOTE_BASELINE: f64 = 11.0;
/// The widest a note's block is, px.
pub const NOTE_MAX: f64 = 180.0;
/// The most of the plot's width a note's block takes: first tried narrow (it fits beside a
/// point more easily), then wide (a narrow plot has no room for many short lines).
pub const NOTE_SHARES: [f64; 2] = [0.5, 0.8];
/// Room kept between a note and what it points at, and around its block.
pub const NOTE_GAP: f64 = 4.0;
/// The widest chart the widget draws (its page's 1,280 px less its padding), px: the last range
/// of widths ends there. Below the first breakpoint (a frame narrower than 272 px) notes are not
/// drawn: the stylesheet hides them there, and the table lists them all.
pub const MAX_WIDTH: f64 = 1248.0;

/// A point a note keeps clear of: where it is, its marker's radius, whether its series is
/// emphasized, and its value label (text, baseline, the widths it shows at) if it has one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point<'a> {
    pub at: f64,
    pub y: f64,
    pub r: f64,
    pub emphasis: bool,
    pub label: Option<(&'a str, f64, Widths)>,
}

/// The plot notes go on: its top and bottom, px, and how far a value label's top is above its
/// marker (a note above a point goes above its label).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    pub top: f64,
    pub bottom: f64,
    pub label_above: f64,
}

/// What a note points at, in the plot's coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NoteAnchor {
    /// A point at `at` (a part of the plot's width), `y` px, with a marker of radius `r`.
    Point { at: f64, y: f64, r: f64 },
    /// The stretch of time from `from` to `to` (parts of the plot's width), drawn as a band.
    Band { from: f64, to: f64 },
    /// A value at `y` px, drawn as a line across the plot.
    Line { y: f64 },
}

/// How a note's lines are aligned on the place it hangs from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

impl Align {
    /// The SVG `text-anchor`.
    pub fn text_anchor(self) -> &'static str {
        match self {
            Align::Start => "start",
            Align::Middle => "middle",
            Align::End => "end",
        }
    }
}

/// Where a note's text goes for the ranges of widths in `widths`.
#[derive(Clone, Debug, PartialEq)]
pub struct NotePlace {
    pub widths: Widths,
    /// The place it hangs from: a part of the plot's width, and an offset from there, px.
    pub at: f64,
    pub dx: f64,
    pub align: Align,
    /// The first line's baseline, px from the chart's top.
    pub y: f64,
    pub lines: Vec<String>,
    /// A note written away from its point (at the chart's top) has a line down to it, at the
    /// point's place: from `y1` to `y2` px.
    pub leader: Option<(f64, f64)>,
}

/// One annotation on a timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteMark {
    /// Its place in `Snapshot::annotations`.
    pub annotation: usize,
    pub anchor: NoteAnchor,
    /// Its text's places, by ranges of widths; none where it has no room.
    pub places: Vec<NotePlace>,
}

impl NoteMark {
    /// The ranges of widths at which the note is drawn.
    pub fn drawn(&self) -> Widths {
        let mut w = Widths::NONE;
        for p in &self.places {
            for k in p.widths.ranges() {
                w.insert(k);
            }
        }
        w
    }
}

/// A box whose left edge moves with the plot's width `w`: `at * w + offset`, `width` wide, from
/// `top` to `bottom` px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Block {
    pub at: f64,
    pub offset: f64,
    pub width: f64,
    pub top: f64,
    pub bottom: f64,
}

/// The part of `[lo, hi]` where `a * w + b < 0`, if any (as an interval that may be empty).
fn below_zero(a: f64, b: f64, (lo, hi): (f64, f64)) -> (f64, f64) {
    if a == 0.0 {
        return if b < 0.0 { (lo, hi) } else { (hi, lo) };
    }
    let root = -b / a;
    if a > 0.0 {
        (lo, hi.min(root))
    } else {
        (lo.max(root), hi)
    }
}

impl Block {
    /// `true` if the two blocks share any area at some plot width in `widths` (`lo..=hi` px).
    pub fn meets(&self, o: &Block, (lo, hi): (f64, f64)) -> bool {
        if self.top >= o.bottom || o.top >= self.bottom {
            return false;
        }
        if hi <= lo {
            let w = lo;
            return self.at * w + self.offset < o.at * w + o.offset + o.width
                && o.at * w + o.offset < self.at * w + self.offset + self.width;
        }
        // Left of o's right edge, and o's left edge left of this one's right edge: each holds
        // on one side of a width, so both hold on an interval.
        let a = below_zero(self.at - o.at, self.offset - o.offset - o.width, (lo, hi));
        let b = below_zero(
            o.at - self.at,
            o.offset - self.offset - self.width,
            (lo, hi),
        );
        a.0.max(b.0) < a.1.min(b.1)
    }

    /// `true` if the block lies within `0..w` across, `top..bottom` down, at every plot width in
    /// `widths` (linear: the two ends suffice).
    pub fn inside(&self, top: f64, bottom: f64, widths: (f64, f64)) -> bool {
        self.top >= top
            && self.bottom <= bottom
            && [widths.0, widths.1].iter().all(|&w| {
                let left = self.at * w + self.offset;
                left >= 0.0 && left + self.width <= w
            })
    }
}

/// The plot widths, px, of range `k` of [`BREAKPOINTS`], for a chart whose other columns take
/// `columns` px there.
pub fn plot_widths(k: usize, columns: f64, min_plot: f64) -> (f64, f64) {
    let lo = BREAKPOINTS.get(k).copied().unwrap_or(MAX_WIDTH);
    let hi = BREAKPOINTS.get(k + 1).copied().unwrap_or(MAX_WIDTH).max(lo);
    ((lo - columns).max(min_plot), (hi - columns).max(min_plot))
}

/// A place a note's block may take: along the plot, the offset of its left edge, the text's
/// alignment and offset, its top, and whether a leader joins it to its point.
type Candidate = (f64, f64, Align, f64, f64, bool);

/// The places a note's block of `width` × `height` px may take around `anchor`, best first.
fn candidates(anchor: NoteAnchor, width: f64, height: f64, plot: Plot) -> Vec<Candidate> {
    let g = NOTE_GAP;
    let (plot_top, plot_bottom) = (plot.top, plot.bottom);
    match anchor {
        NoteAnchor::Point { at, y, r } => {
            let middle = y - height / 2.0;
            // Above the point's value label.
            let above = y - r - plot.label_above - g - height;
            let below = y + r + g;
            let (start, end) = ((at, r + g), (at, -r - g - width));
            let mut out = vec![
                (start.0, start.1, Align::Start, r + g, middle, false),
                (end.0, end.1, Align::End, -r - g, middle, false),
                (at, -width / 2.0, Align::Middle, 0.0, below, false),
                (at, -width / 2.0, Align::Middle, 0.0, above, false),
                (start.0, start.1, Align::Start, r + g, below, false),
                (end.0, end.1, Align::End, -r - g, below, false),
                (start.0, start.1, Align::Start, r + g, above, false),
                (end.0, end.1, Align::End, -r - g, above, false),
            ];
            // At the chart's top or the plot's bottom, with a leader to the point, when it has
            // no room close by.
            let low = plot_bottom - height;
            for top in [0.0, low] {
                if top + height < y - r - g || top > y + r + g {
                    out.extend([
                        (at, g, Align::Start, g, top, true),
                        (at, -g - width, Align::End, -g, top, true),
                    ]);
                }
            }
            out
        }
        NoteAnchor::Band { from, to } => {
            let top = plot_top + g;
            let bottom = plot_bottom - g - height;
            vec![
                (from, g, Align::Start, g, top, false),
                (to, -g - width, Align::End, -g, top, false),
                (from, g, Align::Start, g, bottom, false),
                (to, -g - width, Align::End, -g, bottom, false),
                // Over the plot, where value labels would be.
                (from, g, Align::Start, g, 0.0, false),
                (to, -g - width, Align::End, -g, 0.0, false),
            ]
        }
        NoteAnchor::Line { y } => {
            let above = y - g - height;
            let below = y + g;
            vec![
                (1.0, -g - width, Align::End, -g, above, false),
                (0.0, g, Align::Start, g, above, false),
                (1.0, -g - width, Align::End, -g, below, false),
                (0.0, g, Align::Start, g, below, false),
            ]
        }
    }
}

/// What a note must not cover in range `k` (every point's marker, and the value labels shown
/// there), and what it had better not cover: on a dense chart the markers of the series drawn in
/// the background, which a note may cross (its halo keeps it legible) when it has no other room.
pub fn obstacles(points: &[Point], k: usize) -> (Vec<Block>, Vec<Block>) {
    let (mut must, mut rather) = (Vec::new(), Vec::new());
    for p in points {
        let r = p.r + NOTE_GAP / 2.0;
        let marker = Block {
            at: p.at,
            offset: -r,
            width: 2.0 * r,
            top: p.y - r,
            bottom: p.y + r,
        };
        if p.emphasis {
            must.push(marker);
        } else {
            rather.push(marker);
        }
        if let Some((text, y, _)) = p.label.filter(|l| l.2.contains(k)) {
            let w = text_width(text, FONT_PX);
            must.push(Block {
                at: p.at,
                offset: -w / 2.0,
                width: w,
                top: y - FONT_PX,
                bottom: y + 2.0,
            });
        }
    }
    (must, rather)
}

/// The order in which kinds of notes are placed.
fn rank(a: NoteAnchor) -> u8 {
    match a {
        NoteAnchor::Point { .. } => 0,
        NoteAnchor::Band { .. } => 1,
        NoteAnchor::Line { .. } => 2,
    }
}

/// Places `notes` (each an annotation's place in the snapshot, what it points at and its text)
/// on `plot`: each note keeps clear of the `points`, their value labels and the notes placed
/// before it. `columns(k)` is the width of the chart's other columns in range `k`.
pub fn place(
    points: &[Point],
    plot: Plot,
    notes: Vec<(usize, NoteAnchor, &str)>,
    columns: impl Fn(usize) -> f64,
    min_plot: f64,
) -> Vec<NoteMark> {
    let mut marks: Vec<NoteMark> = notes
        .iter()
        .map(|&(annotation, anchor, _)| NoteMark {
            annotation,
            anchor,
            places: Vec::new(),
        })
        .collect();
    // Notes on a figure first, then bands, then lines (which have a whole width to choose
    // from); in the snapshot's order within each.
    let mut order: Vec<usize> = (0..notes.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| rank(notes[a].1).cmp(&rank(notes[b].1)));
    for k in 0..BREAKPOINTS.len() {
        let widths = plot_widths(k, columns(k), min_plot);
        let (mut taken, rather) = obstacles(points, k);
        for &n in &order {
            let (_, anchor, text) = notes[n];
            let mark = &mut marks[n];
            // Clear of everything if it can be, else of what it must not cover; narrow first.
            let tries = [true, false]
                .into_iter()
                .flat_map(|strict| NOTE_SHARES.map(|share| (strict, share)));
            let found = tries.into_iter().find_map(|(strict, share)| {
                let avoid = if strict { &rather[..] } else { &[] };
                let room = (widths.0 * share).min(NOTE_MAX);
                let lines = wrap(text, NOTE_FONT_PX, room, usize::MAX);
                let width = lines
                    .iter()
                    .map(|l| text_width(l, NOTE_FONT_PX))
                    .fold(0.0f64, f64::max);
                let height = lines.len() as f64 * NOTE_LINE;
                candidates(anchor, width, height, plot)
                    .into_iter()
                    .map(|(at, offset, align, dx, top, leads)| {
                        let block = Block {
                            at,
                            offset,
                            width,
                            top,
                            bottom: top + height,
                        };
                        // The leader, between the text and the point.
                        let leader = match anchor {
                            NoteAnchor::Point { y, r, .. } if leads => Some(Block {
                                at,
                                offset: -0.5,
                                width: 1.0,
                                top: if block.bottom < y {
                                    block.bottom
                                } else {
                                    y + r + 1.0
                                },
                                bottom: if block.bottom < y {
                                    y - r - 1.0
                                } else {
                                    block.top
                                },
                            }),
                            _ => None,
                        };
                        (block, align, dx, leader)
                    })
                    .find(|(b, _, _, leader)| {
                        width <= room
                            && b.inside(0.0, plot.bottom, widths)
                            && !taken.iter().chain(avoid).any(|o| o.meets(b, widths))
                            && leader.is_none_or(|l| {
                                l.bottom > l.top
                                    && !taken.iter().chain(avoid).any(|o| o.meets(&l, widths))
                            })
                    })
                    .map(|found| (found, lines))
            });
            let Some(((block, align, dx, leader), lines)) = found else {
                continue;
            };
            if let Some(l) = leader {
                taken.push(l);
            }
            // The room it takes, with a margin, for the notes after it.
            taken.push(Block {
                offset: block.offset - NOTE_GAP,
                width: block.width + 2.0 * NOTE_GAP,
                top: block.top - NOTE_GAP,
                bottom: block.bottom + NOTE_GAP,
                ..block
            });
            let place = NotePlace {
                widths: Widths::only(k),
                at: block.at,
                dx: super::round(dx),
                align,
                y: super::round(block.top + NOTE_BASELINE),
                lines,
                leader: leader.map(|l| (super::round(l.top), super::round(l.bottom))),
            };
            match mark.places.iter_mut().find(|p| {
                p.at == place.at
                    && p.dx == place.dx
                    && p.align == place.align
                    && p.y == place.y
                    && p.lines == place.lines
                    && p.leader == place.leader
            }) {
                Some(p) => p.widths.insert(k),
                None => mark.places.push(place),
            }
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(at: f64, offset: f64, width: f64) -> Block {
        Block {
            at,
            offset,
            width,
            top: 0.0,
            bottom: 10.0,
        }
    }

    #[test]
    fn blocks_that_cross_within_a_range_of_widths_meet() {
        // A note hanging left of a point at the middle, and a label centred at 45 %: apart at
        // 100 px (the note ends at 40, the label starts at 43), crossing from 160 px, apart
        // again from 840 px (the note starts right of the label).
        let note = block(0.5, -10.0 - 30.0, 30.0);
        let label = block(0.45, -2.0, 4.0);
        assert!(!note.meets(&label, (100.0, 100.0)));
        assert!(!note.meets(&label, (1000.0, 1000.0)), "apart again");
        assert!(note.meets(&label, (200.0, 200.0)));
        assert!(!note.meets(&label, (100.0, 150.0)));
        // Apart at both ends of the range, meeting in between: found.
        assert!(note.meets(&label, (100.0, 1000.0)));
        // Blocks at different heights never meet.
        let low = Block {
            top: 10.0,
            bottom: 20.0,
            ..label
        };
        assert!(
            !note.meets(&low, (100.0, 300.0)),
            "touching edges do not meet"
        );
    }

    #[test]
    fn a_block_stays_inside_at_both_ends_of_its_range() {
        let right = block(1.0, -50.0, 40.0);
        assert!(right.inside(0.0, 10.0, (100.0, 1000.0)));
        let over = block(0.9, 0.0, 40.0);
        assert!(over.inside(0.0, 10.0, (500.0, 1000.0)));
        assert!(!over.inside(0.0, 10.0, (100.0, 1000.0)), "out at 100 px");
        assert!(!block(0.0, -1.0, 5.0).inside(0.0, 10.0, (100.0, 200.0)));
    }
}

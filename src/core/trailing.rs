//! When a secondary view catches up with a value that may change at every frame: the rule behind
//! the charts trailing the map by a frame while the date is being scrubbed.
//!
//! The map, the slider and the date readout show a new date in the very frame after the step.
//! The charts under the map (a plotters SVG redrawn per date, 88 bars for the counties) cost
//! more than the rest of a step together, so while the date changes at *every* frame (a fast
//! slider drag, a held key on a fast repeat) redrawing them per date would make every step miss
//! its frame, for charts whose intermediate states nobody can read anyway.
//!
//! [`Trailing`] holds the value a secondary view shows and the latest value. The view reports
//! every change ([`Trailing::set`]) and, while something is pending, calls [`Trailing::frame`]
//! at each animation frame, which says when to show the latest value:
//! * **Rested.** At the first frame that sees no change since the previous frame: the value
//!   has rested for a whole frame, so this is one frame after the map at human pace (a click, a
//!   presenter's clicker, a key press, playback at any offered speed).
//! * **Never stale for long.** Or once the oldest change not yet shown is [`MAX_LAG_MS`] old,
//!   even if the value is still moving: during an uninterrupted scrub the charts still refresh a
//!   few times a second.
//!
//! A change back to the value already shown is a change like any other: it does not restart the
//! clock, so a scrub that wiggles across the shown value still refreshes within the bound (showing
//! the shown value again costs nothing: the view compares it first). Times are milliseconds on
//! one monotonic clock (`performance.now()` and the animation frame's timestamp share it).

/// The longest a secondary view lags while the value keeps changing at every frame (ms): a
/// quarter of a second, the usual bound for a response that still feels live.
pub const MAX_LAG_MS: f64 = 250.0;

/// What to do at an animation frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Tick<T> {
    /// Show this value now; nothing is pending afterwards.
    Show(T),
    /// Still changing: ask again at the next frame.
    Wait,
    /// Nothing pending: stop asking for frames.
    Idle,
}

/// A value shown by a secondary view, trailing the latest value by the rule in the module doc.
#[derive(Clone, Debug, PartialEq)]
pub struct Trailing<T> {
    shown: T,
    latest: T,
    /// Whether `latest` changed since the last [`Trailing::frame`].
    moved: bool,
    /// When the oldest change not yet shown happened; `None` when nothing is pending.
    since: Option<f64>,
}

impl<T: Clone + PartialEq> Trailing<T> {
    /// Starts with `value` shown and nothing pending.
    pub fn new(value: T) -> Self {
        Trailing { shown: value.clone(), latest: value, moved: false, since: None }
    }

    /// The value the secondary view shows now.
    pub fn shown(&self) -> &T {
        &self.shown
    }

    /// Whether a change waits to be shown.
    pub fn is_pending(&self) -> bool {
        self.since.is_some()
    }

    /// Reports the latest value at time `now`. Returns `true` when the caller must start asking
    /// [`Trailing::frame`] at each frame (a change became pending that was not before).
    pub fn set(&mut self, value: T, now: f64) -> bool {
        if value == self.latest {
            return false;
        }
        self.latest = value;
        self.moved = true;
        let was_pending = self.since.is_some();
        self.since.get_or_insert(now);
        !was_pending
    }

    /// Called at each animation frame (timestamp `now`) while [`Trailing::is_pending`].
    pub fn frame(&mut self, now: f64) -> Tick<T> {
        let Some(since) = self.since else { return Tick::Idle };
        if self.moved && now - since < MAX_LAG_MS {
            self.moved = false;
            return Tick::Wait;
        }
        self.shown = self.latest.clone();
        self.since = None;
        self.moved = false;
        Tick::Show(self.shown.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One frame at 60 Hz (ms).
    const FRAME: f64 = 1000.0 / 60.0;

    /// Sets `value(k)` just before each of `frames` frames (k = 1, 2, …) and returns what was
    /// shown, and at which frame time.
    fn scrub(mut t: Trailing<i32>, frames: i32, value: impl Fn(i32) -> i32) -> Vec<(i32, f64)> {
        let mut shown = Vec::new();
        for k in 1..=frames {
            let now = k as f64 * FRAME;
            t.set(value(k), now - 1.0);
            if let Tick::Show(v) = t.frame(now) {
                shown.push((v, now));
            }
        }
        shown
    }

    #[test]
    fn a_single_change_shows_at_the_first_frame_after_the_one_that_saw_it() {
        let mut t = Trailing::new(3);
        assert!(t.set(4, 0.0), "became pending");
        // The frame right after the change saw it move: wait one frame.
        assert_eq!(t.frame(16.7), Tick::Wait);
        assert_eq!(*t.shown(), 3);
        // A frame with no change since: rested, show it.
        assert_eq!(t.frame(33.3), Tick::Show(4));
        assert_eq!(*t.shown(), 4);
        assert!(!t.is_pending());
        assert_eq!(t.frame(50.0), Tick::Idle);
    }

    #[test]
    fn a_change_at_every_frame_is_shown_once_the_lag_bound_is_reached() {
        let frame = FRAME;
        let shown_at = scrub(Trailing::new(0), 60, |k| k);
        // One second of changes at every frame: shown about every quarter of a second, each time
        // the latest value, and never later than the bound after the change it replaced.
        assert_eq!(shown_at.len(), 3, "{shown_at:?}");
        let mut first_pending = frame - 1.0;
        for (v, at) in &shown_at {
            assert!(
                at - first_pending >= MAX_LAG_MS && at - first_pending < MAX_LAG_MS + frame,
                "{at} {first_pending}"
            );
            assert_eq!(*v as f64 * frame, *at, "the latest value: the one set just before this frame");
            first_pending = at + frame - 1.0;
        }
    }

    #[test]
    fn the_latest_value_wins_and_the_bound_counts_from_the_oldest_pending_change() {
        let mut t = Trailing::new("a");
        assert!(t.set("b", 0.0));
        assert!(!t.set("c", 10.0), "already pending: no second frame loop");
        assert_eq!(t.frame(17.0), Tick::Wait);
        t.set("d", 240.0);
        assert_eq!(t.frame(250.0), Tick::Show("d"), "250 ms after b, although d is new");
    }

    #[test]
    fn a_scrub_that_wiggles_across_the_shown_value_still_refreshes_within_the_bound() {
        let frame = FRAME;
        let shown = scrub(Trailing::new(5), 30, |k| if k % 2 == 1 { 6 } else { 5 });
        assert!(!shown.is_empty(), "refreshed at least once in half a second");
        assert!(shown[0].1 - (frame - 1.0) < MAX_LAG_MS + frame, "{shown:?}");
    }

    #[test]
    fn a_change_back_to_the_shown_value_then_rest_shows_it_again() {
        let mut t = Trailing::new(5);
        assert!(t.set(6, 0.0));
        assert!(!t.set(5, 5.0), "still pending: no second frame loop");
        assert_eq!(t.frame(16.0), Tick::Wait);
        assert_eq!(t.frame(33.0), Tick::Show(5), "the view compares and skips the redraw");
        assert!(!t.is_pending());
        // And a later change starts a fresh pending period.
        assert!(t.set(7, 100.0));
        assert_eq!(t.frame(116.0), Tick::Wait);
        assert_eq!(t.frame(133.0), Tick::Show(7));
    }

    #[test]
    fn setting_the_same_value_again_is_no_change() {
        let mut t = Trailing::new(1);
        assert!(!t.set(1, 0.0));
        assert!(!t.is_pending());
        assert!(t.set(2, 0.0));
        assert!(!t.set(2, 8.0), "the same latest value again");
        assert_eq!(t.frame(16.0), Tick::Wait, "the change at 0 was seen by this frame");
        assert_eq!(t.frame(33.0), Tick::Show(2), "the repeat at 8 ms was not a move");
    }
}

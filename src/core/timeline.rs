//! The timeline controller: which date is shown, and playback — headless, like OWID Grapher's
//! `TimelineController`, so every rule is unit-tested without a browser.
//!
//! The controller knows only indices into the dataset's dates (`0..len`). The view feeds it user
//! intent (step, jump, play, pause) and clock ticks (`tick(now_ms)` with a monotonic clock such as
//! `performance.now()`), and reads back [`Timeline::index`].
//!
//! Playback rules:
//! * A step is due every `1000 / speed` ms, counted from when play was pressed (`anchor`), not from
//!   the last tick, so timer jitter never accumulates into drift.
//! * A tick advances **at most one date**, so a slow frame or a hidden tab never skips a date; if
//!   the clock fell more than one interval behind, the schedule restarts from now instead of
//!   racing to catch up.
//! * Reaching the last date stops playback. Pressing play at the last date starts again from the
//!   first.

/// Playback speed used when none is chosen: one date per second.
pub const DEFAULT_SPEED: f64 = 1.0;

/// The timeline state.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    len: usize,
    index: usize,
    playing: bool,
    speed: f64,
    /// Clock time (ms) at which the current schedule started; `None` until the first tick after
    /// play, so the first step comes one full interval after the reader pressed play.
    anchor: Option<f64>,
    /// Steps taken since `anchor`.
    steps: u64,
}

impl Timeline {
    /// A paused timeline over `len` dates showing the last one (the latest state is the news).
    pub fn new(len: usize) -> Timeline {
        Timeline { len, index: len.saturating_sub(1), playing: false, speed: DEFAULT_SPEED, anchor: None, steps: 0 }
    }

    /// Number of dates.
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` for a timeline without dates.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Index of the date shown.
    pub fn index(&self) -> usize {
        self.index
    }

    /// `true` while playing.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Dates per second.
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// `true` at the last date.
    pub fn at_end(&self) -> bool {
        self.index + 1 >= self.len
    }

    /// `true` at the first date.
    pub fn at_start(&self) -> bool {
        self.index == 0
    }

    /// Shows date `i` (clamped into range). A jump by the reader pauses playback.
    pub fn seek(&mut self, i: usize) {
        self.index = i.min(self.len.saturating_sub(1));
        self.pause();
    }

    /// Moves `delta` dates (clamped) and pauses.
    pub fn step(&mut self, delta: i64) {
        let i = (self.index as i64 + delta).clamp(0, self.len.saturating_sub(1) as i64);
        self.seek(i as usize);
    }

    /// Starts playback; at the last date, starts again from the first.
    pub fn play(&mut self) {
        if self.len < 2 {
            return;
        }
        if self.at_end() {
            self.index = 0;
        }
        self.playing = true;
        self.anchor = None;
        self.steps = 0;
    }

    /// Stops playback where it is.
    pub fn pause(&mut self) {
        self.playing = false;
        self.anchor = None;
    }

    /// Play if paused, pause if playing.
    pub fn toggle(&mut self) {
        if self.playing {
            self.pause()
        } else {
            self.play()
        }
    }

    /// Sets the speed in dates per second (clamped to 0.1–30) without losing the current position.
    pub fn set_speed(&mut self, speed: f64) {
        if speed.is_finite() {
            self.speed = speed.clamp(0.1, 30.0);
            self.anchor = None;
        }
    }

    fn interval_ms(&self) -> f64 {
        1000.0 / self.speed
    }

    /// Advances playback to clock time `now_ms`. Returns `true` if the date changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        if !self.playing || !now_ms.is_finite() {
            return false;
        }
        let anchor = match self.anchor {
            Some(a) => a,
            None => {
                self.anchor = Some(now_ms);
                self.steps = 0;
                return false;
            }
        };
        let due = anchor + (self.steps + 1) as f64 * self.interval_ms();
        if now_ms < due {
            return false;
        }
        self.index += 1;
        self.steps += 1;
        if now_ms - due > self.interval_ms() {
            // Fell behind (hidden tab, long frame): restart the schedule rather than skip dates.
            self.anchor = Some(now_ms);
            self.steps = 0;
        }
        if self.at_end() {
            self.pause();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_at_the_last_date_paused() {
        let t = Timeline::new(21);
        assert_eq!(t.index(), 20);
        assert!(!t.is_playing());
        assert!(Timeline::new(0).is_empty());
    }

    #[test]
    fn steps_are_clamped_and_pause() {
        let mut t = Timeline::new(5);
        t.step(1);
        assert_eq!(t.index(), 4);
        t.step(-10);
        assert_eq!(t.index(), 0);
        t.play();
        t.step(1);
        assert!(!t.is_playing());
        assert_eq!(t.index(), 1);
        t.seek(99);
        assert_eq!(t.index(), 4);
    }

    #[test]
    fn plays_on_schedule_without_drift_and_stops_at_the_end() {
        let mut t = Timeline::new(4);
        t.seek(0);
        t.play();
        assert!(!t.tick(1000.0), "the first tick only anchors the schedule");
        // Ticks at a jittery ~60 Hz: dates change at 2000, 3000, 4000 ms exactly, not later.
        let mut changes = vec![];
        let mut now = 1000.0;
        while now < 5000.0 {
            now += 16.0 + (now as i64 % 3) as f64;
            if t.tick(now) {
                changes.push((now, t.index()));
            }
        }
        assert_eq!(changes.iter().map(|c| c.1).collect::<Vec<_>>(), vec![1, 2, 3]);
        for (k, (when, _)) in changes.iter().enumerate() {
            let due = 1000.0 + 1000.0 * (k + 1) as f64;
            assert!(*when >= due && *when < due + 20.0, "step {k} at {when}, due {due}");
        }
        assert!(!t.is_playing(), "playback stops at the last date");
        assert!(!t.tick(10_000.0));
    }

    #[test]
    fn never_skips_a_date_after_a_stall() {
        let mut t = Timeline::new(10);
        t.seek(0);
        t.play();
        t.tick(0.0);
        assert!(t.tick(60_000.0), "a minute-long stall");
        assert_eq!(t.index(), 1, "only one date further");
        assert!(!t.tick(60_500.0));
        assert!(t.tick(61_000.0));
        assert_eq!(t.index(), 2);
    }

    #[test]
    fn play_at_the_end_restarts() {
        let mut t = Timeline::new(3);
        t.play();
        assert_eq!(t.index(), 0);
        assert!(t.is_playing());
        let mut one = Timeline::new(1);
        one.play();
        assert!(!one.is_playing(), "nothing to play");
    }

    #[test]
    fn speed_changes_the_interval() {
        let mut t = Timeline::new(10);
        t.seek(0);
        t.set_speed(4.0);
        t.play();
        t.tick(0.0);
        assert!(!t.tick(249.0));
        assert!(t.tick(250.0));
        t.set_speed(f64::NAN);
        assert_eq!(t.speed(), 4.0);
    }
}

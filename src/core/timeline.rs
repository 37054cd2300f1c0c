//! The timeline controller: which date is shown, and playback — headless, like OWID Grapher's
//! `TimelineController`, so every rule is unit-tested without a browser.
//!
//! The controller knows only indices into the dataset's dates (`0..len`). The view feeds it user
//! intent (step, jump, play, pause, speed, loop, window) and clock ticks (`tick(now_ms)` with a
//! monotonic clock such as `performance.now()`), and reads back [`Timeline::index`].
//!
//! Rules:
//! * **Window.** `from..=to` (a presenter's `from=`/`to=`) bounds every move; it defaults to all dates.
//! * **No drift.** A step is due every `1000 / speed` ms, counted from when the schedule started
//!   (`anchor`), not from the last tick, so timer jitter never accumulates.
//! * **No skipped date.** A tick advances at most one date. If the clock fell more than one interval
//!   behind (a long frame, a hidden tab), the schedule restarts from now instead of racing.
//! * **Dwell on events.** Arriving on a date that has an event during playback holds it for `dwell`
//!   ms on top of the normal interval, so an audience can read the caption.
//! * **End.** Reaching the window's last date stops playback, unless looping, which goes on from the
//!   window's first date. Pressing play at the last date starts again from the first.

/// Playback speed used when none is chosen: one date per second.
pub const DEFAULT_SPEED: f64 = 1.0;
/// Speeds offered to readers, in dates per second.
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];
/// How long playback holds on a date with an event, by default (ms).
pub const DEFAULT_DWELL_MS: f64 = 2000.0;

/// The timeline state.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    len: usize,
    index: usize,
    from: usize,
    to: usize,
    playing: bool,
    looping: bool,
    speed: f64,
    dwell_ms: f64,
    /// Indices of dates with events, sorted, unique.
    events: Vec<usize>,
    /// Clock time (ms) from which the current schedule counts; `None` until the first tick after
    /// play, so the first step comes one full interval after the reader pressed play.
    anchor: Option<f64>,
    /// Steps taken since `anchor`.
    steps: u64,
    /// Whether playback moved to the current date (rather than the reader, or the start).
    by_playback: bool,
}

impl Timeline {
    /// A paused timeline over `len` dates showing the last one (the latest state is the news).
    pub fn new(len: usize) -> Timeline {
        Timeline {
            len,
            index: len.saturating_sub(1),
            from: 0,
            to: len.saturating_sub(1),
            playing: false,
            looping: false,
            speed: DEFAULT_SPEED,
            dwell_ms: DEFAULT_DWELL_MS,
            events: Vec::new(),
            anchor: None,
            steps: 0,
            by_playback: false,
        }
    }

    /// Sets the indices of dates that have events (for `[`/`]` and the dwell).
    pub fn with_events(mut self, mut events: Vec<usize>) -> Timeline {
        events.retain(|&i| i < self.len);
        crate::core::sort::sort(&mut events);
        events.dedup();
        self.events = events;
        self
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

    /// The window `(from, to)`, inclusive.
    pub fn window(&self) -> (usize, usize) {
        (self.from, self.to)
    }

    /// `true` while playing.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// `true` if playback moved to the current date, even if it has stopped since on arrival at
    /// the last date; `false` once anything else moves the date, or after [`Timeline::settle`]. The view fades
    /// colours while this holds, so the date on which playback stops fades in like the others,
    /// while a reader's step still shows its colours at once.
    pub fn arrived_by_playback(&self) -> bool {
        self.by_playback
    }

    /// Forgets that playback moved to the current date: whatever changes the colours next (a
    /// step, the compare date) shows at once. [`crate::core::state::AppState::apply`] calls this
    /// for every action of the reader's.
    pub fn settle(&mut self) {
        self.by_playback = false;
    }

    /// `true` if playback loops.
    pub fn is_looping(&self) -> bool {
        self.looping
    }

    /// Dates per second.
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Dwell on event dates, in ms.
    pub fn dwell_ms(&self) -> f64 {
        self.dwell_ms
    }

    /// Indices of dates with events.
    pub fn events(&self) -> &[usize] {
        &self.events
    }

    /// `true` at the window's last date.
    pub fn at_end(&self) -> bool {
        self.index >= self.to
    }

    /// `true` at the window's first date.
    pub fn at_start(&self) -> bool {
        self.index <= self.from
    }

    /// Restricts every move to `from..=to` (clamped and ordered) and moves the date inside it.
    pub fn set_window(&mut self, from: usize, to: usize) {
        if self.len == 0 {
            return;
        }
        let last = self.len - 1;
        let (a, b) = (from.min(last), to.min(last));
        (self.from, self.to) = if a <= b { (a, b) } else { (b, a) };
        let index = self.index.clamp(self.from, self.to);
        if index != self.index {
            self.index = index;
            self.by_playback = false;
        }
        self.anchor = None;
    }

    /// Shows date `i` (clamped into the window). A jump by the reader pauses playback.
    pub fn seek(&mut self, i: usize) {
        if self.len == 0 {
            return;
        }
        self.index = i.clamp(self.from, self.to);
        self.by_playback = false;
        self.pause();
    }

    /// Moves `delta` dates (clamped into the window) and pauses.
    pub fn step(&mut self, delta: i64) {
        let i = (self.index as i64 + delta).clamp(self.from as i64, self.to as i64);
        self.seek(i as usize);
    }

    /// Jumps to the window's first date.
    pub fn first(&mut self) {
        self.seek(self.from);
    }

    /// Jumps to the window's last date.
    pub fn last(&mut self) {
        self.seek(self.to);
    }

    /// Jumps to the next event after the current date (inside the window), if any.
    pub fn next_event(&mut self) {
        if let Some(&i) = self.events.iter().find(|&&i| i > self.index && i <= self.to) {
            self.seek(i);
        }
    }

    /// Jumps to the previous event before the current date (inside the window), if any.
    pub fn prev_event(&mut self) {
        if let Some(&i) = self.events.iter().rev().find(|&&i| i < self.index && i >= self.from) {
            self.seek(i);
        }
    }

    /// Starts playback; at the last date, starts again from the first.
    pub fn play(&mut self) {
        if self.to <= self.from {
            return;
        }
        if self.at_end() {
            self.index = self.from;
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

    /// Sets the speed in dates per second (clamped to 0.1–30; non-finite values are ignored)
    /// without losing the current position.
    pub fn set_speed(&mut self, speed: f64) {
        if speed.is_finite() {
            self.speed = speed.clamp(0.1, 30.0);
            self.anchor = None;
        }
    }

    /// Turns looping on or off.
    pub fn set_looping(&mut self, looping: bool) {
        self.looping = looping;
    }

    /// Sets the dwell on event dates in ms (0–60 000; non-finite values are ignored).
    pub fn set_dwell(&mut self, ms: f64) {
        if ms.is_finite() {
            self.dwell_ms = ms.clamp(0.0, 60_000.0);
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
        let Some(anchor) = self.anchor else {
            self.anchor = Some(now_ms);
            self.steps = 0;
            return false;
        };
        let due = anchor + (self.steps + 1) as f64 * self.interval_ms();
        if now_ms < due {
            return false;
        }
        if self.at_end() {
            // Only reached when looping (otherwise playback stopped on arrival).
            self.index = self.from;
        } else {
            self.index += 1;
        }
        self.steps += 1;
        self.by_playback = true;
        // When this date counts as shown: on schedule, or now if the clock fell behind.
        let mut arrived = due;
        if now_ms - due > self.interval_ms() {
            // Fell behind (hidden tab, long frame): restart the schedule rather than skip dates.
            arrived = now_ms;
            self.anchor = Some(now_ms);
            self.steps = 0;
        }
        if self.dwell_ms > 0.0 && self.events.binary_search(&self.index).is_ok() {
            // Hold the event date: the next step is due one interval after the dwell ends.
            self.anchor = Some(arrived + self.dwell_ms);
            self.steps = 0;
        }
        if self.at_end() && !self.looping {
            self.pause();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ticks at ~60 Hz from `start` to `end` and records (time, index) at every change.
    fn run(t: &mut Timeline, start: f64, end: f64) -> Vec<(f64, usize)> {
        let mut changes = vec![];
        let mut now = start;
        while now < end {
            if t.tick(now) {
                changes.push((now, t.index()));
            }
            now += 16.0 + (now as i64 % 3) as f64;
        }
        changes
    }

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
        t.first();
        assert_eq!(t.index(), 0);
        t.last();
        assert_eq!(t.index(), 4);
    }

    #[test]
    fn plays_on_schedule_without_drift_and_stops_at_the_end() {
        let mut t = Timeline::new(4);
        t.seek(0);
        t.play();
        assert!(!t.tick(1000.0), "the first tick only anchors the schedule");
        let changes = run(&mut t, 1001.0, 6000.0);
        assert_eq!(changes.iter().map(|c| c.1).collect::<Vec<_>>(), vec![1, 2, 3]);
        for (k, (when, _)) in changes.iter().enumerate() {
            let due = 1000.0 + 1000.0 * (k + 1) as f64;
            assert!(*when >= due && *when < due + 20.0, "step {k} at {when}, due {due}");
        }
        assert!(!t.is_playing(), "playback stops at the last date");
        assert!(!t.tick(10_000.0));
    }

    #[test]
    fn remembers_whether_playback_moved_to_the_date() {
        let mut t = Timeline::new(4);
        assert!(!t.arrived_by_playback(), "the opening date");
        t.seek(0);
        t.play();
        assert!(!t.arrived_by_playback(), "pressing play does not move the date by itself");
        t.tick(0.0);
        run(&mut t, 1.0, 5000.0);
        assert!(!t.is_playing());
        assert!(t.arrived_by_playback(), "the date where playback stopped was reached by playback");
        t.step(-2);
        assert!(!t.arrived_by_playback(), "a reader's step");
        t.play();
        t.tick(0.0);
        assert!(t.tick(1000.0));
        assert!(t.is_playing());
        t.pause();
        assert!(t.arrived_by_playback(), "a pause does not move the date");
        t.set_window(0, 3);
        assert!(t.arrived_by_playback(), "a window that keeps the date does not move it");
        t.set_window(0, 1);
        assert!(!t.arrived_by_playback(), "a window that moves the date");
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
    fn every_speed_visits_every_date_once_in_order() {
        for speed in SPEEDS {
            let mut t = Timeline::new(21);
            t.seek(0);
            t.set_speed(speed);
            t.play();
            t.tick(0.0);
            let changes = run(&mut t, 1.0, 60_000.0);
            assert_eq!(changes.iter().map(|c| c.1).collect::<Vec<_>>(), (1..21).collect::<Vec<_>>(), "speed {speed}");
            // No drift: the last date arrives on schedule (within one frame).
            let expected = 20.0 * 1000.0 / speed;
            assert!((changes.last().unwrap().0 - expected).abs() < 20.0, "speed {speed}: {:?}", changes.last());
        }
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
        t.set_speed(1000.0);
        assert_eq!(t.speed(), 30.0);
    }

    #[test]
    fn loops_back_to_the_window_start() {
        let mut t = Timeline::new(5);
        t.set_window(1, 3);
        t.set_looping(true);
        t.play();
        assert_eq!(t.index(), 1);
        t.tick(0.0);
        let seq: Vec<usize> = run(&mut t, 1.0, 5500.0).iter().map(|c| c.1).collect();
        assert_eq!(seq, vec![2, 3, 1, 2, 3]);
        assert!(t.is_playing());
    }

    #[test]
    fn window_bounds_every_move() {
        let mut t = Timeline::new(21);
        assert_eq!(t.index(), 20);
        t.set_window(9, 16);
        assert_eq!(t.index(), 16);
        t.step(5);
        assert_eq!(t.index(), 16);
        t.first();
        assert_eq!(t.index(), 9);
        t.step(-1);
        assert_eq!(t.index(), 9);
        t.seek(0);
        assert_eq!(t.index(), 9);
        t.set_window(30, 2);
        assert_eq!(t.window(), (2, 20), "reversed and clamped");
    }

    #[test]
    fn event_jumps() {
        let mut t = Timeline::new(21).with_events(vec![9, 0, 16, 8, 8, 99]);
        assert_eq!(t.events(), &[0, 8, 9, 16]);
        t.prev_event();
        assert_eq!(t.index(), 16);
        t.prev_event();
        assert_eq!(t.index(), 9);
        t.next_event();
        assert_eq!(t.index(), 16);
        t.next_event();
        assert_eq!(t.index(), 16, "no event after the last one: stay");
        t.set_window(5, 12);
        t.first();
        t.prev_event();
        assert_eq!(t.index(), 5, "events outside the window are not reached");
    }

    #[test]
    fn dwells_on_events_then_goes_on() {
        let mut t = Timeline::new(6).with_events(vec![2]);
        t.seek(0);
        t.play();
        t.tick(0.0);
        let changes = run(&mut t, 1.0, 10_000.0);
        let times: Vec<(f64, usize)> = changes.iter().map(|&(w, i)| ((w / 100.0).round() * 100.0, i)).collect();
        // 1 at 1 s, 2 (event) at 2 s, held 2 s longer: 3 at 5 s, 4 at 6 s, 5 at 7 s.
        assert_eq!(times, vec![(1000.0, 1), (2000.0, 2), (5000.0, 3), (6000.0, 4), (7000.0, 5)]);
        let mut no_dwell = Timeline::new(6).with_events(vec![2]);
        no_dwell.set_dwell(0.0);
        no_dwell.seek(0);
        no_dwell.play();
        no_dwell.tick(0.0);
        let last = run(&mut no_dwell, 1.0, 10_000.0).last().unwrap().0;
        assert!((5000.0..5020.0).contains(&last), "{last}");
    }
}

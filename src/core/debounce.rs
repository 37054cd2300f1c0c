//! When a burst of changes is written out: after a quiet spell, but never later than a bound
//! after the first change of the burst. Used for the address bar (`history.pushState`).
//!
//! Why: writing the history entry costs about 1 ms, up to 7 ms at the 95th percentile, measured
//! in this page in headless Chromium, and a write during a run of date steps made steps miss
//! their frame. So the URL waits until the date has rested for [`QUIET_MS`] (one write per
//! burst, one history entry per burst), and while changes keep coming it still follows within
//! [`MAX_WAIT_MS`] of the first one, so the address bar is never stale for long.
//! Times are milliseconds on one monotonic clock.

/// How long the changes must have rested before the write (ms).
pub const QUIET_MS: f64 = 250.0;
/// The longest a write waits after the first change of a burst (ms).
pub const MAX_WAIT_MS: f64 = 1000.0;

/// How much longer to wait at time `now`, for a burst whose first change came at `first` and
/// whose latest at `last`: `None` when the write is due now.
pub fn remaining(now: f64, first: f64, last: f64) -> Option<f64> {
    let due = (last + QUIET_MS).min(first + MAX_WAIT_MS);
    (now < due).then_some(due - now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_change_is_written_after_the_quiet_spell() {
        assert_eq!(remaining(0.0, 0.0, 0.0), Some(QUIET_MS));
        assert_eq!(remaining(100.0, 0.0, 0.0), Some(150.0));
        assert_eq!(remaining(250.0, 0.0, 0.0), None);
        assert_eq!(remaining(400.0, 0.0, 0.0), None, "late timers write at once");
    }

    #[test]
    fn each_change_restarts_the_quiet_spell() {
        // Changes at 0, 200, 400: the write waits for 250 ms after the one at 400.
        assert_eq!(remaining(250.0, 0.0, 200.0), Some(200.0));
        assert_eq!(remaining(450.0, 0.0, 400.0), Some(200.0));
        assert_eq!(remaining(650.0, 0.0, 400.0), None);
    }

    #[test]
    fn a_burst_that_never_rests_is_written_at_the_bound() {
        // A change every 17 ms (a scrub at every frame) from 0 on, checked right after each.
        let mut now = 0.0;
        while remaining(now, 0.0, now).is_some() {
            now += 17.0;
        }
        assert!((MAX_WAIT_MS..MAX_WAIT_MS + 17.0).contains(&now), "written at {now}");
    }
}

//! App state as a value, and every change to it as an [`Action`] applied by [`AppState::apply`].
//!
//! The view keeps one `AppState` in a `use_reducer` and dispatches actions from event handlers;
//! nothing else mutates it. Because this is plain data with no yew in it, every transition is
//! unit-tested natively, and the same state can later be serialised into the URL.

use crate::core::i18n::Lang;
use crate::core::timeline::Timeline;

/// Everything the reader has chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Which date is shown, and playback.
    pub timeline: Timeline,
    /// The region under the pointer (or tapped on a touch screen), by code.
    pub hovered: Option<String>,
    /// Page language.
    pub lang: Lang,
}

/// A change to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Move by this many dates (←/→, previous/next buttons); pauses.
    Step(i64),
    /// Show date index `i` (slider); pauses.
    Seek(usize),
    /// Play or pause.
    TogglePlay,
    /// Pause.
    Pause,
    /// A clock tick during playback (ms, monotonic).
    Tick(f64),
    /// The pointer entered a region (`Some`) or left the map (`None`).
    Hover(Option<String>),
    /// Switch language.
    SetLang(Lang),
}

impl AppState {
    /// The initial state for a dataset of `dates` dates: last date, paused, nothing hovered.
    pub fn new(dates: usize, lang: Lang) -> AppState {
        AppState { timeline: Timeline::new(dates), hovered: None, lang }
    }

    /// Applies `action`. Returns `true` if anything changed, including the playback clock's anchor
    /// (so the view keeps the new state), `false` if the state is exactly as before (so the view
    /// can skip the render: most playback ticks change nothing).
    pub fn apply(&mut self, action: &Action) -> bool {
        let before = self.clone();
        match action {
            Action::Step(d) => self.timeline.step(*d),
            Action::Seek(i) => self.timeline.seek(*i),
            Action::TogglePlay => self.timeline.toggle(),
            Action::Pause => self.timeline.pause(),
            Action::Tick(now) => {
                self.timeline.tick(*now);
            }
            Action::Hover(code) => self.hovered = code.clone(),
            Action::SetLang(l) => self.lang = *l,
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        let mut s = AppState::new(21, Lang::Zh);
        assert_eq!(s.timeline.index(), 20);
        assert!(s.apply(&Action::Step(-1)));
        assert_eq!(s.timeline.index(), 19);
        assert!(!s.apply(&Action::Seek(19)), "no change, no re-render");
        assert!(s.apply(&Action::TogglePlay));
        assert!(s.timeline.is_playing());
        assert!(s.apply(&Action::Tick(0.0)), "the first tick anchors the schedule: a change to keep");
        assert_eq!(s.timeline.index(), 19, "…but not of the date");
        assert!(!s.apply(&Action::Tick(500.0)), "a tick before the next date changes nothing");
        assert!(s.apply(&Action::Tick(1000.0)));
        assert_eq!(s.timeline.index(), 20);
        assert!(!s.timeline.is_playing(), "stopped at the last date");
        assert!(s.apply(&Action::Hover(Some("520100".into()))));
        assert_eq!(s.hovered.as_deref(), Some("520100"));
        assert!(s.apply(&Action::Hover(None)));
        assert!(s.apply(&Action::SetLang(Lang::En)));
        assert!(s.apply(&Action::TogglePlay));
        assert!(s.apply(&Action::Pause));
        assert!(!s.timeline.is_playing());
    }
}

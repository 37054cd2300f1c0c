//! The keyboard map: which key does what, for readers and for presenters' clickers.
//!
//! Presentation clickers send PageUp / PageDown for back / forward (most of them), and `b` or `.`
//! to black the screen out; so do PowerPoint and Keynote. We honour all of them. The view calls
//! [`command_for_key`] for document-level `keydown`s that do not come from a text field, and does
//! what it returns; `None` leaves the key to the browser. Outside presenter mode it does so only
//! while the figure is on screen ([`in_view`]): a reader scrolled down to the text pages through
//! it with the same keys.

use crate::core::state::Action;

/// What a key asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyCommand {
    /// A state change.
    Do(Action),
    /// Enter or leave the browser's fullscreen (needs the browser, so the view does it).
    ToggleFullscreen,
}

/// The command for `key` (a `KeyboardEvent.key` value). `presenting` enables the presenter keys
/// (`f`, `b`, `.`), which would surprise a reader typing on an ordinary page.
pub fn command_for_key(key: &str, presenting: bool) -> Option<KeyCommand> {
    use Action::*;
    let action = match key {
        "ArrowLeft" | "PageUp" => Step(-1),
        "ArrowRight" | "PageDown" => Step(1),
        "Home" => First,
        "End" => Last,
        " " | "Spacebar" => TogglePlay,
        "[" => PrevEvent,
        "]" => NextEvent,
        "Escape" | "Esc" => Escape,
        "f" | "F" if presenting => return Some(KeyCommand::ToggleFullscreen),
        "b" | "B" | "." if presenting => ToggleBlackout,
        _ => return None,
    };
    Some(KeyCommand::Do(action))
}

/// Whether the part of the page that shows the date (the map with its timeline, or the charts)
/// is in view enough for the date keys to be about it: `visible` pixels of its `height` show in
/// a viewport `viewport` pixels tall, and that is at least a third of the part, or of the viewport
/// when the part is taller than the viewport. On the reading page, scrolled down to the text
/// below the figure, the keys that scroll (PageUp, PageDown, Space, Home, End) and the others go
/// back to the browser: they would change a map nobody sees, and leave history entries for it.
/// A part that takes no room (hidden) is never in view.
pub fn in_view(visible: f64, height: f64, viewport: f64) -> bool {
    height > 0.0 && visible > 0.0 && visible >= height.min(viewport) / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::state::AppState;

    /// Applies a key to a state the way the view does.
    fn press(s: &mut AppState, key: &str) {
        if let Some(KeyCommand::Do(a)) = command_for_key(key, s.present) {
            s.apply(&a);
        }
    }

    #[test]
    fn every_key_moves_as_specified() {
        let mut s = AppState::new(21, Lang::Zh);
        s.timeline = s.timeline.clone().with_events(vec![0, 8, 9, 16]);
        let at = |key: &str, s: &mut AppState| {
            press(s, key);
            s.timeline.index()
        };
        assert_eq!(at("ArrowLeft", &mut s), 19);
        assert_eq!(at("PageUp", &mut s), 18);
        assert_eq!(at("PageDown", &mut s), 19);
        assert_eq!(at("ArrowRight", &mut s), 20);
        assert_eq!(at("ArrowRight", &mut s), 20, "clamped at the end");
        assert_eq!(at("Home", &mut s), 0);
        assert_eq!(at("End", &mut s), 20);
        assert_eq!(at("[", &mut s), 16);
        assert_eq!(at("[", &mut s), 9);
        assert_eq!(at("]", &mut s), 16);
        press(&mut s, " ");
        assert!(s.timeline.is_playing());
        press(&mut s, " ");
        assert!(!s.timeline.is_playing());
    }

    #[test]
    fn the_date_keys_are_about_a_figure_a_third_in_view() {
        // The map panel (695 px) in an 800 px window: a third of it is 231.7 px.
        assert!(in_view(695.0, 695.0, 800.0));
        assert!(in_view(232.0, 695.0, 800.0));
        assert!(!in_view(231.0, 695.0, 800.0));
        assert!(!in_view(0.0, 695.0, 800.0), "scrolled away");
        assert!(!in_view(-40.0, 695.0, 800.0), "an overlap below zero is none");
        // Taller than the window: a third of the window.
        assert!(in_view(240.0, 2000.0, 700.0));
        assert!(!in_view(230.0, 2000.0, 700.0));
        assert!(!in_view(0.0, 0.0, 800.0), "a hidden part is never in view");
    }

    #[test]
    fn presenter_keys_only_when_presenting() {
        assert_eq!(command_for_key("b", false), None);
        assert_eq!(command_for_key("f", false), None);
        assert_eq!(command_for_key("f", true), Some(KeyCommand::ToggleFullscreen));
        let mut s = AppState::new(21, Lang::Zh);
        s.apply(&Action::SetPresent(true));
        press(&mut s, "b");
        assert!(s.blackout);
        press(&mut s, ".");
        assert!(!s.blackout);
        press(&mut s, "B");
        press(&mut s, "Escape");
        assert!(!s.blackout && s.present);
        press(&mut s, "Escape");
        assert!(!s.present);
        assert_eq!(command_for_key("a", true), None);
        assert_eq!(command_for_key("Tab", false), None, "focus moves stay the browser's");
    }
}

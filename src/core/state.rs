//! App state as a value, and every change to it as an [`Action`] applied by [`AppState::apply`].
//!
//! The view keeps one `AppState` in a `use_reducer` and dispatches actions from event handlers;
//! nothing else mutates it. Because this is plain data with no yew in it, every transition is
//! unit-tested natively. [`AppState::from_url`] and [`AppState::to_url`] map it to and from the
//! URL's [`UrlState`] against a dataset (dates become indices, unknown regions are refused).

use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::timeline::Timeline;
use crate::core::url::{Dark, DataSource, Notice, UrlState};

/// Everything the reader has chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Which date is shown, and playback.
    pub timeline: Timeline,
    /// The region under the pointer (or focused), by code: shows the tooltip.
    pub hovered: Option<String>,
    /// The region the reader clicked or tapped (kept in the URL), by code.
    pub selected: Option<String>,
    /// Page language.
    pub lang: Lang,
    /// Presenter mode: chrome hidden, big date.
    pub present: bool,
    /// Presenter mode's black screen.
    pub blackout: bool,
    /// Compact layout for an iframe.
    pub embed: bool,
    /// Compare mode: the date index the change is measured from (to the date shown).
    pub compare: Option<usize>,
    /// Colour scheme asked for.
    pub dark: Dark,
    /// No title or source chrome.
    pub plain: bool,
    /// No controls: the map of one date.
    pub static_map: bool,
    /// Where the data came from (kept in the URL so a link reloads the same data).
    pub source: DataSource,
}

/// A change to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Move by this many dates (←/→, PageUp/PageDown, previous/next buttons); pauses.
    Step(i64),
    /// Show date index `i` (slider, date field, event marks); pauses.
    Seek(usize),
    /// First date of the window (Home).
    First,
    /// Last date of the window (End).
    Last,
    /// Previous date with an event (`[`).
    PrevEvent,
    /// Next date with an event (`]`).
    NextEvent,
    /// Play or pause (Space).
    TogglePlay,
    /// Play.
    Play,
    /// Pause (also when the page is hidden).
    Pause,
    /// A clock tick during playback (ms, monotonic).
    Tick(f64),
    /// Playback speed, dates per second.
    SetSpeed(f64),
    /// Loop playback or not.
    SetLoop(bool),
    /// The pointer entered a region (`Some`) or left the map (`None`).
    Hover(Option<String>),
    /// Select a region (`Some`), or clear the selection; selecting the selected one clears it.
    Select(Option<String>),
    /// A region found by the search box: selected and shown (hovered) whether or not it already
    /// was (a second search for the same name must not clear it, as a second click does).
    Find(String),
    /// Switch language.
    SetLang(Lang),
    /// Enter or leave presenter mode.
    SetPresent(bool),
    /// Black the screen out, or back (presenter mode only).
    ToggleBlackout,
    /// Escape: lift the blackout, else leave presenter mode, else clear the selection.
    Escape,
    /// Choose the colour scheme.
    SetDark(Dark),
    /// Enter compare mode against date index `Some(i)`, or leave it (`None`).
    SetCompare(Option<usize>),
    /// Replace the reader's choices by those of another state (back/forward navigation); keeps
    /// what the URL does not carry (hover).
    Restore(Box<AppState>),
}

impl AppState {
    /// The initial state for a dataset of `dates` dates: last date, paused, nothing selected.
    pub fn new(dates: usize, lang: Lang) -> AppState {
        AppState {
            timeline: Timeline::new(dates),
            hovered: None,
            selected: None,
            lang,
            present: false,
            blackout: false,
            embed: false,
            compare: None,
            dark: Dark::Auto,
            plain: false,
            static_map: false,
            source: DataSource::default(),
        }
    }

    /// The state a URL asks for, for `ds`. What cannot apply (a date outside the data, a region
    /// the data lacks) is left at its default with a notice. `default_lang` is used when the URL
    /// has no `lang`. `autoplay_allowed` is `false` when the reader prefers reduced motion.
    pub fn from_url(
        url: &UrlState,
        ds: &Dataset,
        default_lang: Lang,
        autoplay_allowed: bool,
    ) -> (AppState, Vec<Notice>) {
        let mut notices = Vec::new();
        let n = ds.dates.len();
        let events = ds.events.iter().filter_map(|e| ds.date_index(e.date)).collect();
        let mut timeline = Timeline::new(n).with_events(events);
        let (first, last) = (ds.dates.first().copied(), ds.dates.last().copied());
        let range = match (first, last) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => String::new(),
        };
        let outside = |param: &str, d: crate::core::date::Date| {
            Notice::new(
                param,
                format!("{d} 不在数据范围（{range}）内，已忽略"),
                format!("{d} is outside the data ({range}), ignored"),
            )
        };
        // Window: the first date on or after `from`, the last on or before `to`.
        let lo = match url.from {
            Some(d) => match ds.dates.iter().position(|&x| x >= d) {
                Some(i) => i,
                None => {
                    notices.push(outside("from", d));
                    0
                }
            },
            None => 0,
        };
        let hi = match url.to {
            Some(d) => match ds.dates.iter().rposition(|&x| x <= d) {
                Some(i) => i,
                None => {
                    notices.push(outside("to", d));
                    n.saturating_sub(1)
                }
            },
            None => n.saturating_sub(1),
        };
        if lo > hi {
            notices.push(Notice::new("from", "起始日期晚于结束日期，已忽略", "from is after to, ignored"));
        } else {
            timeline.set_window(lo, hi);
        }
        if let Some(d) = url.date {
            match ds.date_index(d) {
                Some(i) => timeline.seek(i),
                None => notices.push(outside("date", d)),
            }
        }
        if let Some(s) = url.speed {
            timeline.set_speed(s);
        }
        if let Some(s) = url.dwell {
            timeline.set_dwell(s * 1000.0);
        }
        timeline.set_looping(url.looping);
        // A static map has no controls: nothing may play that the reader could not stop.
        if url.play && autoplay_allowed && !url.static_map {
            timeline.play();
        }
        let selected = match &url.region {
            Some(r) if ds.series(r).is_some() => Some(r.clone()),
            Some(r) => {
                notices.push(Notice::new(
                    "region",
                    format!("数据中没有地区“{r}”，已忽略"),
                    format!("no region “{r}” in the data, ignored"),
                ));
                None
            }
            None => None,
        };
        let compare = match url.compare {
            Some(d) => match ds.date_index(d) {
                Some(i) => Some(i),
                None => {
                    notices.push(outside("compare", d));
                    None
                }
            },
            None => None,
        };
        let state = AppState {
            timeline,
            hovered: None,
            selected,
            lang: url.lang.unwrap_or(default_lang),
            present: url.present,
            blackout: false,
            embed: url.embed,
            compare,
            dark: url.dark,
            plain: url.plain,
            static_map: url.static_map,
            source: url.source.clone(),
        };
        (state, notices)
    }

    /// The URL state for this state: everything a shared link must restore. `lang` is written only
    /// when it differs from `default_lang` (so a link follows each reader's browser otherwise).
    pub fn to_url(&self, ds: &Dataset, default_lang: Lang) -> UrlState {
        let t = &self.timeline;
        let (lo, hi) = t.window();
        let last = ds.dates.len().saturating_sub(1);
        UrlState {
            date: ds.dates.get(t.index()).copied(),
            region: self.selected.clone(),
            lang: (self.lang != default_lang).then_some(self.lang),
            present: self.present,
            embed: self.embed,
            from: (lo > 0).then(|| ds.dates[lo]),
            to: (hi < last).then(|| ds.dates[hi]),
            speed: (t.speed() != crate::core::timeline::DEFAULT_SPEED).then_some(t.speed()),
            looping: t.is_looping(),
            dwell: (t.dwell_ms() != crate::core::timeline::DEFAULT_DWELL_MS).then_some(t.dwell_ms() / 1000.0),
            play: false,
            compare: self.compare.and_then(|i| ds.dates.get(i).copied()),
            dark: self.dark,
            plain: self.plain,
            static_map: self.static_map,
            source: self.source.clone(),
        }
    }

    /// Applies `action`. Returns `true` if anything changed, including the playback clock's anchor
    /// (so the view keeps the new state), `false` if the state is exactly as before (so the view
    /// can skip the render: most playback ticks change nothing).
    pub fn apply(&mut self, action: &Action) -> bool {
        let before = self.clone();
        let t = &mut self.timeline;
        // Playback's fade lasts until the reader does anything (a pointer passing over the map is
        // not doing anything): their next colour change, a step or a compare date, shows at once.
        if !matches!(action, Action::Tick(_) | Action::Hover(_)) {
            t.settle();
        }
        match action {
            Action::Step(d) => t.step(*d),
            Action::Seek(i) => t.seek(*i),
            Action::First => t.first(),
            Action::Last => t.last(),
            Action::PrevEvent => t.prev_event(),
            Action::NextEvent => t.next_event(),
            Action::TogglePlay => t.toggle(),
            Action::Play => t.play(),
            Action::Pause => t.pause(),
            Action::Tick(now) => {
                t.tick(*now);
            }
            Action::SetSpeed(s) => t.set_speed(*s),
            Action::SetLoop(l) => t.set_looping(*l),
            Action::Hover(code) => self.hovered = code.clone(),
            Action::Select(code) => {
                self.selected = if code.is_some() && *code == self.selected { None } else { code.clone() };
            }
            Action::Find(code) => {
                self.selected = Some(code.clone());
                self.hovered = Some(code.clone());
            }
            Action::SetLang(l) => self.lang = *l,
            Action::SetCompare(c) => self.compare = *c,
            Action::SetDark(d) => self.dark = *d,
            Action::SetPresent(p) => {
                self.present = *p;
                self.blackout = false;
            }
            Action::ToggleBlackout => self.blackout = self.present && !self.blackout,
            Action::Escape => {
                if self.blackout {
                    self.blackout = false;
                } else if self.present {
                    self.present = false;
                } else {
                    self.selected = None;
                    self.hovered = None;
                }
            }
            Action::Restore(other) => {
                let hovered = self.hovered.take();
                *self = (**other).clone();
                self.hovered = hovered;
            }
        }
        *self != before
    }

    /// A text summary of the shown date, for everyone (under the map) and for screen readers (a
    /// polite live region): how many regions are above 60 %, the highest and lowest, the total.
    /// `names` are the regions' names as the page shows them (in `ds.regions`' order; the map's
    /// names for a reader's file, which may have none of its own); `on_map` is how many regions
    /// the map draws: counts are "of" those, and the regions without a value that day are said.
    pub fn summary(&self, ds: &Dataset, names: &[String], on_map: usize) -> String {
        use crate::core::dataset::{Bound, Value};
        let lang = self.lang;
        let i = self.timeline.index();
        let Some(&date) = ds.dates.get(i) else { return String::new() };
        // Comparing (even a date with itself, as the map then shows ±0 everywhere): the changes.
        if let Some(from) = self.compare.filter(|&c| c < ds.dates.len()) {
            return self.change_summary(ds, names, on_map, from);
        }
        let name = |k: usize| names.get(k).cloned().unwrap_or_else(|| ds.regions[k].name.get(lang).to_string());
        let mut vals: Vec<(String, Value)> = ds
            .regions
            .iter()
            .enumerate()
            .filter_map(|(k, s)| s.values.get(i).copied().flatten().map(|v| (name(k), v)))
            .collect();
        // Highest first; ties by name, as the ranking chart orders them.
        crate::core::sort::sort_by(&mut vals, |a, b| b.1.rate.total_cmp(&a.1.rate).then_with(|| a.0.cmp(&b.0)));
        let n = ds.regions.len().max(on_map);
        // "More than 60 %" is above 60 % too.
        let above =
            vals.iter().filter(|(_, v)| v.rate > 60.0 || (v.rate >= 60.0 && v.bound == Bound::MoreThan)).count();
        let d = format::date(date, lang);
        let mut out = match (lang, vals.is_empty()) {
            (Lang::Zh, true) => format!("{d}：各地区均无数据"),
            (Lang::En, true) => format!("On {d}, no region has a value"),
            (Lang::Zh, false) => format!("{d}：{n} 个地区中 {above} 个{}高于60%", ds.meta.metric.name.get(lang)),
            (Lang::En, false) => format!("On {d}, {above} of {n} regions above {}", format::percent_tick(60.0, lang)),
        };
        // Level = reads the same on the page (62.3 % and 62.34 % are level to the reader).
        let texts: Vec<String> = vals.iter().map(|x| ds.value_text(&x.1, lang)).collect();
        let (k_top, k_bottom) = format::level_ends(&texts);
        if let (Some(hv), Some(lv)) = (texts.first(), texts.last()) {
            if vals.len() > 1 && k_top == vals.len() {
                // Every region with a value at the same rate: no region is highest or lowest.
                let k = vals.len();
                out.push_str(&match (lang, k == n) {
                    (Lang::Zh, true) => format!("；各地区均为{hv}"),
                    (Lang::Zh, false) => format!("；有数据的 {k} 个地区均为{hv}"),
                    (Lang::En, true) => format!("; every region at {hv}"),
                    (Lang::En, false) => format!("; all {k} regions with data at {hv}"),
                });
            } else if vals.len() > 1 {
                let names: Vec<&str> = vals.iter().map(|x| x.0.as_str()).collect();
                // "More than 50 %" may be anywhere above 50 %: no order is certain with it.
                let bound = |v: &(String, Value)| v.1.bound == Bound::MoreThan;
                let bounded = (vals.iter().any(bound), vals[vals.len() - k_bottom..].iter().all(bound));
                out.push_str(&ends_sentence(&names, (k_top, k_bottom), (hv, lv), bounded, "", lang));
            }
        }
        let without = n - vals.len();
        if without > 0 && !vals.is_empty() {
            out.push_str(&match lang {
                Lang::Zh => format!("；{without} 个地区无数据"),
                Lang::En => format!("; no data for {without} region{}", if without == 1 { "" } else { "s" }),
            });
        }
        match ds.total(i) {
            Some(t) => out.push_str(&match lang {
                Lang::Zh => format!("；{} {}", ds.total_label(i, lang), format::value(&t, lang)),
                Lang::En => format!("; {} {}", format::lower_first(&ds.total_label(i, lang)), format::value(&t, lang)),
            }),
            // A total on other dates but not this one (a region's counts missing): said, so the
            // total's absence is not a puzzle. (Only scanned on such a date.)
            None if (0..ds.dates.len()).any(|j| ds.total(j).is_some()) => {
                out.push_str(lang.pick("；当日无全省合计", "; no province total that day"))
            }
            None => {}
        }
        out.push_str(ds.meta.made_note(lang));
        out.push_str(lang.pick("。", "."));
        out
    }
}

impl AppState {
    /// The summary in compare mode, where the map shows changes: how many regions rose (and
    /// fell) since the base date, which most and least, and the total's change.
    fn change_summary(&self, ds: &Dataset, names: &[String], on_map: usize, from: usize) -> String {
        let lang = self.lang;
        let i = self.timeline.index();
        let name = |k: usize| names.get(k).cloned().unwrap_or_else(|| ds.regions[k].name.get(lang).to_string());
        let mut changes: Vec<(String, f64)> = ds
            .regions
            .iter()
            .enumerate()
            .filter_map(|(k, s)| ds.change_between(&s.code, from, i).map(|c| (name(k), c)))
            .collect();
        crate::core::sort::sort_by(&mut changes, |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let n = ds.regions.len().max(on_map);
        let texts: Vec<String> = changes.iter().map(|c| format::change(c.1, lang)).collect();
        // What reads as a rise or a fall on the page (one decimal).
        let rose = changes.iter().filter(|c| c.1 >= 0.05).count();
        let fell = changes.iter().filter(|c| c.1 <= -0.05).count();
        let (a, b) = (format::date(ds.dates[from], lang), format::date(ds.dates[i], lang));
        let mut out = match lang {
            Lang::Zh => format!("{a}至{b}：{n} 个地区中 {rose} 个上升"),
            Lang::En => format!("From {a} to {b}: {rose} of {n} regions rose"),
        };
        if fell > 0 {
            out.push_str(&match lang {
                Lang::Zh => format!("，{fell} 个下降"),
                Lang::En => format!(", {fell} fell"),
            });
        }
        let (k_top, k_bottom) = format::level_ends(&texts);
        if let (Some(hv), Some(lv)) = (texts.first(), texts.last()) {
            if changes.len() > 1 && k_top == changes.len() {
                out.push_str(&match lang {
                    Lang::Zh => format!("；各地区变化均为{hv}"),
                    Lang::En => format!("; every region changed by {hv}"),
                });
            } else if changes.len() > 1 {
                // Highest and lowest change, signed: a fall is the lowest, not the "least".
                let names: Vec<&str> = changes.iter().map(|x| x.0.as_str()).collect();
                out.push_str(&ends_sentence(&names, (k_top, k_bottom), (hv, lv), (false, false), "变化", lang));
            }
        }
        let without = n - changes.len();
        if without > 0 {
            out.push_str(&match lang {
                Lang::Zh => format!("；{without} 个地区无法计算变化"),
                Lang::En => format!("; no change known for {without} regions"),
            });
        }
        if let (Some(t0), Some(t1)) = (ds.total(from), ds.total(i)) {
            let label = ds.total_label(i, lang);
            out.push_str(&match lang {
                Lang::Zh => format!("；{label} {}", format::change(t1.rate - t0.rate, lang)),
                Lang::En => format!("; {} {}", format::lower_first(&label), format::change(t1.rate - t0.rate, lang)),
            });
        }
        out.push_str(ds.meta.made_note(lang));
        out.push_str(lang.pick("。", "."));
        out
    }
}

/// "；最高…（hv），最低…（lv）" / "; highest … (hv), lowest … (lv)" for `names` sorted highest
/// first, where the first `ends.0` and the last `ends.1` read level ([`format::level_ends`]): those
/// are named together, or counted ("最高的 8 个地区"). `zh_subject` goes before 最高 ("变化").
/// `bounded`: as [`format::ends_clause`] (some value is a lower bound; the bottom's are).
fn ends_sentence(
    names: &[&str],
    ends: (usize, usize),
    (hv, lv): (&String, &String),
    bounded: (bool, bool),
    zh_subject: &str,
    lang: Lang,
) -> String {
    let hn = format::names_or_count(&names[..ends.0], lang);
    let ln = format::names_or_count(&names[names.len() - ends.1..], lang);
    let clause = format::ends_clause((&hn, hv), (&ln, lv), bounded, (zh_subject, false), lang);
    format!("{}{clause}", lang.pick("；", "; "))
}

/// Reads a date typed or picked by the reader: the index of that date in `ds`, or a message
/// saying why not (not a date, or outside the data). The caller changes nothing on `Err`.
pub fn date_input(ds: &Dataset, input: &str) -> Result<usize, crate::core::i18n::Text> {
    use crate::core::i18n::Text;
    let input = input.trim();
    let range = match (ds.dates.first(), ds.dates.last()) {
        (Some(a), Some(b)) => (
            format::date(*a, Lang::Zh),
            format::date(*b, Lang::Zh),
            format::date(*a, Lang::En),
            format::date(*b, Lang::En),
        ),
        _ => return Err(Text::new("没有日期", "There are no dates")),
    };
    if input.is_empty() {
        return Err(Text::new(
            format!("请输入 {} 至 {} 之间的日期", range.0, range.1),
            format!("Enter a date between {} and {}", range.2, range.3),
        ));
    }
    let date = crate::core::date::Date::parse(input).map_err(|_| {
        Text::new(
            format!("“{}”不是日期（格式：YYYY-MM-DD）", crate::core::date::truncate(input, 20)),
            format!("“{}” is not a date (format: YYYY-MM-DD)", crate::core::date::truncate(input, 20)),
        )
    })?;
    ds.date_index(date).ok_or_else(|| {
        Text::new(
            format!("{} 没有数据：数据范围是 {} 至 {}", format::date(date, Lang::Zh), range.0, range.1),
            format!("No data for {}: the data cover {} to {}", format::date(date, Lang::En), range.2, range.3),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::Bundle;
    use crate::core::date::Date;

    fn ds() -> Dataset {
        Bundle::embedded().dataset
    }

    /// The regions' names as the page shows them (the ranking's labels).
    fn names(ds: &Dataset, lang: Lang) -> Vec<String> {
        let b = Bundle::embedded();
        ds.regions.iter().map(|s| b.label(&s.code, lang)).collect()
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

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
        s.apply(&Action::Step(3));
        assert!(s.apply(&Action::First));
        assert_eq!(s.timeline.index(), 0);
        assert!(s.apply(&Action::Last));
        assert_eq!(s.timeline.index(), 20);
    }

    #[test]
    fn playback_fade_lasts_until_the_reader_acts() {
        let mut s = AppState::new(21, Lang::Zh);
        s.apply(&Action::Seek(19));
        s.apply(&Action::Play);
        s.apply(&Action::Tick(0.0));
        s.apply(&Action::Tick(1000.0));
        assert!(!s.timeline.is_playing() && s.timeline.arrived_by_playback(), "the last date fades in");
        s.apply(&Action::Hover(Some("520100".into())));
        assert!(s.timeline.arrived_by_playback(), "a pointer passing by is not the reader acting");
        assert!(s.apply(&Action::SetCompare(Some(0))), "the fade ending is a change to render");
        assert!(!s.timeline.arrived_by_playback(), "a compare date shows its colours at once");
        s.apply(&Action::Play);
        s.apply(&Action::Tick(0.0));
        s.apply(&Action::Tick(1000.0));
        assert!(s.timeline.arrived_by_playback());
        s.apply(&Action::Pause);
        assert!(!s.timeline.arrived_by_playback(), "pausing ends the fade too");
    }

    #[test]
    fn selection_toggles_and_escape_unwinds_in_order() {
        let mut s = AppState::new(21, Lang::Zh);
        s.apply(&Action::Select(Some("520300".into())));
        assert_eq!(s.selected.as_deref(), Some("520300"));
        s.apply(&Action::Select(Some("520300".into())));
        assert_eq!(s.selected, None, "selecting the selected region clears it");
        for _ in 0..2 {
            s.apply(&Action::Find("520300".into()));
            assert_eq!(
                (s.selected.as_deref(), s.hovered.as_deref()),
                (Some("520300"), Some("520300")),
                "found twice: kept"
            );
        }
        s.apply(&Action::Select(Some("520100".into())));
        assert!(!s.apply(&Action::ToggleBlackout), "no blackout outside presenter mode");
        s.apply(&Action::SetPresent(true));
        s.apply(&Action::ToggleBlackout);
        assert!(s.blackout);
        s.apply(&Action::Escape);
        assert!(!s.blackout && s.present, "first Esc lifts the blackout");
        s.apply(&Action::Escape);
        assert!(!s.present, "second Esc leaves presenter mode");
        assert_eq!(s.selected.as_deref(), Some("520100"));
        s.apply(&Action::Escape);
        assert_eq!(s.selected, None, "third Esc clears the selection");
    }

    #[test]
    fn from_url_applies_what_it_can() {
        let ds = ds();
        let (url, _) = UrlState::parse("?date=2020-02-19&region=520300&lang=en&present=1&speed=2&loop=1");
        let (s, notices) = AppState::from_url(&url, &ds, Lang::Zh, true);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(ds.dates[s.timeline.index()], d("2020-02-19"));
        assert_eq!(s.selected.as_deref(), Some("520300"));
        assert_eq!(s.lang, Lang::En);
        assert!(s.present);
        assert_eq!(s.timeline.speed(), 2.0);
        assert!(s.timeline.is_looping());
        assert_eq!(s.timeline.events().len(), 5, "events on 5 distinct dates");
        // Round trip through the URL.
        let back = s.to_url(&ds, Lang::Zh);
        assert_eq!(back.to_query(), "?date=2020-02-19&region=520300&lang=en&present=1&speed=2&loop=1");
    }

    #[test]
    fn from_url_refuses_what_the_data_lacks() {
        let ds = ds();
        let (url, _) = UrlState::parse("?date=2019-01-01&region=999999&from=2030-01-01");
        let (s, notices) = AppState::from_url(&url, &ds, Lang::Zh, true);
        assert_eq!(s.timeline.index(), 20, "default date kept");
        assert_eq!(s.selected, None);
        let params: Vec<_> = notices.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(params, vec!["from", "date", "region"]);
        assert_eq!(notices[1].message.en, "2019-01-01 is outside the data (2020-02-10 – 2020-03-01), ignored");
    }

    #[test]
    fn window_from_url() {
        let ds = ds();
        let (url, _) = UrlState::parse("?from=2020-02-15&to=2020-02-26");
        let (mut s, notices) = AppState::from_url(&url, &ds, Lang::Zh, true);
        assert!(notices.is_empty());
        assert_eq!(s.timeline.window(), (5, 16));
        assert_eq!(s.timeline.index(), 16, "starts at the window's last date");
        s.apply(&Action::First);
        assert_eq!(ds.dates[s.timeline.index()], d("2020-02-15"));
        assert_eq!(s.to_url(&ds, Lang::Zh).to_query(), "?date=2020-02-15&from=2020-02-15&to=2020-02-26");
    }

    #[test]
    fn compare_mode_round_trips() {
        let ds = ds();
        let (url, _) = UrlState::parse("?date=2020-02-19&compare=2020-02-12");
        let (mut s, notices) = AppState::from_url(&url, &ds, Lang::Zh, true);
        assert!(notices.is_empty());
        assert_eq!(s.compare, Some(2));
        assert_eq!(s.to_url(&ds, Lang::Zh).to_query(), "?date=2020-02-19&compare=2020-02-12");
        s.apply(&Action::SetCompare(None));
        assert_eq!(s.to_url(&ds, Lang::Zh).to_query(), "?date=2020-02-19");
        let (url, _) = UrlState::parse("?compare=2021-01-01");
        let (s, notices) = AppState::from_url(&url, &ds, Lang::Zh, true);
        assert_eq!(s.compare, None);
        assert_eq!(notices[0].param, "compare");
    }

    #[test]
    fn autoplay_only_when_allowed() {
        let ds = ds();
        let (url, _) = UrlState::parse("?play=1&date=2020-02-10");
        assert!(AppState::from_url(&url, &ds, Lang::Zh, true).0.timeline.is_playing());
        assert!(!AppState::from_url(&url, &ds, Lang::Zh, false).0.timeline.is_playing(), "reduced motion: no autoplay");
        let (still, _) = UrlState::parse("?play=1&static=1&date=2020-02-10");
        assert!(
            !AppState::from_url(&still, &ds, Lang::Zh, true).0.timeline.is_playing(),
            "a static map has no pause button"
        );
    }

    #[test]
    fn restore_keeps_hover() {
        let mut s = AppState::new(21, Lang::Zh);
        s.apply(&Action::Hover(Some("520100".into())));
        let mut other = AppState::new(21, Lang::En);
        other.apply(&Action::Seek(3));
        s.apply(&Action::Restore(Box::new(other)));
        assert_eq!(s.timeline.index(), 3);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.hovered.as_deref(), Some("520100"));
    }

    #[test]
    fn date_input_explains_refusals() {
        let ds = ds();
        assert_eq!(date_input(&ds, "2020-02-19"), Ok(9));
        assert_eq!(
            date_input(&ds, "2020-04-01").unwrap_err().en,
            "No data for 1 Apr 2020: the data cover 10 Feb 2020 to 1 Mar 2020"
        );
        assert_eq!(date_input(&ds, "2020-02-30").unwrap_err().en, "“2020-02-30” is not a date (format: YYYY-MM-DD)");
        assert_eq!(date_input(&ds, "").unwrap_err().zh, "请输入 2020年2月10日 至 2020年3月1日 之间的日期");
    }

    #[test]
    fn in_compare_mode_the_summary_reads_the_changes() {
        let ds = ds();
        let mut s = AppState::new(ds.dates.len(), Lang::En);
        s.apply(&Action::Seek(9));
        s.apply(&Action::SetCompare(Some(2)));
        let en = s.summary(&ds, &names(&ds, Lang::En), 9);
        assert!(en.starts_with("From 12 Feb 2020 to 19 Feb 2020: 9 of 9 regions rose; highest "), "{en}");
        assert!(en.contains("; province total +") && en.ends_with(" (illustrative data)."), "{en}");
        assert!(!en.contains("above 60"), "levels are not the subject: {en}");
        s.apply(&Action::SetLang(Lang::Zh));
        let zh = s.summary(&ds, &names(&ds, Lang::Zh), 9);
        assert!(zh.starts_with("2020年2月12日至2020年2月19日：9 个地区中 9 个上升；变化最高"), "{zh}");
        // Compared with itself (playback passing the base date), as the map shows: no change.
        s.apply(&Action::SetCompare(Some(9)));
        s.apply(&Action::SetLang(Lang::En));
        let same = s.summary(&ds, &names(&ds, Lang::En), 9);
        assert!(same.contains("0 of 9 regions rose; every region changed by ±0.0"), "{same}");
    }

    #[test]
    fn summary_reads_the_state() {
        let ds = ds();
        let mut s = AppState::new(ds.dates.len(), Lang::En);
        s.apply(&Action::Seek(9));
        assert_eq!(
            s.summary(&ds, &names(&ds, s.lang), 9),
            "On 19 Feb 2020, 6 of 9 regions above 60\u{a0}%; highest Qianxinan (72.1\u{a0}%), lowest Anshun (57.4\u{a0}%); province total 62.3\u{a0}% (illustrative data)."
        );
        s.apply(&Action::SetLang(Lang::Zh));
        assert_eq!(
            s.summary(&ds, &names(&ds, s.lang), 9),
            "2020年2月19日：9 个地区中 6 个复工率高于60%；最高黔西南州（72.1%），最低安顺（57.4%）；全省合计 62.3%（示意数据）。"
        );
    }

    #[test]
    fn summary_names_no_highest_or_lowest_when_all_are_level() {
        let ds = ds();
        let last = ds.dates.len() - 1;
        assert!(
            ds.regions.iter().all(|r| r.values[last].map(|v| v.rate) == Some(100.0)),
            "every prefecture at 100 % on 1 Mar"
        );
        let mut s = AppState::new(ds.dates.len(), Lang::En);
        s.apply(&Action::Seek(last));
        let en = s.summary(&ds, &names(&ds, s.lang), 9);
        assert!(en.contains("; every region at 100.0\u{a0}%;") && !en.contains("highest"), "{en}");
        s.apply(&Action::SetLang(Lang::Zh));
        let zh = s.summary(&ds, &names(&ds, s.lang), 9);
        assert!(zh.contains("；各地区均为100.0%；") && !zh.contains("最高"), "{zh}");
    }

    #[test]
    fn summary_counts_the_regions_on_the_map_and_says_which_lack_data() {
        let mut ds = ds();
        ds.regions.truncate(2);
        let mut s = AppState::new(ds.dates.len(), Lang::Zh);
        s.apply(&Action::Seek(9));
        let zh = s.summary(&ds, &names(&ds, s.lang), 9);
        assert!(zh.starts_with("2020年2月19日：9 个地区中 ") && zh.contains("；7 个地区无数据"), "{zh}");
        s.apply(&Action::SetLang(Lang::En));
        assert!(
            s.summary(&ds, &names(&ds, s.lang), 9).contains(" of 9 regions above")
                && s.summary(&ds, &names(&ds, s.lang), 9).contains("; no data for 7 regions")
        );
    }

    #[test]
    fn summary_says_one_region_lacks_data_and_the_total_is_missing_that_day() {
        let mut ds = ds();
        ds.regions[0].values[9] = None;
        let mut s = AppState::new(ds.dates.len(), Lang::En);
        s.apply(&Action::Seek(9));
        let en = s.summary(&ds, &names(&ds, s.lang), 9);
        assert!(en.contains("; no data for 1 region; no province total that day (illustrative data)."), "{en}");
        s.apply(&Action::SetLang(Lang::Zh));
        assert!(s.summary(&ds, &names(&ds, s.lang), 9).contains("；1 个地区无数据；当日无全省合计"));
        // The day before, everything: the total is there.
        s.apply(&Action::Seek(8));
        assert!(!s.summary(&ds, &names(&ds, s.lang), 9).contains("无全省合计"));
    }

    #[test]
    fn summary_of_a_date_without_any_value_says_so() {
        let mut ds = ds();
        for r in &mut ds.regions {
            r.values[9] = None;
        }
        let mut s = AppState::new(ds.dates.len(), Lang::En);
        s.apply(&Action::Seek(9));
        let en = s.summary(&ds, &names(&ds, s.lang), 9);
        assert!(en.starts_with("On 19 Feb 2020, no region has a value;") && !en.contains("0 of 9"), "{en}");
        s.apply(&Action::SetLang(Lang::Zh));
        assert!(s.summary(&ds, &names(&ds, s.lang), 9).starts_with("2020年2月19日：各地区均无数据；"));
    }

    #[test]
    fn summary_names_level_regions_together() {
        let mut ds = ds();
        // Anshun level with the leader on 19 Feb: both are named highest, not one by the alphabet.
        let top = ds.regions.iter().map(|r| r.values[9].unwrap().rate).fold(f64::MIN, f64::max);
        let k = ds.regions.iter().position(|r| r.name.en == "Anshun").unwrap();
        ds.regions[k].values[9] = Some(crate::core::dataset::Value::exact(top));
        let mut s = AppState::new(ds.dates.len(), Lang::En);
        s.apply(&Action::Seek(9));
        let en = s.summary(&ds, &names(&ds, Lang::En), 9);
        assert!(en.contains("highest Anshun and Qianxinan (72.1\u{a0}%)"), "{en}");
    }

    #[test]
    fn summary_of_the_2021_snapshot_counts_bounds_and_orders_only_what_the_figures_allow() {
        let ds = crate::reported::snapshot_2021();
        let mut s = AppState::new(1, Lang::En);
        s.apply(&Action::Seek(0));
        let en = s.summary(&ds, &names(&ds, Lang::En), 9);
        // Three measured above 60 % and three reported as "more than 60 %".
        assert!(en.contains("6 of 9 regions above 60\u{a0}%"), "{en}");
        assert!(
            en.contains(
                "highest reported figure Qianxinan (94.8\u{a0}%); Anshun, Tongren and Zunyi reported only as more than 50\u{a0}%"
            ),
            "{en}"
        );
        s.apply(&Action::SetLang(Lang::Zh));
        let zh = s.summary(&ds, &names(&ds, Lang::Zh), 9);
        // The snapshot's own metric (开工率), and the province's reported figure named for what it is.
        assert!(
            zh.contains("9 个地区中 6 个开工率高于60%")
                && zh.contains("报道的最高数字为黔西南州（94.8%）；安顺、遵义、铜仁仅报道为50%以上"),
            "{zh}"
        );
        assert!(zh.contains("；全省复工复产率（报道） 66.5%") && !zh.contains("全省合计"), "{zh}");
        assert!(en.contains("; province resumption rate (reported) 66.5\u{a0}%"), "{en}");
    }
}

//! Line breaking for text drawn into standalone SVG (the exports), where nothing wraps by itself.
//!
//! A pure core has no font metrics, so widths are *estimated* from the characters: a CJK character
//! or full-width punctuation mark is 1 em; Latin letters, digits and half-width punctuation are
//! between 0.3 and 0.95 em, erring wide for common sans-serif faces (DejaVu Sans, Noto Sans), so a
//! line broken here fits where the exports are rendered rather than running past the edge.
//!
//! Breaks fall at spaces, and between CJK characters, but never before closing punctuation
//! (`，。）；：、”`) nor after opening punctuation (`（“`), as in Chinese typesetting, nor before a
//! range's en dash ("10 Feb – 1 Mar"), and never
//! inside a date ([`segments`]: "1 Mar 2020", "2020年2月10日", "2020-02-20"; the page uses the same
//! runs). A single word wider than the line (a URL) is cut between characters.

/// `true` for characters set 1 em wide: CJK ideographs, kana, hangul, full-width forms and CJK
/// punctuation.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
        || matches!(c, '“' | '”' | '—' | '…')
}

/// Estimated advance of `c`, in em.
fn advance(c: char) -> f64 {
    match c {
        _ if is_wide(c) => 1.0,
        ' ' | '\u{a0}' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '‘' | '’' | '|' | '!' | 'I' | '(' | ')'
        | '[' | ']' | '/' | 'f' | 't' | 'r' => 0.38,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.95,
        'A'..='Z' => 0.74,
        _ => 0.62,
    }
}

/// Estimated width of `s` in em.
pub fn width_em(s: &str) -> f64 {
    s.chars().map(advance).sum()
}

/// Closing punctuation, which must not begin a line; and the en dash of a range ("10 Feb – 1 Mar"),
/// which ends its line, as browsers break it (after, not before).
fn no_line_start(c: char) -> bool {
    "，。）；：、”’！？),.;:%」–".contains(c)
}

/// Opening punctuation, which must not end a line.
fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '“' | '‘' | '(' | '「')
}

/// English month names and their abbreviations, as dates are written in titles.
const MONTHS: [&str; 25] = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sept.",
];

/// `s` cut into runs, each flagged `true` when it is a date that no line break may split:
/// "10 Feb", "1 Mar 2020", "March 1, 2020" (a number and a month name, a month name and a
/// number, chained), and "2020年2月10日", "3月1日" (digits each followed by 年, 月 or 日). The runs
/// concatenate to `s`; the rest of the text comes as unflagged runs.
pub fn segments(s: &str) -> Vec<(&str, bool)> {
    let mut kept: Vec<(usize, usize)> = vec![];
    // English: words split at spaces, with their byte ranges; a gap is glued when a number and a
    // month name meet across it.
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let bare = |w: &str| w.trim_start_matches('(').trim_end_matches([',', '.', ';', ')']).to_string();
    let month = |w: &str| MONTHS.contains(&bare(w).as_str());
    let number = |w: &str| !bare(w).is_empty() && bare(w).chars().all(|c| c.is_ascii_digit());
    for k in 1..words.len() {
        let ((a0, a), (b0, b)) = (words[k - 1], words[k]);
        // "10 Feb", "Feb 10", "Mar 2020", and the year of "March 1, 2020".
        // Never across a comma or a bracket: "in May, 2 in June", "2020 (Feb 20)".
        let open = a.ends_with([',', ')', ';']) || b.starts_with('(');
        let glued = (!open && number(a) && month(b))
            || (!open && month(a) && number(b))
            || (k >= 2 && month(words[k - 2].1) && number(a) && a.ends_with(',') && number(b) && bare(b).len() == 4);
        if glued {
            let end = b0 + b.trim_end_matches([',', '.', ';', ')']).len();
            let start = a0 + (a.len() - a.trim_start_matches('(').len());
            match kept.last_mut() {
                Some(last) if last.1 >= a0 => last.1 = end,
                _ => kept.push((start, end)),
            }
        }
    }
    // Chinese: digits each followed by 年, 月 or 日; and ISO dates (2020-02-20), which a browser
    // would break at a hyphen.
    let mut i = 0;
    let bytes = s.as_bytes();
    let iso = |at: usize| {
        let b = &bytes[at..];
        b.len() >= 10
            && b[..10].iter().enumerate().all(|(k, c)| if k == 4 || k == 7 { *c == b'-' } else { c.is_ascii_digit() })
            && !b.get(10).is_some_and(u8::is_ascii_digit)
    };
    while i < s.len() {
        let mut j = if iso(i) { i + 10 } else { i };
        loop {
            let digits = s[j..].bytes().take_while(u8::is_ascii_digit).count();
            let unit = s[j + digits..].chars().next().filter(|c| digits > 0 && matches!(c, '年' | '月' | '日'));
            match unit {
                Some(c) => j += digits + c.len_utf8(),
                None => break,
            }
        }
        if j > i && !kept.iter().any(|&(a, b)| a < j && i < b) {
            // In order among the English runs (an insertion, not a sort: no sort code in the wasm
            // for this).
            kept.insert(kept.partition_point(|r| r.0 < i), (i, j));
            i = j;
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            // Not from inside a number ("12020年" is not "2020年").
            while i < s.len() && bytes[i].is_ascii_digit() && bytes[i - 1].is_ascii_digit() {
                i += 1;
            }
        }
    }
    let mut out = vec![];
    let mut at = 0;
    for (a, b) in kept {
        if a > at {
            out.push((&s[at..a], false));
        }
        out.push((&s[a..b], true));
        at = b;
    }
    if at < s.len() || out.is_empty() {
        out.push((&s[at..], false));
    }
    out
}

/// The units a line may break between: a Latin word with the spaces after it, one CJK character,
/// punctuation glued to its neighbour.
fn units(s: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut glue_next = false;
    // Every character of a date but its first joins the one before it.
    let chars =
        segments(s).into_iter().flat_map(|(run, keep)| run.chars().enumerate().map(move |(k, c)| (c, keep && k > 0)));
    for (c, in_date) in chars {
        let last_open = out.last().map(|u| u.ends_with(' ')).map(|space| !space).unwrap_or(false);
        let join = match out.last() {
            None => false,
            Some(_) if glue_next || no_line_start(c) || in_date => true,
            // Latin runs stay together until a space ends them, and never join a CJK character.
            Some(u) => {
                let prev = u.chars().last().unwrap_or(' ');
                c == ' ' || (last_open && !is_wide(c) && !is_wide(prev))
            }
        };
        match (join, out.last_mut()) {
            (true, Some(u)) => u.push(c),
            _ => out.push(c.to_string()),
        }
        glue_next = no_line_end(c);
    }
    out
}

/// Breaks `s` into lines no wider than `max` pixels at font size `size` (estimated), each without
/// trailing spaces. Always returns at least one line (empty for an empty `s`).
pub fn wrap(s: &str, size: f64, max: f64) -> Vec<String> {
    let limit = (max / size).max(1.0);
    let mut lines: Vec<String> = vec![];
    let mut line = String::new();
    for unit in units(s) {
        // The line keeps its trailing space when the unit joins it, so it counts.
        let fits = width_em(&line) + width_em(unit.trim_end()) <= limit;
        if !fits && !line.trim_end().is_empty() {
            lines.push(line.trim_end().to_string());
            line = String::new();
        }
        if width_em(unit.trim_end()) > limit {
            // Wider than a whole line (a URL): cut it between characters.
            for c in unit.chars() {
                if width_em(&line) + advance(c) > limit && !line.is_empty() {
                    lines.push(line.trim_end().to_string());
                    line = String::new();
                }
                line.push(c);
            }
        } else {
            line.push_str(&unit);
        }
    }
    lines.push(line.trim_end().to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(wrap("Sources: a", 12.0, 500.0), vec!["Sources: a"]);
        assert_eq!(wrap("", 12.0, 500.0), vec![""]);
    }

    #[test]
    fn a_range_breaks_after_its_dash_never_before() {
        let text = "Work resumption of Guizhou's larger industrial enterprises, 10 Feb – 1 Mar 2020";
        // Every width at which the line breaks around the range.
        for max in (200..900).step_by(5) {
            let lines = wrap(text, 20.0, max as f64);
            assert_eq!(lines.join(" "), text);
            assert!(lines.iter().all(|l| !l.starts_with('–')), "{max} px: {lines:?}");
        }
        assert_eq!(wrap(text, 20.0, 760.0).last().map(String::as_str), Some("1 Mar 2020"));
    }

    #[test]
    fn latin_breaks_at_spaces_and_every_line_fits() {
        let text = "Illustrative data: prefecture values are not reported figures; made by a stated method that agrees with the reported province figures";
        let lines = wrap(text, 14.0, 400.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), text, "nothing lost, words kept whole");
        assert!(lines.iter().all(|l| width_em(l) * 14.0 <= 400.0), "{lines:?}");
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        let text = "示意数据：各市（州）数值并非报道数字，按说明的方法生成，与报道的全省数字一致";
        let lines = wrap(text, 14.0, 14.0 * 7.0);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| width_em(l) <= 7.0), "{lines:?}");
        for l in &lines {
            let first = l.chars().next().unwrap();
            let last = l.chars().last().unwrap();
            assert!(!no_line_start(first) && !no_line_end(last), "{lines:?}");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let url = "www.secretagentgame.com/news/content/14048740988145001.html";
        let lines = wrap(url, 12.0, 120.0);
        assert!(lines.len() > 2 && lines.concat() == url, "{lines:?}");
        assert!(lines.iter().all(|l| width_em(l) * 12.0 <= 120.0));
    }

    #[test]
    fn dates_are_runs_no_break_splits() {
        let kept = |s: &str| segments(s).into_iter().filter(|r| r.1).map(|r| r.0.to_string()).collect::<Vec<_>>();
        assert_eq!(kept("Work resumption, 10 Feb – 1 Mar 2020"), ["10 Feb", "1 Mar 2020"]);
        assert_eq!(kept("贵州规上工业企业复工率（2020年2月10日—3月1日）"), ["2020年2月10日", "3月1日"]);
        assert_eq!(kept("on March 1, 2020 (Feb 20)"), ["March 1, 2020", "Feb 20"]);
        assert_eq!(kept("Work resumption in Guizhou, 20 Feb 2021 (reported figures)"), ["20 Feb 2021"]);
        assert!(kept("10 enterprises in May, 2 in June").is_empty(), "no number beside a month");
        assert_eq!(kept("第12020年"), ["12020年"]);
        assert_eq!(kept("中新网电（2020-02-20，gz.cnipai.com 转载）; 2021-02-23"), ["2020-02-20", "2021-02-23"]);
        assert!(kept("12020-02-20 and 2020-02-201 and 2020-2-20").is_empty(), "only a whole ISO date");
        assert!(kept("no dates here, 100 % and 3 regions").is_empty());
        for s in ["贵州（2020年2月10日—3月1日）", "a 1 Mar 2020 b", "", "年月日", "9"] {
            assert_eq!(segments(s).iter().map(|r| r.0).collect::<String>(), s, "the runs make up the text");
        }
    }

    #[test]
    fn no_line_breaks_inside_a_date() {
        // The Chinese title, in a width that would have broken it as "（2020年2 / 月10日…".
        let zh = "贵州规上工业企业复工率（2020年2月10日—3月1日）";
        for chars in 8..20 {
            let lines = wrap(zh, 10.0, 10.0 * chars as f64);
            assert_eq!(lines.concat(), zh);
            assert!(
                lines.iter().all(|l| !l.ends_with("2020年2") && !l.ends_with("2020年") && !l.ends_with("月")),
                "{lines:?}"
            );
        }
        let en = "Work resumption of Guizhou's larger industrial enterprises, 10 Feb – 1 Mar 2020";
        for px in (120..400).step_by(7) {
            let lines = wrap(en, 10.0, px as f64);
            assert_eq!(lines.join(" "), en);
            assert!(
                lines.iter().all(|l| !l.ends_with(" 1") && !l.ends_with(" 10") && !l.ends_with("Mar")),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_curly_apostrophe_stays_inside_its_word() {
        assert_eq!(wrap("ab China’s", 10.0, 45.0), vec!["ab", "China’s"]);
    }

    #[test]
    fn mixed_text_keeps_latin_runs_whole() {
        let lines = wrap("来源：中新网电（2020-02-20，gz.cnipai.com 转载）", 12.0, 12.0 * 10.0);
        assert!(lines.iter().any(|l| l.contains("gz.cnipai.com")), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "来源：中新网电（2020-02-20，gz.cnipai.com转载）");
    }
}

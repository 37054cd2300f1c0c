//! Line breaking for text drawn into standalone SVG (the exports), where nothing wraps by itself.
//!
//! A pure core has no font metrics, so widths are *estimated* from the characters: a CJK character
//! or full-width punctuation mark is 1 em; Latin letters, digits and half-width punctuation are
//! between 0.3 and 0.95 em, erring wide for common sans-serif faces (DejaVu Sans, Noto Sans), so a
//! line broken here fits where the exports are rendered rather than running past the edge.
//!
//! Breaks fall at spaces, and between CJK characters, but never before closing punctuation
//! (`，。）；：、”`) nor after opening punctuation (`（“`), as in Chinese typesetting. A single
//! word wider than the line (a URL) is cut between characters.

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

/// Closing punctuation, which must not begin a line.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '）' | '；' | '：' | '、' | '”' | '’' | '！' | '？' | ')' | ',' | '.' | ';' | ':' | '%' | '」'
    )
}

/// Opening punctuation, which must not end a line.
fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '“' | '‘' | '(' | '「')
}

/// The units a line may break between: a Latin word with the spaces after it, one CJK character,
/// punctuation glued to its neighbour.
fn units(s: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut glue_next = false;
    for c in s.chars() {
        let last_open = out.last().map(|u| u.ends_with(' ')).map(|space| !space).unwrap_or(false);
        let join = match out.last() {
            None => false,
            Some(_) if glue_next || no_line_start(c) => true,
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

//! Languages and bilingual text.
//!
//! Every string a reader sees exists in Chinese and English. Data files carry their own bilingual
//! strings as [`Text`]; the page's own strings are looked up by [`Lang`] in `view` code through
//! [`Lang::pick`], so that adding a language switch never means hunting for literals.

use serde::{Deserialize, Serialize};

/// A page language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (`zh`), the default for this Chinese-province map.
    #[default]
    Zh,
    /// English (`en`).
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and the URL (`zh` or `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `en-GB`, … by their primary subtag; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The page language for a browser that prefers `tags` (`navigator.languages`, most preferred
    /// first): the first of Chinese or English in the list; English when the list names only other
    /// languages (a reader of French or Japanese is likelier to read English than Chinese);
    /// Chinese, the map's own language, when it names none.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        let mut any = false;
        for tag in tags {
            any = true;
            if let Some(lang) = Lang::from_tag(tag) {
                return lang;
            }
        }
        if any {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Chooses between a Chinese and an English literal.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A string in both languages, as data files carry it: `{"zh": "…", "en": "…"}`.
///
/// Either side may be empty in a file; [`Text::get`] then falls back to the other side so a reader
/// never sees a blank where the file had something to say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Chinese.
    #[serde(default)]
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// Builds a text from both sides.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    /// The text in `lang`, or in the other language if that side is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Zh => (&self.zh, &self.en),
            Lang::En => (&self.en, &self.zh),
        };
        if first.is_empty() {
            second
        } else {
            first
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_s_first_language_of_ours_else_english_for_others_else_chinese() {
        assert_eq!(Lang::preferred(["zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::preferred(["fr-FR", "en-GB", "zh"]), Lang::En);
        assert_eq!(Lang::preferred(["ja", "zh-TW", "en"]), Lang::Zh);
        assert_eq!(Lang::preferred(["fr-FR", "de"]), Lang::En, "neither: English");
        assert_eq!(Lang::preferred([]), Lang::Zh, "no preference at all: the map's own language");
    }

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn text_falls_back() {
        let t = Text::new("贵阳", "");
        assert_eq!(t.get(Lang::En), "贵阳");
        assert_eq!(Text::new("贵阳", "Guiyang").get(Lang::En), "Guiyang");
    }
}

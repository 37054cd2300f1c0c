//! Region names: the short forms used for labels on the map.
//!
//! Official names of autonomous prefectures are long (黔西南布依族苗族自治州); maps and news use
//! the place part plus 州 (黔西南州). Cities drop 市 on labels (贵阳). The full name stays in the
//! tooltip and the tables.

/// Ethnic-group names that appear in the names of China's autonomous prefectures and counties.
const ETHNIC: [&str; 24] = [
    "布依",
    "苗",
    "侗",
    "土家",
    "彝",
    "回",
    "仡佬",
    "水",
    "壮",
    "瑶",
    "白",
    "藏",
    "蒙古",
    "傣",
    "哈尼",
    "傈僳",
    "景颇",
    "羌",
    "朝鲜",
    "哈萨克",
    "柯尔克孜",
    "毛南",
    "黎",
    "纳西",
];

/// The short Chinese name for a label: 贵阳市 → 贵阳, 黔东南苗族侗族自治州 → 黔东南州,
/// 三都水族自治县 → 三都县. Other names are returned unchanged.
pub fn short_zh(name: &str) -> String {
    for (suffix, keep) in [("自治州", "州"), ("自治县", "县")] {
        if let Some(stem) = name.strip_suffix(suffix) {
            // Cut at the earliest ethnic name followed by 族.
            let cut = ETHNIC.iter().filter_map(|e| stem.find(&format!("{e}族"))).min().unwrap_or(stem.len());
            if cut > 0 {
                return format!("{}{keep}", &stem[..cut]);
            }
        }
    }
    match name.strip_suffix('市') {
        Some(stem) if stem.chars().count() >= 2 => stem.to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_zh("贵阳市"), "贵阳");
        assert_eq!(short_zh("六盘水市"), "六盘水");
        assert_eq!(short_zh("黔西南布依族苗族自治州"), "黔西南州");
        assert_eq!(short_zh("黔东南苗族侗族自治州"), "黔东南州");
        assert_eq!(short_zh("黔南布依族苗族自治州"), "黔南州");
        assert_eq!(short_zh("三都水族自治县"), "三都县");
        assert_eq!(short_zh("沙市"), "沙市", "a one-character stem keeps 市");
        assert_eq!(short_zh("修文县"), "修文县");
        assert_eq!(short_zh(""), "");
    }
}

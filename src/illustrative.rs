//! The generator of the default, **illustrative** dataset (`static/data/resumption-2020.json`).
//!
//! No per-prefecture resumption figures for 2020 are public, so the default series is made by the
//! method below and says so in its metadata. `cargo run --bin generate-data` writes the file; the
//! test `tests/data.rs` checks that the committed file is exactly what this code produces and that
//! it agrees with every reported province-level figure. The method is also written out for readers
//! in `static/data/README.md`; keep the two in step.
//!
//! Method:
//! 1. **Province path** `P(t)`, `t` = days since 2020-02-10: straight lines through three anchors.
//!    30 % on 02-10 (an assumption: no figure found), 61 % on 02-19 (an assumption that agrees with
//!    the reported "突破60%" that day) and 100 % on 02-26 (inferred: the 4113 enterprises reported as
//!    fully resumed that day are taken as all that were due). 100 % after that.
//! 2. **Per-prefecture lead** `L` in days, from the ordering of the only per-prefecture figures ever
//!    published (2021-02-20 operating rates): 黔西南 +2; 六盘水, 贵阳 +1; 毕节, 黔南, 黔东南 0;
//!    遵义, 安顺, 铜仁 −1. That 2020 followed the 2021 order is an assumption.
//! 3. **Rate** of a prefecture on day `t`: `P(t + L)`, and 100 % from 02-26 for everyone (inferred, as above).
//! 4. **Counts**: the 4113 enterprises are split among prefectures in proportion to rough 2021
//!    stock estimates (`inferred.csv`, low confidence), by largest remainder; resumed = due × rate,
//!    rounded. The rate shown is resumed ÷ due, so the province total Σ resumed ÷ Σ due is exact.

use crate::core::dataset::{Counts, Dataset, Event, Meta, Metric, Series, Source, Value, FORMAT};
use crate::core::date::Date;
use crate::core::format;
use crate::core::i18n::Text;

/// First date of the series.
pub const FIRST: &str = "2020-02-10";
/// Last date of the series.
pub const LAST: &str = "2020-03-01";
/// Enterprises due to resume in the whole province: the 4113 that 贵州日报 reported fully resumed on
/// 2020-02-26, taken as all that were due (an inference, `inferred.csv`).
pub const PROVINCE_DUE: u32 = 4113;

/// (adcode, 中文, English, rough 2021 enterprise count from `inferred.csv`, lead in days).
const PREFECTURES: [(&str, &str, &str, u32, i32); 9] = [
    ("520100", "贵阳市", "Guiyang", 727, 1),
    ("520200", "六盘水市", "Liupanshui", 333, 1),
    ("520300", "遵义市", "Zunyi", 680, -1),
    ("520400", "安顺市", "Anshun", 349, -1),
    ("520500", "毕节市", "Bijie", 385, 0),
    ("520600", "铜仁市", "Tongren", 400, -1),
    ("522300", "黔西南布依族苗族自治州", "Qianxinan", 440, 2),
    ("522600", "黔东南苗族侗族自治州", "Qiandongnan", 259, 0),
    ("522700", "黔南布依族苗族自治州", "Qiannan", 857, 0),
];

/// Anchors of the province path: (days since 02-10, percent).
const ANCHORS: [(f64, f64); 3] = [(0.0, 30.0), (9.0, 61.0), (16.0, 100.0)];

/// The province path `P(t)`: straight lines through the anchors, extended before the first with
/// the first segment's slope, 100 after the last.
pub fn province_path(t: f64) -> f64 {
    let [(t0, v0), (t1, v1), _] = ANCHORS;
    if t <= t0 {
        return (v0 + (t - t0) * (v1 - v0) / (t1 - t0)).max(0.0);
    }
    for w in ANCHORS.windows(2) {
        let ((a, va), (b, vb)) = (w[0], w[1]);
        if t <= b {
            return va + (t - a) * (vb - va) / (b - a);
        }
    }
    100.0
}

/// Splits `total` in proportion to `weights` with the largest-remainder method (sums exactly).
fn apportion(total: u32, weights: &[u32]) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|&w| w as u64).sum();
    let exact: Vec<f64> = weights.iter().map(|&w| total as f64 * w as f64 / sum as f64).collect();
    let mut out: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    crate::core::sort::sort_by(&mut order, |&a, &b| {
        (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b))
    });
    let short = total - out.iter().sum::<u32>();
    for &i in order.iter().take(short as usize) {
        out[i] += 1;
    }
    out
}

fn src(zh: &str, en: &str, url: &str) -> Source {
    Source { name: Text::new(zh, en), url: url.to_string() }
}

fn event(date: &str, zh: &str, en: &str, source: Source) -> Event {
    Event { date: Date::parse(date).expect("valid literal date"), text: Text::new(zh, en), source }
}

/// The reported facts from `facts_2020.csv` that fall in the series' window, verbatim in meaning.
fn events() -> Vec<Event> {
    let sina = || {
        src(
            "贵州日报（新浪贵州转载，2020-03-21）",
            "Guizhou Daily (via Sina Guizhou, 2020-03-21)",
            "http://gz.sina.com.cn/news/2020-03-21/detail-iimxyqwa2150108.shtml",
        )
    };
    let zhongkao = || {
        src(
            "2020-02-18 报道（zhongkao.com 转载）",
            "Report of 2020-02-18 (reprinted by zhongkao.com)",
            "http://zhongkao.com/e/20200218/5e4c017b038ed_3.shtml",
        )
    };
    vec![
        event(
            "2020-02-10",
            "贵阳市修文县：19家规模以上企业已恢复正常生产（县级数字）",
            "Xiuwen county (Guiyang): 19 enterprises above designated size back to normal production (a county figure)",
            src("中国日报 贵阳", "China Daily, Guiyang", "http://subsites.chinadaily.com.cn/guiyang/xiuwen/2020-02/12/c_541400.htm"),
        ),
        event(
            "2020-02-18",
            "贵州明确目标：全省规模以上工业企业2月底全部复工复产",
            "Guizhou sets the target: every industrial enterprise above designated size resumed by the end of February",
            zhongkao(),
        ),
        event(
            "2020-02-18",
            "重点监测的55家规模以上粮油加工企业复工复产率达98.2%",
            "55 monitored grain and oil processors above designated size: 98.2 % resumed",
            zhongkao(),
        ),
        event(
            "2020-02-19",
            "全省规模以上工业企业复产率突破60%（省级数字）",
            "Province-wide, more than 60 % of industrial enterprises above designated size have resumed (a province figure)",
            src(
                "中新网电（2020-02-20，gz.cnipai.com 转载）",
                "China News Service wire (2020-02-20, reprinted by gz.cnipai.com)",
                "https://gz.cnipai.com/news/detail/257165.html",
            ),
        ),
        event("2020-02-20", "全省复工复产煤矿累计达243处，产能14187万吨/年", "243 coal mines resumed in total, capacity 141.87 Mt a year", sina()),
        event(
            "2020-02-26",
            "全省规模以上工业企业4113个实现全面复工复产；员工返岗约45万人，返岗率76%",
            "4113 industrial enterprises above designated size fully resumed; about 450,000 workers back, a 76 % return rate",
            sina(),
        ),
    ]
}

fn meta() -> Meta {
    Meta {
        title: Text::new("贵州规上工业企业复工率（2020年2月10日—3月1日）", "Work resumption of Guizhou's larger industrial enterprises, 10 Feb – 1 Mar 2020"),
        subtitle: Text::new(
            "各市（州）规模以上工业企业复工率，逐日示意数据，与报道的全省数字相符",
            "Daily resumption rate by prefecture of industrial enterprises above designated size; illustrative by prefecture, anchored to the reported province figures",
        ),
        metric: Metric {
            name: Text::new("复工率", "Resumption rate"),
            definition: Text::new(
                "复工率 = 已复工复产户数 ÷ 应复工复产户数（规模以上工业企业）",
                "Resumption rate = enterprises resumed ÷ enterprises due to resume (industrial enterprises above designated size, 规上工业企业)",
            ),
            unit: "%".into(),
        },
        illustrative: true,
        method: Text::new(
            "示意数据，并非统计数字。2020年没有公开的分市（州）数字。全省路径：2月10日30%（假设），2月19日61%（假设，与报道的“突破60%”相符），2月26日100%（推断：报道4113户全面复工复产，视为应复工的全部企业），其间按直线连接。各市（州）按2021年2月20日开工率的排序提前或推后0–2天（假设2020年顺序相同）；2月26日起均为100%。4113户按2021年估算企业数（低可信度）分配给各市（州）。",
            "Illustrative, not statistics: no per-prefecture figures for 2020 are public. Province path: 30 % on 10 Feb (assumed), 61 % on 19 Feb (assumed, agreeing with the reported \"above 60 %\"), 100 % on 26 Feb (inferred: the 4113 enterprises reported fully resumed, taken as all that were due), straight lines in between. Each prefecture leads or lags that path by 0–2 days following the order of the 2021-02-20 operating rates (assuming 2020 had the same order); all are at 100 % from 26 Feb. The 4113 enterprises are split among prefectures in proportion to rough 2021 estimates (low confidence).",
        ),
        sources: vec![
            src(
                "中新网电（2020-02-20，gz.cnipai.com 转载）：复产率突破60%",
                "China News Service wire (2020-02-20, reprinted by gz.cnipai.com): above 60 %",
                "https://gz.cnipai.com/news/detail/257165.html",
            ),
            src("贵州日报（新浪贵州转载，2020-03-21）：2月26日4113户全面复工复产", "Guizhou Daily (via Sina Guizhou, 2020-03-21): 4113 fully resumed on 26 Feb", "http://gz.sina.com.cn/news/2020-03-21/detail-iimxyqwa2150108.shtml"),
            src(
                "贵州省工业和信息化厅（2021-02-23，转载）：2021-02-20 各市州开工率（仅用于排序）",
                "Guizhou Dept. of Industry and IT (2021-02-23, mirror): 2021-02-20 operating rates (used for ordering only)",
                "http://www.secretagentgame.com/news/content/14048740988145001.html",
            ),
        ],
        region_level: "prefecture".into(),
        origin: None,
        total_name: None,
    }
}

/// Builds the illustrative dataset.
pub fn dataset() -> Dataset {
    let first = Date::parse(FIRST).expect("valid literal date");
    let last = Date::parse(LAST).expect("valid literal date");
    let full = Date::parse("2020-02-26").expect("valid literal date");
    let dates: Vec<Date> = (0..=last.days_since(first)).map(|n| first.add_days(n)).collect();
    let dues = apportion(PROVINCE_DUE, &PREFECTURES.map(|p| p.3));
    let regions = PREFECTURES
        .iter()
        .zip(&dues)
        .map(|(&(code, zh, en, _, lead), &due)| {
            let values = dates
                .iter()
                .map(|&d| {
                    let rate =
                        if d >= full { 100.0 } else { province_path((d.days_since(first) + lead) as f64).min(100.0) };
                    let resumed = (due as f64 * rate / 100.0).round() as u32;
                    let counts = Counts { resumed, due };
                    Some(Value {
                        rate: 100.0 * resumed as f64 / due as f64,
                        bound: crate::core::dataset::Bound::Exact,
                        counts: Some(counts),
                    })
                })
                .collect();
            Series { code: code.into(), name: Text::new(zh, en), values }
        })
        .collect();
    let mut ds = Dataset { meta: meta(), dates, regions, events: events(), totals: vec![] };
    // Say what the province total on the page is, with its figures on the anchor dates, so that
    // nobody takes the path's 30 % and 61 % for the totals shown (they differ: leads and lags are
    // weighted by the enterprise counts).
    let at = |d: &str| {
        let i = ds.date_index(Date::parse(d).expect("valid literal date")).expect("a date of the series");
        format::number(ds.total(i).expect("counts for every prefecture").rate)
    };
    let (t10, t19) = (at("2020-02-10"), at("2020-02-19"));
    ds.meta.method.zh.push_str(&format!(
        "页面上的全省合计是各市（州）已复工户数之和除以应复工户数之和，因此只大致沿全省路径：2月10日为{t10}%，2月19日为{t19}%。"
    ));
    ds.meta.method.en.push_str(&format!(
        " The province total on the page is the sum of the prefectures' enterprises resumed divided by the sum due, so it follows the path only approximately: {t10} % on 10 Feb, {t19} % on 19 Feb."
    ));
    keep_percent_with_number(&mut ds);
    ds
}

/// Puts a no-break space between a number and its " %" in every English text of `ds` (the page's
/// own numbers have one; a fact's "94.8 %" broke across lines without).
pub(crate) fn keep_percent_with_number(ds: &mut Dataset) {
    let fix = |t: &mut Text| t.en = t.en.replace(" %", "\u{a0}%");
    let m = &mut ds.meta;
    for t in [&mut m.title, &mut m.subtitle, &mut m.metric.name, &mut m.metric.definition, &mut m.method] {
        fix(t);
    }
    m.total_name.iter_mut().for_each(fix);
    m.sources.iter_mut().for_each(|s| fix(&mut s.name));
    for e in &mut ds.events {
        fix(&mut e.text);
        fix(&mut e.source.name);
    }
}

/// The illustrative county dataset: each of Guizhou's 88 counties carries its prefecture's
/// illustrative series (no county figures exist at all; this only lets the county map be read).
/// `counties` lists `(county adcode, county name in Chinese and English, prefecture adcode)`.
pub fn counties(counties: &[(String, Text, String)]) -> Dataset {
    let prefectures = dataset();
    let regions = counties
        .iter()
        .filter_map(|(code, name, parent)| {
            let p = prefectures.series(parent)?;
            let values = p.values.iter().map(|v| v.map(|v| Value::exact((v.rate * 10.0).round() / 10.0))).collect();
            Some(Series { code: code.clone(), name: name.clone(), values })
        })
        .collect();
    let mut meta = meta();
    meta.title = Text::new(
        "贵州各县（市、区）复工率（示意，2020年2月10日—3月1日）",
        "Work resumption by county in Guizhou, 10 Feb – 1 Mar 2020 (illustrative)",
    );
    meta.subtitle = Text::new(
        "县级示意数据：每个县沿用所属市（州）的示意序列；没有任何县级数字公开",
        "Illustrative county data: each county repeats its prefecture's illustrative series; no county figures are public",
    );
    meta.method = Text::new(
        format!("{}县级：每个县（市、区）取所属市（州）的示意数值（保留一位小数），不含户数。", meta.method.zh),
        format!(
            "{} Counties: each county takes its prefecture's illustrative value (one decimal), without counts.",
            meta.method.en
        ),
    );
    meta.region_level = "county".into();
    let mut ds = Dataset { meta, dates: prefectures.dates, regions, events: prefectures.events, totals: vec![] };
    keep_percent_with_number(&mut ds);
    ds
}

/// The file text of the dataset, as committed.
pub fn file_text() -> String {
    let text = dataset().to_json();
    debug_assert!(text.contains(FORMAT));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_goes_through_the_anchors() {
        assert_eq!(province_path(0.0), 30.0);
        assert_eq!(province_path(9.0), 61.0);
        assert_eq!(province_path(16.0), 100.0);
        assert_eq!(province_path(30.0), 100.0);
        assert!(province_path(-2.0) < 30.0);
    }

    #[test]
    fn apportion_sums_exactly() {
        let a = apportion(PROVINCE_DUE, &PREFECTURES.map(|p| p.3));
        assert_eq!(a.iter().sum::<u32>(), PROVINCE_DUE);
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
    }
}

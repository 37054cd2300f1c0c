//! The real, reported dataset shipped with the app: Guizhou on 2021-02-20, the only date for which
//! per-prefecture figures were ever published (`static/data/resumption-2021.json`, written by
//! `cargo run --bin generate-data`, checked by `tests/data.rs`).
//!
//! Every number is verbatim from the source (贵州省工业和信息化厅, 2021-02-23, via a mirror):
//! 黔西南州 94.8 %, 六盘水市 75.7 %, 贵阳市 (with 贵安新区) 71 %; 毕节市, 黔南州, 黔东南州 only "above
//! 60 %"; all prefectures "above 50 %" (so 遵义, 安顺, 铜仁 are known only as > 50 %); province 66.5 %
//! (2696 of 4054 enterprises able to resume). The prefecture figures are 开工率 (operating rate), the
//! province figure 复工复产率; the metadata says so.

use crate::core::dataset::{Bound, Counts, Dataset, Event, Meta, Metric, Series, Source, Value};
use crate::core::date::Date;
use crate::core::i18n::Text;

const URL: &str = "http://www.secretagentgame.com/news/content/14048740988145001.html";

fn source() -> Source {
    Source {
        name: Text::new(
            "贵州省工业和信息化厅（2021-02-23，转载）",
            "Guizhou Dept. of Industry and IT (2021-02-23, mirror)",
        ),
        url: URL.into(),
    }
}

/// The 2021-02-20 snapshot.
pub fn snapshot_2021() -> Dataset {
    let mut ds = snapshot_2021_as_written();
    crate::illustrative::keep_percent_with_number(&mut ds);
    ds
}

/// The snapshot's data and texts, before typographic tidying.
fn snapshot_2021_as_written() -> Dataset {
    let date = Date::parse("2021-02-20").expect("valid literal date");
    let exact = Value::exact;
    let more = |r: f64| Value { rate: r, bound: Bound::MoreThan, counts: None };
    let rows: [(&str, &str, &str, Value); 9] = [
        ("520100", "贵阳市（含贵安新区）", "Guiyang (incl. Gui'an)", exact(71.0)),
        ("520200", "六盘水市", "Liupanshui", exact(75.7)),
        ("520300", "遵义市", "Zunyi", more(50.0)),
        ("520400", "安顺市", "Anshun", more(50.0)),
        ("520500", "毕节市", "Bijie", more(60.0)),
        ("520600", "铜仁市", "Tongren", more(50.0)),
        ("522300", "黔西南布依族苗族自治州", "Qianxinan", exact(94.8)),
        ("522600", "黔东南苗族侗族自治州", "Qiandongnan", more(60.0)),
        ("522700", "黔南布依族苗族自治州", "Qiannan", more(60.0)),
    ];
    let total =
        Value { rate: 100.0 * 2696.0 / 4054.0, bound: Bound::Exact, counts: Some(Counts { resumed: 2696, due: 4054 }) };
    Dataset {
        meta: Meta {
            title: Text::new("贵州规上工业企业复工复产（2021年2月20日，报道值）", "Work resumption in Guizhou, 20 Feb 2021 (reported figures)"),
            subtitle: Text::new(
                "2021年春节后各市（州）规上工业企业开工率；全省为复工复产率",
                "Operating rate of industrial enterprises above designated size by prefecture after the 2021 Spring Festival; province: resumption rate",
            ),
            metric: Metric {
                name: Text::new("开工率", "Operating rate"),
                definition: Text::new(
                    "各市（州）：规上工业企业开工率（报道值）；全省：已复工复产户数 ÷ 具备复工复产条件的户数 = 2696 ÷ 4054 = 66.5%",
                    "Prefectures: operating rate of industrial enterprises above designated size, as reported. Province: enterprises resumed ÷ enterprises able to resume = 2696 ÷ 4054 = 66.5 %",
                ),
                unit: "%".into(),
            },
            illustrative: false,
            method: Text::new(
                "报道数字，原文照录。贵阳市含贵安新区。“60%以上”“50%以上”只是报道给出的下限，地图上以斜线标出。2021年，不是2020年。",
                "Reported figures, verbatim. Guiyang includes Gui'an New Area. \"Above 60 %\" and \"above 50 %\" are only the lower bounds the report gives; the map hatches them. This is 2021, not 2020.",
            ),
            sources: vec![source()],
            region_level: "prefecture".into(),
            origin: None,
            total_name: Some(Text::new("全省复工复产率", "Province resumption rate")),
        },
        dates: vec![date],
        regions: rows.iter().map(|(c, zh, en, v)| Series { code: (*c).into(), name: Text::new(*zh, *en), values: vec![Some(*v)] }).collect(),
        events: vec![Event {
            date,
            text: Text::new(
                "全省具备复工复产条件的4054户规上工业企业已复工复产2696户，占66.5%；黔西南州开工率94.8%，六盘水市75.7%，贵阳市（贵安新区）71%；毕节、黔南、黔东南60%以上；各市州均50%以上",
                "Province: 2696 of 4054 enterprises able to resume had resumed (66.5 %); operating rate Qianxinan 94.8 %, Liupanshui 75.7 %, Guiyang (with Gui'an) 71 %; Bijie, Qiannan, Qiandongnan above 60 %; every prefecture above 50 %",
            ),
            source: source(),
        }],
        totals: vec![Some(total)],
    }
}

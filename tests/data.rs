//! The committed default dataset agrees with every reported figure and with its generator.
#![cfg(not(target_arch = "wasm32"))]

use guizhou_map::core::dataset::{Bound, Dataset};
use guizhou_map::core::date::Date;
use guizhou_map::core::geo::parse_regions;

const FILE: &str = include_str!("../static/data/resumption-2020.json");

fn data() -> Dataset {
    Dataset::from_json(FILE).expect("the committed dataset is valid")
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn committed_file_is_the_generators_output() {
    assert!(
        FILE == guizhou_map::illustrative::file_text(),
        "run `cargo run --bin generate-data` and commit the result"
    );
}

#[test]
fn says_it_is_illustrative() {
    let ds = data();
    assert!(ds.meta.illustrative);
    assert!(ds.meta.method.zh.contains("示意") && ds.meta.method.en.contains("Illustrative"));
    assert_eq!(ds.meta.metric.unit, "%");
    assert!(!ds.meta.sources.is_empty());
}

#[test]
fn covers_every_day_from_10_feb_to_1_mar() {
    let ds = data();
    assert_eq!(ds.dates.first(), Some(&d("2020-02-10")));
    assert_eq!(ds.dates.last(), Some(&d("2020-03-01")));
    assert!(ds.dates.windows(2).all(|w| w[1].days_since(w[0]) == 1), "daily, no gaps");
    assert_eq!(ds.dates.len(), 21);
}

#[test]
fn has_every_prefecture_of_the_map() {
    let ds = data();
    let geo = parse_regions(include_str!("../static/geo/guizhou-prefectures.geojson"), "adcode").unwrap();
    let mut a: Vec<_> = ds.regions.iter().map(|s| s.code.clone()).collect();
    let mut b: Vec<_> = geo.iter().map(|r| r.code.clone()).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    for s in &ds.regions {
        assert!(s.values.iter().all(|v| v.is_some()), "{} has a gap", s.code);
    }
}

#[test]
fn the_method_text_gives_the_province_totals_the_page_shows() {
    // The path's anchors (30 %, 61 %) are not the totals on the page; the method says what those are.
    let ds = data();
    for (day, zh_day, en_day) in [("2020-02-10", "2月10日", "10 Feb"), ("2020-02-19", "2月19日", "19 Feb")] {
        let total = guizhou_map::core::format::number(ds.total(ds.date_index(d(day)).unwrap()).unwrap().rate);
        assert!(ds.meta.method.zh.contains(&format!("{zh_day}为{total}%")), "{total}: {}", ds.meta.method.zh);
        assert!(ds.meta.method.en.contains(&format!("{total}\u{a0}% on {en_day}")), "{total}: {}", ds.meta.method.en);
    }
}

#[test]
fn province_above_60_percent_on_19_feb() {
    // 中新网, 2020-02-20: "截至2月19日,贵州省规模以上工业企业复产率突破60%".
    let ds = data();
    let i = ds.date_index(d("2020-02-19")).unwrap();
    let total = ds.total(i).expect("counts everywhere");
    assert!(total.rate >= 60.0, "province {} % on 02-19", total.rate);
    // "突破" = crossed that day: the day before was still below.
    assert!(ds.total(i - 1).unwrap().rate < 60.0);
}

#[test]
fn all_4113_resumed_from_26_feb() {
    // 贵州日报: "2月26日,贵州省规模以上工业企业4113个,实现全面复工复产".
    let ds = data();
    let from = ds.date_index(d("2020-02-26")).unwrap();
    for i in from..ds.dates.len() {
        for s in &ds.regions {
            let v = s.values[i].unwrap();
            assert_eq!(v.rate, 100.0, "{} on {}", s.code, ds.dates[i]);
        }
        let c = ds.total(i).unwrap().counts.unwrap();
        assert_eq!((c.resumed, c.due), (4113, 4113));
    }
    assert!(ds.total(from - 1).unwrap().rate < 100.0, "not yet complete the day before");
}

#[test]
fn every_series_is_non_decreasing_and_within_0_to_100() {
    let ds = data();
    for s in &ds.regions {
        let rates: Vec<f64> = s.values.iter().map(|v| v.unwrap().rate).collect();
        assert!(rates.iter().all(|r| (0.0..=100.0).contains(r)), "{}: {rates:?}", s.code);
        assert!(rates.windows(2).all(|w| w[1] >= w[0]), "{} decreases: {rates:?}", s.code);
        assert!(s.values.iter().all(|v| v.unwrap().bound == Bound::Exact));
    }
}

#[test]
fn events_are_the_reported_facts_with_sources() {
    let ds = data();
    let on = |s: &str| ds.events.iter().filter(|e| e.date == d(s)).collect::<Vec<_>>();
    assert!(on("2020-02-19").iter().any(|e| e.text.zh.contains("突破60%") && e.source.url.contains("257165")));
    assert!(on("2020-02-26").iter().any(|e| e.text.zh.contains("4113") && e.source.url.contains("sina")));
    for e in &ds.events {
        assert!(e.source.url.starts_with("http"), "{e:?}");
        assert!(!e.text.zh.is_empty() && !e.text.en.is_empty());
        assert!(ds.date_index(e.date).is_some(), "event {} outside the series", e.date);
    }
}

#[test]
fn the_2021_snapshot_is_verbatim() {
    let ds = Dataset::from_json(include_str!("../static/data/resumption-2021.json")).unwrap();
    assert!(!ds.meta.illustrative, "reported figures");
    assert_eq!(ds.dates, vec![d("2021-02-20")]);
    let v = |code: &str| ds.value(code, 0).unwrap();
    assert_eq!((v("522300").rate, v("522300").bound), (94.8, Bound::Exact));
    assert_eq!((v("520200").rate, v("520200").bound), (75.7, Bound::Exact));
    assert_eq!((v("520100").rate, v("520100").bound), (71.0, Bound::Exact));
    for code in ["520500", "522700", "522600"] {
        assert_eq!((v(code).rate, v(code).bound), (60.0, Bound::MoreThan), "{code}: only “> 60 %”");
    }
    for code in ["520300", "520400", "520600"] {
        assert_eq!((v(code).rate, v(code).bound), (50.0, Bound::MoreThan), "{code}: only “> 50 %”");
    }
    let total = ds.total(0).unwrap();
    assert_eq!(total.counts.map(|c| (c.resumed, c.due)), Some((2696, 4054)));
    assert_eq!(format!("{:.1}", total.rate), "66.5");
    assert!(ds.meta.sources[0].url.contains("14048740988145001"));
    assert!(ds.meta.title.en.contains("2021"));
}

#[test]
fn the_county_dataset_repeats_each_prefectures_illustrative_series() {
    let counties = Dataset::from_json(include_str!("../static/data/resumption-2020-counties.json")).unwrap();
    let prefectures = data();
    assert!(counties.meta.illustrative);
    let geo = parse_regions(include_str!("../static/geo/guizhou-counties.geojson"), "adcode").unwrap();
    assert_eq!(geo.len(), 88);
    assert_eq!(counties.regions.len(), 88);
    let raw: serde_json::Value = serde_json::from_str(include_str!("../static/geo/guizhou-counties.geojson")).unwrap();
    for f in raw["features"].as_array().unwrap() {
        let code = f["properties"]["adcode"].as_str().unwrap();
        let parent = f["properties"]["parent_adcode"].as_str().unwrap();
        for i in 0..counties.dates.len() {
            let c = counties.value(code, i).unwrap().rate;
            let p = prefectures.value(parent, i).unwrap().rate;
            assert!((c - p).abs() <= 0.05, "{code} on {}: {c} vs its prefecture's {p}", counties.dates[i]);
        }
    }
}

#[test]
fn every_county_has_one_english_name_in_pinyin_and_the_shipped_files_carry_it() {
    let raw: serde_json::Value = serde_json::from_str(include_str!("../static/geo/guizhou-counties.geojson")).unwrap();
    let geo: Vec<(&str, &str)> = raw["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["properties"]["adcode"].as_str().unwrap(), f["properties"]["name_zh"].as_str().unwrap()))
        .collect();
    let mut reader = csv::Reader::from_reader(include_str!("../static/geo/guizhou-counties-en.csv").as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["adcode", "name_zh", "name_en"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per county, in the GeoJSON's order, with the same Chinese name.
    let table: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(table, geo);
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        let en = &r[2];
        // Hanyu Pinyin without tones: a capital, then lower-case letters and the syllable
        // apostrophe (Zheng'an); never a Chinese character, a space or a suffix like "County".
        let mut chars = en.chars();
        assert!(chars.next().is_some_and(|c| c.is_ascii_uppercase()), "{}: {en:?}", &r[1]);
        assert!(chars.all(|c| c.is_ascii_lowercase() || c == '\''), "{}: {en:?}", &r[1]);
        assert!(!en.contains("''") && !en.ends_with('\''), "{}: {en:?}", &r[1]);
        assert!(seen.insert(en.to_string()), "{en} twice");
    }
    // Spot checks where a reading is easy to get wrong (都 dū, 长 cháng, 六 liù).
    for (zh, en) in [("都匀市", "Duyun"), ("三都水族自治县", "Sandu"), ("长顺县", "Changshun"), ("六枝特区", "Liuzhi")]
    {
        assert!(rows.iter().any(|r| &r[1] == zh && &r[2] == en), "{zh} should be {en}");
    }
    let en_of = |code: &str| rows.iter().find(|r| &r[0] == code).map(|r| r[2].to_string()).unwrap();
    let (regions, _) =
        guizhou_map::core::geo::parse_compact(include_str!("../static/geo/guizhou-counties.bnd.json")).unwrap();
    assert_eq!(regions.len(), 88);
    for r in &regions {
        assert_eq!(r.name.en, en_of(&r.code), "{} in the boundaries", r.code);
    }
    let counties = Dataset::from_json(include_str!("../static/data/resumption-2020-counties.json")).unwrap();
    for s in &counties.regions {
        assert_eq!(s.name.en, en_of(&s.code), "{} in the dataset", s.code);
    }
}

#[test]
fn a_number_and_its_percent_sign_never_part_in_the_shipped_texts() {
    for text in [
        include_str!("../static/data/resumption-2020.json"),
        include_str!("../static/data/resumption-2021.json"),
        include_str!("../static/data/resumption-2020-counties.json"),
    ] {
        // In the JSON the no-break space is written as itself; an ordinary space before % is the bug.
        let bad: Vec<&str> = text.match_indices(" %").map(|(i, _)| &text[i.saturating_sub(30)..i + 2]).collect();
        assert!(bad.is_empty(), "{bad:?}");
    }
}

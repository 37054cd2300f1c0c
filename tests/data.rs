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

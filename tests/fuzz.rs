//! Property tests of every parser: whatever the input, no panic, and a typed error or a value.
//!
//! Each parser gets random bytes and random edits of valid seed files (the edits find far more than
//! noise does: truncations, swapped characters, inserted quotes and brackets). The number of cases
//! per property comes from `FUZZ_CASES` (default 500, so `cargo test` stays quick);
//! `scripts/fuzz.sh` runs them with enough cases for more than a million inputs in all and prints
//! the count. The count is printed, never asserted on time.
#![cfg(not(target_arch = "wasm32"))]

use guizhou_map::core::bundle::Bundle;
use guizhou_map::core::dataset::Dataset;
use guizhou_map::core::date::Date;
use guizhou_map::core::geo::parse_regions;
use guizhou_map::core::ingest::{bundle_from_files, dataset_from_bytes};
use guizhou_map::core::url::UrlState;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::atomic::{AtomicU64, Ordering};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
}

/// A small but complete dataset: two regions, three dates, every kind of value.
const SEED_JSON: &str = r#"{"format":"resumption-map/1","meta":{"title":{"zh":"t","en":"t"},"metric":{"name":{"zh":"复工率","en":"r"},"definition":{"zh":"d","en":"d"},"unit":"%"},"illustrative":true,"sources":[{"name":{"zh":"s"},"url":"https://e.org/x"}]},"dates":["2020-02-10","2020-02-11","2020-02-12"],"regions":[{"code":"520100","name":{"zh":"贵阳市","en":"Guiyang"},"values":[null,12.5,{"more_than":60}]},{"code":"520300","values":[{"resumed":3,"due":4},{"rate":80,"resumed":4,"due":5},100]}],"events":[{"date":"2020-02-11","text":{"zh":"e","en":"e"},"source":{"name":{"zh":"s"},"url":"http://e.org"}}],"totals":[null,null,{"resumed":7,"due":9}]}"#;
const SEED_CSV: &str = "date,code,name,rate,bound,resumed,due\n2020-02-10,520100,贵阳市,61.5,exact,,\n2020-02-10,520300,遵义,>60,,3,4\n2020-02-11,黔东南州,,60%以上,more_than,,\n";
const SEED_GEO: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"520100","properties":{"adcode":"520100","name_zh":"贵阳市"},"geometry":{"type":"MultiPolygon","coordinates":[[[[106,26],[107,26],[107,27],[106,26]],[[106.2,26.2],[106.3,26.4],[106.4,26.2],[106.2,26.2]]]]}}]}"#;
const SEED_URL: &str = "?date=2020-02-19&compare=2020-02-12&region=520300&lang=en&present=1&dark=auto&from=2020-02-12&to=2020-02-26&speed=2&loop=1&dwell=0.5&data=https%3A%2F%2Fe.org%2Fa.csv&key=code";

/// One edit of a seed.
#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Flip(usize, u8),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Inserted bytes favour the characters that matter to JSON, CSV and URLs.
    let interesting = prop::sample::select(vec![
        b'"', b',', b'{', b'}', b'[', b']', b':', b'\n', b'%', b'&', b'=', b'-', b'.', b'e', b'9', b'0', b'\\', 0xe8,
        0xff, b' ',
    ]);
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), prop::collection::vec(interesting.clone(), 1..6)).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..6)).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 1usize..60).prop_map(|(a, n)| Edit::Duplicate(a, n)),
    ]
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for e in edits {
        let len = v.len().max(1);
        match e {
            Edit::Delete(a, n) => {
                let a = a % len;
                let b = (a + n).min(v.len());
                if a < b {
                    v.drain(a..b);
                }
            }
            Edit::Insert(a, bytes) => {
                let a = a % (v.len() + 1);
                v.splice(a..a, bytes.iter().copied());
            }
            Edit::Flip(a, b) => {
                if !v.is_empty() {
                    let a = a % v.len();
                    v[a] ^= b | 1;
                }
            }
            Edit::Truncate(a) => v.truncate(a % len),
            Edit::Duplicate(a, n) => {
                let a = a % len;
                let b = (a + n).min(v.len());
                if a < b {
                    let part = v[a..b].to_vec();
                    v.splice(b..b, part);
                }
            }
        }
    }
    v
}

/// Inputs for one parser: half edited seeds, half raw bytes.
fn inputs(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(edit(), 1..8).prop_map(move |es| apply(seed.as_bytes(), &es)),
        prop::collection::vec(any::<u8>(), 0..300),
    ]
}

static TOTAL: AtomicU64 = AtomicU64::new(0);

fn run(name: &str, seed: &'static str, check: impl Fn(&[u8])) {
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let count = AtomicU64::new(0);
    runner
        .run(&inputs(seed), |bytes| {
            count.fetch_add(1, Ordering::Relaxed);
            check(&bytes);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let n = count.load(Ordering::Relaxed);
    TOTAL.fetch_add(n, Ordering::Relaxed);
    println!("fuzz {name}: {n} inputs, no panic");
}

#[test]
fn dataset_json_strict_never_panics() {
    run("dataset JSON (strict)", SEED_JSON, |b| {
        let text = String::from_utf8_lossy(b);
        if let Ok(ds) = Dataset::from_json(&text) {
            // What parses is valid and round-trips.
            assert!(ds.dates.windows(2).all(|w| w[0] < w[1]));
            assert_eq!(Dataset::from_json(&ds.to_json()).ok(), Some(ds));
        }
    });
}

/// A tiny bundle to match fuzzed files against (the real map would make every case slow).
fn small_bundle() -> Bundle {
    let regions = parse_regions(SEED_GEO, "adcode").unwrap();
    Bundle::new(Dataset::from_json(SEED_JSON).unwrap(), &regions, &[])
}

#[test]
fn dataset_ingest_never_panics() {
    let current = small_bundle();
    run("dataset JSON/CSV (reader files)", SEED_JSON, |b| {
        let _ = dataset_from_bytes("f.json", b, None);
        let _ = bundle_from_files(Some(("f.json", b)), None, None, None, Some(&current), None);
    });
    run("dataset CSV (reader files)", SEED_CSV, |b| {
        if let Ok((ds, _)) = dataset_from_bytes("f.csv", b, None) {
            for s in &ds.regions {
                assert_eq!(s.values.len(), ds.dates.len());
                for v in s.values.iter().flatten() {
                    assert!((0.0..=100.0).contains(&v.rate), "{v:?}");
                }
            }
        }
    });
}

#[test]
fn geojson_never_panics() {
    let current = small_bundle();
    run("GeoJSON", SEED_GEO, |b| {
        let text = String::from_utf8_lossy(b);
        let _ = parse_regions(&text, "adcode");
        let _ = bundle_from_files(None, Some(("g.geojson", b)), None, Some("name_zh"), Some(&current), None);
    });
}

#[test]
fn url_and_dates_never_panic() {
    run("URL query", SEED_URL, |b| {
        let text = String::from_utf8_lossy(b);
        let (state, notices) = UrlState::parse(&text);
        // What parses serialises to a query that parses back to the same state.
        assert_eq!(UrlState::parse(&state.to_query()).0, state);
        assert!(notices.iter().all(|n| n.param.chars().count() <= 31));
    });
    run("ISO date", "2020-02-29", |b| {
        let _ = Date::parse(&String::from_utf8_lossy(b));
    });
}

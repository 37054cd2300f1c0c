//! Writes the shipped datasets (methods: `src/illustrative.rs`, `src/reported.rs`,
//! `static/data/README.md`), and the compact boundary files the app loads:
//! - `static/data/resumption-2020.json` — illustrative, 9 prefectures, daily;
//! - `static/data/resumption-2020-counties.json` — illustrative, 88 counties;
//! - `static/data/resumption-2021.json` — reported, 9 prefectures, 2021-02-20;
//! - `static/geo/guizhou-prefectures.bnd.json`, `static/geo/guizhou-counties.bnd.json` — the GeoJSON
//!   beside them, quantised to 10 m and delta-encoded, with the province outline (and the counties'
//!   English names from `static/geo/guizhou-counties-en.csv`).
//!
//! `cargo run --bin generate-data` rewrites them; `-- --check` only reports whether the committed
//! files are what the generator produces.

use std::collections::HashMap;
use std::process::ExitCode;

use guizhou_map::core::i18n::Text;

/// The counties' English names (`static/geo/guizhou-counties-en.csv`: `adcode,name_zh,name_en`),
/// by adcode. The Tianditu GeoJSON has Chinese names only, and stays a byte-for-byte copy.
fn county_names_en() -> HashMap<String, String> {
    let mut reader = csv::Reader::from_reader(include_str!("../../static/geo/guizhou-counties-en.csv").as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| Some((r.get(0)?.to_string(), r.get(2)?.to_string())))
        .collect()
}

/// The counties as (adcode, name, parent adcode), from the GeoJSON and the English name table.
fn counties() -> Vec<(String, Text, String)> {
    let en = county_names_en();
    let text = include_str!("../../static/geo/guizhou-counties.geojson");
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let features = v.get("features").and_then(|f| f.as_array()).cloned().unwrap_or_default();
    features
        .iter()
        .filter_map(|f| {
            let p = f.get("properties")?;
            let s = |k: &str| p.get(k).and_then(|x| x.as_str()).map(str::to_string);
            let code = s("adcode")?;
            let name = Text::new(s("name_zh")?, en.get(&code).cloned().unwrap_or_default());
            Some((code, name, s("parent_adcode")?))
        })
        .collect()
}

/// The shipped boundaries in the compact format (see `core::geo::to_compact`), with the province
/// outline, from the GeoJSON sources beside them; `names_en` fills in English names the GeoJSON lacks.
fn boundaries(regions_geojson: &str, names_en: &HashMap<String, String>) -> String {
    use guizhou_map::core::geo::{parse_regions, to_compact};
    let mut regions = parse_regions(regions_geojson, "adcode").unwrap_or_default();
    for r in regions.iter_mut().filter(|r| r.name.en.is_empty()) {
        if let Some(en) = names_en.get(&r.code) {
            r.name.en = en.clone();
        }
    }
    let outline =
        parse_regions(include_str!("../../static/geo/guizhou-province.geojson"), "adcode").unwrap_or_default();
    to_compact(&regions, &outline, 10_000.0, [103.5, 24.5])
}

fn main() -> ExitCode {
    let files = [
        (
            "static/geo/guizhou-prefectures.bnd.json",
            boundaries(include_str!("../../static/geo/guizhou-prefectures.geojson"), &HashMap::new()),
        ),
        (
            "static/geo/guizhou-counties.bnd.json",
            boundaries(include_str!("../../static/geo/guizhou-counties.geojson"), &county_names_en()),
        ),
        ("static/data/resumption-2020.json", guizhou_map::illustrative::file_text()),
        ("static/data/resumption-2020-counties.json", guizhou_map::illustrative::counties(&counties()).to_json()),
        ("static/data/resumption-2021.json", guizhou_map::reported::snapshot_2021().to_json()),
    ];
    let check = std::env::args().any(|a| a == "--check");
    let mut ok = true;
    for (path, text) in files {
        if check {
            match std::fs::read_to_string(path) {
                Ok(committed) if committed == text => println!("{path} is up to date"),
                Ok(_) => {
                    eprintln!("{path} differs from the generator's output: run `cargo run --bin generate-data`");
                    ok = false;
                }
                Err(e) => {
                    eprintln!("cannot read {path}: {e}");
                    ok = false;
                }
            }
        } else if let Err(e) = std::fs::write(path, &text) {
            eprintln!("cannot write {path}: {e}");
            ok = false;
        } else {
            println!("wrote {path} ({} bytes)", text.len());
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

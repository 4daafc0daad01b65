//! Reads the subset of GeoJSON our wilayah files use: a FeatureCollection of Polygon and
//! MultiPolygon features keyed by `properties.kode`. Small enough to need no GeoJSON crate.

use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::Deserialize;

use super::PlaceError;
use crate::region::RegionCode;

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    kode: String,
}

/// A GeoJSON position is [lon, lat]; an altitude, which our data never has, is refused.
type Position = [f64; 2];
type Rings = Vec<Vec<Position>>;

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Rings),
    MultiPolygon(Vec<Rings>),
}

/// Parses the collection into (code, outline) pairs; checking the outlines is the index's job.
pub(super) fn parse(geojson: &str) -> Result<Vec<(RegionCode, MultiPolygon<f64>)>, PlaceError> {
    let collection: FeatureCollection = serde_json::from_str(geojson)?;
    collection
        .features
        .into_iter()
        .map(|feature| {
            let code =
                RegionCode::parse(&feature.properties.kode).map_err(|_| PlaceError::Code {
                    kode: feature.properties.kode.clone(),
                })?;
            let parts = match feature.geometry {
                Geometry::Polygon(rings) => vec![polygon(rings)],
                Geometry::MultiPolygon(polygons) => polygons.into_iter().map(polygon).collect(),
            };
            Ok((code, MultiPolygon::new(parts)))
        })
        .collect()
}

/// The first ring is the outer one, the rest are holes, as GeoJSON says.
fn polygon(rings: Rings) -> Polygon<f64> {
    let mut rings = rings
        .into_iter()
        .map(|ring| LineString::new(ring.into_iter().map(|[x, y]| Coord { x, y }).collect()));
    let exterior = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
    Polygon::new(exterior, rings.collect())
}

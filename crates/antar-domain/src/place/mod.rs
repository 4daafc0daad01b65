//! Where a GPS fix is: which desa polygon contains it, and whether that is the desa of the
//! KTP address ([`PlaceVerdict`]).
//!
//! The outlines come from `data/wilayah/tanggamus_desa.geojson` (see PROVENANCE.md there),
//! compiled in. Lookup is an R-tree over the bounding box of every polygon part, then an exact
//! even-odd test on the few candidates. Our own even-odd test replaces `geo`'s `Contains`
//! because, on outlines packed flat with a y-range per run of 16 edges ([`store`]), it reads a
//! few dozen edges instead of all of them; its only weakness — points exactly on an edge — is
//! irrelevant next to borders that were simplified by tens of metres. Outlines go in and come
//! out as `geo` types, (x, y) = (lon, lat), so the office can draw them without converting.

mod geojson;
mod geometry;
mod store;
mod verdict;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::OnceLock;

use geo::{BoundingRect, MultiPolygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RStarInsertionStrategy, RTree, RTreeParams};
use thiserror::Error;

use crate::region::RegionCode;
use store::{Span, Store};

pub use verdict::{PlacePolicy, PlaceVerdict, UnusableReason};

const TANGGAMUS_DESA_GEOJSON: &str = include_str!("../../data/wilayah/tanggamus_desa.geojson");

#[derive(Debug, Error)]
pub enum PlaceError {
    #[error("GeoJSON wilayah tidak valid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("kode wilayah '{kode}' pada GeoJSON tidak valid")]
    Code { kode: String },
    #[error("kode wilayah {code} muncul lebih dari sekali")]
    DuplicateCode { code: RegionCode },
    #[error("batas wilayah {code} kosong")]
    EmptyOutline { code: RegionCode },
    #[error("batas wilayah {code} memuat cincin dengan kurang dari 4 titik")]
    ShortRing { code: RegionCode },
    #[error("batas wilayah {code} memuat koordinat di luar jangkauan: ({lon}, {lat})")]
    Coordinate {
        code: RegionCode,
        lon: f64,
        lat: f64,
    },
    #[error("batas wilayah {code} membuat indeks terlalu besar")]
    TooLarge { code: RegionCode },
    #[error(
        "kebijakan lokasi tidak valid: {what} harus angka meter yang tidak negatif, ditemukan {found}"
    )]
    Policy { what: &'static str, found: f64 },
}

/// One region: its code, bounding box (for drawing and cheap rejection) and its parts in the
/// store.
#[derive(Debug)]
struct Place {
    code: RegionCode,
    bounds: Rect<f64>,
    parts: Span,
}

/// An R-tree leaf: the bounding box of one polygon part, the place it belongs to and the span
/// of its rings in the store. Indexing parts rather than whole MultiPolygons keeps the boxes
/// of scattered islands from covering the sea between them.
type PartBox = GeomWithData<Rectangle<[f64; 2]>, (u32, Span)>;

/// Nodes of 16 rather than rstar's default 6: a shallower tree is fewer cache misses per
/// lookup, about 20 % faster nationwide (benches/place.rs, `nationwide_rtree_only`). Only
/// bulk loading is used, so the insertion settings do not matter.
#[derive(Debug)]
struct TreeParams;

impl RTreeParams for TreeParams {
    const MIN_SIZE: usize = 5;
    const MAX_SIZE: usize = 16;
    const REINSERTION_COUNT: usize = 2;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

/// Region outlines keyed by code, indexed for point lookup.
pub struct PlaceIndex {
    /// Sorted by code, so an address desa is found by binary search.
    places: Vec<Place>,
    store: Store,
    tree: RTree<PartBox, TreeParams>,
}

impl fmt::Debug for PlaceIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlaceIndex")
            .field("places", &self.places.len())
            .field("parts", &self.tree.size())
            .field("vertices", &self.store.vertex_count())
            .finish()
    }
}

impl PlaceIndex {
    /// The desa and kelurahan of Kabupaten Tanggamus, parsed on first use.
    pub fn tanggamus() -> &'static PlaceIndex {
        static INDEX: OnceLock<PlaceIndex> = OnceLock::new();
        // The GeoJSON is compiled in and `tests::embedded_geojson_loads` parses it, so a
        // failure here can only come from a broken build, never from user input.
        INDEX.get_or_init(|| {
            PlaceIndex::from_geojson(TANGGAMUS_DESA_GEOJSON)
                .expect("embedded desa GeoJSON is valid")
        })
    }

    /// Builds an index from a GeoJSON FeatureCollection of Polygon/MultiPolygon features whose
    /// `properties.kode` is a region code. Rings may wind either way.
    pub fn from_geojson(geojson: &str) -> Result<PlaceIndex, PlaceError> {
        PlaceIndex::from_outlines(geojson::parse(geojson)?)
    }

    /// Builds an index from outlines already in memory, in (lon, lat) degrees. Each outline
    /// is packed and dropped in turn, so a nationwide build never holds two copies.
    pub fn from_outlines(
        outlines: impl IntoIterator<Item = (RegionCode, MultiPolygon<f64>)>,
    ) -> Result<PlaceIndex, PlaceError> {
        let mut store = Store::default();
        let mut places = Vec::new();
        let mut leaves = Vec::new();
        for (code, outline) in outlines {
            geometry::check_outline(&code, &outline)?;
            let too_large = || PlaceError::TooLarge { code: code.clone() };
            let place_ix = u32::try_from(places.len()).map_err(|_| too_large())?;
            let Some(bounds) = outline.bounding_rect() else {
                return Err(PlaceError::EmptyOutline { code });
            };
            let (parts, part_rings) = store.push(&outline).map_err(|_| too_large())?;
            for (polygon, rings) in outline.0.iter().zip(part_rings) {
                if let Some(rect) = polygon.bounding_rect() {
                    let (min, max) = (rect.min(), rect.max());
                    let rectangle = Rectangle::from_corners([min.x, min.y], [max.x, max.y]);
                    leaves.push((rectangle, place_ix, rings));
                }
            }
            places.push(Place {
                code,
                bounds,
                parts,
            });
        }
        store.shrink_to_fit();
        // Sort by code for binary search; leaves refer to places by position, so renumber.
        let mut keyed: Vec<(usize, Place)> = places.into_iter().enumerate().collect();
        keyed.sort_by(|a, b| a.1.code.cmp(&b.1.code));
        let mut new_ix = vec![0u32; keyed.len()];
        for (new, (old, _)) in (0u32..).zip(&keyed) {
            new_ix[*old] = new;
        }
        let places: Vec<Place> = keyed.into_iter().map(|(_, place)| place).collect();
        if let Some(pair) = places.windows(2).find(|w| w[0].code == w[1].code) {
            return Err(PlaceError::DuplicateCode {
                code: pair[0].code.clone(),
            });
        }
        let leaves = leaves
            .into_iter()
            .map(|(rectangle, old, rings)| PartBox::new(rectangle, (new_ix[old as usize], rings)))
            .collect();
        Ok(PlaceIndex {
            places,
            store,
            tree: RTree::bulk_load_with_params(leaves),
        })
    }

    /// The region whose outline contains the point, or `None` outside them all (outside the
    /// kabupaten, in a sliver between two simplified borders, or not a valid coordinate).
    /// Where simplified outlines overlap, the first match in R-tree order wins.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<&RegionCode> {
        if !geometry::is_valid_lat_lon(lat, lon) {
            return None;
        }
        self.tree
            .locate_all_at_point(&[lon, lat])
            .find(|leaf| self.store.part_contains(leaf.data.1, lon, lat))
            .map(|leaf| &self.places[leaf.data.0 as usize].code)
    }

    /// The outline of a region, (x, y) = (lon, lat), e.g. to draw it as SVG; built on each
    /// call from the packed store.
    pub fn outline(&self, code: &RegionCode) -> Option<MultiPolygon<f64>> {
        self.place(code).map(|p| self.store.multipolygon(p.parts))
    }

    /// The bounding box of a region's outline, (x, y) = (lon, lat): the SVG view box.
    pub fn bounds(&self, code: &RegionCode) -> Option<Rect<f64>> {
        self.place(code).map(|p| p.bounds)
    }

    /// Whether the region's outline contains the point; `None` for an unknown region.
    pub fn contains(&self, code: &RegionCode, lat: f64, lon: f64) -> Option<bool> {
        let place = self.place(code)?;
        Some(geometry::is_valid_lat_lon(lat, lon) && self.place_contains(place, lon, lat))
    }

    /// Geodesic metres from the point to the nearest point of the region's border, whether the
    /// point is inside or outside; `None` for an unknown region or an invalid coordinate.
    pub fn distance_to_border_m(&self, code: &RegionCode, lat: f64, lon: f64) -> Option<f64> {
        let place = self.place(code)?;
        if !geometry::is_valid_lat_lon(lat, lon) {
            return None;
        }
        self.store.distance_to_border_m(place.parts, lon, lat)
    }

    /// Every region code, in order.
    pub fn codes(&self) -> impl Iterator<Item = &RegionCode> {
        self.places.iter().map(|p| &p.code)
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Total number of stored vertices, closing vertices included.
    pub fn vertex_count(&self) -> usize {
        self.store.vertex_count()
    }

    /// Bytes on the heap for outlines, R-tree leaves and codes — an estimate for capacity
    /// planning (the R-tree's inner nodes and allocator overhead are not counted).
    pub fn heap_bytes(&self) -> usize {
        let places = self.places.capacity() * std::mem::size_of::<Place>()
            + self
                .places
                .iter()
                .map(|p| p.code.as_str().len())
                .sum::<usize>();
        self.store.heap_bytes() + places + self.tree.size() * std::mem::size_of::<PartBox>()
    }

    fn place(&self, code: &RegionCode) -> Option<&Place> {
        self.places
            .binary_search_by(|p| p.code.cmp(code))
            .ok()
            .map(|ix| &self.places[ix])
    }
}

impl PlaceIndex {
    fn place_contains(&self, place: &Place, lon: f64, lat: f64) -> bool {
        let (min, max) = (place.bounds.min(), place.bounds.max());
        (min.x..=max.x).contains(&lon)
            && (min.y..=max.y).contains(&lat)
            && self.store.contains(place.parts, lon, lat)
    }

    fn place_distance_m(&self, place: &Place, lon: f64, lat: f64) -> Option<f64> {
        self.store.distance_to_border_m(place.parts, lon, lat)
    }
}

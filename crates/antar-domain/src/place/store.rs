//! Every outline of a [`super::PlaceIndex`] packed into a few flat arrays.
//!
//! Why not keep `geo::MultiPolygon`s: reaching a vertex through them is four dependent heap
//! loads (place → parts → ring → coordinates), each a cache miss on a nationwide map. Here an
//! R-tree leaf carries the span of its part's rings, so a lookup goes leaf → ring record →
//! y-ranges → the one or two runs of edges it needs. Outlines are rebuilt on request (drawing
//! a map is rare; a lookup is not).

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::geometry::{self, Nearest};

/// A half-open range of indices into one of the store's arrays. u32 keeps leaves small and
/// still allows 4 billion vertices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Debug)]
struct Ring {
    coords: Span,
    /// Where this ring's `geometry::y_range`s start in `Store::ranges`, one per edge chunk.
    ranges_start: u32,
}

#[derive(Debug, Default)]
pub(super) struct Store {
    coords: Vec<Coord<f64>>,
    ranges: Vec<[f64; 2]>,
    rings: Vec<Ring>,
    /// Per polygon part, its span of `rings`, exterior first.
    parts: Vec<Span>,
}

/// The store is full: more than u32::MAX vertices, rings or parts.
#[derive(Debug)]
pub(super) struct Full;

fn index(len: usize) -> Result<u32, Full> {
    u32::try_from(len).map_err(|_| Full)
}

impl Store {
    /// Appends an outline (already checked); returns its span of parts and, per part, its span
    /// of rings for the R-tree leaf.
    pub(super) fn push(&mut self, outline: &MultiPolygon<f64>) -> Result<(Span, Vec<Span>), Full> {
        let parts_start = index(self.parts.len())?;
        let mut part_rings = Vec::with_capacity(outline.0.len());
        for polygon in &outline.0 {
            let rings_start = index(self.rings.len())?;
            for ring in geometry::rings(polygon) {
                let coords_start = index(self.coords.len())?;
                let ranges_start = index(self.ranges.len())?;
                self.coords.extend_from_slice(&ring.0);
                let coords = Span {
                    start: coords_start,
                    end: index(self.coords.len())?,
                };
                self.ranges
                    .extend(geometry::edge_chunks(&ring.0).map(geometry::y_range));
                self.rings.push(Ring {
                    coords,
                    ranges_start,
                });
            }
            let rings = Span {
                start: rings_start,
                end: index(self.rings.len())?,
            };
            self.parts.push(rings);
            part_rings.push(rings);
        }
        Ok((
            Span {
                start: parts_start,
                end: index(self.parts.len())?,
            },
            part_rings,
        ))
    }

    /// Gives back the spare capacity left by growing the arrays.
    pub(super) fn shrink_to_fit(&mut self) {
        self.coords.shrink_to_fit();
        self.ranges.shrink_to_fit();
        self.rings.shrink_to_fit();
        self.parts.shrink_to_fit();
    }

    fn ring_coords(&self, ring: &Ring) -> &[Coord<f64>] {
        &self.coords[ring.coords.range()]
    }

    /// Even-odd over the rings of one part: holes and winding need no special case.
    pub(super) fn part_contains(&self, rings: Span, x: f64, y: f64) -> bool {
        self.rings[rings.range()].iter().fold(false, |odd, ring| {
            let coords = self.ring_coords(ring);
            let chunks = coords
                .len()
                .saturating_sub(1)
                .div_ceil(geometry::CHUNK_EDGES);
            let start = ring.ranges_start as usize;
            let ranges = &self.ranges[start..start + chunks];
            odd ^ geometry::ring_crosses_odd(coords, ranges, x, y)
        })
    }

    pub(super) fn contains(&self, parts: Span, x: f64, y: f64) -> bool {
        self.parts[parts.range()]
            .iter()
            .any(|&rings| self.part_contains(rings, x, y))
    }

    /// Geodesic metres from (x, y) = (lon, lat) to the nearest point of any ring of the parts.
    pub(super) fn distance_to_border_m(&self, parts: Span, x: f64, y: f64) -> Option<f64> {
        let mut nearest = Nearest::new(x, y);
        for &rings in &self.parts[parts.range()] {
            for ring in &self.rings[rings.range()] {
                nearest.visit_ring(self.ring_coords(ring));
            }
        }
        nearest.distance_m()
    }

    pub(super) fn multipolygon(&self, parts: Span) -> MultiPolygon<f64> {
        let polygons = self.parts[parts.range()].iter().map(|&rings| {
            let mut rings = self.rings[rings.range()]
                .iter()
                .map(|ring| LineString::new(self.ring_coords(ring).to_vec()));
            let exterior = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
            Polygon::new(exterior, rings.collect())
        });
        MultiPolygon::new(polygons.collect())
    }

    pub(super) fn vertex_count(&self) -> usize {
        self.coords.len()
    }

    #[cfg(test)]
    pub(super) fn part_count(&self) -> usize {
        self.parts.len()
    }

    /// Bytes held by the arrays, for the benchmark's memory report.
    pub(super) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.coords.capacity() * size_of::<Coord<f64>>()
            + self.ranges.capacity() * size_of::<[f64; 2]>()
            + self.rings.capacity() * size_of::<Ring>()
            + self.parts.capacity() * size_of::<Span>()
    }
}

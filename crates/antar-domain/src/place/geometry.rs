//! The geometry behind [`super::PlaceIndex`]: outline checks, the even-odd containment test and
//! the distance from a point to a border.
//!
//! Longitudes are not wrapped at ±180°: Indonesia is nowhere near the antimeridian.

use geo::{Coord, Distance, Geodesic, LineString, MultiPolygon, Point, Polygon};

use super::PlaceError;
use crate::region::RegionCode;

pub(super) fn is_valid_lat_lon(lat: f64, lon: f64) -> bool {
    // Range checks are false for NaN, so NaN is refused here too.
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

pub(super) fn rings(polygon: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(polygon.exterior()).chain(polygon.interiors())
}

/// Refuses outlines that would make lookups silently wrong: no parts, rings too short to
/// enclose anything, or coordinates that are not degrees.
pub(super) fn check_outline(
    code: &RegionCode,
    outline: &MultiPolygon<f64>,
) -> Result<(), PlaceError> {
    if outline.0.is_empty() {
        return Err(PlaceError::EmptyOutline { code: code.clone() });
    }
    for ring in outline.0.iter().flat_map(rings) {
        // `Polygon::new` closes rings, so a triangle already has 4 points here.
        if ring.0.len() < 4 {
            return Err(PlaceError::ShortRing { code: code.clone() });
        }
        if let Some(bad) = ring.0.iter().find(|c| !is_valid_lat_lon(c.y, c.x)) {
            return Err(PlaceError::Coordinate {
                code: code.clone(),
                lon: bad.x,
                lat: bad.y,
            });
        }
    }
    Ok(())
}

/// Edges per chunk of the y-range filter. A ray crosses a ring only in the few chunks whose
/// y-range spans it, so the even-odd test reads ~2 chunks instead of every edge: 16 edges is
/// four cache lines, and the ranges cost 16 bytes per 16 edges (+6 % memory).
pub(super) const CHUNK_EDGES: usize = 16;

/// Runs of up to CHUNK_EDGES edges of a closed ring, as the coordinate slices holding them (a
/// run of n edges is n + 1 coordinates; neighbouring runs share one).
pub(super) fn edge_chunks(ring: &[Coord<f64>]) -> impl Iterator<Item = &[Coord<f64>]> {
    let edges = ring.len().saturating_sub(1);
    (0..edges)
        .step_by(CHUNK_EDGES)
        .map(move |start| &ring[start..=(start + CHUNK_EDGES).min(edges)])
}

/// The (min, max) y of a run of coordinates.
pub(super) fn y_range(coords: &[Coord<f64>]) -> [f64; 2] {
    coords
        .iter()
        .fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], c| {
            [lo.min(c.y), hi.max(c.y)]
        })
}

/// Whether a ray from (x, y) towards +x crosses the closed ring an odd number of times;
/// `ranges` are the `y_range`s of its `edge_chunks`. XOR-ing this over every ring of a polygon
/// is the even-odd rule: holes need no special case and either winding works.
pub(super) fn ring_crosses_odd(ring: &[Coord<f64>], ranges: &[[f64; 2]], x: f64, y: f64) -> bool {
    let mut odd = false;
    for (coords, &[lo, hi]) in edge_chunks(ring).zip(ranges) {
        // An edge crosses only if min(a.y, b.y) <= y < max(a.y, b.y), see `crosses_odd`; a
        // NaN y fails this test and so is never inside.
        if lo <= y && y < hi {
            odd ^= crosses_odd(coords, x, y);
        }
    }
    odd
}

fn crosses_odd(coords: &[Coord<f64>], x: f64, y: f64) -> bool {
    let mut odd = false;
    for edge in coords.windows(2) {
        let (a, b) = (edge[0], edge[1]);
        // Half-open in y, so a ray through a vertex counts the two edges meeting there once.
        if (a.y > y) != (b.y > y) {
            let x_at_y = a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x);
            if x < x_at_y {
                odd = !odd;
            }
        }
    }
    odd
}

/// Finds the point of a set of rings nearest to (lon, lat). The search runs in an
/// equirectangular projection centred on the point — cheap, and at the few kilometres that
/// matter here its scale error is far below the simplification error of the borders.
#[derive(Debug)]
pub(super) struct Nearest {
    lon: f64,
    lat: f64,
    /// One degree of longitude is cos(lat) degrees of latitude long; the common factor
    /// (metres per degree) cancels when comparing distances.
    kx: f64,
    best: Option<(f64, Coord<f64>)>,
}

impl Nearest {
    pub(super) fn new(lon: f64, lat: f64) -> Nearest {
        let kx = lat.to_radians().cos();
        Nearest {
            lon,
            lat,
            kx,
            best: None,
        }
    }

    pub(super) fn visit_ring(&mut self, ring: &[Coord<f64>]) {
        let (lon, lat, kx) = (self.lon, self.lat, self.kx);
        for edge in ring.windows(2) {
            let (a, b) = (edge[0], edge[1]);
            let (ax, ay) = ((a.x - lon) * kx, a.y - lat);
            let (dx, dy) = ((b.x - a.x) * kx, b.y - a.y);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (px, py) = (ax + t * dx, ay + t * dy);
            let d2 = px * px + py * py;
            if self.best.is_none_or(|(best_d2, _)| d2 < best_d2) {
                // The projection is linear in lon/lat, so `t` maps straight back to degrees.
                let nearest = Coord {
                    x: a.x + t * (b.x - a.x),
                    y: a.y + t * (b.y - a.y),
                };
                self.best = Some((d2, nearest));
            }
        }
    }

    /// Geodesic metres on WGS84 (Karney) to the nearest point seen, `None` if no edge was.
    /// Karney rather than Haversine: a sphere is off by up to ~0.5 % (2.5 m at 500 m), and
    /// the one inverse solution per verdict costs well under a microsecond.
    pub(super) fn distance_m(&self) -> Option<f64> {
        let (_, nearest) = self.best?;
        Some(Geodesic.distance(Point::new(self.lon, self.lat), Point::from(nearest)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Destination, polygon};

    fn contains_even_odd(polygon: &Polygon<f64>, x: f64, y: f64) -> bool {
        rings(polygon).fold(false, |odd, ring| {
            let ranges: Vec<_> = edge_chunks(&ring.0).map(y_range).collect();
            odd ^ ring_crosses_odd(&ring.0, &ranges, x, y)
        })
    }

    fn distance_to_border_m(outline: &MultiPolygon<f64>, lon: f64, lat: f64) -> Option<f64> {
        let mut nearest = Nearest::new(lon, lat);
        outline
            .0
            .iter()
            .flat_map(rings)
            .for_each(|ring| nearest.visit_ring(&ring.0));
        nearest.distance_m()
    }

    /// A 0.01° square (about 1.1 km) near Kota Agung with a 0.002° square hole in the middle.
    fn square_with_hole() -> Polygon<f64> {
        polygon!(
            exterior: [
                (x: 104.60, y: -5.50), (x: 104.61, y: -5.50),
                (x: 104.61, y: -5.49), (x: 104.60, y: -5.49),
            ],
            interiors: [[
                (x: 104.604, y: -5.496), (x: 104.604, y: -5.494),
                (x: 104.606, y: -5.494), (x: 104.606, y: -5.496),
            ]],
        )
    }

    #[test]
    fn even_odd_handles_holes_and_winding() {
        let square = square_with_hole();
        assert!(contains_even_odd(&square, 104.601, -5.499));
        assert!(!contains_even_odd(&square, 104.605, -5.495), "in the hole");
        assert!(!contains_even_odd(&square, 104.62, -5.495), "east of it");
        let mut reversed = square.clone();
        reversed.exterior_mut(|ring| ring.0.reverse());
        assert!(contains_even_odd(&reversed, 104.601, -5.499));
        assert!(!contains_even_odd(&reversed, 104.605, -5.495));
        assert!(!contains_even_odd(&square, f64::NAN, -5.495));
    }

    #[test]
    fn agrees_with_geo_contains_on_a_grid() {
        use geo::Contains;
        let square = square_with_hole();
        for i in 0..50 {
            for j in 0..50 {
                let (x, y) = (
                    104.598 + 0.00028 * f64::from(i),
                    -5.502 + 0.00028 * f64::from(j),
                );
                let geo_says = square.contains(&Point::new(x, y));
                let on_edge = square
                    .exterior()
                    .0
                    .iter()
                    .chain(&square.interiors()[0].0)
                    .any(|c| c.x == x || c.y == y);
                if !on_edge {
                    assert_eq!(contains_even_odd(&square, x, y), geo_says, "({x}, {y})");
                }
            }
        }
    }

    #[test]
    fn distance_500_m_east_of_a_vertex() {
        let square = MultiPolygon::new(vec![square_with_hole()]);
        let vertex = Point::new(104.61, -5.50);
        // Due east of the south-east corner, the corner itself is the nearest border point.
        let east = Geodesic.destination(vertex, 90.0, 500.0);
        let d = distance_to_border_m(&square, east.x(), east.y()).unwrap();
        assert!((d - 500.0).abs() < 0.01, "{d}");
        // 1,000 m south of the middle of the south edge: the nearest point is on the edge.
        let south = Geodesic.destination(Point::new(104.605, -5.50), 180.0, 1000.0);
        let d = distance_to_border_m(&square, south.x(), south.y()).unwrap();
        assert!((d - 1000.0).abs() < 0.01, "{d}");
        // The hole's border counts: from its centre the nearest border is 0.001° away, ~110 m
        // north–south and ~111 m east–west at this latitude.
        let d = distance_to_border_m(&square, 104.605, -5.495).unwrap();
        assert!((d - 110.6).abs() < 0.5, "{d}");
    }

    #[test]
    fn outline_checks() {
        let code = RegionCode::parse("18.06.01.2001").unwrap();
        assert!(check_outline(&code, &MultiPolygon::new(vec![square_with_hole()])).is_ok());
        assert!(matches!(
            check_outline(&code, &MultiPolygon::new(vec![])),
            Err(PlaceError::EmptyOutline { .. })
        ));
        let bad = polygon![(x: 104.6, y: -5.5), (x: 200.0, y: -5.5), (x: 104.6, y: -5.4)];
        assert!(matches!(
            check_outline(&code, &MultiPolygon::new(vec![bad])),
            Err(PlaceError::Coordinate { .. })
        ));
        let line = polygon![(x: 104.6, y: -5.5), (x: 104.7, y: -5.5)];
        assert!(matches!(
            check_outline(&code, &MultiPolygon::new(vec![line])),
            Err(PlaceError::ShortRing { .. })
        ));
    }
}

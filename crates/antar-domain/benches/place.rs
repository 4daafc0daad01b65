//! Point lookup and verdict cost of `antar_domain::place`, for Tanggamus and for a synthetic
//! nationwide map (84,000 desa of 200 vertices over Indonesia's bounding box).
//!
//! `cargo bench -p antar-domain --bench place` prints the index's memory first — resident set
//! (VmRSS from /proc/self/status) before and after building it, and the size the vertex count
//! implies — then divan's table, whose `median` column is the time per lookup.

use std::sync::LazyLock;

use antar_domain::attempt::{FixProvider, GpsFix};
use antar_domain::place::{PlaceIndex, PlacePolicy};
use antar_domain::region::RegionCode;
use divan::{Bencher, black_box};
use geo::{Coord, LineString, MultiPolygon, Polygon};

const SAMPLE_POINTS: &str = include_str!("../../../data/samples/geo_points_sample.csv");

/// Indonesia's bounding box, (lon, lat) degrees.
const WEST: f64 = 95.0;
const EAST: f64 = 141.0;
const SOUTH: f64 = -11.0;
const NORTH: f64 = 6.0;
/// 480 × 175 = 84,000 cells, one desa each.
const COLUMNS: usize = 480;
const ROWS: usize = 175;
const VERTICES: usize = 200;
/// Lookup points: many more than fit in cache next to the outlines they hit.
const POINTS: usize = 1 << 16;

/// splitmix64: deterministic, so every run measures the same map and points.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next_f64()
    }
}

/// An irregular star-shaped desa: a jittered centre and a radius wobbling with a few random
/// harmonics, so edges are not axis-aligned and bounding boxes overlap like real ones.
fn synthetic_desa(rng: &mut Rng, column: usize, row: usize) -> MultiPolygon<f64> {
    let (width, height) = (
        (EAST - WEST) / COLUMNS as f64,
        (NORTH - SOUTH) / ROWS as f64,
    );
    let cx = WEST + width * (column as f64 + 0.5 + rng.between(-0.1, 0.1));
    let cy = SOUTH + height * (row as f64 + 0.5 + rng.between(-0.1, 0.1));
    let harmonics: Vec<(f64, f64, f64)> = (2..6)
        .map(|k| {
            (
                k as f64,
                rng.between(0.0, 0.08),
                rng.between(0.0, std::f64::consts::TAU),
            )
        })
        .collect();
    let mut ring = Vec::with_capacity(VERTICES + 1);
    ring.extend((0..VERTICES).map(|i| {
        // Clockwise, like most rings in the shipped data.
        let angle = -std::f64::consts::TAU * i as f64 / VERTICES as f64;
        let wobble: f64 = harmonics
            .iter()
            .map(|(k, a, phase)| a * (k * angle + phase).sin())
            .sum();
        let scale = 0.55 + wobble + rng.between(-0.02, 0.02);
        Coord {
            x: cx + width * scale * angle.cos(),
            y: cy + height * scale * angle.sin(),
        }
    }));
    ring.push(ring[0]);
    MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
}

fn synthetic_code(i: usize) -> RegionCode {
    let code = format!(
        "{:02}.{:02}.{:02}.{:04}",
        11 + i / 10_000,
        i / 100 % 100,
        1,
        2000 + i % 100
    );
    RegionCode::parse(&code).expect("synthetic codes are well formed")
}

static NATIONWIDE: LazyLock<PlaceIndex> = LazyLock::new(|| {
    let mut rng = Rng(2026);
    let outlines = (0..COLUMNS * ROWS).map(|i| {
        (
            synthetic_code(i),
            synthetic_desa(&mut rng, i % COLUMNS, i / COLUMNS),
        )
    });
    PlaceIndex::from_outlines(outlines).expect("synthetic outlines are valid")
});

static NATIONWIDE_POINTS: LazyLock<Vec<(f64, f64)>> = LazyLock::new(|| {
    let mut rng = Rng(7);
    (0..POINTS)
        .map(|_| (rng.between(SOUTH, NORTH), rng.between(WEST, EAST)))
        .collect()
});

/// The 330 sample points: (lat, lon, expected desa or None).
static SAMPLES: LazyLock<Vec<(f64, f64, Option<RegionCode>)>> = LazyLock::new(|| {
    SAMPLE_POINTS
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',');
            let lat = fields.next()?.parse().ok()?;
            let lon = fields.next()?.parse().ok()?;
            Some((lat, lon, RegionCode::parse(fields.next()?).ok()))
        })
        .collect()
});

fn vm_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let before = vm_rss_kib();
    let index = &*NATIONWIDE;
    let after = vm_rss_kib();
    let vertices = index.vertex_count();
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "nationwide: {} desa, {vertices} vertices stored",
        index.len()
    );
    println!(
        "  heap by count: {:.0} MiB (f64 vertices {:.0} MiB, y-ranges, rings, leaves, codes)",
        index.heap_bytes() as f64 / (1024.0 * 1024.0),
        (vertices * 16) as f64 / (1024.0 * 1024.0)
    );
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "  VmRSS: {:.0} MiB before, {:.0} MiB after building: {:.0} MiB for the index",
            mib(before),
            mib(after),
            mib(after - before)
        );
    }
    let hits = NATIONWIDE_POINTS
        .iter()
        .filter(|(lat, lon)| index.locate(*lat, *lon).is_some())
        .count();
    println!("  lookup points: {POINTS}, {hits} inside some desa");
    let tanggamus = PlaceIndex::tanggamus();
    println!(
        "tanggamus: {} desa, {} vertices, heap by count {:.2} MiB",
        tanggamus.len(),
        tanggamus.vertex_count(),
        tanggamus.heap_bytes() as f64 / (1024.0 * 1024.0)
    );
    divan::main();
}

#[divan::bench(sample_count = 1000)]
fn nationwide_locate(bencher: Bencher) {
    let (index, points) = (&*NATIONWIDE, &*NATIONWIDE_POINTS);
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % POINTS;
        let (lat, lon) = points[i];
        black_box(index.locate(black_box(lat), black_box(lon)));
    });
}

#[divan::bench(sample_count = 1000)]
fn tanggamus_locate(bencher: Bencher) {
    let (index, samples) = (PlaceIndex::tanggamus(), &*SAMPLES);
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % samples.len();
        let (lat, lon, _) = samples[i];
        black_box(index.locate(black_box(lat), black_box(lon)));
    });
}

fn fixes() -> Vec<(GpsFix, Option<RegionCode>)> {
    let taken_at = chrono::Utc::now();
    SAMPLES
        .iter()
        .map(|(lat, lon, code)| {
            let fix = GpsFix::new(*lat, *lon, 10.0, taken_at, FixProvider::Gps)
                .expect("sample points are valid");
            (fix, code.clone())
        })
        .collect()
}

/// The common case: the fix is in the address desa.
#[divan::bench(sample_count = 1000)]
fn tanggamus_verdict_inside(bencher: Bencher) {
    let index = PlaceIndex::tanggamus();
    let policy = PlacePolicy::default();
    let fixes: Vec<_> = fixes()
        .into_iter()
        .filter_map(|(fix, code)| Some((fix, code?)))
        .collect();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % fixes.len();
        let (fix, desa) = &fixes[i];
        black_box(index.verdict(Some(black_box(fix)), desa, &policy));
    });
}

/// The dear case: outside the address desa, so the border distance (a scan of its edges and
/// one Karney inverse) and a lookup of where the fix is instead.
#[divan::bench(sample_count = 1000)]
fn tanggamus_verdict_elsewhere(bencher: Bencher) {
    let index = PlaceIndex::tanggamus();
    let policy = PlacePolicy::default();
    let baros = RegionCode::parse("18.06.01.1001").expect("a valid code");
    let fixes: Vec<_> = fixes()
        .into_iter()
        .filter(|(_, code)| code.as_ref() != Some(&baros))
        .map(|(fix, _)| fix)
        .collect();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % fixes.len();
        black_box(index.verdict(Some(black_box(&fixes[i])), &baros, &policy));
    });
}

/// The R-tree alone over the same boxes, to split `nationwide_locate` into its two halves.
#[divan::bench(sample_count = 1000, consts = [6, 16])]
fn nationwide_rtree_only<const N: usize>(bencher: Bencher) {
    use rstar::primitives::Rectangle;
    use rstar::{RStarInsertionStrategy, RTree, RTreeParams};
    struct Params<const N: usize>;
    impl<const N: usize> RTreeParams for Params<N> {
        const MIN_SIZE: usize = N / 3;
        const MAX_SIZE: usize = N;
        const REINSERTION_COUNT: usize = 1;
        type DefaultInsertionStrategy = RStarInsertionStrategy;
    }
    let index = &*NATIONWIDE;
    let boxes = index
        .codes()
        .filter_map(|code| index.bounds(code))
        .map(|b| Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]))
        .collect();
    let tree: RTree<_, Params<N>> = RTree::bulk_load_with_params(boxes);
    let points = &*NATIONWIDE_POINTS;
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % POINTS;
        let (lat, lon) = points[i];
        black_box(tree.locate_all_at_point(&[lon, lat]).count());
    });
}

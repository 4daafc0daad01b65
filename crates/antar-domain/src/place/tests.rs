//! Tests of the place index against the shipped Tanggamus outlines and the sample points, and
//! of the verdict on small hand-made maps where every distance is known.

use chrono::Utc;
use geo::{Destination, Geodesic, Point};

use super::*;
use crate::attempt::{FixProvider, GpsFix};
use crate::region::Registry;

const SAMPLE_POINTS: &str = include_str!("../../../../data/samples/geo_points_sample.csv");

fn code(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

fn fix(lat: f64, lon: f64, accuracy_m: f64) -> GpsFix {
    GpsFix::new(lat, lon, accuracy_m, Utc::now(), FixProvider::Gps).unwrap()
}

#[test]
fn embedded_geojson_loads() {
    let index = PlaceIndex::from_geojson(TANGGAMUS_DESA_GEOJSON).unwrap();
    assert_eq!(index.len(), 302);
    let parts: Vec<usize> = index
        .codes()
        .map(|c| index.outline(c).unwrap().0.len())
        .collect();
    assert_eq!(parts.iter().filter(|&&n| n == 1).count(), 280);
    assert_eq!(index.tree.size(), parts.iter().sum::<usize>());
    assert_eq!(index.store.part_count(), index.tree.size());
    // 29,108 vertices as PROVENANCE.md counts them; every ring there is already closed.
    assert_eq!(index.vertex_count(), 29_108);
}

#[test]
fn every_registry_desa_has_an_outline() {
    let index = PlaceIndex::tanggamus();
    let registry = Registry::tanggamus();
    for kecamatan in registry.kecamatans() {
        for desa in registry.desas_in(&kecamatan.code) {
            assert!(index.outline(&desa.code).is_some(), "{}", desa.code);
            let bounds = index.bounds(&desa.code).unwrap();
            assert!(bounds.width() > 0.0 && bounds.height() > 0.0);
        }
    }
}

#[test]
fn all_sample_points_land_in_their_desa() {
    let index = PlaceIndex::tanggamus();
    let mut reader = csv::Reader::from_reader(SAMPLE_POINTS.as_bytes());
    let mut checked = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let (lat, lon): (f64, f64) = (row[0].parse().unwrap(), row[1].parse().unwrap());
        let found = index.locate(lat, lon).map(RegionCode::as_str);
        let expected = (&row[2] != "OUTSIDE").then(|| &row[2]);
        assert_eq!(found, expected, "({lat}, {lon}) {}", &row[3]);
        if let Some(expected) = expected {
            let desa = code(expected);
            assert_eq!(index.contains(&desa, lat, lon), Some(true));
            // The sample promises ~150 m of margin; the border distance must agree.
            assert!(index.distance_to_border_m(&desa, lat, lon).unwrap() > 100.0);
            let verdict = index.verdict(Some(&fix(lat, lon, 10.0)), &desa, &PlacePolicy::default());
            assert_eq!(verdict, PlaceVerdict::Inside);
        }
        checked += 1;
    }
    assert_eq!(checked, 330);
}

#[test]
fn bad_coordinates_find_nothing_and_never_panic() {
    let index = PlaceIndex::tanggamus();
    let desa = code("18.06.01.1001");
    for (lat, lon) in [
        (f64::NAN, 104.6),
        (-5.4, f64::NAN),
        (f64::INFINITY, 104.6),
        (-95.0, 104.6),
        (-5.4, 181.0),
    ] {
        assert_eq!(index.locate(lat, lon), None);
        assert_eq!(index.contains(&desa, lat, lon), Some(false));
        assert_eq!(index.distance_to_border_m(&desa, lat, lon), None);
    }
    assert_eq!(index.locate(90.0, 180.0), None);
}

#[test]
fn kecamatan_and_kabupaten_files_parse_too() {
    let kecamatan = include_str!("../../data/wilayah/tanggamus_kecamatan.geojson");
    let kabupaten = include_str!("../../data/wilayah/tanggamus_kabupaten.geojson");
    assert_eq!(PlaceIndex::from_geojson(kecamatan).unwrap().len(), 20);
    let kabupaten = PlaceIndex::from_geojson(kabupaten).unwrap();
    // The desa of a sample point is within the kecamatan the kecamatan map puts it in.
    let (lat, lon) = (-5.3318697, 104.7762658);
    assert_eq!(kabupaten.locate(lat, lon), Some(&code("18.06")));
}

#[test]
fn malformed_geojson_is_refused_in_indonesian() {
    let err = PlaceIndex::from_geojson("{").unwrap_err();
    assert!(
        err.to_string().starts_with("GeoJSON wilayah tidak valid"),
        "{err}"
    );
    let square = r#"{"type":"Polygon","coordinates":[[[104.6,-5.5],[104.61,-5.5],[104.61,-5.49],[104.6,-5.5]]]}"#;
    let feature = |kode: &str| {
        format!(r#"{{"type":"Feature","properties":{{"kode":"{kode}"}},"geometry":{square}}}"#)
    };
    let collection = |features: &[String]| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    };
    let twice = collection(&[feature("18.06.01.2001"), feature("18.06.01.2001")]);
    assert!(matches!(
        PlaceIndex::from_geojson(&twice),
        Err(PlaceError::DuplicateCode { .. })
    ));
    let bad_code = collection(&[feature("18.6.1")]);
    assert!(matches!(
        PlaceIndex::from_geojson(&bad_code),
        Err(PlaceError::Code { .. })
    ));
    assert_eq!(PlaceIndex::from_geojson(&collection(&[])).unwrap().len(), 0);
}

/// Two 0.01° squares side by side on the equator-ish latitude of Tanggamus: A west, B east.
fn two_desa() -> PlaceIndex {
    let square = |west: f64| {
        let east = west + 0.01;
        format!("[[[{west},-5.50],[{west},-5.49],[{east},-5.49],[{east},-5.50],[{west},-5.50]]]")
    };
    let geojson = format!(
        r#"{{"type":"FeatureCollection","features":[
        {{"type":"Feature","properties":{{"kode":"18.06.01.2001"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
        {{"type":"Feature","properties":{{"kode":"18.06.01.2002"}},"geometry":{{"type":"MultiPolygon","coordinates":[{}]}}}}]}}"#,
        square(104.60),
        square(104.61),
    );
    PlaceIndex::from_geojson(&geojson).unwrap()
}

#[test]
fn verdicts_inside_near_elsewhere() {
    let index = two_desa();
    let (a, b) = (code("18.06.01.2001"), code("18.06.01.2002"));
    let policy = PlacePolicy::default();
    let middle_of_b = fix(-5.495, 104.615, 10.0);
    assert_eq!(
        index.verdict(Some(&middle_of_b), &b, &policy),
        PlaceVerdict::Inside
    );
    // 30 m into B from the shared border: within 10 m accuracy + 50 m tolerance of A.
    let border = Point::new(104.61, -5.495);
    let p = Geodesic.destination(border, 90.0, 30.0);
    match index.verdict(Some(&fix(p.y(), p.x(), 10.0)), &a, &policy) {
        PlaceVerdict::Near { distance_m } => {
            assert!((distance_m - 30.0).abs() < 0.01, "{distance_m}")
        }
        other => panic!("{other:?}"),
    }
    // 500 m into B: elsewhere, in B, 500 m from A.
    let p = Geodesic.destination(border, 90.0, 500.0);
    match index.verdict(Some(&fix(p.y(), p.x(), 10.0)), &a, &policy) {
        PlaceVerdict::Elsewhere { found, distance_m } => {
            assert_eq!(found, Some(b.clone()));
            assert!((distance_m - 500.0).abs() < 0.01, "{distance_m}");
        }
        other => panic!("{other:?}"),
    }
    // 500 m west of A, in no desa at all; a larger accuracy makes it near instead.
    let west = Geodesic.destination(Point::new(104.60, -5.495), 270.0, 500.0);
    assert!(matches!(
        index.verdict(Some(&fix(west.y(), west.x(), 10.0)), &a, &policy),
        PlaceVerdict::Elsewhere { found: None, .. }
    ));
    let lenient = PlacePolicy::new(450.0, 100.0).unwrap();
    assert!(matches!(
        index.verdict(Some(&fix(west.y(), west.x(), 60.0)), &a, &lenient),
        PlaceVerdict::Near { .. }
    ));
}

#[test]
fn unusable_fixes_and_unknown_desa() {
    let index = two_desa();
    let a = code("18.06.01.2001");
    let policy = PlacePolicy::default();
    let good = fix(-5.495, 104.605, 10.0);
    let unusable = |reason| PlaceVerdict::Unusable { reason };
    assert_eq!(
        index.verdict(None, &a, &policy),
        unusable(UnusableReason::NoFix)
    );
    assert_eq!(
        index.verdict(Some(&good.with_mock(true)), &a, &policy),
        unusable(UnusableReason::MockLocation)
    );
    assert_eq!(
        index.verdict(Some(&fix(-5.495, 104.605, 150.0)), &a, &policy),
        unusable(UnusableReason::Inaccurate {
            accuracy_m: 150.0,
            limit_m: 100.0
        })
    );
    // Exactly at the limit is still usable.
    assert_eq!(
        index.verdict(Some(&fix(-5.495, 104.605, 100.0)), &a, &policy),
        PlaceVerdict::Inside
    );
    let unknown = code("18.06.01.2099");
    assert_eq!(
        index.verdict(Some(&good), &unknown, &policy),
        PlaceVerdict::UnknownDesa {
            address_desa: unknown.clone()
        }
    );
    // A missing fix is reported as such even when the desa is unknown too.
    assert_eq!(
        index.verdict(None, &unknown, &policy),
        unusable(UnusableReason::NoFix)
    );
}

#[test]
fn verdict_wire_form_is_tagged_snake_case() {
    let cases = [
        (
            PlaceVerdict::Inside,
            r#"{"kind":"inside"}"#,
            "Di desa alamat",
        ),
        (
            PlaceVerdict::Near { distance_m: 12.5 },
            r#"{"kind":"near","distance_m":12.5}"#,
            "Dekat batas desa",
        ),
        (
            PlaceVerdict::Elsewhere {
                found: Some(code("18.06.01.2002")),
                distance_m: 500.0,
            },
            r#"{"kind":"elsewhere","found":"18.06.01.2002","distance_m":500.0}"#,
            "Di desa lain",
        ),
        (
            PlaceVerdict::Elsewhere {
                found: None,
                distance_m: 1.0,
            },
            r#"{"kind":"elsewhere","found":null,"distance_m":1.0}"#,
            "Di desa lain",
        ),
        (
            PlaceVerdict::Unusable {
                reason: UnusableReason::MockLocation,
            },
            r#"{"kind":"unusable","reason":"mock_location"}"#,
            "Tidak dapat dipakai",
        ),
        (
            PlaceVerdict::Unusable {
                reason: UnusableReason::Inaccurate {
                    accuracy_m: 150.0,
                    limit_m: 100.0,
                },
            },
            r#"{"kind":"unusable","reason":"inaccurate","accuracy_m":150.0,"limit_m":100.0}"#,
            "Tidak dapat dipakai",
        ),
        (
            PlaceVerdict::UnknownDesa {
                address_desa: code("18.06.01.2099"),
            },
            r#"{"kind":"unknown_desa","address_desa":"18.06.01.2099"}"#,
            "Desa alamat tidak ada di peta",
        ),
    ];
    for (verdict, json, label) in cases {
        assert_eq!(serde_json::to_string(&verdict).unwrap(), json);
        assert_eq!(serde_json::from_str::<PlaceVerdict>(json).unwrap(), verdict);
        assert_eq!(crate::glossary::ID.place_verdict(&verdict), label);
        assert!(json.contains(verdict.code()));
    }
}

#[test]
fn policy_is_checked() {
    assert!(PlacePolicy::new(50.0, 100.0).is_ok());
    assert!(PlacePolicy::new(-1.0, 100.0).is_err());
    let err = PlacePolicy::new(50.0, f64::NAN).unwrap_err();
    assert!(err.to_string().contains("batas akurasi"), "{err}");
    let policy: PlacePolicy =
        serde_json::from_str(r#"{"border_tolerance_m":20,"max_accuracy_m":60}"#).unwrap();
    assert_eq!(policy, PlacePolicy::new(20.0, 60.0).unwrap());
    assert!(
        serde_json::from_str::<PlacePolicy>(r#"{"border_tolerance_m":-5,"max_accuracy_m":60}"#)
            .is_err()
    );
}

#[test]
fn elsewhere_in_tanggamus_names_the_desa_found() {
    let index = PlaceIndex::tanggamus();
    // A sample point of Gedung Agung judged against Baros (Kota Agung), far to the west.
    let (lat, lon) = (-5.3318697, 104.7762658);
    match index.verdict(
        Some(&fix(lat, lon, 10.0)),
        &code("18.06.01.1001"),
        &PlacePolicy::default(),
    ) {
        PlaceVerdict::Elsewhere { found, distance_m } => {
            assert_eq!(found, Some(code("18.06.04.2007")));
            assert!(distance_m > 1_000.0, "{distance_m}");
        }
        other => panic!("{other:?}"),
    }
}

/// The chunked even-odd test against `geo`'s `Contains` over the real outlines: wherever geo
/// finds the point in some desa, `locate` must name one of them, and nothing where geo finds none.
#[test]
fn locate_agrees_with_geo_contains() {
    use geo::Contains;
    let index = PlaceIndex::tanggamus();
    let outlines: Vec<_> = index
        .codes()
        .map(|c| (c, index.outline(c).unwrap()))
        .collect();
    let (mut seed, mut hits) = (12345u64, 0);
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..3000 {
        let (lat, lon) = (-5.95 + 0.75 * next(), 104.35 + 0.75 * next());
        let point = Point::new(lon, lat);
        let containing: Vec<&RegionCode> = outlines
            .iter()
            .filter(|(_, outline)| outline.contains(&point))
            .map(|(code, _)| *code)
            .collect();
        match index.locate(lat, lon) {
            Some(found) => assert!(
                containing.contains(&found),
                "({lat}, {lon}): {found} vs {containing:?}"
            ),
            None => assert!(
                containing.is_empty(),
                "({lat}, {lon}): none vs {containing:?}"
            ),
        }
        hits += usize::from(!containing.is_empty());
    }
    assert!(hits > 1000, "{hits}");
}

/// The packed store gives back exactly the outlines it was given, holes and parts included.
#[test]
fn outlines_round_trip_through_the_store() {
    let index = PlaceIndex::tanggamus();
    for (code, outline) in geojson::parse(TANGGAMUS_DESA_GEOJSON).unwrap() {
        assert_eq!(index.outline(&code), Some(outline), "{code}");
    }
}

//! Test data for the device's tests: manifests built from the repository's sample SIAK list
//! (made-up people at real places), and a real JPEG. Shared by unit and integration tests.
#![allow(dead_code, unreachable_pub)]

pub mod office;
pub mod staff_web;
pub mod visits;

use std::path::{Path, PathBuf};

use antar_domain::document::{check_headers, parse_siak_record};
use antar_domain::ids::{CourierId, DeviceId, ItemId, ManifestId};
use antar_domain::manifest::{BaNumber, CourierRef, Manifest, ManifestItem};
use antar_domain::region::Registry;
use antar_domain::state::ItemState;
use chrono::NaiveDate;

const SAMPLE_CSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/prr_tanggamus_500.csv"
));

/// A real 543 KB photograph (see data/photos/PROVENANCE.md).
pub fn photo_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/photos/fallenleaf_2560x1600.jpg")
}

/// A real photograph made unique (a new hash) by a JPEG comment right after the SOI marker,
/// written to `dir/camera.jpg` where the camera would put it; the phone makes its own proof
/// from it.
pub fn unique_camera_photo(dir: &Path, n: usize) -> PathBuf {
    let sources = [
        "fallenleaf_2560x1600.jpg",
        "colorfulcups_2560x1600.jpg",
        "path_2560x1600.jpg",
    ];
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/photos")
        .join(sources[n % sources.len()]);
    let original = std::fs::read(source).expect("the repository's photos");
    let comment = format!("antar test photo {n}");
    let mut bytes = original[..2].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE]);
    let len = u16::try_from(comment.len() + 2).expect("a short comment");
    bytes.extend_from_slice(&len.to_be_bytes());
    bytes.extend_from_slice(comment.as_bytes());
    bytes.extend_from_slice(&original[2..]);
    let path = dir.join("camera.jpg");
    std::fs::write(&path, bytes).expect("write the camera photo");
    path
}

pub fn courier() -> CourierRef {
    CourierRef {
        id: CourierId::new_v7(),
        name: "Budi Santoso".to_owned(),
    }
}

pub fn test_device_id() -> DeviceId {
    DeviceId::new_v7()
}

/// A pending manifest of `count` documents taken from the sample list from row `skip` on.
pub fn sample_manifest(sequence: u32, skip: usize, count: usize) -> Manifest {
    let mut lines = SAMPLE_CSV.lines();
    let headers: Vec<&str> = lines
        .next()
        .expect("sample has a header")
        .split(',')
        .collect();
    check_headers(&headers).expect("sample headers are SIAK's");
    let registry = Registry::tanggamus();
    let items = lines
        .skip(skip)
        .take(count)
        .enumerate()
        .map(|(i, line)| {
            let record: Vec<&str> = line.split(',').collect();
            let doc = parse_siak_record(&headers, &record, registry).expect("sample row is good");
            ManifestItem {
                id: ItemId::new_v7(),
                line: u32::try_from(i + 1).expect("small"),
                document_type: doc.document_type,
                owner_name: doc.name,
                nik: doc.nik.into(),
                address: doc.address,
                phone: doc.phone,
                printed_on: doc.printed_on,
                state: ItemState::Pending,
            }
        })
        .collect();
    let issued_on = NaiveDate::from_ymd_opt(2026, 11, 26).expect("real date");
    Manifest {
        id: ManifestId::new_v7(),
        number: BaNumber::format(sequence, issued_on),
        issued_on,
        issued_by: "Petugas Uji".to_owned(),
        courier: courier(),
        items,
        count_required: false,
    }
}

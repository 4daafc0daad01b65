//! Writes proofs of the sample photos (and the 12 MP stand-in) to a folder for a look:
//! `cargo run --release -p antar-photo --example samples -- /tmp/antar-photo`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/common/mod.rs"]
mod common;

use antar_photo::{ProofOptions, make_proof};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/antar-photo".to_owned());
    std::fs::create_dir_all(&dir).expect("output folder");
    let mut inputs: Vec<(String, Vec<u8>)> = common::PHOTOS
        .iter()
        .map(|name| {
            (
                name.trim_end_matches(".jpg").to_owned(),
                common::photo(name),
            )
        })
        .collect();
    inputs.push(("12mp_4000x3000".to_owned(), common::twelve_mp()));
    // As a phone held upright would store it: landscape pixels, orientation 6.
    let portrait = with_orientation_6(&common::photo("fallenleaf_2560x1600.jpg"));
    inputs.push(("fallenleaf_orientation6".to_owned(), portrait));
    let options = ProofOptions::default();
    for (name, input) in inputs {
        let proof = make_proof(&input, &common::stamp(), &options).expect("proof");
        let path = format!("{dir}/{name}.proof.jpg");
        std::fs::write(&path, &proof.jpeg).expect("write proof");
        std::fs::write(format!("{dir}/{name}.thumb.jpg"), &proof.thumbnail).expect("write");
        println!(
            "{path}: {}×{}, {} bytes at quality {}, thumbnail {} bytes, sha256 {}",
            proof.width,
            proof.height,
            proof.jpeg.len(),
            proof.quality,
            proof.thumbnail.len(),
            proof.sha256
        );
    }
}

/// `jpeg` with a minimal APP1 Exif segment (big-endian TIFF, IFD0 = Orientation 6).
fn with_orientation_6(jpeg: &[u8]) -> Vec<u8> {
    let mut segment = b"Exif\0\0MM\0*\0\0\0\x08\0\x01".to_vec();
    segment.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(
        u16::try_from(segment.len() + 2)
            .expect("short")
            .to_be_bytes(),
    );
    out.extend(segment);
    out.extend(&jpeg[2..]);
    out
}

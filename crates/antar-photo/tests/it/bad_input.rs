//! Bad input gets a clear Indonesian error, never a panic, and a decompression bomb is
//! refused from its header before anything is allocated.

use std::time::Instant;

use antar_photo::{ImageFormat, PhotoError, ProofOptions, make_proof, probe};

use crate::common;

fn proof(input: &[u8]) -> Result<antar_photo::Proof, PhotoError> {
    make_proof(input, &common::stamp(), &ProofOptions::default())
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(proof(b"").unwrap_err(), PhotoError::Empty);
    assert!(PhotoError::Empty.to_string().contains("kosong"));
}

#[test]
fn truncated_photos_are_refused_as_damaged() {
    let input = common::photo("path_2560x1600.jpg");
    for keep in [2, 3, 100, 1_000, 20_000, input.len() / 2, input.len() - 2] {
        let err = proof(&input[..keep]).unwrap_err();
        assert!(
            matches!(err, PhotoError::Corrupt { .. }),
            "kept {keep}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            "foto rusak atau terpotong: ambil foto lagi"
        );
    }
}

#[test]
fn other_formats_are_refused_by_their_magic_bytes() {
    let cases: [(&[u8], PhotoError); 8] = [
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", PhotoError::Heic),
        (b"\0\0\0\x18ftypmif1\0\0\0\0mif1heic", PhotoError::Heic),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            PhotoError::NotJpeg(ImageFormat::Png),
        ),
        (b"GIF89a\x01\0\x01\0", PhotoError::NotJpeg(ImageFormat::Gif)),
        (
            b"RIFF\x24\0\0\0WEBPVP8 ",
            PhotoError::NotJpeg(ImageFormat::WebP),
        ),
        (
            b"\0\0\0\x1cftypavif\0\0\0\0",
            PhotoError::NotJpeg(ImageFormat::Avif),
        ),
        (b"II*\0\x08\0\0\0", PhotoError::NotJpeg(ImageFormat::Tiff)),
        (b"%PDF-1.7", PhotoError::UnknownFormat),
    ];
    for (input, expected) in cases {
        assert_eq!(proof(input).unwrap_err(), expected);
    }
    assert_eq!(
        PhotoError::Heic.to_string(),
        "format HEIC belum didukung: atur kamera ke JPEG"
    );
    assert!(
        PhotoError::NotJpeg(ImageFormat::Png)
            .to_string()
            .contains("PNG")
    );
}

/// A real photo's bytes with the frame header's dimensions rewritten: the pixel data no
/// longer matches, but only the header is ever read. The last SOF marker is the photo's
/// own: the first one belongs to the thumbnail inside the EXIF segment, which the header
/// reader rightly skips.
fn claiming(width: u16, height: u16) -> Vec<u8> {
    let mut input = common::photo("fallenleaf_2560x1600.jpg");
    let sof = input
        .windows(2)
        .rposition(|w| w == [0xFF, 0xC0] || w == [0xFF, 0xC2])
        .unwrap();
    input[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    input[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    input
}

#[test]
fn decompression_bombs_are_refused_from_the_header() {
    for (w, h) in [(65_000, 65_000), (10_000, 6_000), (13_000, 100)] {
        let start = Instant::now();
        let err = proof(&claiming(w, h)).unwrap_err();
        assert!(
            matches!(err, PhotoError::TooLarge { .. }),
            "{w}×{h}: {err:?}"
        );
        assert!(start.elapsed().as_millis() < 50, "refused without decoding");
        assert!(err.to_string().starts_with("foto terlalu besar"));
    }
    // probe itself only reports; it is make_proof that refuses.
    assert_eq!(probe(&claiming(65_000, 65_000)).unwrap().width, 65_000);
}

#[test]
fn tiny_photos_are_refused() {
    let input = common::synthetic_jpeg(200, 150, |_, _| [128, 128, 128]);
    assert!(matches!(
        proof(&input).unwrap_err(),
        PhotoError::TooSmall { .. }
    ));
}

#[test]
fn photos_smaller_than_the_target_are_not_upscaled() {
    let input = common::synthetic_jpeg(1000, 700, |x, y| [(x % 256) as u8, (y % 256) as u8, 60]);
    let proof = proof(&input).unwrap();
    assert_eq!((proof.width, proof.height), (1000, 700));
}

#[test]
fn grey_photos_are_accepted() {
    let mut out = Vec::new();
    let pixels: Vec<u8> = (0..800 * 600).map(|i| (i % 251) as u8).collect();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&pixels, 800, 600, jpeg_encoder::ColorType::Luma)
        .unwrap();
    let proof = proof(&out).unwrap();
    assert_eq!((proof.width, proof.height), (800, 600));
}

#[test]
fn a_stamp_with_impossible_coordinates_is_refused() {
    let input = common::synthetic_jpeg(800, 600, |_, _| [90, 90, 90]);
    let mut stamp = common::stamp();
    stamp.lat_lon = Some((f64::NAN, 104.0));
    let err = make_proof(&input, &stamp, &ProofOptions::default()).unwrap_err();
    assert!(matches!(err, PhotoError::InvalidStamp(_)));
}

#[test]
fn nonsense_options_are_refused() {
    let input = common::synthetic_jpeg(800, 600, |_, _| [90, 90, 90]);
    for options in [
        ProofOptions {
            long_side: 0,
            ..Default::default()
        },
        ProofOptions {
            thumb_long_side: 5000,
            ..Default::default()
        },
        ProofOptions {
            quality: 0,
            ..Default::default()
        },
        ProofOptions {
            min_quality: 90,
            ..Default::default()
        },
    ] {
        let err = make_proof(&input, &common::stamp(), &options).unwrap_err();
        assert!(matches!(err, PhotoError::InvalidOptions(_)), "{options:?}");
    }
}

/// Damaged bytes anywhere (headers, tables, entropy data) end in a proof or an error,
/// never a panic. A small synthetic photo keeps this fast; a fixed generator keeps it
/// repeatable.
#[test]
fn damaged_bytes_never_panic() {
    let original = common::synthetic_jpeg(160, 120, |x, y| [(x * 3) as u8, (y * 5) as u8, 99]);
    let original = common::with_exif(&original, 6);
    let options = ProofOptions {
        long_side: 160,
        min_long_side: 16,
        // Not above long_side, or every call is refused as InvalidOptions before reading a
        // byte (as it was, and the test checked nothing).
        thumb_long_side: 32,
        ..ProofOptions::default()
    };
    assert!(make_proof(&original, &common::stamp(), &options).is_ok());
    let mut state = 0x2545_f491_u32;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let mut outcomes = (0, 0);
    for _ in 0..400 {
        let mut input = original.clone();
        for _ in 0..1 + next() % 4 {
            let at = next() as usize % input.len();
            input[at] = next() as u8;
        }
        match make_proof(&input, &common::stamp(), &options) {
            Ok(_) => outcomes.0 += 1,
            Err(PhotoError::InvalidOptions(why)) => panic!("options refused: {why}"),
            Err(_) => outcomes.1 += 1,
        }
    }
    assert_eq!(outcomes.0 + outcomes.1, 400);
    assert!(outcomes.0 > 0 && outcomes.1 > 0, "{outcomes:?}");
}

//! The three real photographs (2560×1600) through the whole pipeline: size, byte budget,
//! hash, no metadata left (the path photo carries real Olympus EXIF, XMP, ICC and a
//! comment), and the office's check accepting the result.

use antar_domain::ids::Sha256Hash;
use antar_photo::{PhotoError, ProofOptions, make_proof, preview, probe, verify_proof};

use crate::common;

#[test]
fn each_photo_gives_a_small_preview_to_show_before_saving() {
    for name in common::PHOTOS {
        let (jpeg, width, height) =
            preview(&common::photo(name), 240, &ProofOptions::default()).unwrap();
        assert_eq!((width, height), (240, 150), "{name}");
        let (w, h, _) = common::decode(&jpeg);
        assert_eq!((w, h), (240, 150), "{name}");
        assert!(jpeg.len() < 20_000, "{name}: {} bytes", jpeg.len());
    }
    assert!(preview(b"not a jpeg", 240, &ProofOptions::default()).is_err());
}

#[test]
fn each_photo_becomes_a_small_upright_proof() {
    let options = ProofOptions::default();
    for name in common::PHOTOS {
        let input = common::photo(name);
        let proof = make_proof(&input, &common::stamp(), &options).unwrap();
        assert_eq!((proof.width, proof.height), (1280, 800), "{name}");
        assert!(
            proof.jpeg.len() <= options.max_bytes,
            "{name}: {} bytes",
            proof.jpeg.len()
        );
        assert!(proof.quality >= options.min_quality, "{name}");
        assert_eq!(proof.sha256, Sha256Hash::of(&proof.jpeg));
        let (w, h, _) = common::decode(&proof.jpeg);
        assert_eq!((w, h), (1280, 800));
        let (tw, th, _) = common::decode(&proof.thumbnail);
        assert_eq!((tw, th), (256, 160));
        assert_eq!((proof.thumbnail_width, proof.thumbnail_height), (256, 160));
        assert!(
            proof.thumbnail.len() < 20_000,
            "{name}: thumbnail {}",
            proof.thumbnail.len()
        );
        // The office's check accepts what the phone made.
        let info = verify_proof(&proof.jpeg, &options).unwrap();
        assert_eq!((info.width, info.height), (1280, 800));
    }
}

#[test]
fn camera_exif_and_all_other_metadata_are_gone() {
    let input = common::photo("path_2560x1600.jpg");
    let before = probe(&input).unwrap();
    assert!(before.metadata.exif && before.metadata.xmp && before.metadata.icc);
    for needle in [&b"OLYMPUS"[..], b"E-M1", b"GIMP", b"Exif\0", b"Risto"] {
        assert!(
            common::contains(&input, needle),
            "the sample should carry {needle:?}"
        );
    }

    let proof = make_proof(&input, &common::stamp(), &ProofOptions::default()).unwrap();
    for needle in [
        &b"OLYMPUS"[..],
        b"E-M1",
        b"GIMP",
        b"Exif",
        b"Risto",
        b"http://ns.adobe.com",
        b"ICC_PROFILE",
        b"2015:",
    ] {
        assert!(
            !common::contains(&proof.jpeg, needle),
            "{needle:?} left in the proof"
        );
        assert!(
            !common::contains(&proof.thumbnail, needle),
            "{needle:?} left in the thumbnail"
        );
    }
    let after = probe(&proof.jpeg).unwrap();
    assert!(after.metadata.is_empty(), "{:?}", after.metadata);
    // No APP1 marker at all: SOI is followed by the JFIF APP0 header only.
    assert_eq!(&proof.jpeg[..4], &[0xFF, 0xD8, 0xFF, 0xE0]);
    assert!(!proof.jpeg.windows(2).any(|w| w == [0xFF, 0xE1]));
}

#[test]
fn the_same_input_gives_the_same_proof() {
    let input = common::photo("fallenleaf_2560x1600.jpg");
    let a = make_proof(&input, &common::stamp(), &Default::default()).unwrap();
    let b = make_proof(&input, &common::stamp(), &Default::default()).unwrap();
    assert_eq!(a.sha256, b.sha256);
    let mut other = common::stamp();
    other.item = "Baris 13".to_owned();
    let c = make_proof(&input, &other, &Default::default()).unwrap();
    assert_ne!(a.sha256, c.sha256, "the stamp is part of the picture");
}

#[test]
fn long_side_and_budget_are_configurable() {
    let input = common::photo("colorfulcups_2560x1600.jpg");
    let options = ProofOptions {
        long_side: 800,
        thumb_long_side: 120,
        max_bytes: 40_000,
        ..ProofOptions::default()
    };
    let proof = make_proof(&input, &common::stamp(), &options).unwrap();
    assert_eq!((proof.width, proof.height), (800, 500));
    assert_eq!((proof.thumbnail_width, proof.thumbnail_height), (120, 75));
    assert!(proof.jpeg.len() <= 40_000, "{}", proof.jpeg.len());
    assert!(proof.quality < 80);
    // A proof larger than the office expects is refused.
    let small = ProofOptions {
        long_side: 640,
        ..ProofOptions::default()
    };
    assert!(matches!(
        verify_proof(&proof.jpeg, &small),
        Err(PhotoError::NotAProof(_))
    ));
}

#[test]
fn the_office_refuses_a_camera_original_as_a_proof() {
    let input = common::photo("path_2560x1600.jpg");
    let err = verify_proof(&input, &ProofOptions::default()).unwrap_err();
    assert!(matches!(err, PhotoError::NotAProof(_)));
    assert!(err.to_string().contains("metadata"), "{err}");
}

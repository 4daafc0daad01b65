//! Property tests of the photo entry points on untrusted bytes: `probe`, `verify_proof` (the
//! office's check of an upload) and `make_proof` (the phone's camera file) end in a result
//! or an error whose message tells the courier, in Indonesian, what to do; never a panic.

use std::sync::LazyLock;

use antar_photo::{PhotoError, ProofOptions, make_proof, probe, verify_proof};
use antar_testkit::{byte_edits, damaged, prop_config};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common;

/// Proofs 160 px on the long side: every step of the real pipeline, at a cost that lets
/// thousands of cases run in seconds.
fn options() -> ProofOptions {
    ProofOptions {
        long_side: 160,
        thumb_long_side: 32,
        min_long_side: 16,
        ..ProofOptions::default()
    }
}

/// A small camera photo: colour, turned by its EXIF orientation, with camera metadata.
static CAMERA: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let jpeg = common::synthetic_jpeg(160, 120, |x, y| [(x * 3) as u8, (y * 5) as u8, 99]);
    common::with_exif(&jpeg, 6)
});

/// The proof made of it, once: what a phone uploads.
static PROOF: LazyLock<Vec<u8>> = LazyLock::new(|| {
    make_proof(&CAMERA, &common::stamp(), &options())
        .unwrap()
        .jpeg
});

/// How every message to the courier starts (`PhotoError`'s texts): Indonesian, whichever
/// error it is.
const LEADS: &[&str] = &[
    "file foto kosong",
    "foto rusak atau terpotong",
    "format HEIC belum didukung",
    "format ",
    "bukan file foto yang dikenali",
    "foto terlalu besar",
    "foto terlalu kecil",
    "jenis warna foto tidak didukung",
    "data cap foto tidak sah",
    "pengaturan foto bukti tidak sah",
    "bukan foto bukti yang sah",
    "gagal membuat foto bukti",
];

fn check_refusal(error: &PhotoError) -> Result<(), TestCaseError> {
    let message = error.to_string();
    prop_assert!(
        LEADS.iter().any(|lead| message.starts_with(lead)),
        "{message}"
    );
    prop_assert!(message.contains(": "), "says what to do or why: {message}");
    if let PhotoError::Corrupt { detail } = error {
        // The decoder's English detail is for developers, never shown to the courier.
        prop_assert_eq!(&message, "foto rusak atau terpotong: ambil foto lagi");
        prop_assert!(!detail.is_empty());
    }
    Ok(())
}

/// Bytes a JPEG reader reacts to: markers and their prefix.
const JPEG_BYTES: &[u8] = &[0x00, 0xFF, 0xD8, 0xD9, 0xDA, 0xC0, 0xC2, 0xC4, 0xDB, 0xDD];

/// Arbitrary bytes, bytes behind a JPEG's start marker (so the header reader runs), and a
/// JPEG's first bytes followed by garbage.
fn noise() -> impl Strategy<Value = Vec<u8>> {
    let bytes = proptest::collection::vec(any::<u8>(), 0..512);
    prop_oneof![
        bytes.clone(),
        bytes
            .clone()
            .prop_map(|tail| [&[0xFF, 0xD8, 0xFF][..], &tail].concat()),
        (any::<Index>(), bytes)
            .prop_map(|(cut, tail)| { [&PROOF[..cut.index(PROOF.len())], &tail].concat() }),
    ]
}

proptest! {
    #![proptest_config(prop_config())]

    /// An upload that is the proof cut short is refused as damaged; an upload of any other
    /// bytes or of the proof damaged in a few places is accepted (only if its headers and
    /// data decode) or refused in Indonesian. `probe` answers the same way.
    #[test]
    fn prop_uploaded_bytes_are_verified_or_refused_in_indonesian(
        cut in any::<Index>(),
        edits in byte_edits(JPEG_BYTES),
        noise in noise(),
    ) {
        prop_assert!(verify_proof(&PROOF, &options()).is_ok());
        let truncated = &PROOF[..cut.index(PROOF.len())];
        let error = verify_proof(truncated, &options()).unwrap_err();
        check_refusal(&error)?;
        // Fewer than the two bytes of the start marker is no JPEG at all.
        let expected = match truncated.len() {
            0 => matches!(error, PhotoError::Empty),
            1 => matches!(error, PhotoError::UnknownFormat),
            _ => matches!(error, PhotoError::Corrupt { .. }),
        };
        prop_assert!(expected, "{} bytes: {:?}", truncated.len(), error);
        for bytes in [damaged(&PROOF, &edits), noise] {
            if let Err(error) = probe(&bytes) {
                check_refusal(&error)?;
            }
            if let Err(error) = verify_proof(&bytes, &options()) {
                check_refusal(&error)?;
            }
        }
    }

    /// A camera file damaged in a few places (headers, EXIF, tables, entropy data) makes a
    /// proof that passes the office's check, or is refused in Indonesian.
    #[test]
    fn prop_damaged_camera_files_make_a_proof_or_are_refused_in_indonesian(
        edits in byte_edits(JPEG_BYTES),
        cut in proptest::option::weighted(0.1, any::<Index>()),
    ) {
        let mut bytes = damaged(&CAMERA, &edits);
        // Edits may have emptied it already (`Index` cannot pick from nothing).
        if let Some(cut) = cut
            && !bytes.is_empty()
        {
            bytes.truncate(cut.index(bytes.len()));
        }
        match make_proof(&bytes, &common::stamp(), &options()) {
            Ok(proof) => {
                let checked = verify_proof(&proof.jpeg, &options());
                prop_assert!(checked.is_ok(), "{:?}", checked);
            }
            Err(error) => check_refusal(&error)?,
        }
    }
}

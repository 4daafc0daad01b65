//! Every EXIF orientation (1–8) comes out upright: a synthetic picture with a different
//! colour in each quadrant is stored as a camera would store it for that orientation (the
//! inverse transform applied to its pixels, plus the matching tag), and the proof's
//! quadrants must be back where they were.

use antar_photo::{Orientation, ProofOptions, make_proof, probe};

use crate::common;

const RED: [u8; 3] = [230, 20, 20];
const GREEN: [u8; 3] = [20, 200, 20];
const BLUE: [u8; 3] = [20, 20, 230];
const YELLOW: [u8; 3] = [240, 240, 20];
const W: u32 = 320;
const H: u32 = 240;

/// The upright picture: red top-left, green top-right, blue bottom-left, yellow bottom-right.
fn upright(x: u32, y: u32) -> [u8; 3] {
    match (x < W / 2, y < H / 2) {
        (true, true) => RED,
        (false, true) => GREEN,
        (true, false) => BLUE,
        (false, false) => YELLOW,
    }
}

/// Where stored pixel (sx, sy) of a `sw`×`sh` image is shown, read off the EXIF spec's
/// "row 0 is the visual …, column 0 is the visual …" table (independent of the crate's
/// upright-to-stored mapping).
fn shown_at(orientation: u16, sx: u32, sy: u32, sw: u32, sh: u32) -> (u32, u32) {
    match orientation {
        1 => (sx, sy),                   // row 0 top, column 0 left
        2 => (sw - 1 - sx, sy),          // row 0 top, column 0 right
        3 => (sw - 1 - sx, sh - 1 - sy), // row 0 bottom, column 0 right
        4 => (sx, sh - 1 - sy),          // row 0 bottom, column 0 left
        5 => (sy, sx),                   // row 0 left, column 0 top
        6 => (sh - 1 - sy, sx),          // row 0 right, column 0 top
        7 => (sh - 1 - sy, sw - 1 - sx), // row 0 right, column 0 bottom
        8 => (sy, sw - 1 - sx),          // row 0 left, column 0 bottom
        _ => unreachable!(),
    }
}

fn stored_jpeg(orientation: u16) -> Vec<u8> {
    let swaps = orientation >= 5;
    let (sw, sh) = if swaps { (H, W) } else { (W, H) };
    let jpeg = common::synthetic_jpeg(sw as u16, sh as u16, |sx, sy| {
        let (x, y) = shown_at(orientation, sx, sy, sw, sh);
        upright(x, y)
    });
    common::with_exif(&jpeg, orientation)
}

fn close(pixel: &[u8], colour: [u8; 3]) -> bool {
    pixel
        .iter()
        .zip(colour)
        .all(|(&a, b)| (i16::from(a) - i16::from(b)).abs() < 40)
}

#[test]
fn every_orientation_comes_out_upright() {
    let options = ProofOptions {
        long_side: W,
        min_long_side: 64,
        ..ProofOptions::default()
    };
    for orientation in 1..=8u16 {
        let input = stored_jpeg(orientation);
        let info = probe(&input).unwrap();
        assert_eq!(info.orientation.exif_value(), orientation);
        assert_eq!(info.upright_size(), (W, H), "orientation {orientation}");

        let proof = make_proof(&input, &common::stamp(), &options).unwrap();
        assert_eq!(
            (proof.width, proof.height),
            (W, H),
            "orientation {orientation}"
        );
        let (w, h, pixels) = common::decode(&proof.jpeg);
        assert_eq!((w, h), (W, H));
        let at = |x: u32, y: u32| {
            let i = ((y * w + x) * 3) as usize;
            &pixels[i..i + 3]
        };
        // Bottom samples at 60% height: inside the bottom quadrants, above the stamp band.
        let checks = [
            (W / 4, H / 4, RED),
            (3 * W / 4, H / 4, GREEN),
            (W / 4, 3 * H / 5, BLUE),
            (3 * W / 4, 3 * H / 5, YELLOW),
        ];
        for (x, y, colour) in checks {
            assert!(
                close(at(x, y), colour),
                "orientation {orientation}: at ({x}, {y}) {:?}, want {colour:?}",
                at(x, y)
            );
        }
        // The thumbnail is upright too, with the same aspect.
        let (tw, th, thumb) = common::decode(&proof.thumbnail);
        assert_eq!((tw, th), (256, 192));
        assert!(
            close(&thumb[..3], RED),
            "thumbnail top-left {:?}",
            &thumb[..3]
        );
    }
}

#[test]
fn portrait_photos_keep_their_long_side() {
    // A phone held upright: stored landscape 2000×1500 with orientation 6.
    let jpeg = common::synthetic_jpeg(2000, 1500, |x, _| [(x % 256) as u8, 90, 90]);
    let input = common::with_exif(&jpeg, 6);
    let proof = make_proof(&input, &common::stamp(), &Default::default()).unwrap();
    assert_eq!((proof.width, proof.height), (960, 1280));
    assert_eq!((proof.thumbnail_width, proof.thumbnail_height), (192, 256));
    let info = probe(&proof.jpeg).unwrap();
    assert_eq!(info.orientation, Orientation::Normal);
    assert!(info.metadata.is_empty());
}

//! Helpers shared by the integration tests: the real photos, synthetic JPEGs and a writer
//! of the APP1 Exif segment that carries an orientation.

#![allow(dead_code)]

use antar_photo::Stamp;
use chrono::{TimeZone, Utc};

pub(crate) const PHOTOS: [&str; 3] = [
    "path_2560x1600.jpg",
    "colorfulcups_2560x1600.jpg",
    "fallenleaf_2560x1600.jpg",
];

pub(crate) fn photo(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../data/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub(crate) fn stamp() -> Stamp {
    Stamp {
        taken_at: Utc.with_ymd_and_hms(2025, 3, 12, 3, 4, 5).unwrap(),
        lat_lon: Some((-5.49861, 104.627)),
        accuracy_m: Some(8.0),
        desa: "Pekon Kota Agung Timur".to_owned(),
        ba_number: "470/0012/BA-PENG/DUKCAPIL/III/2025".to_owned(),
        item: "Baris 12".to_owned(),
    }
}

/// An RGB picture as a closure of (x, y) → colour, encoded at high quality without chroma
/// subsampling so colours survive exactly enough to be told apart.
pub(crate) fn synthetic_jpeg(
    width: u16,
    height: u16,
    colour: impl Fn(u32, u32) -> [u8; 3],
) -> Vec<u8> {
    let pixels: Vec<u8> = (0..u32::from(height))
        .flat_map(|y| (0..u32::from(width)).map(move |x| (x, y)))
        .flat_map(|(x, y)| colour(x, y))
        .collect();
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 95);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_1_1);
    encoder
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// `jpeg` with an APP1 Exif segment right after SOI holding IFD0 with Make, Model and
/// Orientation = `orientation` (little-endian TIFF, as most phones write it).
pub(crate) fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let make = b"OLYMPUS IMAGING CORP.\0";
    let model = b"E-M1\0\0\0\0";
    let entries: u16 = 3;
    let ifd_len = 2 + 12 * usize::from(entries) + 4;
    let data_at = (8 + ifd_len) as u32;
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(entries.to_le_bytes());
    let mut entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend(tag.to_le_bytes());
        tiff.extend(kind.to_le_bytes());
        tiff.extend(count.to_le_bytes());
        tiff.extend(value);
    };
    entry(0x010F, 2, make.len() as u32, data_at.to_le_bytes());
    entry(
        0x0110,
        2,
        model.len() as u32,
        (data_at + make.len() as u32).to_le_bytes(),
    );
    let o = orientation.to_le_bytes();
    entry(0x0112, 3, 1, [o[0], o[1], 0, 0]);
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(make);
    tiff.extend(model);

    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((segment.len() + 2) as u16).to_be_bytes());
    out.extend(segment);
    out.extend(&jpeg[2..]);
    out
}

/// Decodes a JPEG to (width, height, RGB pixels).
pub(crate) fn decode(jpeg: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = jpeg_decoder::Decoder::new(jpeg);
    let pixels = decoder.decode().unwrap();
    let info = decoder.info().unwrap();
    assert_eq!(info.pixel_format, jpeg_decoder::PixelFormat::RGB24);
    (u32::from(info.width), u32::from(info.height), pixels)
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

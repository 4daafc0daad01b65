//! Inputs shared by the benchmarks: the three real photos (2560×1600) and a 12 MP camera
//! stand-in made from one of them.

#![allow(dead_code)]

use antar_photo::Stamp;
use chrono::{TimeZone, Utc};
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

pub(crate) const PHOTOS: [&str; 3] = [
    "path_2560x1600.jpg",
    "colorfulcups_2560x1600.jpg",
    "fallenleaf_2560x1600.jpg",
];

pub(crate) fn photo(name: &str) -> Vec<u8> {
    let path = format!("{}/../../data/photos/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A 4000×3000 (12 MP) JPEG like a phone camera's: `path_2560x1600.jpg` (the densest of the
/// three) cropped to 4:3 at its centre, upscaled with Lanczos 3 and encoded once at quality
/// 90 with 4:2:0 chroma. Upscaled detail is smoother than a real 12 MP sensor's, so the
/// file is smaller (fewer bits for the decoder to read) than a camera's would be.
pub(crate) fn twelve_mp() -> Vec<u8> {
    let source = photo("path_2560x1600.jpg");
    let mut decoder = jpeg_decoder::Decoder::new(source.as_slice());
    let pixels = decoder.decode().expect("decode the sample");
    let info = decoder.info().expect("info");
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let src = ImageRef::new(w, h, &pixels, PixelType::U8x3).expect("view");
    let mut dst = Image::new(4000, 3000, PixelType::U8x3);
    let crop_w = f64::from(h) * 4.0 / 3.0;
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop((f64::from(w) - crop_w) / 2.0, 0.0, crop_w, f64::from(h));
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .expect("upscale");
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder
        .encode(dst.buffer(), 4000, 3000, jpeg_encoder::ColorType::Rgb)
        .expect("encode 12 MP");
    out
}

pub(crate) fn stamp() -> Stamp {
    Stamp {
        taken_at: Utc
            .with_ymd_and_hms(2025, 3, 12, 3, 4, 5)
            .single()
            .expect("time"),
        lat_lon: Some((-5.498_61, 104.627)),
        accuracy_m: Some(8.0),
        desa: "Pekon Kota Agung Timur".to_owned(),
        ba_number: "470/0012/BA-PENG/DUKCAPIL/III/2025".to_owned(),
        item: "Baris 12".to_owned(),
    }
}

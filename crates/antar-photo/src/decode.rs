//! Decoding a JPEG straight to a reduced size: the decoder's inverse DCT produces 1/2, 1/4
//! or 1/8 of the stored size directly, so a 12 MP photo is never expanded to 36 MB of
//! pixels only to be thrown away by the resize. The smallest factor that keeps the image at
//! least as large as the target is chosen; the resize then makes it exact.

use std::panic::{AssertUnwindSafe, catch_unwind};

use jpeg_decoder::{Decoder, PixelFormat};

use crate::error::PhotoError;
use crate::probe::ImageInfo;
use crate::raster::Rgb;

/// Decodes to at least `min_width`×`min_height` (as stored, before orientation).
pub(crate) fn decode_at_least(
    input: &[u8],
    info: &ImageInfo,
    min_width: u32,
    min_height: u32,
) -> Result<Rgb, PhotoError> {
    // The decoder is third-party code fed untrusted bytes: should it ever panic on a
    // malformed file, the courier gets "foto rusak", not a crashed app.
    catch_unwind(AssertUnwindSafe(|| {
        decode(input, info, min_width, min_height)
    }))
    .unwrap_or_else(|_| Err(PhotoError::corrupt("decoder panicked")))
}

fn decode(
    input: &[u8],
    info: &ImageInfo,
    min_width: u32,
    min_height: u32,
) -> Result<Rgb, PhotoError> {
    let mut decoder = Decoder::new(input);
    let clamp = |v: u32| u16::try_from(v).unwrap_or(u16::MAX);
    let (width, height) = decoder
        .scale(clamp(min_width), clamp(min_height))
        .map_err(PhotoError::corrupt)?;
    let (width, height) = (u32::from(width), u32::from(height));
    // Our header reader and the decoder must agree on what they read, or one of them was
    // fooled: a second frame header, say.
    let expected_area = u64::from(info.width) * u64::from(info.height);
    if u64::from(width) * u64::from(height) > expected_area {
        return Err(PhotoError::corrupt("decoder saw other dimensions"));
    }
    decoder.set_max_decoding_buffer_size(width as usize * height as usize * 3);
    let pixels = decoder.decode().map_err(PhotoError::corrupt)?;
    let format = decoder
        .info()
        .map(|i| i.pixel_format)
        .ok_or_else(|| PhotoError::corrupt("no frame"))?;
    let pixels = match format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&v| [v, v, v]).collect(),
        PixelFormat::L16 => return Err(PhotoError::UnsupportedColor("16 bit")),
        PixelFormat::CMYK32 => return Err(PhotoError::UnsupportedColor("CMYK")),
    };
    if pixels.len() != width as usize * height as usize * 3 {
        return Err(PhotoError::corrupt("pixel buffer size"));
    }
    Ok(Rgb {
        width,
        height,
        pixels,
    })
}

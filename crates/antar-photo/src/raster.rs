//! The in-memory picture (8-bit RGB, rows top to bottom) and resizing it.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::error::PhotoError;

#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Rgb {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) pixels: Vec<u8>,
}

/// Pixels are not worth printing; their size is.
impl std::fmt::Debug for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rgb({}×{})", self.width, self.height)
    }
}

/// `width`×`height` for an image whose long side is scaled to `long_side`, keeping the
/// aspect ratio; never 0 on a side.
pub(crate) fn fit_long_side(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(long_side) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(long_side).max(1)
    };
    (scale(width), scale(height))
}

/// Resamples to exactly `width`×`height` (Catmull-Rom: sharp without ringing at the
/// 1–2× reductions left after the decoder's DCT scaling). A no-op at the same size.
pub(crate) fn resize(source: Rgb, width: u32, height: u32) -> Result<Rgb, PhotoError> {
    if source.width == width && source.height == height {
        return Ok(source);
    }
    resize_ref(&source, width, height)
}

pub(crate) fn resize_ref(source: &Rgb, width: u32, height: u32) -> Result<Rgb, PhotoError> {
    let view = ImageRef::new(source.width, source.height, &source.pixels, PixelType::U8x3)
        .map_err(PhotoError::internal)?;
    let mut target = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new()
        .resize(&view, &mut target, &options)
        .map_err(PhotoError::internal)?;
    Ok(Rgb {
        width,
        height,
        pixels: target.into_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_the_long_side_and_keeps_the_aspect() {
        assert_eq!(fit_long_side(4000, 3000, 1280), (1280, 960));
        assert_eq!(fit_long_side(3000, 4000, 1280), (960, 1280));
        assert_eq!(fit_long_side(2560, 1600, 1280), (1280, 800));
        assert_eq!(fit_long_side(1000, 700, 1280), (1000, 700));
        assert_eq!(fit_long_side(12000, 1, 256), (256, 1));
    }

    #[test]
    fn resizes_to_the_exact_size() {
        let source = Rgb {
            width: 8,
            height: 4,
            pixels: vec![200; 8 * 4 * 3],
        };
        let small = resize(source.clone(), 4, 2).unwrap();
        assert_eq!((small.width, small.height, small.pixels.len()), (4, 2, 24));
        assert!(small.pixels.iter().all(|&v| v == 200));
        assert_eq!(resize(source.clone(), 8, 4).unwrap(), source);
    }
}

//! EXIF orientation (1–8) and turning stored pixels upright.
//!
//! Applied after the resize, on the small image: rotating 1280×960 pixels costs a few
//! milliseconds, rotating the camera's 4000×3000 would cost ten times more.

use crate::raster::Rgb;

/// How the stored pixels must be transformed to be seen upright (EXIF tag 0x0112).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// 1: stored upright.
    Normal,
    /// 2: mirrored left–right.
    FlipHorizontal,
    /// 3: upside down.
    Rotate180,
    /// 4: mirrored top–bottom.
    FlipVertical,
    /// 5: mirrored along the top-left–bottom-right diagonal.
    Transpose,
    /// 6: must be turned 90° clockwise (a phone held upright, the usual portrait photo).
    Rotate90,
    /// 7: mirrored along the other diagonal.
    Transverse,
    /// 8: must be turned 90° counter-clockwise.
    Rotate270,
}

impl Orientation {
    pub fn from_exif(value: u16) -> Option<Self> {
        Some(match value {
            1 => Self::Normal,
            2 => Self::FlipHorizontal,
            3 => Self::Rotate180,
            4 => Self::FlipVertical,
            5 => Self::Transpose,
            6 => Self::Rotate90,
            7 => Self::Transverse,
            8 => Self::Rotate270,
            _ => return None,
        })
    }

    pub fn exif_value(self) -> u16 {
        match self {
            Self::Normal => 1,
            Self::FlipHorizontal => 2,
            Self::Rotate180 => 3,
            Self::FlipVertical => 4,
            Self::Transpose => 5,
            Self::Rotate90 => 6,
            Self::Transverse => 7,
            Self::Rotate270 => 8,
        }
    }

    /// True for 5–8, whose upright image has width and height swapped.
    pub fn swaps_axes(self) -> bool {
        matches!(
            self,
            Self::Transpose | Self::Rotate90 | Self::Transverse | Self::Rotate270
        )
    }
}

/// The upright image. For every upright pixel (dx, dy) we look up the stored pixel it comes
/// from, so every output byte is written exactly once, in order.
pub(crate) fn apply(stored: Rgb, orientation: Orientation) -> Rgb {
    if orientation == Orientation::Normal {
        return stored;
    }
    let (w, h) = (stored.width as usize, stored.height as usize);
    let (out_w, out_h) = if orientation.swaps_axes() {
        (h, w)
    } else {
        (w, h)
    };
    let source = |dx: usize, dy: usize| -> (usize, usize) {
        match orientation {
            Orientation::Normal => (dx, dy),
            Orientation::FlipHorizontal => (w - 1 - dx, dy),
            Orientation::Rotate180 => (w - 1 - dx, h - 1 - dy),
            Orientation::FlipVertical => (dx, h - 1 - dy),
            Orientation::Transpose => (dy, dx),
            Orientation::Rotate90 => (dy, h - 1 - dx),
            Orientation::Transverse => (w - 1 - dy, h - 1 - dx),
            Orientation::Rotate270 => (w - 1 - dy, dx),
        }
    };
    let mut pixels = Vec::with_capacity(out_w * out_h * 3);
    for dy in 0..out_h {
        for dx in 0..out_w {
            let (sx, sy) = source(dx, dy);
            let at = (sy * w + sx) * 3;
            pixels.extend_from_slice(&stored.pixels[at..at + 3]);
        }
    }
    Rgb {
        width: out_w as u32,
        height: out_h as u32,
        pixels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 image whose pixels are numbered 0..6 in the red channel.
    fn numbered() -> Rgb {
        Rgb {
            width: 3,
            height: 2,
            pixels: (0..6u8).flat_map(|v| [v, 0, 0]).collect(),
        }
    }

    fn reds(image: &Rgb) -> Vec<u8> {
        image.pixels.chunks(3).map(|p| p[0]).collect()
    }

    #[test]
    fn every_orientation_maps_pixels_as_exif_says() {
        // Stored:  0 1 2
        //          3 4 5
        let cases = [
            (1, (3, 2), vec![0, 1, 2, 3, 4, 5]),
            (2, (3, 2), vec![2, 1, 0, 5, 4, 3]),
            (3, (3, 2), vec![5, 4, 3, 2, 1, 0]),
            (4, (3, 2), vec![3, 4, 5, 0, 1, 2]),
            (5, (2, 3), vec![0, 3, 1, 4, 2, 5]),
            (6, (2, 3), vec![3, 0, 4, 1, 5, 2]),
            (7, (2, 3), vec![5, 2, 4, 1, 3, 0]),
            (8, (2, 3), vec![2, 5, 1, 4, 0, 3]),
        ];
        for (value, (w, h), expected) in cases {
            let orientation = Orientation::from_exif(value).unwrap();
            assert_eq!(orientation.exif_value(), value);
            let upright = apply(numbered(), orientation);
            assert_eq!(
                (upright.width, upright.height),
                (w, h),
                "orientation {value}"
            );
            assert_eq!(reds(&upright), expected, "orientation {value}");
        }
    }
}

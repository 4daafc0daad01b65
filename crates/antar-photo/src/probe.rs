//! Reading what a file is without decoding it: the format from its magic bytes and, for a
//! JPEG, its dimensions, coding, EXIF orientation and which metadata segments it carries.
//!
//! This runs before any pixel buffer is allocated, so a decompression bomb (a small file
//! that claims 60000×60000 pixels) is refused for the price of reading a few headers.

use crate::error::PhotoError;
use crate::exif;
use crate::orient::Orientation;

/// A file format recognised by its first bytes. Only [`ImageFormat::Jpeg`] is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Gif,
    WebP,
    Heic,
    Avif,
    Bmp,
    Tiff,
    Unknown,
}

impl ImageFormat {
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Gif => "GIF",
            Self::WebP => "WebP",
            Self::Heic => "HEIC",
            Self::Avif => "AVIF",
            Self::Bmp => "BMP",
            Self::Tiff => "TIFF/RAW",
            Self::Unknown => "tidak dikenal",
        }
    }
}

/// How the JPEG's pixels are coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// SOF0/SOF1: what every phone camera writes.
    Baseline,
    /// SOF2: decodable, but the decoder keeps all coefficients in memory.
    Progressive,
}

/// Which metadata segments a JPEG carries. A proof carries none of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Metadata {
    /// APP1 `Exif`: camera make, model, serial, owner, GPS, time.
    pub exif: bool,
    /// APP1 XMP packet: editing history, often the same personal data as EXIF.
    pub xmp: bool,
    /// APP2 ICC colour profile.
    pub icc: bool,
    /// COM segments: free text.
    pub comment: bool,
    /// Any other APPn segment except the JFIF APP0 header (maker notes, Photoshop IRB, …).
    pub other: bool,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// What [`probe`] learns from a JPEG's headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// As stored, before the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
    pub coding: Coding,
    /// 1 (grey), 3 (YCbCr) or 4 (CMYK/YCCK).
    pub components: u8,
    pub metadata: Metadata,
}

impl ImageInfo {
    /// Width and height once the orientation is applied (swapped for 5–8).
    pub fn upright_size(&self) -> (u32, u32) {
        if self.orientation.swaps_axes() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// The format of a file, from its magic bytes.
pub fn sniff(input: &[u8]) -> ImageFormat {
    let starts = |magic: &[u8]| input.starts_with(magic);
    if starts(&[0xFF, 0xD8]) {
        // SOI alone: a file cut right after it is a truncated JPEG, not an unknown format.
        ImageFormat::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        ImageFormat::Gif
    } else if starts(b"RIFF") && input.get(8..12) == Some(b"WEBP") {
        ImageFormat::WebP
    } else if starts(b"BM") {
        ImageFormat::Bmp
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        ImageFormat::Tiff
    } else if input.get(4..8) == Some(b"ftyp") {
        // ISO base media file: the major brand says which; HEIF stills from phones use
        // `heic`/`heix`/`mif1`, AVIF uses `avif`/`avis`.
        match input.get(8..12) {
            Some(b"avif" | b"avis") => ImageFormat::Avif,
            Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1") => {
                ImageFormat::Heic
            }
            _ => ImageFormat::Unknown,
        }
    } else {
        ImageFormat::Unknown
    }
}

/// Refuses anything but a JPEG with a clear error, and reads a JPEG's headers.
pub fn probe(input: &[u8]) -> Result<ImageInfo, PhotoError> {
    if input.is_empty() {
        return Err(PhotoError::Empty);
    }
    match sniff(input) {
        ImageFormat::Jpeg => read_headers(input).map(|(info, _)| info),
        ImageFormat::Heic => Err(PhotoError::Heic),
        ImageFormat::Unknown => Err(PhotoError::UnknownFormat),
        other => Err(PhotoError::NotJpeg(other)),
    }
}

/// Walks the JPEG's marker segments up to the first scan; returns the headers and the offset
/// where the first scan's data begins.
pub(crate) fn read_headers(input: &[u8]) -> Result<(ImageInfo, usize), PhotoError> {
    let truncated = || PhotoError::corrupt("header ends early");
    let mut pos = 2; // after SOI
    let mut frame: Option<(u32, u32, u8, Coding)> = None;
    let mut metadata = Metadata::default();
    let mut orientation = Orientation::Normal;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        if *input.get(pos).ok_or_else(truncated)? != 0xFF {
            return Err(PhotoError::corrupt("expected a marker"));
        }
        while input.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *input.get(pos).ok_or_else(truncated)?;
        pos += 1;
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue; // standalone markers carry no length
        }
        if marker == 0xD9 {
            return Err(PhotoError::corrupt("end of image before any scan"));
        }
        let len_bytes = input.get(pos..pos + 2).ok_or_else(truncated)?;
        let len = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
        if len < 2 {
            return Err(PhotoError::corrupt("segment length below 2"));
        }
        let body = input.get(pos + 2..pos + len).ok_or_else(truncated)?;
        pos += len;
        match marker {
            0xC0..=0xC2 => {
                frame = Some(read_frame(body, marker)?);
            }
            // Lossless, hierarchical and arithmetic-coded JPEGs: no phone writes them and the
            // decoder does not read them all, so they are refused rather than half-supported.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(PhotoError::UnsupportedColor("JPEG lossless/aritmetika"));
            }
            0xDA => {
                let (width, height, components, coding) =
                    frame.ok_or_else(|| PhotoError::corrupt("scan before frame header"))?;
                let info = ImageInfo {
                    width,
                    height,
                    orientation,
                    coding,
                    components,
                    metadata,
                };
                return Ok((info, pos));
            }
            0xE0 if body.starts_with(b"JFIF\0") => {}
            0xE1 if body.starts_with(b"Exif\0") => {
                metadata.exif = true;
                if let Some(found) = exif::orientation(&body[6.min(body.len())..]) {
                    orientation = found;
                }
            }
            0xE1 if body.starts_with(b"http://ns.adobe.com/xap/1.0/") => metadata.xmp = true,
            0xE2 if body.starts_with(b"ICC_PROFILE\0") => metadata.icc = true,
            0xE0..=0xEF => metadata.other = true,
            0xFE => metadata.comment = true,
            _ => {} // tables (DQT, DHT, DRI, …) are the decoder's business
        }
    }
}

fn read_frame(body: &[u8], marker: u8) -> Result<(u32, u32, u8, Coding), PhotoError> {
    let [precision, h1, h0, w1, w0, components, ..] = *body else {
        return Err(PhotoError::corrupt("short frame header"));
    };
    if precision != 8 {
        return Err(PhotoError::UnsupportedColor("lebih dari 8 bit"));
    }
    let height = u32::from(u16::from_be_bytes([h1, h0]));
    let width = u32::from(u16::from_be_bytes([w1, w0]));
    if width == 0 || height == 0 {
        // Height 0 means "given later in a DNL marker": legal, never used, not supported.
        return Err(PhotoError::corrupt("zero dimension"));
    }
    match components {
        1 | 3 => {}
        4 => return Err(PhotoError::UnsupportedColor("CMYK")),
        _ => return Err(PhotoError::corrupt("component count")),
    }
    let coding = if marker == 0xC2 {
        Coding::Progressive
    } else {
        Coding::Baseline
    };
    Ok((width, height, components, coding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_common_formats() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), ImageFormat::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), ImageFormat::Png);
        assert_eq!(sniff(b"GIF89a..."), ImageFormat::Gif);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), ImageFormat::WebP);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), ImageFormat::Heic);
        assert_eq!(sniff(b"\0\0\0\x1cftypmif1\0\0\0\0"), ImageFormat::Heic);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0"), ImageFormat::Avif);
        assert_eq!(sniff(b"\0\0\0\x1cftypisom\0\0\0\0"), ImageFormat::Unknown);
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), ImageFormat::Tiff);
        assert_eq!(sniff(b"BM6\0"), ImageFormat::Bmp);
        assert_eq!(sniff(b"hello"), ImageFormat::Unknown);
        assert_eq!(sniff(&[0xFF, 0xD8]), ImageFormat::Jpeg);
        assert_eq!(sniff(&[0xFF]), ImageFormat::Unknown);
    }

    #[test]
    fn probe_refuses_non_jpeg_with_the_right_error() {
        assert_eq!(probe(b""), Err(PhotoError::Empty));
        assert_eq!(probe(b"\0\0\0\x18ftypheic\0\0\0\0"), Err(PhotoError::Heic));
        assert_eq!(
            probe(b"\x89PNG\r\n\x1a\n...."),
            Err(PhotoError::NotJpeg(ImageFormat::Png))
        );
        assert_eq!(probe(b"plain text"), Err(PhotoError::UnknownFormat));
    }

    /// SOI, a frame header claiming `w`×`h`, then SOS: no pixel data at all.
    fn header_only(w: u16, h: u16, marker: u8) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, marker, 0, 17, 8];
        bytes.extend_from_slice(&h.to_be_bytes());
        bytes.extend_from_slice(&w.to_be_bytes());
        bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes.extend_from_slice(&[0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
        bytes
    }

    #[test]
    fn reads_dimensions_from_the_frame_header_alone() {
        let info = probe(&header_only(65000, 60000, 0xC0)).unwrap();
        assert_eq!((info.width, info.height), (65000, 60000));
        assert_eq!(info.coding, Coding::Baseline);
        assert!(info.metadata.is_empty());
        let info = probe(&header_only(10, 20, 0xC2)).unwrap();
        assert_eq!(info.coding, Coding::Progressive);
    }

    #[test]
    fn refuses_truncated_or_odd_headers() {
        let bytes = header_only(100, 100, 0xC0);
        for cut in 2..bytes.len() - 14 {
            assert!(
                matches!(probe(&bytes[..cut]), Err(PhotoError::Corrupt { .. })),
                "cut at {cut}"
            );
        }
        assert!(matches!(
            probe(&header_only(0, 100, 0xC0)),
            Err(PhotoError::Corrupt { .. })
        ));
        assert!(matches!(
            probe(&header_only(100, 100, 0xC3)),
            Err(PhotoError::UnsupportedColor(_))
        ));
    }
}

//! The proof photo: a camera JPEG made upright, 1280 px on its long side, stamped with the
//! time (WIB), the GPS fix, the desa, the BA number and the item, stripped of all metadata,
//! encoded under ~120 KB for a 2G/3G upload, and hashed.
//!
//! ```text
//! probe headers ─ refuse non-JPEG, bombs, tiny photos (before any allocation)
//!   → decode at 1/2, 1/4 or 1/8 scale (DCT scaling) ─ still ≥ the target size
//!   → resize exactly (Catmull-Rom) → apply the EXIF orientation
//!   → thumbnail (from the unstamped picture) → stamp band → JPEG, quality stepped down to
//!     fit the byte budget → SHA-256
//! ```
//!
//! Only JPEG is accepted: it is what every phone camera writes. HEIC (some phones' default)
//! is refused with the setting to change; PNG, WebP, GIF and others are refused too, since
//! a proof that is not a camera JPEG is a screenshot or an edit, not a photo of the door.

mod decode;
mod encode;
mod error;
mod exif;
mod orient;
mod probe;
mod raster;
mod render;
mod stamp;

use antar_domain::ids::Sha256Hash;

pub use error::PhotoError;
pub use orient::Orientation;
pub use probe::{Coding, ImageFormat, ImageInfo, Metadata, probe, sniff};
pub use stamp::Stamp;

/// How the proof is made. [`ProofOptions::default`] is what the courier app uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOptions {
    /// Long side of the proof in pixels (never upscaled: a smaller photo keeps its size).
    pub long_side: u32,
    /// Long side of the thumbnail for lists.
    pub thumb_long_side: u32,
    /// Byte budget of the proof JPEG.
    pub max_bytes: usize,
    /// JPEG quality tried first; lowered (predicted from the first size) until the proof
    /// fits `max_bytes`, but never below `min_quality`.
    pub quality: u8,
    pub min_quality: u8,
    pub thumb_quality: u8,
    /// Photos whose long side is shorter are refused: too small to prove anything.
    pub min_long_side: u32,
    /// Decompression-bomb limits, checked on the header before decoding.
    pub max_pixels: u64,
    pub max_side: u32,
}

impl Default for ProofOptions {
    fn default() -> Self {
        Self {
            long_side: 1280,
            thumb_long_side: 256,
            max_bytes: 120_000,
            // Measured at 1280 px: 80 fits the smooth sample photos (~100 KB); dense
            // foliage needs ~35. Below 30 blocks show. See the crate's README.
            quality: 80,
            min_quality: 30,
            thumb_quality: 70,
            min_long_side: 640,
            max_pixels: 50_000_000,
            max_side: 12_000,
        }
    }
}

impl ProofOptions {
    fn validate(&self) -> Result<(), PhotoError> {
        let fail = |why| Err(PhotoError::InvalidOptions(why));
        if !(64..=8192).contains(&self.long_side) {
            return fail("sisi panjang harus 64–8192 piksel");
        }
        if !(16..=self.long_side).contains(&self.thumb_long_side) {
            return fail("sisi panjang gambar kecil harus 16 piksel sampai sisi panjang foto");
        }
        let quality_ok = |q: &u8| (1..=100).contains(q);
        if !quality_ok(&self.quality) || !(1..=self.quality).contains(&self.min_quality) {
            return fail("kualitas JPEG harus 1–100, paling rendah tidak melebihi awal");
        }
        if !quality_ok(&self.thumb_quality) {
            return fail("kualitas JPEG gambar kecil harus 1–100");
        }
        Ok(())
    }
}

/// A finished proof photo and its thumbnail.
#[derive(Clone, PartialEq, Eq)]
pub struct Proof {
    /// The JPEG bytes: upright, stamped, without metadata.
    pub jpeg: Vec<u8>,
    /// SHA-256 of `jpeg`: the name the photo travels under.
    pub sha256: Sha256Hash,
    pub width: u32,
    pub height: u32,
    /// The JPEG quality that fit the byte budget.
    pub quality: u8,
    /// A small unstamped JPEG for lists.
    pub thumbnail: Vec<u8>,
    pub thumbnail_width: u32,
    pub thumbnail_height: u32,
}

impl std::fmt::Debug for Proof {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Proof")
            .field("bytes", &self.jpeg.len())
            .field("sha256", &self.sha256)
            .field("size", &(self.width, self.height))
            .field("quality", &self.quality)
            .field("thumbnail_bytes", &self.thumbnail.len())
            .finish()
    }
}

/// Turns a camera JPEG into the proof photo. Never panics; memory is bounded by the header
/// checks (the decoded picture is at most ~4× the proof's pixels, plus the decoder's
/// coefficient buffers for a progressive JPEG).
pub fn make_proof(
    input: &[u8],
    stamp: &Stamp,
    options: &ProofOptions,
) -> Result<Proof, PhotoError> {
    options.validate()?;
    let lines = stamp.lines()?;
    let (info, scan_start) = headers(input)?;
    check_dimensions(&info, options)?;
    require_end_of_image(input, scan_start)?;

    let (width, height) = raster::fit_long_side(info.width, info.height, options.long_side);
    let decoded = decode::decode_at_least(input, &info, width, height)?;
    let resized = raster::resize(decoded, width, height)?;
    let mut picture = orient::apply(resized, info.orientation);

    let (thumb_w, thumb_h) =
        raster::fit_long_side(picture.width, picture.height, options.thumb_long_side);
    let thumb = raster::resize_ref(&picture, thumb_w, thumb_h)?;
    let thumbnail = encode::encode(&thumb, options.thumb_quality)?;

    render::stamp(&mut picture, &lines)?;
    let (jpeg, quality) = encode::encode_within(
        &picture,
        options.quality,
        options.min_quality,
        options.max_bytes,
    )?;
    Ok(Proof {
        sha256: Sha256Hash::of(&jpeg),
        jpeg,
        width: picture.width,
        height: picture.height,
        quality,
        thumbnail,
        thumbnail_width: thumb_w,
        thumbnail_height: thumb_h,
    })
}

/// A small upright JPEG of a camera photo (its long side `long_side` pixels), for the courier
/// to see what was taken before saving; the same checks as [`make_proof`], no stamp. A 12 MP
/// photo is decoded at 1/8 of its size straight from the DCT, so this stays quick on a phone.
pub fn preview(
    input: &[u8],
    long_side: u32,
    options: &ProofOptions,
) -> Result<(Vec<u8>, u32, u32), PhotoError> {
    let (info, scan_start) = headers(input)?;
    check_dimensions(&info, options)?;
    require_end_of_image(input, scan_start)?;
    let (width, height) = raster::fit_long_side(info.width, info.height, long_side);
    let decoded = decode::decode_at_least(input, &info, width, height)?;
    let resized = raster::resize(decoded, width, height)?;
    let picture = orient::apply(resized, info.orientation);
    let jpeg = encode::encode(&picture, 70)?;
    Ok((jpeg, picture.width, picture.height))
}

/// What the office checks on an uploaded proof: a complete, decodable JPEG with no metadata
/// segment, upright (no orientation to apply) and no larger than `options.long_side`.
pub fn verify_proof(input: &[u8], options: &ProofOptions) -> Result<ImageInfo, PhotoError> {
    let (info, scan_start) = headers(input)?;
    if !info.metadata.is_empty() {
        return Err(PhotoError::NotAProof(
            "masih memuat metadata (EXIF/XMP/ICC/komentar)",
        ));
    }
    if info.width.max(info.height) > options.long_side {
        return Err(PhotoError::NotAProof("lebih besar dari ukuran foto bukti"));
    }
    require_end_of_image(input, scan_start)?;
    // Decoding at 1/8 still reads every coefficient, so corrupt data is found, cheaply.
    decode::decode_at_least(input, &info, 1, 1)?;
    Ok(info)
}

/// [`probe`], plus where the first scan starts.
fn headers(input: &[u8]) -> Result<(ImageInfo, usize), PhotoError> {
    probe(input)?;
    probe::read_headers(input)
}

fn check_dimensions(info: &ImageInfo, options: &ProofOptions) -> Result<(), PhotoError> {
    let (width, height) = (info.width, info.height);
    if u64::from(width) * u64::from(height) > options.max_pixels
        || width.max(height) > options.max_side
    {
        return Err(PhotoError::TooLarge {
            width,
            height,
            max_megapixels: u32::try_from(options.max_pixels / 1_000_000).unwrap_or(u32::MAX),
            max_side: options.max_side,
        });
    }
    if width.max(height) < options.min_long_side {
        return Err(PhotoError::TooSmall {
            width,
            height,
            min_long_side: options.min_long_side,
        });
    }
    Ok(())
}

/// A file cut short (an interrupted copy, a full disk) lacks the end-of-image marker; the
/// decoder would quietly paint the missing rows grey. Inside scan data 0xFF is always
/// followed by 0x00 or a restart marker, so 0xFF 0xD9 after the first scan is the real end.
/// Searched from the end, where it is in a whole file.
fn require_end_of_image(input: &[u8], scan_start: usize) -> Result<(), PhotoError> {
    let scans = input.get(scan_start..).unwrap_or_default();
    if scans.windows(2).rev().any(|pair| pair == [0xFF, 0xD9]) {
        Ok(())
    } else {
        Err(PhotoError::corrupt("no end-of-image marker"))
    }
}

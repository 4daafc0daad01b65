//! Drawing the stamp: a dark semi-opaque band across the bottom of the photo with the lines
//! in white, bold DejaVu Sans. Over a white wall the band is still dark grey (white text
//! has ~6:1 contrast on it); over a dark scene it is near black. The photo shows through
//! faintly, so the band hides little of the scene.

use std::collections::HashMap;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, PxScaleFont, ScaleFont, point};

use crate::error::PhotoError;
use crate::raster::Rgb;

/// DejaVu Sans Bold: see `assets/PROVENANCE.md`. Parsed on each call (ttf-parser reads
/// tables lazily, microseconds); glyphs are rasterised once per call and reused.
static FONT: &[u8] = include_bytes!("../assets/DejaVuSans-Bold.ttf");

/// One line of text per 2.4% of the long side: 31 px lines at 1280, text about 17 px tall
/// in capitals, which reads on a phone screen at arm's length.
const LINE_PER_LONG_SIDE: f32 = 0.024;
const MIN_LINE_PX: u32 = 12;
/// Font size (ascent to descent) as a share of the line height; the rest is leading.
const FONT_PER_LINE: f32 = 0.92;
/// What stays of the photo under the band, out of 256 (≈ 68% black overlay).
const BAND_KEEP: u16 = 82;
const ELLIPSIS: char = '…';

type Scaled<'f> = PxScaleFont<FontRef<'f>>;

/// A glyph's coverage, rasterised once at the stamp's size.
struct Bitmap {
    /// Offset of the bitmap's top-left from the pen position on the baseline.
    left: i32,
    top: i32,
    width: usize,
    coverage: Vec<u8>,
}

/// The height of one text line for an image of this size.
pub(crate) fn line_height(width: u32, height: u32) -> u32 {
    ((width.max(height) as f32 * LINE_PER_LONG_SIDE).round() as u32).max(MIN_LINE_PX)
}

/// Darkens the bottom band of `image` and writes `lines` into it.
pub(crate) fn stamp(image: &mut Rgb, lines: &[String]) -> Result<(), PhotoError> {
    let font = FontRef::try_from_slice(FONT).map_err(PhotoError::internal)?;
    let line_h = line_height(image.width, image.height);
    let font = font.into_scaled(PxScale::from(line_h as f32 * FONT_PER_LINE));
    let pad_y = line_h * 2 / 5;
    let margin_x = (line_h / 2) as i32;
    let band_h = (lines.len() as u32 * line_h + 2 * pad_y).min(image.height);
    let band_top = image.height - band_h;
    darken_rows(image, band_top);

    let text_h = font.ascent() - font.descent();
    let baseline_in_line = ((line_h as f32 - text_h) / 2.0 + font.ascent()).round() as i32;
    let available = image.width as f32 - 2.0 * margin_x as f32;
    let mut cache = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let glyphs = fit(&font, line, available);
        let baseline = (band_top + pad_y + i as u32 * line_h) as i32 + baseline_in_line;
        let mut pen = margin_x as f32;
        let mut previous: Option<GlyphId> = None;
        for id in glyphs {
            if let Some(prev) = previous {
                pen += font.kern(prev, id);
            }
            let bitmap = cache.entry(id).or_insert_with(|| rasterise(&font, id));
            if let Some(bitmap) = bitmap {
                blit_white(image, bitmap, pen.round() as i32, baseline);
            }
            pen += font.h_advance(id);
            previous = Some(id);
        }
    }
    Ok(())
}

/// The line's glyphs, cut with an ellipsis if wider than `available` pixels (a very long
/// desa name on a portrait photo): the full text travels in the event anyway.
fn fit(font: &Scaled<'_>, line: &str, available: f32) -> Vec<GlyphId> {
    let glyph = |c: char| {
        let id = font.glyph_id(c);
        // A character the font lacks (an emoji) prints as '?' rather than an empty box.
        if id.0 == 0 { font.glyph_id('?') } else { id }
    };
    let width = |ids: &[GlyphId]| line_width(font, ids);
    let mut ids: Vec<GlyphId> = line.chars().map(glyph).collect();
    if width(&ids) <= available {
        return ids;
    }
    let ellipsis = glyph(ELLIPSIS);
    while !ids.is_empty() {
        ids.pop();
        ids.push(ellipsis);
        if width(&ids) <= available {
            return ids;
        }
        ids.pop();
    }
    ids
}

/// Advance widths plus kerning: how far the pen moves over `ids`.
fn line_width(font: &Scaled<'_>, ids: &[GlyphId]) -> f32 {
    let kerning: f32 = ids.windows(2).map(|w| font.kern(w[0], w[1])).sum();
    ids.iter().map(|&id| font.h_advance(id)).sum::<f32>() + kerning
}

fn rasterise(font: &Scaled<'_>, id: GlyphId) -> Option<Bitmap> {
    let glyph = id.with_scale_and_position(font.scale(), point(0.0, 0.0));
    let outline = font.outline_glyph(glyph)?;
    let bounds = outline.px_bounds();
    let width = bounds.width() as usize;
    let height = bounds.height() as usize;
    let mut coverage = vec![0u8; width * height];
    outline.draw(|x, y, c| {
        if let Some(cell) = coverage.get_mut(y as usize * width + x as usize) {
            *cell = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    });
    Some(Bitmap {
        left: bounds.min.x as i32,
        top: bounds.min.y as i32,
        width,
        coverage,
    })
}

fn darken_rows(image: &mut Rgb, from_row: u32) {
    let start = from_row as usize * image.width as usize * 3;
    for value in &mut image.pixels[start..] {
        *value = ((u16::from(*value) * BAND_KEEP) >> 8) as u8;
    }
}

/// Blends white into the image with the glyph's coverage as alpha, clipped to the image.
fn blit_white(image: &mut Rgb, bitmap: &Bitmap, pen_x: i32, baseline: i32) {
    let (img_w, img_h) = (image.width as i32, image.height as i32);
    for (row, cells) in bitmap.coverage.chunks(bitmap.width.max(1)).enumerate() {
        let y = baseline + bitmap.top + row as i32;
        if !(0..img_h).contains(&y) {
            continue;
        }
        for (col, &cov) in cells.iter().enumerate() {
            let x = pen_x + bitmap.left + col as i32;
            if cov == 0 || !(0..img_w).contains(&x) {
                continue;
            }
            let at = (y as usize * image.width as usize + x as usize) * 3;
            for value in &mut image.pixels[at..at + 3] {
                let v = u16::from(*value);
                *value = (v + ((255 - v) * u16::from(cov) + 127) / 255) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grey(width: u32, height: u32, value: u8) -> Rgb {
        Rgb {
            width,
            height,
            pixels: vec![value; (width * height * 3) as usize],
        }
    }

    #[test]
    fn line_height_scales_with_the_long_side() {
        assert_eq!(line_height(1280, 800), 31);
        assert_eq!(line_height(960, 1280), 31);
        assert_eq!(line_height(300, 200), MIN_LINE_PX);
    }

    #[test]
    fn band_is_dark_with_white_text_and_the_top_is_untouched() {
        let mut image = grey(1280, 800, 240);
        let lines = vec![
            "13-03-2025 03:05:09 WIB".to_owned(),
            "Pekon Gisting".to_owned(),
        ];
        stamp(&mut image, &lines).unwrap();
        let row = |y: u32| &image.pixels[(y * 1280 * 3) as usize..((y + 1) * 1280 * 3) as usize];
        assert!(row(0).iter().all(|&v| v == 240), "above the band");
        let band_top = 800 - (2 * 31 + 2 * 12);
        let band: Vec<u8> = (band_top..800).flat_map(|y| row(y).to_vec()).collect();
        let dark = band.iter().filter(|&&v| v < 90).count();
        let white = band.iter().filter(|&&v| v > 230).count();
        assert!(
            dark > band.len() * 3 / 4,
            "mostly dark: {dark} of {}",
            band.len()
        );
        assert!(white > 1000, "text is drawn: {white} white values");
    }

    #[test]
    fn long_lines_are_cut_with_an_ellipsis_inside_the_image() {
        let font = FontRef::try_from_slice(FONT)
            .unwrap()
            .into_scaled(PxScale::from(28.0));
        let long = "Pekon ".repeat(60);
        let ids = fit(&font, &long, 500.0);
        assert_eq!(ids.last(), Some(&font.glyph_id(ELLIPSIS)));
        let width = line_width(&font, &ids);
        assert!(width <= 500.0, "{width}");
        assert_eq!(fit(&font, "Gisting", 500.0).len(), 7);
        // Drawing never writes outside a tiny image.
        let mut tiny = grey(20, 10, 100);
        stamp(&mut tiny, &[long]).unwrap();
    }
}

//! The one EXIF value we read, the Orientation tag (0x0112) in IFD0, from the TIFF structure
//! inside an APP1 `Exif` segment. Everything else in EXIF is thrown away with the segment.
//!
//! A hand-written reader of a dozen lines instead of an EXIF crate: we need one tag, and a
//! malformed or hostile EXIF must never fail the proof (it falls back to "upright").

use crate::orient::Orientation;

const ORIENTATION_TAG: u16 = 0x0112;
const TYPE_SHORT: u16 = 3;

/// The orientation in a TIFF structure (the APP1 payload after `Exif\0\0`), or `None` if
/// it is absent, malformed or out of range.
pub(crate) fn orientation(tiff: &[u8]) -> Option<Orientation> {
    let big_endian = match tiff.get(0..4)? {
        b"MM\0*" => true,
        b"II*\0" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = tiff.get(at..at.checked_add(2)?)?;
        Some(if big_endian {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = tiff.get(at..at.checked_add(4)?)?;
        Some(if big_endian {
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        } else {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    };
    let ifd0 = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd0)?);
    (0..entries).find_map(|i| {
        let entry = ifd0.checked_add(2 + 12 * i)?;
        if u16_at(entry)? != ORIENTATION_TAG || u16_at(entry + 2)? != TYPE_SHORT {
            return None;
        }
        Orientation::from_exif(u16_at(entry + 8)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiff(big_endian: bool, value: u16) -> Vec<u8> {
        let u16b = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut out = if big_endian {
            b"MM\0*".to_vec()
        } else {
            b"II*\0".to_vec()
        };
        out.extend(u32b(8));
        out.extend(u16b(2));
        // An unrelated tag first (Make, ASCII), then Orientation.
        out.extend(u16b(0x010F));
        out.extend(u16b(2));
        out.extend(u32b(4));
        out.extend(b"Oly\0");
        out.extend(u16b(ORIENTATION_TAG));
        out.extend(u16b(TYPE_SHORT));
        out.extend(u32b(1));
        out.extend(u16b(value));
        out.extend([0, 0]);
        out.extend(u32b(0));
        out
    }

    #[test]
    fn reads_orientation_in_both_byte_orders() {
        for value in 1..=8 {
            let expected = Orientation::from_exif(value);
            assert!(expected.is_some());
            assert_eq!(orientation(&tiff(true, value)), expected);
            assert_eq!(orientation(&tiff(false, value)), expected);
        }
    }

    #[test]
    fn ignores_garbage() {
        assert_eq!(orientation(&tiff(false, 0)), None);
        assert_eq!(orientation(&tiff(false, 9)), None);
        assert_eq!(orientation(b""), None);
        assert_eq!(orientation(b"II*\0\xff\xff\xff\xff"), None);
        let full = tiff(true, 6);
        for cut in 0..full.len() - 8 {
            // Cut before the value ends: never a panic, at most "not found".
            let _ = orientation(&full[..cut]);
        }
    }
}

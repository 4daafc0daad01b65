//! The characters of an import file: CSV bytes decoded as UTF-8, or else as Windows-1252 (what
//! Excel's plain "CSV" writes on Windows), and rows refused when they hold U+FFFD, the mark
//! some earlier tool left where it could not read a letter.

use std::borrow::Cow;

use antar_domain::document::SIAK_COLUMNS;
use antar_domain::visit::TARGET_COLUMNS;

/// `bytes` as text, without a UTF-8 byte-order mark. One file has one encoding: UTF-8 when
/// every byte of it is, otherwise Windows-1252, which gives every byte a character, so no
/// letter of the file is lost or replaced.
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Why a row is refused if one of its known fields (SIAK's or a target list's) holds U+FFFD: the letter it stands for is
/// lost, and a name stored with it would be printed and shown to the courier as it is.
pub(super) fn replaced_letter(headers: &[&str], record: &[String]) -> Option<String> {
    let column = (headers.iter().zip(record))
        .filter(|(_, field)| field.contains('\u{FFFD}'))
        .find_map(|(header, _)| {
            let header = header.trim_start_matches('\u{feff}').trim();
            (SIAK_COLUMNS.iter().chain(TARGET_COLUMNS))
                .find(|column| header.eq_ignore_ascii_case(column))
        })?;
    Some(format!(
        "kolom {column}: berisi karakter rusak '\u{FFFD}' di tempat huruf yang hilang saat \
         berkas disimpan dengan pengodean lain; perbaiki hurufnya, atau ekspor ulang dari SIAK \
         dan simpan sebagai CSV UTF-8"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_letters_are_decoded_and_utf8_kept() {
        assert_eq!(decode(b"JOS\xC9;MAR\xCDA;\x80"), "JOSÉ;MARÍA;€");
        assert_eq!(decode("\u{feff}JOSÉ".as_bytes()), "JOSÉ");
        // Every byte has a character: nothing decodes to U+FFFD.
        let every: Vec<u8> = (0..=255).collect();
        assert!(!decode(&every).contains('\u{FFFD}'));
    }

    #[test]
    fn a_replacement_character_refuses_only_siak_columns() {
        let headers = ["NIK", "nama_lgkp", "CATATAN"];
        let row = |name: &str, note: &str| vec!["1".to_owned(), name.to_owned(), note.to_owned()];
        let reason = replaced_letter(&headers, &row("JOS\u{FFFD}", "")).unwrap();
        assert!(
            reason.starts_with("kolom NAMA_LGKP: berisi karakter rusak"),
            "{reason}"
        );
        assert_eq!(replaced_letter(&headers, &row("JOSÉ", "")), None);
        // A column the import does not store may hold anything.
        assert_eq!(replaced_letter(&headers, &row("JOSÉ", "\u{FFFD}")), None);
        let reason = replaced_letter(&headers, &["\u{FFFD}".into(), "\u{FFFD}".into()]).unwrap();
        assert!(reason.starts_with("kolom NIK: "), "{reason}");
    }
}

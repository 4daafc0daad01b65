//! One row of an imported spreadsheet read by column name, and the checks every import shares:
//! headers present, no control characters, dd-mm-yyyy dates, the KTP address against the
//! region registry, and the NIK's sex and birth date against the row's own columns.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use crate::address::{AddressError, KtpAddress};
use crate::nik::{Nik, Sex};
use crate::region::{RegionCode, RegionError, Registry};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("kolom wajib tidak ada: {}", .missing.join(", "))]
pub struct HeaderError {
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("kolom {column}: {reason}")]
pub struct RowError {
    pub column: &'static str,
    pub reason: String,
}

impl RowError {
    pub(crate) fn new(column: &'static str, reason: impl fmt::Display) -> RowError {
        RowError {
            column,
            reason: reason.to_string(),
        }
    }
}

pub(crate) fn header_matches(header: &str, column: &str) -> bool {
    // Excel's "CSV UTF-8" puts a byte-order mark before the first header.
    header
        .trim_start_matches('\u{feff}')
        .trim()
        .eq_ignore_ascii_case(column)
}

/// Lists every missing required column at once, so the operator fixes the file in one go.
pub(crate) fn check_columns(
    columns: &[&'static str],
    optional: &[&str],
    headers: &[&str],
) -> Result<(), HeaderError> {
    let missing: Vec<&'static str> = columns
        .iter()
        .filter(|column| !optional.contains(column))
        .filter(|column| !headers.iter().any(|h| header_matches(h, column)))
        .copied()
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(HeaderError { missing })
    }
}

/// A data row with its header, read by column name.
pub(crate) struct Row<'a> {
    pub(crate) headers: &'a [&'a str],
    pub(crate) record: &'a [&'a str],
}

impl<'a> Row<'a> {
    /// The trimmed text of `column`; refused when the header lacks it or the text holds a
    /// control character (it would later act on a terminal or a printout).
    pub(crate) fn field(&self, column: &'static str) -> Result<&'a str, RowError> {
        let index = self
            .headers
            .iter()
            .position(|h| header_matches(h, column))
            .ok_or_else(|| RowError::new(column, "kolom tidak ada di header"))?;
        let value = self.record.get(index).map_or("", |value| value.trim());
        if let Some(found) = crate::attempt::unprintable(value) {
            return Err(RowError::new(
                column,
                format!(
                    "berisi karakter kontrol {} yang tidak boleh ada; periksa dan simpan ulang \
                     berkas",
                    crate::attempt::char_code(found)
                ),
            ));
        }
        Ok(value)
    }

    /// The text of a column a file may leave out: empty when the header lacks it.
    pub(crate) fn optional(&self, column: &'static str) -> Result<&'a str, RowError> {
        if self.headers.iter().any(|h| header_matches(h, column)) {
            self.field(column)
        } else {
            Ok("")
        }
    }

    /// `column` with its runs of spaces made one.
    pub(crate) fn text(&self, column: &'static str) -> Result<String, RowError> {
        Ok(collapse_spaces(self.field(column)?))
    }

    pub(crate) fn date(&self, column: &'static str) -> Result<NaiveDate, RowError> {
        let raw = self.field(column)?;
        parse_date(raw).ok_or_else(|| {
            RowError::new(
                column,
                format!("tanggal tidak valid: '{raw}' (format dd-mm-yyyy)"),
            )
        })
    }

    /// The KTP address from ALAMAT, NO_RT, NO_RW, the four code columns and the names.
    pub(crate) fn address(&self, registry: &Registry) -> Result<KtpAddress, RowError> {
        let parts = [("NO_PROP", 2), ("NO_KAB", 2), ("NO_KEC", 2), ("NO_KEL", 4)];
        let mut values = [""; 4];
        for (value, (column, max_len)) in values.iter_mut().zip(parts) {
            *value = self.field(column)?;
            let ok =
                (1..=max_len).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
            if !ok || (column == "NO_KEL" && value.len() != 4) {
                return Err(RowError::new(
                    column,
                    format!("kode wilayah tidak valid: '{value}'"),
                ));
            }
        }
        let code = RegionCode::from_parts(values[0], values[1], values[2], values[3])
            .map_err(|e| RowError::new("NO_KEL", e))?;
        KtpAddress::resolve(
            registry,
            self.field("ALAMAT")?,
            self.field("NO_RT")?,
            self.field("NO_RW")?,
            Some(&code),
            self.field("NAMA_KEC")?,
            self.field("NAMA_KEL")?,
        )
        .map_err(|e| {
            let column = match &e {
                AddressError::EmptyAlamat => "ALAMAT",
                AddressError::Rt { .. } => "NO_RT",
                AddressError::Rw { .. } => "NO_RW",
                AddressError::Region(RegionError::Mismatch {
                    code: mismatched, ..
                }) if *mismatched != code => "NAMA_KEC",
                AddressError::Region(RegionError::Mismatch { .. }) => "NAMA_KEL",
                AddressError::Region(RegionError::NameNotFound {
                    level: "kecamatan", ..
                }) => "NAMA_KEC",
                AddressError::Region(RegionError::NameNotFound { .. }) => "NAMA_KEL",
                AddressError::NotDesa { .. } | AddressError::Region(_) => "NO_KEL",
            };
            RowError::new(column, e)
        })
    }
}

/// The NIK encodes sex and birth date; a disagreement means the wrong person's row or a typo.
pub(crate) fn check_nik_matches(
    nik: &Nik,
    sex: Sex,
    birth_date: NaiveDate,
) -> Result<(), RowError> {
    if nik.sex() != sex {
        return Err(RowError::new(
            "JENIS_KLMIN",
            format!(
                "{sex} tidak sesuai dengan NIK (NIK menunjukkan {})",
                nik.sex()
            ),
        ));
    }
    let nik_date = (nik.birth_day_month(), nik.birth_yy());
    if nik_date
        != (
            (birth_date.day(), birth_date.month()),
            birth_date.year().rem_euclid(100) as u32,
        )
    {
        return Err(RowError::new(
            "TGL_LHR",
            "tanggal lahir tidak sesuai dengan digit tanggal lahir pada NIK",
        ));
    }
    Ok(())
}

/// SIAK writes dd-mm-yyyy; spreadsheets sometimes turn the dashes into slashes.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().replace('/', "-");
    let parts: Vec<&str> = s.split('-').collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

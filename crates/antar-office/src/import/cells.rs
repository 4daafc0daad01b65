//! Turning spreadsheet cells back into the text a SIAK CSV would hold: Excel turns "001" into
//! the number 1, "0852…" into 852…, and dates into serial numbers; the domain parser expects
//! the text form, so the padding and formats are restored here per column. (A NIK or KK number
//! in a number cell has lost its last digit; `excel_numbers` refuses the file.)

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use chrono::NaiveDate;

/// Code columns and the width their numbers are zero-padded to.
const PADDED: &[(&str, usize)] = &[
    ("NO_PROP", 2),
    ("NO_KAB", 2),
    ("NO_KEC", 2),
    ("NO_KEL", 4),
    ("NO_RT", 3),
    ("NO_RW", 3),
];

/// Columns holding dates, written as SIAK writes them: dd-mm-yyyy.
const DATE_COLUMNS: &[&str] = &["TGL_LHR", "TGL_CETAK"];

/// Columns holding phone numbers, whose leading 0 a number cell loses.
const PHONE_COLUMNS: &[&str] = &["NO_HP", "TELP", "NO_TELP"];

/// Excel's largest valid date serial (9999-12-31).
const MAX_SERIAL: f64 = 2_958_465.0;

/// The text of `cell` in the column named `column` (case-insensitive).
pub(super) fn cell_text(cell: &Data, column: &str) -> String {
    let column = column.trim().to_ascii_uppercase();
    let is_date = DATE_COLUMNS.contains(&column.as_str());
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::Error(e) => format!("#{e}"),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) => iso_date(s).unwrap_or_else(|| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Int(i) if is_date => serial_date(*i as f64).unwrap_or_else(|| i.to_string()),
        Data::Float(f) if is_date => serial_date(*f).unwrap_or_else(|| number_text(*f)),
        Data::Int(i) => restore_number(&column, &i.to_string()),
        Data::Float(f) => restore_number(&column, &number_text(*f)),
    }
}

/// Whole numbers print without ".0", all their digits written out.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn restore_number(column: &str, digits: &str) -> String {
    if let Some((_, width)) = PADDED.iter().find(|(name, _)| *name == column) {
        return format!("{digits:0>width$}");
    }
    // Indonesian mobile numbers are written 08…; as a number cell they lose the 0.
    if PHONE_COLUMNS.contains(&column) && digits.starts_with('8') {
        return format!("0{digits}");
    }
    digits.to_owned()
}

fn excel_date(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return number_text(dt.as_f64());
    }
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    format!("{day:02}-{month:02}-{year:04}")
}

/// A number in a date column is a date serial whose cell lost its date format.
fn serial_date(serial: f64) -> Option<String> {
    (1.0..=MAX_SERIAL).contains(&serial).then(|| {
        excel_date(&ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    })
}

fn iso_date(s: &str) -> Option<String> {
    let date_part = s.get(..10)?;
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()?;
    Some(date.format("%d-%m-%Y").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_get_their_zeros_back() {
        assert_eq!(cell_text(&Data::Float(1.0), "NO_RT"), "001");
        assert_eq!(cell_text(&Data::Int(6), "no_kab"), "06");
        assert_eq!(cell_text(&Data::Float(2019.0), "NO_KEL"), "2019");
        assert_eq!(cell_text(&Data::String(" 001 ".into()), "NO_RT"), "001");
    }

    #[test]
    fn whole_and_phone_numbers_print_all_their_digits() {
        assert_eq!(
            cell_text(&Data::Float(1_806_014_607_487_861.0), "NIK"),
            "1806014607487861"
        );
        assert_eq!(
            cell_text(&Data::Int(85_295_721_875), "NO_HP"),
            "085295721875"
        );
        assert_eq!(cell_text(&Data::Float(1.5), "NIK"), "1.5");
    }

    #[test]
    fn dates_come_back_as_dd_mm_yyyy() {
        // 45979 is 2025-11-18 in Excel's 1900 date system.
        let dt = ExcelDateTime::new(45979.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(dt), "TGL_CETAK"), "18-11-2025");
        assert_eq!(cell_text(&Data::Float(45979.0), "TGL_CETAK"), "18-11-2025");
        assert_eq!(
            cell_text(&Data::DateTimeIso("1948-07-06T00:00:00".into()), "TGL_LHR"),
            "06-07-1948"
        );
        assert_eq!(
            cell_text(&Data::String("06-07-1948".into()), "TGL_LHR"),
            "06-07-1948"
        );
    }
}

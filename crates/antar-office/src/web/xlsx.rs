//! The staff web's Excel files: reports (a row per line of two names and its counts) and
//! lists to work from (a row per document, of text, dates and numbers), each one sheet with a
//! bold title, a line saying what it covers and bold column headings; every text written so
//! Excel never takes it for a formula; and the answer that downloads a workbook.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::error::OfficeError;

/// A report sheet's words and layout.
pub(crate) struct ReportSheet<'a> {
    pub(crate) sheet_name: &'a str,
    pub(crate) title: &'a str,
    /// What the report covers, e.g. the period or the month.
    pub(crate) label: &'a str,
    pub(crate) columns: &'a [String],
    /// The widths of the two name columns; `None` keeps Excel's.
    pub(crate) name_widths: [Option<f64>; 2],
}

/// One line of the report: its two names and its counts, in the columns' order.
pub(crate) struct ReportLine<'a> {
    pub(crate) names: [&'a str; 2],
    pub(crate) counts: Vec<u64>,
}

/// The workbook's bytes.
pub(crate) fn report_workbook<'a>(
    sheet: &ReportSheet<'_>,
    lines: impl IntoIterator<Item = ReportLine<'a>>,
) -> Result<Vec<u8>, OfficeError> {
    let fail = |e: rust_xlsxwriter::XlsxError| OfficeError::Server(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let out = book.add_worksheet();
    out.set_name(sheet.sheet_name).map_err(fail)?;
    let bold = Format::new().set_bold();
    out.write_with_format(0, 0, sheet.title, &bold)
        .map_err(fail)?;
    out.write(1, 0, sheet.label).map_err(fail)?;
    for (col, title) in sheet.columns.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        out.write_with_format(3, col, title, &bold).map_err(fail)?;
    }
    for (n, line) in lines.into_iter().enumerate() {
        let r = u32::try_from(n + 4).unwrap_or(u32::MAX);
        write_text(out, r, 0, line.names[0]).map_err(fail)?;
        write_text(out, r, 1, line.names[1]).map_err(fail)?;
        for (i, value) in line.counts.into_iter().enumerate() {
            let col = u16::try_from(i + 2).unwrap_or(u16::MAX);
            // Counts stay far below 2^53, so f64 holds them exactly.
            out.write(r, col, value as f64).map_err(fail)?;
        }
    }
    for (col, width) in sheet.name_widths.iter().enumerate() {
        if let Some(width) = width {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            out.set_column_width(col, *width).map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// One cell of a list.
pub(crate) enum Cell {
    Text(String),
    /// A real date, so Excel sorts and filters it as one.
    Date(NaiveDate),
    Number(i64),
    Blank,
}

impl Cell {
    /// Text, or a blank cell for none.
    pub(crate) fn text_or_blank(text: Option<String>) -> Self {
        text.map_or(Cell::Blank, Cell::Text)
    }
}

/// A list sheet's words and layout.
pub(crate) struct ListSheet<'a> {
    pub(crate) sheet_name: &'a str,
    pub(crate) title: &'a str,
    /// What the list holds, e.g. its date and count.
    pub(crate) label: &'a str,
    /// Each column's heading and width (`None` keeps Excel's).
    pub(crate) columns: &'a [(String, Option<f64>)],
}

/// Where the headings row is; the rows follow it.
const LIST_HEADINGS_ROW: u32 = 3;

/// The workbook's bytes: the headings carry Excel's filter buttons and stay in view while
/// the rows scroll, for a list is worked through by desa, by state or by date.
pub(crate) fn list_workbook(
    sheet: &ListSheet<'_>,
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, OfficeError> {
    let fail = |e: XlsxError| OfficeError::Server(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let out = book.add_worksheet();
    out.set_name(sheet.sheet_name).map_err(fail)?;
    let bold = Format::new().set_bold();
    // Dates the way SIAK's own files write them.
    let date = Format::new().set_num_format("dd-mm-yyyy");
    write_text_with(out, 0, 0, sheet.title, &bold).map_err(fail)?;
    write_text(out, 1, 0, sheet.label).map_err(fail)?;
    for (col, (heading, width)) in sheet.columns.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        write_text_with(out, LIST_HEADINGS_ROW, col, heading, &bold).map_err(fail)?;
        if let Some(width) = width {
            out.set_column_width(col, *width).map_err(fail)?;
        }
    }
    let mut last = LIST_HEADINGS_ROW;
    for (n, cells) in rows.into_iter().enumerate() {
        let r = u32::try_from(n)
            .ok()
            .and_then(|n| n.checked_add(LIST_HEADINGS_ROW + 1))
            .unwrap_or(u32::MAX);
        last = r;
        for (col, cell) in cells.into_iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(text) => write_text(out, r, col, &text).map(|_| ()),
                Cell::Date(day) => excel_date(day)
                    .and_then(|d| out.write_date_with_format(r, col, d, &date).map(|_| ())),
                // Days and line numbers stay far below 2^53, so f64 holds them exactly.
                Cell::Number(n) => out.write_number(r, col, n as f64).map(|_| ()),
                Cell::Blank => Ok(()),
            }
            .map_err(fail)?;
        }
    }
    if let Some(last_col) = sheet.columns.len().checked_sub(1) {
        let last_col = u16::try_from(last_col).unwrap_or(u16::MAX);
        out.autofilter(LIST_HEADINGS_ROW, 0, last, last_col)
            .map_err(fail)?;
    }
    out.set_freeze_panes(LIST_HEADINGS_ROW + 1, 0)
        .map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

fn excel_date(day: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(day.year()).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?;
    // chrono's months and days fit a u8 by construction.
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8)
}

/// Whether Excel would read `text` typed into a cell as a formula (OWASP's CSV injection
/// list: `=`, `+`, `-`, `@`, and the tab and carriage return that hide one).
pub(crate) fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Writes `text` as a string, never as a formula. One that looks like a formula also gets
/// Excel's quote prefix (what Excel itself stores for a typed `'=…`): the cell shows the text
/// unchanged — a name or an address is what staff read out and look up, so no character is
/// added to it — and stays text when someone edits it and presses Enter, which a plain string
/// cell would not.
fn write_text(out: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    if looks_like_formula(text) {
        out.write_string_with_format(row, col, text, &Format::new().set_quote_prefix())?;
    } else {
        out.write_string(row, col, text)?;
    }
    Ok(())
}

/// A heading or title: the same, in `format`.
fn write_text_with(
    out: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let format = if looks_like_formula(text) {
        format.clone().set_quote_prefix()
    } else {
        format.clone()
    };
    out.write_string_with_format(row, col, text, &format)?;
    Ok(())
}

/// The download of a workbook as `file_name` (letters, digits, dashes and dots only).
pub(crate) fn download(bytes: Vec<u8>, file_name: &str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    let disposition = format!("attachment; filename=\"{file_name}\"");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;

    /// Every character OWASP lists starts a text Excel would evaluate; the same character
    /// later in the text, or none, does not.
    #[test]
    fn a_text_is_guarded_by_its_first_character_only() {
        for text in ["=1+1", "+62 812", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"] {
            assert!(looks_like_formula(text), "{text:?}");
        }
        for text in ["", "SITI", "a=b", " =1+1", "0812-3456-7890"] {
            assert!(!looks_like_formula(text), "{text:?}");
        }
    }

    /// A list reads back as written: each text the same string (the guarded ones too, with no
    /// character added), no formula anywhere, dates as dates, numbers as numbers.
    #[test]
    fn a_list_reads_back_as_written_without_formulas() {
        let texts = [
            "=1+1", "+62", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "SITI",
        ];
        let columns = [("Nama".to_owned(), Some(20.0)), ("Tgl.".to_owned(), None)];
        let sheet = ListSheet {
            sheet_name: "Daftar",
            title: "=judul",
            label: "-",
            columns: &columns,
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let rows = texts.iter().enumerate().map(|(n, t)| {
            vec![
                Cell::Text((*t).to_owned()),
                if n == 0 {
                    Cell::Date(day)
                } else {
                    Cell::Number(n as i64)
                },
                Cell::Blank,
            ]
        });
        let bytes = list_workbook(&sheet, rows).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let formulas = book.worksheet_formula("Daftar").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let range = book.worksheet_range("Daftar").unwrap();
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(cell(0, 0), Data::String("=judul".to_owned()));
        assert_eq!(cell(1, 0), Data::String("-".to_owned()));
        assert_eq!(cell(3, 0), Data::String("Nama".to_owned()));
        for (n, text) in texts.iter().enumerate() {
            let r = LIST_HEADINGS_ROW + 1 + n as u32;
            assert_eq!(cell(r, 0), Data::String((*text).to_owned()), "{text:?}");
        }
        let Data::DateTime(date) = cell(4, 1) else {
            panic!("not a date: {:?}", cell(4, 1))
        };
        // Excel's serial day of 4 December 2026.
        assert_eq!(date.as_f64(), 46_360.0);
        assert_eq!(cell(5, 1), Data::Float(1.0));
    }
}

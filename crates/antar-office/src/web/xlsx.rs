//! The staff web's Excel reports: one sheet with a bold title, a line saying what it covers,
//! bold column headings, then a row per line of two names and its counts; and the answer
//! that downloads it.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};

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
        out.write(r, 0, line.names[0]).map_err(fail)?;
        out.write(r, 1, line.names[1]).map_err(fail)?;
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

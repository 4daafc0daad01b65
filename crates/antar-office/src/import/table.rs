//! Reading an import file into a header row and text rows numbered as the spreadsheet numbers
//! them, whatever the format: CSV (comma or semicolon, UTF-8 or Windows-1252) or a workbook's
//! first sheet, with any title rows above the header left out. A file whose NIKs or KK numbers
//! Excel turned into numbers is refused here, where the cells' types are still known.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::cells::cell_text;
use super::excel_numbers::ExcelNumbers;
use super::header::{self, Columns};
use super::text::decode;
use crate::error::{OfficeError, OfficeResult};

/// A sheet as text: the header row and the data rows with their 1-based row numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    pub(crate) fn read(path: &Path, columns: Columns) -> OfficeResult<Self> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match extension.as_str() {
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, columns),
            _ => {
                let bytes = std::fs::read(path).map_err(|e| OfficeError::io(path, e))?;
                read_csv_as(&bytes, columns).map_err(|message| OfficeError::ImportFile {
                    path: path.to_owned(),
                    message,
                })
            }
        }
    }
}

impl Table {
    pub(crate) fn from_csv(bytes: &[u8], columns: Columns) -> OfficeResult<Self> {
        read_csv_as(bytes, columns).map_err(|message| OfficeError::ImportFile {
            path: "(CSV)".into(),
            message,
        })
    }
}

/// Parses CSV bytes. Rows are numbered by record (the first = 1), as a spreadsheet numbers them;
/// a record with a quoted line break is still one row. (The csv crate's own line positions are
/// off by one after long records, so they are not used.) Fully empty lines are skipped by the
/// reader and not counted; spreadsheets write empty rows as `,,,` which are counted. Rows
/// above the header (titles a spreadsheet added) are left out.
#[cfg(test)]
pub(crate) fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    read_csv_as(bytes, Columns::Siak)
}

/// [`read_csv`] for a list of `columns`.
pub(crate) fn read_csv_as(bytes: &[u8], columns: Columns) -> Result<Table, String> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut last_row = 0usize;
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| format!("CSV tidak terbaca sesudah baris {last_row}: {e}"))?;
        if !more {
            break;
        }
        let row = last_row + 1;
        last_row = row;
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_owned()).collect();
        if fields.iter().any(|f| !f.is_empty()) {
            rows.push((row, fields));
        }
    }
    let candidates: Vec<Vec<String>> = (rows.iter().take(header::SEARCH_ROWS))
        .map(|(_, fields)| fields.clone())
        .collect();
    let at = header::header_index(&candidates, columns)
        .ok_or_else(|| "berkas kosong: baris judul kolom tidak ada".to_owned())?;
    let mut rows = rows.split_off(at);
    let (_, headers) = rows.remove(0);
    finish(Table { headers, rows }, ExcelNumbers::default())
}

/// Refuses a table whose ids Excel turned into numbers.
fn finish(table: Table, mut numbers: ExcelNumbers) -> Result<Table, String> {
    numbers.text(&table);
    match numbers.refusal() {
        Some(message) => Err(message),
        None => Ok(table),
    }
}

/// SIAK exports opened and re-saved in an Indonesian-locale spreadsheet use semicolons. The
/// first lines are counted together, because a title line above the header may have neither.
fn sniff_delimiter(text: &str) -> u8 {
    let top = text.lines().take(header::SEARCH_ROWS);
    let (semicolons, commas) = top.fold((0, 0), |(s, c), line| {
        (s + line.matches(';').count(), c + line.matches(',').count())
    });
    if semicolons > commas { b';' } else { b',' }
}

fn read_workbook(path: &Path, columns: Columns) -> OfficeResult<Table> {
    let file_error = |message: String| OfficeError::ImportFile {
        path: path.to_owned(),
        message,
    };
    unless_it_panics(&file_error, || {
        let workbook =
            open_workbook_auto(path).map_err(|e| file_error(format!("tidak bisa dibuka: {e}")))?;
        first_sheet(workbook, &file_error, columns)
    })
}

impl Table {
    /// A workbook (.xlsx, .xls, .ods) uploaded through the web, read from memory.
    pub(crate) fn from_workbook_bytes(
        bytes: Vec<u8>,
        name: &str,
        columns: Columns,
    ) -> OfficeResult<Self> {
        let file_error = |message: String| OfficeError::ImportFile {
            path: name.into(),
            message,
        };
        unless_it_panics(&file_error, || {
            let workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
                .map_err(|e| file_error(format!("tidak bisa dibuka: {e}")))?;
            first_sheet(workbook, &file_error, columns)
        })
    }
}

/// The workbook reader is third-party code fed uploaded files, and it does panic on some
/// malformed ones (calamine 0.38 overflows the row of a cell reference past row 4294967295,
/// a panic wherever overflow is checked): such a file is refused as damaged instead of
/// ending the request or the import command.
fn unless_it_panics(
    file_error: &dyn Fn(String) -> OfficeError,
    read: impl FnOnce() -> OfficeResult<Table>,
) -> OfficeResult<Table> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(file_error(
            "berkas rusak: isi lembar kerjanya tidak terbaca".to_owned(),
        ))
    })
}

fn first_sheet<RS: std::io::Read + std::io::Seek>(
    mut workbook: calamine::Sheets<RS>,
    file_error: &dyn Fn(String) -> OfficeError,
    columns: Columns,
) -> OfficeResult<Table> {
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| file_error("tidak ada lembar kerja".to_owned()))?
        .map_err(|e| file_error(format!("lembar pertama tidak terbaca: {e}")))?;
    let Some((first_row, first_col)) = range.start() else {
        return Err(file_error("lembar pertama kosong".to_owned()));
    };
    // Columns left of the used range are empty; rows above it too. Keep absolute numbering.
    let lead = first_col as usize;
    let numbered = || {
        (range.rows().enumerate()).map(|(offset, cells)| (first_row as usize + offset + 1, cells))
    };
    let candidates: Vec<(usize, Vec<String>)> = numbered()
        .map(|(row, cells)| (row, padded(lead, cells, |_, cell| header_text(cell))))
        .filter(|(_, texts)| texts.iter().any(|t| !t.is_empty()))
        .take(header::SEARCH_ROWS)
        .collect();
    let texts: Vec<Vec<String>> = candidates.iter().map(|(_, t)| t.clone()).collect();
    let Some(at) = header::header_index(&texts, columns) else {
        return Err(file_error("lembar pertama kosong".to_owned()));
    };
    let (header_row, headers) = candidates.into_iter().nth(at).unwrap_or_default();
    let mut numbers = ExcelNumbers::default();
    let mut table = Table {
        headers,
        rows: Vec::new(),
    };
    for (row, cells) in numbered().filter(|(row, _)| *row > header_row) {
        let fields = padded(lead, cells, |at, cell| {
            let column = column_name(&table.headers, at);
            numbers.cell(column, row, cell);
            cell_text(cell, column)
        });
        if fields.iter().any(|f| !f.is_empty()) {
            table.rows.push((row, fields));
        }
    }
    finish(table, numbers).map_err(file_error)
}

/// The texts of a row's `cells`, after `lead` empty columns left of the sheet's used range.
fn padded(
    lead: usize,
    cells: &[Data],
    mut text: impl FnMut(usize, &Data) -> String,
) -> Vec<String> {
    std::iter::repeat_n(String::new(), lead)
        .chain(
            cells
                .iter()
                .enumerate()
                .map(|(i, cell)| text(lead + i, cell)),
        )
        .collect()
}

fn header_text(cell: &Data) -> String {
    cell_text(cell, "").trim().to_owned()
}

fn column_name(headers: &[String], index: usize) -> &str {
    headers.get(index).map(String::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_like_a_spreadsheet_and_blank_rows_skipped() {
        let table = read_csv(b"\xEF\xBB\xBFNO,NIK\n1,123\n\n,\n4,456\n").unwrap();
        assert_eq!(table.headers, ["NO", "NIK"]);
        assert_eq!(
            table.rows,
            [
                (2, vec!["1".to_owned(), "123".to_owned()]),
                (4, vec!["4".to_owned(), "456".to_owned()])
            ]
        );
    }

    #[test]
    fn semicolon_csv_is_recognised() {
        let table = read_csv(b"NO;NIK;NAMA\n1;123;\"A, B\"\n").unwrap();
        assert_eq!(table.rows[0].1, ["1", "123", "A, B"]);
    }

    #[test]
    fn empty_csv_is_refused() {
        assert!(read_csv(b"").is_err());
    }
}

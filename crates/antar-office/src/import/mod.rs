//! Importing SIAK exports of printed documents and recording teams' target lists (CSV or
//! .xlsx): every row is parsed by the domain's rules, bad rows are reported with their spreadsheet row number and reason, good
//! rows are stored once each (by dedup key) in one transaction.

mod cells;
mod excel_numbers;
mod header;
#[cfg(test)]
pub(crate) mod properties;
mod table;
mod targets;
mod text;

use std::collections::HashMap;
use std::path::Path;

use antar_domain::document::{PrintedDocument, check_headers, parse_siak_record};
use antar_domain::region::Registry;

use crate::error::{OfficeError, OfficeResult};
use crate::store::DocumentStore;

pub(crate) use header::Columns;
pub(crate) use table::Table;
pub(crate) use targets::import_targets;

/// One refused row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowReport {
    /// The spreadsheet's row number: the header is row 1 (or below the title rows above it),
    /// the first data row the next.
    pub row: usize,
    /// The row's NO column, if the file has one.
    pub no: Option<String>,
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Rows stored as new documents.
    pub imported: usize,
    /// Rows not stored because the same document is earlier in the file or already stored:
    /// (row number, reason).
    pub duplicates: Vec<(usize, String)>,
    /// Rows refused, with why.
    pub rejected: Vec<RowReport>,
}

/// Reads `path` (CSV, or .xlsx/.xls/.ods by extension) and stores its good rows.
pub(crate) fn import_path(store: &dyn DocumentStore, path: &Path) -> OfficeResult<ImportReport> {
    let table = Table::read(path, Columns::Siak)?;
    import_table(store, &table)
}

pub(crate) fn import_table(store: &dyn DocumentStore, table: &Table) -> OfficeResult<ImportReport> {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    check_headers(&headers).map_err(|e| OfficeError::Headers(e.to_string()))?;
    let no_column = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("NO"));
    let registry = Registry::tanggamus();

    let mut report = ImportReport::default();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    let mut documents: Vec<PrintedDocument> = Vec::new();
    let mut fields: Vec<&str> = Vec::with_capacity(headers.len());
    for (row, record) in &table.rows {
        let no = match screen_row(&headers, no_column, *row, record) {
            Ok(no) => no,
            Err(refused) => {
                report.rejected.push(refused);
                continue;
            }
        };
        fields.clear();
        fields.extend(record.iter().map(String::as_str));
        match parse_siak_record(&headers, &fields, registry) {
            Ok(document) => {
                let key = document.dedup_key().to_string();
                if let Some(first) = first_seen.get(&key) {
                    report.duplicates.push((
                        *row,
                        format!("duplikat dari baris {first}{}", no_suffix(&no)),
                    ));
                } else {
                    first_seen.insert(key, *row);
                    rows.push(*row);
                    documents.push(document);
                }
            }
            Err(error) => report.rejected.push(RowReport {
                row: *row,
                no,
                reason: error.to_string(),
            }),
        }
    }

    let inserted = store.insert_documents(&documents)?;
    for (row, new) in rows.into_iter().zip(inserted) {
        if new {
            report.imported += 1;
        } else {
            report.duplicates.push((
                row,
                "duplikat: dokumen ini sudah ada di basis data".to_owned(),
            ));
        }
    }
    report.duplicates.sort_by_key(|(row, _)| *row);
    Ok(report)
}

/// Whether an uploaded file is a workbook: by its name's extension, or its bytes are a ZIP
/// (as .xlsx files are).
pub(crate) fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || bytes.starts_with(b"PK\x03\x04")
}

/// The row's NO (when the file has that column), or its refusal when one of its fields holds
/// a letter an earlier tool lost.
pub(super) fn screen_row(
    headers: &[&str],
    no_column: Option<usize>,
    row: usize,
    record: &[String],
) -> Result<Option<String>, RowReport> {
    let no = no_column
        .and_then(|i| record.get(i))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    match text::replaced_letter(headers, record) {
        Some(reason) => Err(RowReport { row, no, reason }),
        None => Ok(no),
    }
}

pub(super) fn no_suffix(no: &Option<String>) -> String {
    no.as_ref()
        .map(|no| format!(" (NO {no})"))
        .unwrap_or_default()
}

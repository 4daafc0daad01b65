//! Importing SIAK exports: the samples, duplicates, re-imports, .xlsx with number and date
//! cells, and a file with a missing column.

use std::path::Path;
use std::time::Instant;

use antar_office::{Office, OfficeError};
use common::{SAMPLE_500, SAMPLE_BAD};

use crate::common;

fn office() -> (tempfile::TempDir, Office) {
    let dir = tempfile::tempdir().unwrap();
    let office = crate::common::open_office(&dir.path().join("data"));
    (dir, office)
}

#[test]
fn the_500_sample_imports_completely_and_fast() {
    let (_dir, office) = office();
    let started = Instant::now();
    let report = office.import_path(Path::new(SAMPLE_500)).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(report.imported, 500);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert!(report.duplicates.is_empty());
    assert_eq!(office.document_count().unwrap(), 500);
    println!(
        "import 500 rows: {:?} ({:.0} rows/s)",
        elapsed,
        500.0 / elapsed.as_secs_f64()
    );
}

#[test]
fn the_bad_sample_keeps_good_rows_and_reports_each_bad_one() {
    let (_dir, office) = office();
    let report = office.import_path(Path::new(SAMPLE_BAD)).unwrap();
    assert_eq!(report.imported, 40);
    let rejected: Vec<(usize, Option<&str>, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.row, r.no.as_deref(), r.reason.as_str()))
        .collect();
    // Spreadsheet rows: the header is row 1, so NO n sits on row n + 1.
    let expected_rows = [
        (4, "3", "kolom NO_RT"),
        (8, "7", "kolom NAMA_LGKP"),
        (10, "9", "kolom TGL_CETAK"),
        (21, "20", "kolom NIK"),
        (27, "26", "kolom NO_KEL"),
        (30, "29", "kolom NIK: NIK harus 16 digit, ditemukan 15"),
        (31, "30", "kolom NIK"),
    ];
    assert_eq!(rejected.len(), expected_rows.len(), "{rejected:#?}");
    for ((row, no, reason), (want_row, want_no, want_reason)) in rejected.iter().zip(expected_rows)
    {
        assert_eq!(*row, want_row);
        assert_eq!(*no, Some(want_no));
        assert!(reason.starts_with(want_reason), "row {row}: {reason}");
    }
    assert_eq!(report.duplicates.len(), 1);
    let (row, reason) = &report.duplicates[0];
    assert_eq!(*row, 49);
    assert!(reason.contains("duplikat dari baris 5"), "{reason}");
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let (_dir, office) = office();
    office.import_path(Path::new(SAMPLE_500)).unwrap();
    let again = office.import_path(Path::new(SAMPLE_500)).unwrap();
    assert_eq!(again.imported, 0);
    assert_eq!(again.duplicates.len(), 500);
    assert!(again.duplicates[0].1.contains("sudah ada"));
    assert_eq!(office.document_count().unwrap(), 500);
}

#[test]
fn a_missing_column_is_named() {
    let (dir, office) = office();
    let text = std::fs::read_to_string(SAMPLE_500).unwrap();
    // Drop the TGL_CETAK column (the last) from every line.
    let cut: String = text
        .lines()
        .map(|line| {
            let end = line.rfind(',').unwrap();
            format!("{}\n", &line[..end])
        })
        .collect();
    let path = dir.path().join("tanpa_tgl_cetak.csv");
    std::fs::write(&path, cut).unwrap();
    match office.import_path(&path) {
        Err(error @ OfficeError::Headers(_)) => {
            assert!(error.to_string().contains("TGL_CETAK"), "{error}");
        }
        other => panic!("expected a header error, got {other:?}"),
    }
    assert_eq!(office.document_count().unwrap(), 0);
}

/// Writes the sample as Excel would hold it: NIK and NO_KK as text, RT/RW and codes as
/// numbers (losing their zeros), NO_HP as a number, the dates as real Excel dates.
fn write_sample_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut reader = csv::Reader::from_path(SAMPLE_500).unwrap();
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    for (col, name) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, name).unwrap();
    }
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let row = (i + 1) as u32;
        for (col, value) in record.iter().enumerate() {
            let col16 = col as u16;
            match headers[col].as_str() {
                "NO" | "NO_RT" | "NO_RW" | "NO_PROP" | "NO_KAB" | "NO_KEC" | "NO_KEL" | "NO_HP"
                    if !value.is_empty() =>
                {
                    sheet
                        .write_number(row, col16, value.parse::<f64>().unwrap())
                        .unwrap();
                }
                "TGL_LHR" | "TGL_CETAK" => {
                    let parts: Vec<u16> = value.split('-').map(|p| p.parse().unwrap()).collect();
                    let date =
                        ExcelDateTime::from_ymd(parts[2], parts[1] as u8, parts[0] as u8).unwrap();
                    sheet
                        .write_datetime_with_format(row, col16, &date, &date_format)
                        .unwrap();
                }
                _ => {
                    sheet.write_string(row, col16, value).unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn an_xlsx_of_the_sample_imports_the_same_500() {
    let (dir, office) = office();
    let path = dir.path().join("prr_tanggamus_500.xlsx");
    write_sample_xlsx(&path);
    let report = office.import_path(&path).unwrap();
    assert!(
        report.rejected.is_empty(),
        "{:#?}",
        &report.rejected[..report.rejected.len().min(5)]
    );
    assert_eq!(report.imported, 500);

    // The same documents as the CSV: importing the CSV afterwards finds only duplicates.
    let csv = office.import_path(Path::new(SAMPLE_500)).unwrap();
    assert_eq!(csv.imported, 0);
    assert_eq!(csv.duplicates.len(), 500);
}

//! Importing SIAK lists an operator opened in Excel and saved again (issue 13.2): NIKs and
//! KK numbers Excel turned into numbers, a Windows-1252 CSV, title rows above the header, and
//! the semicolons, byte-order mark, CRLF and shuffled lower-case columns that already import.

use std::path::Path;

use antar_office::{Office, OfficeError};
use common::SAMPLE_500;

use crate::common;

fn office() -> (tempfile::TempDir, Office) {
    let dir = tempfile::tempdir().unwrap();
    let office = crate::common::open_office(&dir.path().join("data"));
    (dir, office)
}

/// The sample's header and its first `n` rows.
fn sample(n: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(SAMPLE_500).unwrap();
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .take(n)
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

/// Every stored (NIK, name), read from the office's database.
fn stored(office: &Office) -> Vec<(String, String)> {
    let db = rusqlite::Connection::open(office.data_dir().join("office.sqlite")).unwrap();
    let mut stmt = db
        .prepare("SELECT nik, name FROM documents ORDER BY nik")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// What Excel holds of a 16-digit number: 15 significant digits, the last turned to 0.
fn excel_number(digits: &str) -> f64 {
    let n: u64 = digits.parse().unwrap();
    (n / 10 * 10) as f64
}

/// Writes `rows` under `headers` as an .xlsx: `titles` rows above the header, then a blank
/// row when there are titles; the columns named in `numbers` as Excel's number cells.
fn write_xlsx(
    path: &Path,
    titles: &[&str],
    headers: &[String],
    rows: &[Vec<String>],
    numbers: &[(&str, Option<usize>)],
) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, title) in (0..).zip(titles) {
        sheet.write_string(row, 0, *title).unwrap();
    }
    let top = if titles.is_empty() {
        0
    } else {
        titles.len() as u32 + 1
    };
    for (col, name) in (0..).zip(headers) {
        sheet.write_string(top, col, name).unwrap();
    }
    for (i, (row, record)) in (top + 1..).zip(rows).enumerate() {
        for ((col, name), value) in (0..).zip(headers).zip(record) {
            let number = numbers
                .iter()
                .any(|(column, only)| column == name && only.is_none_or(|only| only == i));
            if number {
                sheet.write_number(row, col, excel_number(value)).unwrap();
            } else if !value.is_empty() {
                sheet.write_string(row, col, value).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

fn refusal(result: Result<antar_office::ImportReport, OfficeError>) -> String {
    match result {
        Err(error @ OfficeError::ImportFile { .. }) => error.to_string(),
        other => panic!("expected the file refused, got {other:?}"),
    }
}

/// Issue 13.2 (a): the 100 rows imported with each NIK's last digit turned to 0.
#[test]
fn an_xlsx_whose_niks_are_numbers_is_refused_saying_to_save_them_as_text() {
    let (dir, office) = office();
    let (headers, rows) = sample(100);
    let path = dir.path().join("disimpan_excel.xlsx");
    write_xlsx(&path, &[], &headers, &rows, &[("NIK", None)]);
    let message = refusal(office.import_path(&path));
    for part in [
        "kolom NIK",
        "baris 2, 3, 4",
        "100 baris",
        "Excel menyimpan NIK sebagai angka",
        "digit terakhirnya",
        "simpan kolom NIK sebagai Teks",
        "Tidak ada baris yang diimpor",
    ] {
        assert!(message.contains(part), "{part:?} not in {message}");
    }
    assert_eq!(office.document_count().unwrap(), 0);
}

/// Issue 13.2 (a): one KK number Excel made a number refuses the whole file, naming its row,
/// so the list is fixed and imported in one go rather than partly.
#[test]
fn one_number_no_kk_refuses_the_file_naming_its_row() {
    let (dir, office) = office();
    let (headers, rows) = sample(10);
    let path = dir.path().join("satu_kk_angka.xlsx");
    // The fourth data row: spreadsheet row 5.
    write_xlsx(&path, &[], &headers, &rows, &[("NO_KK", Some(3))]);
    let message = refusal(office.import_path(&path));
    assert!(message.contains("kolom NO_KK, baris 5:"), "{message}");
    assert!(
        message.contains("simpan kolom NO_KK sebagai Teks"),
        "{message}"
    );
    assert_eq!(office.document_count().unwrap(), 0);

    // The same list with its KK numbers as text imports.
    write_xlsx(&path, &[], &headers, &rows, &[]);
    assert_eq!(office.import_path(&path).unwrap().imported, 10);
}

/// Excel's General format writes a 16-digit number as `1,80601E+15` (`1.80601E+15` in an
/// English locale): the digits are gone.
fn scientific(digits: &str, decimal: char) -> String {
    let text = format!("{:.5E}", excel_number(digits));
    let (mantissa, exponent) = text.split_once('E').unwrap();
    format!(
        "{}E+{exponent}",
        mantissa.replace('.', &decimal.to_string())
    )
}

/// Issue 13.2 (b): refused as "NIK harus 16 digit, ditemukan 11", not saying why.
#[test]
fn a_nik_in_scientific_notation_says_excel_turned_it_into_a_number() {
    let (dir, office) = office();
    let (headers, rows) = sample(5);
    let nik = headers.iter().position(|h| h == "NIK").unwrap();
    let mut text = headers.join(";") + "\r\n";
    for row in &rows {
        let mut row = row.clone();
        row[nik] = scientific(&row[nik], ',');
        assert_eq!(row[nik].len(), 11, "{}", row[nik]);
        text += &(row.join(";") + "\r\n");
    }
    let path = dir.path().join("notasi_ilmiah.csv");
    std::fs::write(&path, text).unwrap();
    let message = refusal(office.import_path(&path));
    for part in [
        "kolom NIK, baris 2, 3, 4, 5, 6 (5 baris)",
        "1,80601E+15",
        "Excel mengubah NIK menjadi angka",
        "simpan kolom NIK sebagai Teks",
    ] {
        assert!(message.contains(part), "{part:?} not in {message}");
    }
    assert!(!message.contains("16 digit"), "{message}");
    assert_eq!(office.document_count().unwrap(), 0);

    // An English-locale Excel writes a point, and a comma CSV quotes nothing around it.
    let mut text = headers.join(",") + "\n";
    let mut row = rows[0].clone();
    row[nik] = scientific(&row[nik], '.');
    text += &(row.join(",") + "\n");
    std::fs::write(&path, text).unwrap();
    let message = refusal(office.import_path(&path));
    assert!(message.contains("1.80601E+15"), "{message}");
    assert!(message.contains("notasi ilmiah"), "{message}");
}

/// The sample's first `n` rows as a semicolon CSV with CRLF, as Excel on Windows saves it,
/// with the first row's name replaced by `name` (bytes, in whatever encoding the test needs).
fn excel_csv(n: usize, name: &[u8]) -> Vec<u8> {
    let (headers, mut rows) = sample(n);
    let column = headers.iter().position(|h| h == "NAMA_LGKP").unwrap();
    rows[0][column] = "@NAME@".to_owned();
    let mut text = headers.join(";") + "\r\n";
    for row in &rows {
        text += &(row.join(";") + "\r\n");
    }
    let at = text.find("@NAME@").unwrap();
    [&text.as_bytes()[..at], name, &text.as_bytes()[at + 6..]].concat()
}

/// Issue 13.2 (c): `JOSÉ` from Excel's "CSV" on Windows was stored as `JOS\u{FFFD}`.
#[test]
fn a_windows_1252_csv_keeps_its_accents() {
    let (_dir, office) = office();
    let bytes = excel_csv(3, b"JOS\xC9 MAR\xCDA");
    assert!(std::str::from_utf8(&bytes).is_err());
    let report = office.import_csv_bytes(&bytes).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported, 3);
    let names: Vec<String> = stored(&office).into_iter().map(|(_, name)| name).collect();
    assert!(names.contains(&"JOSÉ MARÍA".to_owned()), "{names:?}");
    assert!(names.iter().all(|n| !n.contains('\u{FFFD}')), "{names:?}");
}

/// Issue 13.2 (c): a file already damaged elsewhere holds U+FFFD in place of a letter; what
/// the letter was is lost, so the row is refused instead of stored with it.
#[test]
fn a_replacement_character_is_refused_never_stored() {
    let (_dir, office) = office();
    let bytes = excel_csv(3, "JOS\u{FFFD}".as_bytes());
    let report = office.import_csv_bytes(&bytes).unwrap();
    assert_eq!(report.imported, 2);
    assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
    let refused = &report.rejected[0];
    assert_eq!(refused.row, 2);
    assert!(
        refused.reason.starts_with("kolom NAMA_LGKP: ") && refused.reason.contains("rusak"),
        "{}",
        refused.reason
    );
    assert!(stored(&office).iter().all(|(_, n)| !n.contains('\u{FFFD}')));
}

const TITLES: [&str; 2] = [
    "DAFTAR KTP-EL TERCETAK KABUPATEN TANGGAMUS",
    "Tanggal cetak: 18-11-2026 s.d. 19-11-2026",
];

/// Issue 13.2 (d): refused as having no columns ("kolom wajib tidak ada: NIK, …").
#[test]
fn an_xlsx_with_title_rows_above_the_header_imports() {
    let (dir, office) = office();
    let (headers, mut rows) = sample(10);
    let name = headers.iter().position(|h| h == "NAMA_LGKP").unwrap();
    rows[4][name].clear();
    let path = dir.path().join("dengan_judul.xlsx");
    write_xlsx(&path, &TITLES, &headers, &rows, &[]);
    let report = office.import_path(&path).unwrap();
    assert_eq!(report.imported, 9);
    // Titles on rows 1–2, a blank row 3, the header on row 4: the fifth data row is row 9.
    let refused: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.row, r.no.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(refused, [(9, "5")]);
}

/// Issue 13.2 (d), the same for a CSV saved from such a sheet.
#[test]
fn a_csv_with_title_rows_above_the_header_imports() {
    let (_dir, office) = office();
    let (headers, rows) = sample(4);
    let blank = ";".repeat(headers.len() - 1);
    let mut text = format!(
        "{}{blank}\r\n{}{blank}\r\n{blank}\r\n",
        TITLES[0], TITLES[1]
    );
    text += &(headers.join(";") + "\r\n");
    for row in &rows {
        text += &(row.join(";") + "\r\n");
    }
    let report = office.import_csv_bytes(text.as_bytes()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported, 4);
}

/// What already imported stays so: a semicolon CSV with a byte-order mark, CRLF line ends and
/// its columns shuffled and in lower case.
#[test]
fn a_semicolon_bom_crlf_csv_with_shuffled_lower_case_columns_imports() {
    let (_dir, office) = office();
    let (headers, rows) = sample(6);
    let order: Vec<usize> = (0..headers.len()).rev().collect();
    let line = |fields: Vec<String>| fields.join(";") + "\r\n";
    let mut text =
        "\u{feff}".to_owned() + &line(order.iter().map(|&i| headers[i].to_lowercase()).collect());
    for row in &rows {
        text += &line(order.iter().map(|&i| row[i].clone()).collect());
    }
    let report = office.import_csv_bytes(text.as_bytes()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported, 6);
    assert_eq!(stored(&office).len(), 6);
}

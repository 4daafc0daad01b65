//! Property tests of reading import files: any bytes, as CSV or as a workbook, give a table
//! or a refusal with a message, every refused row says which column is wrong, and good rows
//! read the same however the file is quoted, delimited or typed. The proptest settings and
//! byte damage come from `antar-testkit`.

use std::sync::LazyLock;

use antar_domain::document::{
    HeaderError, PrintedDocument, RowError, SIAK_COLUMNS, check_headers, parse_siak_record,
};
use antar_domain::region::Registry;
use proptest::prelude::*;
use proptest::sample::Index;

use super::header::Columns;
use super::table::{Table, read_csv};

mod stored_xlsx;

pub(crate) use antar_testkit::{ByteEdit, byte_edits, damaged, prop_config};

const SAMPLE: &str = include_str!("../../../../data/samples/prr_tanggamus_500.csv");

/// The sample's header and first rows, as fields.
static SAMPLE_ROWS: LazyLock<(Vec<String>, Vec<Vec<String>>)> = LazyLock::new(|| {
    let table = read_csv(SAMPLE.as_bytes()).expect("the sample reads");
    let rows = table.rows.into_iter().take(8).map(|(_, row)| row).collect();
    (table.headers, rows)
});

/// The first `rows` rows of the sample as the CSV text SIAK exports.
fn sample_csv(rows: usize) -> String {
    SAMPLE.lines().take(rows + 1).collect::<Vec<_>>().join("\n")
}

/// What the import does with a table before storing it.
fn validate(table: &Table) -> Result<Vec<Result<PrintedDocument, RowError>>, HeaderError> {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    check_headers(&headers)?;
    Ok(table
        .rows
        .iter()
        .map(|(_, record)| {
            let fields: Vec<&str> = record.iter().map(String::as_str).collect();
            parse_siak_record(&headers, &fields, Registry::tanggamus())
        })
        .collect())
}

/// A table read from any file is numbered like a spreadsheet, and every refusal of its
/// headers or rows has its reason, naming the column.
fn check_table(table: &Table) -> Result<(), TestCaseError> {
    let numbers: Vec<usize> = table.rows.iter().map(|(row, _)| *row).collect();
    prop_assert!(
        numbers.first().is_none_or(|first| *first >= 2),
        "{numbers:?}"
    );
    prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    for (_, fields) in &table.rows {
        prop_assert!(fields.iter().any(|f| !f.is_empty()));
        prop_assert!(fields.iter().all(|f| f.trim() == f), "{fields:?}");
    }
    match validate(table) {
        Err(error) => {
            prop_assert!(!error.missing.is_empty());
            prop_assert!(error.to_string().ends_with(&error.missing.join(", ")));
        }
        Ok(rows) => {
            for error in rows.iter().filter_map(|row| row.as_ref().err()) {
                prop_assert!(SIAK_COLUMNS.contains(&error.column), "{error:?}");
                prop_assert!(!error.reason.trim().is_empty(), "{error:?}");
            }
        }
    }
    Ok(())
}

/// A CSV refusal says after which row reading stopped, or that there is nothing to read.
fn check_csv_refusal(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        message.starts_with("CSV tidak terbaca sesudah baris ")
            || message == "berkas kosong: baris judul kolom tidak ada"
            || message.contains("notasi ilmiah"),
        "{message}"
    );
    Ok(())
}

fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    let noise = proptest::collection::vec(any::<u8>(), 0..512);
    let csvish = proptest::collection::vec(
        proptest::sample::select(b",;\"\r\n \tNIK0123\xEF\xBB\xBF\xFF".to_vec()),
        0..256,
    );
    let damaged_sample = (1..6usize, byte_edits(b",;\"\r\n \t0-"))
        .prop_map(|(rows, edits)| damaged(sample_csv(rows).as_bytes(), &edits));
    prop_oneof![1 => noise, 1 => csvish, 4 => damaged_sample]
}

/// The parts of writing a CSV a spreadsheet or SIAK may choose.
#[derive(Clone, Debug)]
struct CsvStyle {
    delimiter: u8,
    quotes: csv::QuoteStyle,
    crlf: bool,
    bom: bool,
    /// Before which data rows (by index) to put a fully empty line, or a row of empty fields.
    blank_lines: Vec<(Index, bool)>,
    pad: String,
}

fn csv_style() -> impl Strategy<Value = CsvStyle> {
    (
        proptest::sample::select(vec![b',', b';']),
        proptest::sample::select(vec![
            csv::QuoteStyle::Always,
            csv::QuoteStyle::Necessary,
            csv::QuoteStyle::NonNumeric,
        ]),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec((any::<Index>(), any::<bool>()), 0..3),
        "[ \t]{0,2}",
    )
        .prop_map(
            |(delimiter, quotes, crlf, bom, blank_lines, pad)| CsvStyle {
                delimiter,
                quotes,
                crlf,
                bom,
                blank_lines,
                pad,
            },
        )
}

/// Writes `rows` under the sample's header in `style`; returns the bytes and each data
/// row's number as a spreadsheet shows it.
fn write_csv(rows: &[Vec<String>], style: &CsvStyle) -> (Vec<u8>, Vec<usize>) {
    let (headers, _) = &*SAMPLE_ROWS;
    let record = |fields: &[String]| {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(style.delimiter)
            .quote_style(style.quotes)
            .terminator(if style.crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(Vec::new());
        writer.write_record(fields).expect("in memory");
        writer.into_inner().expect("in memory")
    };
    let newline: &[u8] = if style.crlf { b"\r\n" } else { b"\n" };
    let mut bytes = if style.bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    bytes.extend(record(headers));
    let mut row_number = 1;
    let mut numbers = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (at, fields) in &style.blank_lines {
            if at.index(rows.len()) == i {
                if *fields {
                    // A spreadsheet's empty row: counted, then skipped.
                    bytes.extend(record(&vec![String::new(); headers.len()]));
                    row_number += 1;
                } else {
                    bytes.extend_from_slice(newline);
                }
            }
        }
        let padded: Vec<String> = row
            .iter()
            .map(|field| format!("{}{field}{}", style.pad, style.pad))
            .collect();
        bytes.extend(record(&padded));
        row_number += 1;
        numbers.push(row_number);
    }
    (bytes, numbers)
}

/// A small real workbook: text cells, and the number and date cells Excel makes of codes,
/// phone numbers and dates, which the reader turns back into SIAK's text. NIKs and KK numbers
/// are number cells only when `ids_typed`: Excel keeps 15 of their 16 digits, so the reader
/// refuses the file.
fn workbook(rows: &[Vec<String>], typed: &[bool], at: (u32, u16), ids_typed: bool) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (headers, _) = &*SAMPLE_ROWS;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let (top, left) = at;
    for (col, header) in (left..).zip(headers) {
        sheet.write_string(top, col, header).expect("cell");
    }
    let mut choices = typed.iter().cycle();
    for (row, fields) in (top + 1..).zip(rows) {
        for ((col, header), field) in (left..).zip(headers).zip(fields) {
            let typed = *choices.next().unwrap_or(&false);
            let date = || {
                let parts: Vec<&str> = field.split('-').collect();
                let [d, m, y] = parts[..] else { return None };
                ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
            };
            let written = match header.as_str() {
                "TGL_LHR" | "TGL_CETAK" if typed => date()
                    .map(|date| sheet.write_datetime_with_format(row, col, date, &date_format)),
                "NIK" | "NO_KK" if !ids_typed => None,
                "NO" | "NIK" | "NO_KK" | "NO_RT" | "NO_RW" | "NO_PROP" | "NO_KAB" | "NO_KEC"
                | "NO_KEL" | "NO_HP"
                    if typed =>
                {
                    field
                        .parse::<f64>()
                        .ok()
                        .map(|n| sheet.write_number(row, col, n))
                }
                _ => None,
            };
            match written {
                Some(result) => {
                    result.expect("cell");
                }
                None if field.is_empty() => {}
                None => {
                    sheet.write_string(row, col, field).expect("cell");
                }
            }
        }
    }
    book.save_to_buffer().expect("in memory")
}

/// Three sample rows typed as Excel types them, written once for the damage property.
static WORKBOOK: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let (_, rows) = &*SAMPLE_ROWS;
    workbook(&rows[..3], &[true], (0, 0), false)
});

/// The same rows in an uncompressed workbook, whose damage reaches the XML and the cells.
static STORED_WORKBOOK: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let (headers, rows) = &*SAMPLE_ROWS;
    let rows: Vec<Vec<String>> = std::iter::once(headers)
        .chain(&rows[..3])
        .cloned()
        .collect();
    stored_xlsx::stored_xlsx(stored_xlsx::sheet_xml(&rows))
});

fn workbook_bytes() -> impl Strategy<Value = Vec<u8>> {
    let noise = proptest::collection::vec(any::<u8>(), 0..512);
    // Past each format's magic bytes, so the zip and compound-file readers get further.
    let zip_noise = noise
        .clone()
        .prop_map(|tail| [b"PK\x03\x04".as_slice(), &tail].concat());
    let cfb_noise = noise
        .clone()
        .prop_map(|tail| [b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(), &tail].concat());
    let damaged_book =
        byte_edits(b"PK\x00\x01\x03\x04\xFF<>\"").prop_map(|edits| damaged(&WORKBOOK, &edits));
    // In place, so that the zip's offsets still hold and the damage reaches the XML.
    let damaged_xml = byte_edits(b"<>/=\"rtcv0123456789AZ:.-\xFF").prop_map(|edits| {
        let in_place: Vec<ByteEdit> = edits
            .into_iter()
            .filter(|edit| matches!(edit, ByteEdit::Set(..) | ByteEdit::FlipBit(..)))
            .collect();
        damaged(&STORED_WORKBOOK, &in_place)
    });
    prop_oneof![1 => noise, 1 => zip_noise, 1 => cfb_noise, 3 => damaged_book, 4 => damaged_xml]
}

proptest! {
    #![proptest_config(prop_config())]

    /// Any bytes uploaded as CSV, and damaged copies of a real export: a table numbered like a
    /// spreadsheet whose every refused row has its reason, or a refusal with its message.
    #[test]
    fn prop_csv_bytes_are_read_or_refused_with_a_reason(bytes in csv_bytes()) {
        match read_csv(&bytes) {
            Ok(table) => {
                check_table(&table)?;
                prop_assert_eq!(Table::from_csv(&bytes, Columns::Siak).ok(), Some(table));
            }
            Err(message) => {
                check_csv_refusal(&message)?;
                let error = Table::from_csv(&bytes, Columns::Siak).expect_err("the same bytes");
                prop_assert!(error.to_string().contains(&message), "{}", error);
            }
        }
    }

    /// Good rows are the same documents, on the same row numbers, whichever delimiter,
    /// quoting, line ends, byte-order mark, padding and blank lines the file was written with.
    #[test]
    fn prop_good_csv_rows_read_the_same_however_written(
        picked in proptest::collection::vec(any::<Index>(), 1..5),
        style in csv_style(),
    ) {
        let (headers, sample) = &*SAMPLE_ROWS;
        let rows: Vec<Vec<String>> = picked.iter().map(|i| i.get(sample).clone()).collect();
        let expected: Vec<Result<PrintedDocument, RowError>> = validate(&Table {
            headers: headers.clone(),
            rows: rows.iter().cloned().map(|row| (0, row)).collect(),
        })
        .expect("the sample's headers");
        prop_assert!(expected.iter().all(Result::is_ok));
        let (bytes, numbers) = write_csv(&rows, &style);
        let table = read_csv(&bytes).map_err(TestCaseError::fail)?;
        prop_assert_eq!(table.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), numbers);
        prop_assert_eq!(validate(&table).expect("headers kept"), expected);
    }

    /// Any bytes uploaded as a workbook, and damaged copies of a real .xlsx: a table whose
    /// rows are validated like a CSV's, or a refusal with its message. Never a panic.
    #[test]
    fn prop_workbook_bytes_are_read_or_refused_with_a_reason(bytes in workbook_bytes()) {
        match Table::from_workbook_bytes(bytes, "uji.xlsx", Columns::Siak) {
            Ok(table) => check_table(&table)?,
            Err(error) => {
                let message = error.to_string();
                let prefix = "berkas impor uji.xlsx: ";
                prop_assert!(message.starts_with(prefix), "{}", message);
                prop_assert!(message.len() > prefix.len(), "{}", message);
            }
        }
    }

    /// Good rows written to a workbook, codes, phone numbers and dates typed as number and
    /// date cells or kept as text, anywhere on the sheet, read back as the same documents on
    /// the sheet's own row numbers; a NIK or KK number typed as a number refuses the file.
    #[test]
    fn prop_good_rows_read_the_same_from_a_workbook(
        picked in proptest::collection::vec(any::<Index>(), 1..4),
        typed in proptest::collection::vec(any::<bool>(), 1..20),
        at in (0..3u32, 0..3u16),
        ids_typed in proptest::bool::weighted(0.2),
    ) {
        let (headers, sample) = &*SAMPLE_ROWS;
        let rows: Vec<Vec<String>> = picked.iter().map(|i| i.get(sample).clone()).collect();
        let expected = validate(&Table {
            headers: headers.clone(),
            rows: rows.iter().cloned().map(|row| (0, row)).collect(),
        })
        .expect("the sample's headers");
        let bytes = workbook(&rows, &typed, at, ids_typed);
        let read = Table::from_workbook_bytes(bytes, "uji.xlsx", Columns::Siak);
        // Which cells are typed cycles through `typed`, as `workbook` reads it.
        let cells = rows.iter().flat_map(|row| headers.iter().zip(row));
        let id_number = ids_typed
            && cells.zip(typed.iter().cycle()).any(|((header, field), typed)| {
                *typed && ["NIK", "NO_KK"].contains(&header.as_str()) && field.parse::<f64>().is_ok()
            });
        if id_number {
            let message = read.expect_err("an id as a number cell").to_string();
            prop_assert!(message.contains("sebagai angka dan membulatkan"), "{}", message);
            return Ok(());
        }
        let table = read.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let first = at.0 as usize + 2;
        prop_assert_eq!(
            table.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            (first..first + rows.len()).collect::<Vec<_>>()
        );
        prop_assert_eq!(validate(&table).expect("headers kept"), expected);
    }
}

/// The damage properties start from workbooks that read as the sample does.
#[test]
fn the_undamaged_workbooks_read_like_the_sample() {
    let (headers, rows) = &*SAMPLE_ROWS;
    let sample = Table {
        headers: headers.clone(),
        rows: (2..).zip(rows[..3].iter().cloned()).collect(),
    };
    for bytes in [&*WORKBOOK, &*STORED_WORKBOOK] {
        let table = Table::from_workbook_bytes(bytes.clone(), "uji.xlsx", Columns::Siak).unwrap();
        assert_eq!(validate(&table).unwrap(), validate(&sample).unwrap());
        assert!(validate(&table).unwrap().iter().all(Result::is_ok));
    }
}

/// Found by `prop_workbook_bytes_are_read_or_refused_with_a_reason`: calamine 0.38 computes
/// a cell reference's row in a `u32` that overflows (a panic where overflow is checked).
#[test]
fn a_row_number_past_u32_is_refused_not_a_panic() {
    let (headers, rows) = &*SAMPLE_ROWS;
    let rows: Vec<Vec<String>> = std::iter::once(headers)
        .chain(&rows[..1])
        .cloned()
        .collect();
    let sheet = stored_xlsx::sheet_xml(&rows).replacen(r#"r="A2""#, r#"r="A6004587174""#, 1);
    let error =
        Table::from_workbook_bytes(stored_xlsx::stored_xlsx(sheet), "uji.xlsx", Columns::Siak)
            .unwrap_err()
            .to_string();
    assert!(error.starts_with("berkas impor uji.xlsx: "), "{error}");
}

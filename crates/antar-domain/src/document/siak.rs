//! SIAK's printed-document export: its columns, and the validation of one row into a
//! [`PrintedDocument`], naming the column of the first thing wrong.

use super::{DocumentType, NoKk, PrintedDocument};
use crate::contact::Phone;
use crate::nik::{Nik, Sex};
use crate::region::Registry;
#[cfg(test)]
pub(super) use crate::row::header_matches;
pub use crate::row::{HeaderError, RowError};
use crate::row::{Row, check_columns, check_nik_matches};

/// Every column of a SIAK printed-document export, in SIAK's order.
pub const SIAK_COLUMNS: &[&str] = &[
    "NO",
    "NIK",
    "NO_KK",
    "NAMA_LGKP",
    "JENIS_KLMIN",
    "TMPT_LHR",
    "TGL_LHR",
    "ALAMAT",
    "NO_RT",
    "NO_RW",
    "NO_PROP",
    "NO_KAB",
    "NO_KEC",
    "NO_KEL",
    "NAMA_KEC",
    "NAMA_KEL",
    "NO_HP",
    "JENIS_DOKUMEN",
    "TGL_CETAK",
];

/// NO is only the row number in the export, so files without it are still usable.
const OPTIONAL_COLUMNS: &[&str] = &["NO"];

/// Lists every missing required column at once, so the operator fixes the file in one go.
pub fn check_headers(headers: &[&str]) -> Result<(), HeaderError> {
    check_columns(SIAK_COLUMNS, OPTIONAL_COLUMNS, headers)
}

/// Validates one SIAK row, looking columns up by header name. The first failing check is
/// reported, naming its column, because the import report is read by office staff fixing the file.
pub fn parse_siak_record(
    headers: &[&str],
    record: &[&str],
    registry: &Registry,
) -> Result<PrintedDocument, RowError> {
    let row = Row { headers, record };
    let nik = Nik::parse(row.field("NIK")?).map_err(|e| RowError::new("NIK", e))?;
    let no_kk = match row.field("NO_KK")? {
        "" => None,
        raw => Some(NoKk::parse(raw).map_err(|e| RowError::new("NO_KK", e))?),
    };
    let name = row.text("NAMA_LGKP")?;
    if name.is_empty() {
        return Err(RowError::new(
            "NAMA_LGKP",
            "nama lengkap tidak boleh kosong",
        ));
    }
    let sex = Sex::parse(row.field("JENIS_KLMIN")?).map_err(|e| RowError::new("JENIS_KLMIN", e))?;
    let birth_place = row.text("TMPT_LHR")?;
    let birth_date = row.date("TGL_LHR")?;
    let address = row.address(registry)?;
    let phone = match row.field("NO_HP")? {
        "" => None,
        raw => Some(Phone::parse(raw).map_err(|e| RowError::new("NO_HP", e))?),
    };
    let document_type = DocumentType::parse(row.field("JENIS_DOKUMEN")?)
        .map_err(|e| RowError::new("JENIS_DOKUMEN", e))?;
    let printed_on = row.date("TGL_CETAK")?;

    check_nik_matches(&nik, sex, birth_date)?;
    // Compared with the print date rather than the clock, which this crate does not read.
    if birth_date > printed_on {
        return Err(RowError::new(
            "TGL_LHR",
            "tanggal lahir sesudah tanggal cetak",
        ));
    }

    Ok(PrintedDocument {
        nik,
        no_kk,
        name,
        sex,
        birth_place,
        birth_date,
        address,
        phone,
        document_type,
        printed_on,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::document) const GOOD: &str =
        include_str!("../../../../data/samples/prr_tanggamus_500.csv");
    const BAD: &str = include_str!("../../../../data/samples/prr_tanggamus_bad.csv");

    /// Parses a whole sample file, returning each row's NO with its result.
    pub(in crate::document) fn parse_file(
        text: &str,
    ) -> Vec<(String, Result<PrintedDocument, RowError>)> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        check_headers(&headers).unwrap();
        reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                let fields: Vec<&str> = record.iter().collect();
                (
                    fields[0].to_string(),
                    parse_siak_record(&headers, &fields, Registry::tanggamus()),
                )
            })
            .collect()
    }

    #[test]
    fn all_500_good_rows_parse() {
        let rows = parse_file(GOOD);
        assert_eq!(rows.len(), 500);
        for (no, result) in &rows {
            assert!(result.is_ok(), "row {no}: {}", result.as_ref().unwrap_err());
        }
        let first = rows[0].1.as_ref().unwrap();
        assert_eq!(first.address.desa_name, "Penanggungan");
        assert_eq!(first.document_type, DocumentType::Kk);
        assert_eq!(first.phone.as_ref().unwrap().as_str(), "6285295721875");
        assert_eq!(first.dedup_key(), "1806014607487861|KK|2026-11-18");
        assert!(rows[1].1.as_ref().unwrap().phone.is_none());
    }

    #[test]
    fn bad_file_rejects_exactly_the_seven_malformed_rows() {
        let rejected: Vec<(String, &'static str)> = parse_file(BAD)
            .into_iter()
            .filter_map(|(no, result)| result.err().map(|e| (no, e.column)))
            .collect();
        let expected = [
            ("3", "NO_RT"),
            ("7", "NAMA_LGKP"),
            ("9", "TGL_CETAK"),
            ("20", "NIK"),
            ("26", "NO_KEL"),
            ("29", "NIK"),
            ("30", "NIK"),
        ];
        let expected: Vec<(String, &str)> = expected
            .iter()
            .map(|(no, c)| (no.to_string(), *c))
            .collect();
        assert_eq!(rejected, expected);
    }

    #[test]
    fn row_errors_read_well() {
        let rows = parse_file(BAD);
        let message = |no: &str| {
            rows.iter()
                .find(|(n, _)| n == no)
                .unwrap()
                .1
                .as_ref()
                .unwrap_err()
                .to_string()
        };
        assert_eq!(message("29"), "kolom NIK: NIK harus 16 digit, ditemukan 15");
        assert_eq!(
            message("3"),
            "kolom NO_RT: RT harus angka 1–999, ditemukan '0A1'"
        );
        assert_eq!(
            message("26"),
            "kolom NO_KEL: kode wilayah 18.06.12.9999 tidak terdaftar"
        );
    }

    fn sample_row() -> (Vec<&'static str>, Vec<String>) {
        let mut lines = GOOD.lines();
        let headers = lines.next().unwrap().split(',').collect();
        let record = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect();
        (headers, record)
    }

    fn parse_with(column: &str, value: &str) -> Result<PrintedDocument, RowError> {
        let (headers, mut record) = sample_row();
        let index = headers.iter().position(|h| *h == column).unwrap();
        record[index] = value.to_string();
        let record: Vec<&str> = record.iter().map(String::as_str).collect();
        parse_siak_record(&headers, &record, Registry::tanggamus())
    }

    /// Issue 13.7: an imported name with ESC/NUL/BEL was stored and later printed raw.
    #[test]
    fn a_control_character_in_any_column_refuses_the_row() {
        for (column, value) in [
            ("NAMA_LGKP", "BUDI\u{1b}]0;judul\u{7}"),
            ("ALAMAT", "JL. MAWAR\u{0}"),
            ("TMPT_LHR", "KOTA\u{7}AGUNG"),
        ] {
            let error = parse_with(column, value).unwrap_err();
            assert_eq!(error.column, column);
            assert!(error.reason.contains("karakter kontrol U+00"), "{error}");
        }
    }

    #[test]
    fn cross_checks_with_the_nik() {
        // Sample row 1 is a woman born 06-07-1948, printed 18-11-2026.
        assert_eq!(
            parse_with("JENIS_KLMIN", "L").unwrap_err().column,
            "JENIS_KLMIN"
        );
        assert_eq!(
            parse_with("TGL_LHR", "07-07-1948").unwrap_err().column,
            "TGL_LHR"
        );
        assert_eq!(
            parse_with("TGL_LHR", "06-07-2048").unwrap_err().column,
            "TGL_LHR"
        );
        assert_eq!(
            parse_with("TGL_CETAK", "01-01-1947").unwrap_err().column,
            "TGL_LHR"
        );
        assert!(parse_with("TGL_LHR", "6/7/1948").is_ok());
    }

    #[test]
    fn optional_fields_and_other_columns() {
        assert!(parse_with("NO_HP", "").unwrap().phone.is_none());
        assert!(parse_with("NO_KK", " ").unwrap().no_kk.is_none());
        assert_eq!(
            parse_with("NO_HP", "0721123456").unwrap_err().column,
            "NO_HP"
        );
        assert_eq!(
            parse_with("NO_KK", "1806010000000000").unwrap_err().column,
            "NO_KK"
        );
        assert_eq!(
            parse_with("JENIS_DOKUMEN", "PASPOR").unwrap_err().column,
            "JENIS_DOKUMEN"
        );
        assert_eq!(
            parse_with("NAMA_KEL", "SUKAMARA").unwrap_err().column,
            "NAMA_KEL"
        );
        assert_eq!(
            parse_with("NAMA_KEC", "BULOK").unwrap_err().column,
            "NAMA_KEC"
        );
        assert!(
            parse_with("NO_KEC", "1").is_ok(),
            "padded to 01 as SIAK would"
        );
        assert_eq!(parse_with("NO_KEL", "219").unwrap_err().column, "NO_KEL");
        assert_eq!(parse_with("ALAMAT", "").unwrap_err().column, "ALAMAT");
        assert_eq!(parse_with("NO_RW", "0").unwrap_err().column, "NO_RW");
    }

    #[test]
    fn headers_are_tolerant_and_complete() {
        let (mut headers, _) = sample_row();
        headers[0] = "\u{feff}no";
        headers[1] = " nik ";
        assert_eq!(check_headers(&headers), Ok(()));
        let without: Vec<&str> = headers
            .iter()
            .copied()
            .filter(|h| !["NO_KK", "TGL_CETAK", "\u{feff}no"].contains(h))
            .collect();
        let error = check_headers(&without).unwrap_err();
        assert_eq!(error.missing, vec!["NO_KK", "TGL_CETAK"]);
        assert_eq!(error.to_string(), "kolom wajib tidak ada: NO_KK, TGL_CETAK");
        headers[2] = "NO_KK_LAMA";
        let (_, record) = sample_row();
        let record: Vec<&str> = record.iter().map(String::as_str).collect();
        let missing = parse_siak_record(&headers, &record, Registry::tanggamus()).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "kolom NO_KK: kolom tidak ada di header"
        );
    }
}

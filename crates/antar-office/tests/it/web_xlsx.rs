//! Lists to work from as .xlsx (issue 18.7): the follow-up list (all, running, overdue) and a
//! BA's lines, downloaded by an operator and read back — headings, rows, names, masked NIKs,
//! the overdue mark, real dates, phones as 0812-9876-5432 — with names and addresses that
//! look like formulas stored as text; reviewers and viewers refused; every download audited.

use std::io::{Cursor, Read};

use antar_device::Device;
use antar_domain::attempt::{FailureReason, Outcome};
use antar_office::Role;
use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate, Utc};
use common::web::Browser;
use common::{SAMPLE_500, TestServer};

use crate::common;
use crate::web_flow::attempt;

const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example/\",\"klik\")";
const AT_SUM: &str = "@SUM(1+1)";
const PLUS_NAME: &str = "+62 WARGA";
const MINUS_ADDRESS: &str = "-2+3 JL. PASAR";

/// The sample with the first four Kota Agung rows' names (and the fourth's address) replaced
/// by texts a spreadsheet would take for formulas, as a SIAK export could carry them.
fn sample_with_formulas() -> Vec<u8> {
    let text = std::fs::read_to_string(SAMPLE_500).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (name, address, kec) = (col("NAMA_LGKP"), col("ALAMAT"), col("NO_KEC"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    let mut changed = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let mut fields: Vec<String> = record.iter().map(str::to_owned).collect();
        if fields[kec] == "01" && changed < 4 {
            match changed {
                0 => fields[name] = HYPERLINK.to_owned(),
                1 => fields[name] = AT_SUM.to_owned(),
                2 => fields[name] = PLUS_NAME.to_owned(),
                _ => fields[address] = MINUS_ADDRESS.to_owned(),
            }
            changed += 1;
        }
        out.write_record(&fields).unwrap();
    }
    assert_eq!(changed, 4);
    out.into_inner().unwrap()
}

/// The rows of the workbook's one sheet `sheet`, each cell as calamine reads it.
fn sheet(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(book.sheet_names(), vec![sheet.to_owned()]);
    let formulas = book.worksheet_formula(sheet).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell holds a formula"
    );
    let range = book.worksheet_range(sheet).unwrap();
    // calamine's range starts at the first used cell: the title at A1.
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(cell: &Data) -> &str {
    match cell {
        Data::String(s) => s,
        Data::Empty => "",
        other => panic!("not text: {other:?}"),
    }
}

/// The date in a cell Excel reads as a date.
fn date(cell: &Data) -> NaiveDate {
    let Data::DateTime(dt) = cell else {
        panic!("not a date: {cell:?}")
    };
    assert!(!dt.is_duration());
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    epoch + Duration::days(dt.as_f64() as i64)
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// One file of the .xlsx (a zip), found through its central directory.
fn unzip(bytes: &[u8], wanted: &str) -> String {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let u32_at = |at: usize| {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    };
    let end = (0..bytes.len() - 21)
        .rev()
        .find(|&at| bytes[at..at + 4] == [0x50, 0x4b, 0x05, 0x06])
        .expect("end of central directory");
    let (entries, mut at) = (u16_at(end + 10), u32_at(end + 16));
    for _ in 0..entries {
        assert_eq!(bytes[at..at + 4], [0x50, 0x4b, 0x01, 0x02]);
        let (method, size) = (u16_at(at + 10), u32_at(at + 20));
        let (name_len, extra_len, comment_len) =
            (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32));
        let local = u32_at(at + 42);
        let name = std::str::from_utf8(&bytes[at + 46..at + 46 + name_len]).unwrap();
        if name == wanted {
            let data = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            let raw = &bytes[data..data + size];
            let mut out = String::new();
            match method {
                0 => out.push_str(std::str::from_utf8(raw).unwrap()),
                8 => {
                    flate2::read::DeflateDecoder::new(raw)
                        .read_to_string(&mut out)
                        .unwrap();
                }
                other => panic!("zip method {other}"),
            }
            return out;
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    panic!("{wanted} not in the workbook")
}

/// The XML element of cell `reference` (e.g. `A6`) in the sheet.
fn cell_xml<'a>(sheet: &'a str, reference: &str) -> &'a str {
    let at = sheet
        .find(&format!("<c r=\"{reference}\""))
        .unwrap_or_else(|| panic!("no cell {reference}"));
    let rest = &sheet[at..];
    let end = rest
        .find("</c>")
        .map_or_else(|| rest.find("/>").unwrap() + 2, |e| e + 4);
    &rest[..end]
}

/// Whether cell `reference` is a string (shared or inline, never a formula) whose style has
/// Excel's quote prefix, so that editing it keeps it text.
fn is_quoted_text(bytes: &[u8], reference: &str) -> bool {
    let sheet_xml = unzip(bytes, "xl/worksheets/sheet1.xml");
    assert!(
        !sheet_xml.contains("<f>") && !sheet_xml.contains("<f "),
        "no formula"
    );
    let cell = cell_xml(&sheet_xml, reference).to_owned();
    assert!(
        cell.contains("t=\"s\"") || cell.contains("t=\"inlineStr\""),
        "{reference} is a string: {cell}"
    );
    let Some(style) = cell
        .split("s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse::<usize>().ok())
    else {
        return false;
    };
    let styles = unzip(bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    xf.split('>').next().unwrap().contains("quotePrefix=\"1\"")
}

/// Row `n` of the sheet (0-based) as Excel names it.
fn excel_row(n: usize) -> usize {
    n + 1
}

fn has_sixteen_digits(text: &str) -> bool {
    let mut run = 0;
    text.chars().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 16
    })
}

struct Setup {
    server: TestServer,
    operator: Browser,
    admin: Browser,
    manifest: String,
    device: Device,
    _device_dir: tempfile::TempDir,
}

/// The sample (with its formula-like names) imported through the web, a BA for Kota Agung,
/// the courier's phone failing at three documents, two of them returned by a BA Pengembalian
/// each, the first of those 20 days ago (so overdue), the other today.
fn setup() -> Setup {
    let server = TestServer::start_on(tempfile::tempdir().unwrap());
    let operator = Browser::signed_in(&server, Role::Operator);
    let imported = operator.upload(
        "/impor",
        "prr.csv",
        &sample_with_formulas(),
        Some(&operator.csrf),
    );
    assert!(imported.page(200).contains("<span class=\"n\">500</span>"));
    let admin = Browser::signed_in(&server, Role::Admin);
    let code = admin.add_courier("Budi Kurir", "0812 3456 7890");
    let courier = server.office().couriers().unwrap()[0].id;
    let issued = operator.issue_ba(&courier.to_string(), "18.06.01", "2026-11-26");
    assert_eq!(issued.status, 303, "{}", issued.text());
    let manifest = issued.location().trim_start_matches("/ba/").to_owned();
    let device_dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(device_dir.path()).unwrap();
    device.enroll(&server.url, &code, "HP Budi").unwrap();
    device.pull().unwrap();
    Setup {
        server,
        operator,
        admin,
        manifest,
        device,
        _device_dir: device_dir,
    }
}

/// The BA line of the document named `name`.
fn line_of(s: &Setup, name: &str) -> u32 {
    let manifest = s
        .server
        .office()
        .manifest(s.manifest.parse().unwrap())
        .unwrap()
        .unwrap();
    manifest
        .items
        .iter()
        .find(|i| i.owner_name == name)
        .unwrap()
        .line
}

/// Returns the document on `line` by a BA Pengembalian of its own.
fn return_line(s: &Setup, line: u32) {
    let manifest = s
        .server
        .office()
        .manifest(s.manifest.parse().unwrap())
        .unwrap()
        .unwrap();
    let item = manifest.items.iter().find(|i| i.line == line).unwrap().id;
    let returned = s.operator.post(
        &format!("/ba/{}/kembali", s.manifest),
        &[("item", &item.to_string()), ("petugas", "Kasi")],
    );
    assert_eq!(returned.status, 303, "{}", returned.text());
}

#[test]
fn the_follow_up_list_downloads_all_running_or_overdue_with_the_overdue_marked() {
    let mut s = setup();
    let not_home = Outcome::Failed {
        reason: FailureReason::NotAtHome,
    };
    let (overdue_line, today_line, courier_line) = (
        line_of(&s, HYPERLINK),
        line_of(&s, AT_SUM),
        line_of(&s, PLUS_NAME),
    );
    for line in [overdue_line, today_line, courier_line] {
        attempt(&mut s.device, line as usize, not_home.clone(), false);
    }
    s.device.sync().unwrap();
    return_line(&s, overdue_line);
    return_line(&s, today_line);
    // The first return was made 20 days ago: its 14 days are past.
    let twenty_days_ago = Utc::now() - Duration::days(20);
    let db = rusqlite::Connection::open(s.server.data_dir().join("office.sqlite")).unwrap();
    let overdue_item = s
        .server
        .office()
        .manifest(s.manifest.parse().unwrap())
        .unwrap()
        .unwrap()
        .items[overdue_line as usize - 1]
        .id;
    let moved = db
        .execute(
            "UPDATE return_manifests SET created_at = ?1
             WHERE id = (SELECT return_id FROM return_items WHERE item_id = ?2)",
            [twenty_days_ago.to_rfc3339(), overdue_item.to_string()],
        )
        .unwrap();
    assert_eq!(moved, 1);
    let today = antar_domain::sop::local_day(Utc::now());
    let returned_on = antar_domain::sop::local_day(twenty_days_ago);

    let page = s.operator.get("/tindak-lanjut").page(200);
    for href in [
        "/tindak-lanjut.xlsx\"",
        "/tindak-lanjut.xlsx?daftar=berjalan\"",
        "/tindak-lanjut.xlsx?daftar=terlambat\"",
    ] {
        assert!(page.contains(href), "{href} linked: {page}");
    }
    // The words the page uses, for the same cells.
    let returned_word = {
        let needle = "class=\"state state-returned\">";
        let at = page.find(needle).unwrap() + needle.len();
        page[at..at + page[at..].find('<').unwrap()].to_owned()
    };

    let reply = s.operator.get("/tindak-lanjut.xlsx");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-type").unwrap(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        reply.header("cache-control").unwrap(),
        "no-store",
        "names are not cached"
    );
    assert!(
        reply
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment; filename=\"tindak-lanjut-"),
    );
    let rows = sheet(&reply.body, "Tindak lanjut");
    assert!(text(&rows[0][0]).starts_with("Daftar tindak lanjut dokumen"));
    assert!(
        text(&rows[1][0]).contains("3 dokumen, 1 lewat 14 hari"),
        "{:?}",
        rows[1]
    );
    let headings: Vec<&str> = rows[3].iter().map(text).collect();
    assert_eq!(
        headings,
        [
            "Nama",
            "NIK",
            "Jenis dokumen",
            "Desa/Kelurahan",
            "Kecamatan",
            "Status",
            "Alasan gagal",
            "Telepon pemilik",
            "Tanggal cetak",
            "Disimpan sejak",
            "Hari",
            "Batas 14 hari",
            "Lewat batas",
            "Kontak terakhir",
        ]
    );
    let body = &rows[4..];
    assert_eq!(body.len(), 3);
    // The waiting longest first, the one a courier still has last, as on the page.
    let names: Vec<&str> = body.iter().map(|r| text(&r[0])).collect();
    assert_eq!(names, [HYPERLINK, AT_SUM, PLUS_NAME]);
    let overdue = &body[0];
    assert!(text(&overdue[1]).contains("******"), "NIK masked");
    assert_eq!(text(&overdue[4]), "Kota Agung");
    assert_eq!(text(&overdue[5]), returned_word);
    assert_eq!(text(&overdue[6]), "Tidak ada di rumah");
    assert_eq!(date(&overdue[9]), returned_on);
    assert_eq!(number(&overdue[10]), 20.0);
    assert_eq!(date(&overdue[11]), returned_on + Duration::days(14));
    assert_eq!(text(&overdue[12]), "LEWAT");
    assert_eq!(text(&overdue[13]), "Belum dihubungi (0×)");
    let waiting = &body[1];
    assert_eq!(date(&waiting[9]), today);
    assert_eq!(number(&waiting[10]), 0.0);
    assert_eq!(text(&waiting[12]), "", "not overdue");
    let with_courier = &body[2];
    assert_eq!(text(&with_courier[9]), "Masih di kurir");
    assert_eq!(with_courier[11], Data::Empty, "no due date");
    for row in body {
        assert!(matches!(row[8], Data::DateTime(_)), "printed on is a date");
        let phone = text(&row[7]);
        if !phone.is_empty() {
            let groups: Vec<&str> = phone.split('-').collect();
            assert!(phone.starts_with("08") && groups.len() == 3, "{phone}");
            assert!(groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())));
            assert_eq!(groups[0].len(), 4, "{phone}");
        }
        assert!(
            row.iter().all(|c| !has_sixteen_digits(&c.to_string())),
            "no whole NIK"
        );
    }
    assert!(
        body.iter().any(|r| !text(&r[7]).is_empty()),
        "a phone among them"
    );
    // Formula-like names are strings with Excel's quote prefix; a plain one has no prefix.
    for n in 4..7 {
        assert!(
            is_quoted_text(&reply.body, &format!("A{}", excel_row(n))),
            "row {n}"
        );
    }
    assert!(!is_quoted_text(&reply.body, &format!("E{}", excel_row(4))));

    let running = s.operator.get("/tindak-lanjut.xlsx?daftar=berjalan");
    assert_eq!(running.status, 200);
    let rows = sheet(&running.body, "Tindak lanjut");
    let names: Vec<&str> = rows[4..].iter().map(|r| text(&r[0])).collect();
    assert_eq!(
        names,
        [HYPERLINK, AT_SUM],
        "a courier's failed one has no clock"
    );
    let late = s.operator.get("/tindak-lanjut.xlsx?daftar=terlambat");
    assert_eq!(late.status, 200);
    assert!(
        late.header("content-disposition")
            .unwrap()
            .contains("tindak-lanjut-terlambat-")
    );
    let rows = sheet(&late.body, "Tindak lanjut");
    let names: Vec<&str> = rows[4..].iter().map(|r| text(&r[0])).collect();
    assert_eq!(names, [HYPERLINK]);
    assert_eq!(
        s.operator.get("/tindak-lanjut.xlsx?daftar=lain").status,
        400
    );

    // A list of names for those who act on it only.
    let signed_out = Browser::new(&s.server).get("/tindak-lanjut.xlsx");
    assert_eq!(signed_out.status, 303, "to the sign-in");
    assert!(signed_out.location().starts_with("/masuk"));
    for role in [Role::Reviewer, Role::Viewer] {
        let other = Browser::signed_in(&s.server, role);
        assert_eq!(other.get("/tindak-lanjut.xlsx").status, 403, "{role:?}");
    }

    // Each download is in the audit log by its list and count, without names.
    let audit = s.admin.get("/audit").page(200);
    for detail in [
        "tindak_lanjut daftar=semua baris=3",
        "tindak_lanjut daftar=berjalan baris=2",
        "tindak_lanjut daftar=terlambat baris=1",
    ] {
        assert!(audit.contains(detail), "{detail}: {audit}");
    }
    assert!(audit.contains("laporan_unduh"));
    assert!(
        !audit.contains("SUM(1+1)") && !audit.contains("WARGA"),
        "no names"
    );
    s.server.stop();
}

/// A BA's lines as the page lists them, with the address and phone the courier goes by.
#[test]
fn a_bas_lines_download_with_masked_niks_and_formula_like_texts_as_text() {
    let mut s = setup();
    let failed_line = line_of(&s, HYPERLINK);
    let not_home = Outcome::Failed {
        reason: FailureReason::NotAtHome,
    };
    attempt(&mut s.device, failed_line as usize, not_home, false);
    s.device.sync().unwrap();
    let ba = s.operator.get(&format!("/ba/{}", s.manifest)).page(200);
    let failed_word = {
        let needle = "class=\"state state-failed\">";
        let at = ba.find(needle).unwrap() + needle.len();
        ba[at..at + ba[at..].find('<').unwrap()].to_owned()
    };
    assert!(
        ba.contains(&format!("/ba/{}/baris.xlsx", s.manifest)),
        "linked"
    );
    let reply = s.operator.get(&format!("/ba/{}/baris.xlsx", s.manifest));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-disposition").unwrap(),
        "attachment; filename=\"470-0001-BA-PENG-DUKCAPIL-XI-2026.xlsx\""
    );
    let manifest = s
        .server
        .office()
        .manifest(s.manifest.parse().unwrap())
        .unwrap()
        .unwrap();
    let rows = sheet(&reply.body, "Baris BA");
    assert_eq!(
        text(&rows[0][0]),
        "Daftar dokumen BA Pengiriman 470/0001/BA-PENG/DUKCAPIL/XI/2026"
    );
    assert!(
        text(&rows[1][0]).contains("kurir Budi Kurir"),
        "{:?}",
        rows[1]
    );
    let headings: Vec<&str> = rows[3].iter().map(text).collect();
    assert_eq!(
        headings,
        [
            "Baris",
            "Nama",
            "NIK",
            "Jenis dokumen",
            "Alamat",
            "RT",
            "RW",
            "Desa/Kelurahan",
            "Kecamatan",
            "Telepon pemilik",
            "Tanggal cetak",
            "Status",
        ]
    );
    let body = &rows[4..];
    assert_eq!(body.len(), manifest.items.len());
    for (row, item) in body.iter().zip(&manifest.items) {
        assert_eq!(number(&row[0]), f64::from(item.line));
        assert_eq!(text(&row[1]), item.owner_name);
        assert_eq!(text(&row[2]), item.nik.masked());
        assert_eq!(text(&row[4]), item.address.alamat);
        assert_eq!(
            text(&row[9]),
            item.phone.as_ref().map(|p| p.grouped()).unwrap_or_default()
        );
        assert_eq!(date(&row[10]), item.printed_on);
        assert!(
            row.iter().all(|c| !has_sixteen_digits(&c.to_string())),
            "no whole NIK"
        );
    }
    let failed = &body[failed_line as usize - 1];
    assert_eq!(text(&failed[1]), HYPERLINK);
    assert_eq!(text(&failed[11]), failed_word);
    assert_eq!(
        body.iter().filter(|r| text(&r[11]) == failed_word).count(),
        1,
        "the others are not failed"
    );
    let minus = body
        .iter()
        .position(|r| text(&r[4]) == MINUS_ADDRESS)
        .unwrap();
    assert!(is_quoted_text(
        &reply.body,
        &format!("E{}", excel_row(minus + 4))
    ));
    let hyperlink = failed_line as usize - 1;
    assert!(is_quoted_text(
        &reply.body,
        &format!("B{}", excel_row(hyperlink + 4))
    ));

    let path = format!("/ba/{}/baris.xlsx", s.manifest);
    assert_eq!(
        Browser::new(&s.server).get(&path).status,
        303,
        "to the sign-in"
    );
    assert_eq!(s.operator.get("/ba/bukan-id/baris.xlsx").status, 404);
    for role in [Role::Reviewer, Role::Viewer] {
        let other = Browser::signed_in(&s.server, role);
        assert_eq!(other.get(&path).status, 403, "{role:?}");
    }
    let audit = s.admin.get("/audit").page(200);
    let (object, detail) = (
        format!("Mengunduh laporan Excel BA {}<", manifest.number),
        format!(">baris_ba baris={}<", manifest.items.len()),
    );
    assert!(
        audit
            .split("<tr")
            .any(|row| row.contains("title=\"laporan_unduh\"")
                && row.contains(&object)
                && row.contains(&detail)),
        "the download audited by the BA's id and its count: {audit}"
    );
    assert!(!audit.contains("HYPERLINK"), "no names");
    s.server.stop();
}

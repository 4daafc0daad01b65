//! A minimal .xlsx in an uncompressed zip, for the damage property: in a real (deflated)
//! workbook almost every damaged byte only breaks the compression, so the sheet's XML and
//! cells would never see damage.

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A sheet's XML holding `rows` (the first is the header): cells that look like whole
/// numbers are number cells, as Excel makes them; the rest inline text.
pub(super) fn sheet_xml(rows: &[Vec<String>]) -> String {
    let mut sheet = format!(r#"<worksheet xmlns="{MAIN}"><sheetData>"#);
    for (r, row) in (1..).zip(rows) {
        sheet.push_str(&format!(r#"<row r="{r}">"#));
        for (c, value) in (b'A'..).zip(row) {
            let at = format!("{}{r}", char::from(c));
            let number = !value.is_empty()
                && value.len() < 16
                && value.bytes().all(|b| b.is_ascii_digit())
                && !value.starts_with('0');
            sheet.push_str(&if number {
                format!(r#"<c r="{at}"><v>{value}</v></c>"#)
            } else {
                format!(r#"<c r="{at}" t="inlineStr"><is><t>{value}</t></is></c>"#)
            });
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    sheet
}

/// A workbook whose one sheet is `sheet` (XML).
pub(super) fn stored_xlsx(sheet: String) -> Vec<u8> {
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const TYPES: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    stored_zip(&parts)
}

/// A zip archive whose entries are stored, not compressed.
fn stored_zip(parts: &[(&str, String)]) -> Vec<u8> {
    let u16le = |n: usize| u16::try_from(n).expect("small").to_le_bytes();
    let u32le = |n: usize| u32::try_from(n).expect("small").to_le_bytes();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in parts {
        let (name, data) = (name.as_bytes(), data.as_bytes());
        // Version 2.0, no flags, stored, 1980-01-01 00:00, CRC, sizes, name length, no extra.
        let fields = [
            &[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0][..],
            &crc32(data).to_le_bytes(),
            &u32le(data.len()),
            &u32le(data.len()),
            &u16le(name.len()),
            &[0, 0],
        ]
        .concat();
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        central.extend_from_slice(&fields);
        // No comment, disk 0, no attributes, then where the local header is.
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&u32le(out.len()));
        central.extend_from_slice(name);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&fields);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
    }
    let central_at = out.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&u16le(parts.len()));
    out.extend_from_slice(&u16le(parts.len()));
    out.extend_from_slice(&u32le(central.len()));
    out.extend_from_slice(&u32le(central_at));
    out.extend_from_slice(&[0, 0]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

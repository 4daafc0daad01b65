//! A citizen phones "where is my KTP?": staff find the document by its NIK (whole or the last
//! digits) or by name, sent by POST so the NIK never reaches a URL, and open its page with every
//! BA, attempt, proof and review; both are written to the audit log, without the NIK.

use antar_domain::attempt::Outcome;
use antar_domain::ids::ManifestId;
use common::web::{Browser, PASSWORD};

use crate::common;
use crate::web_flow::{attempt, field};

/// The document ids the page links to, in order.
pub(crate) fn document_links(page: &str) -> Vec<String> {
    page.match_indices("href=\"/dokumen/")
        .map(|(at, _)| {
            page[at + 15..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect()
        })
        .collect()
}

#[test]
fn a_document_is_found_by_nik_or_name_and_its_page_tells_its_whole_story() {
    let mut f = field();
    let manifest_id: ManifestId = f.manifest.parse().unwrap();
    let manifest = f.server.office().manifest(manifest_id).unwrap().unwrap();
    let item = &manifest.items[2];
    let nik = item.nik.whole().unwrap().as_str().to_owned();
    let name = item.owner_name.clone();
    attempt(&mut f.device, 3, Outcome::DeliveredToOwner, true);
    f.device.sync().unwrap();
    let list = f.reviewer.get("/bukti").page(200);
    let at = list.find("href=\"/bukti/").unwrap() + 13;
    let seq: String = list[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let accepted = f.reviewer.post(
        &format!("/bukti/{seq}"),
        &[("verdict", "accepted"), ("catatan", "")],
    );
    assert_eq!(accepted.status, 303, "{}", accepted.text());

    // The whole NIK, read out in groups: the browser goes to a URL without it.
    let spaced = format!("{} {} {}", &nik[..6], &nik[6..12], &nik[12..]);
    let sent = f.operator.post("/dokumen", &[("q", &spaced)]);
    assert_eq!(sent.status, 303, "{}", sent.text());
    let results_at = sent.location();
    assert_eq!(results_at, "/dokumen?cari=1");
    let found = f.operator.get(&results_at).page(200);
    assert!(found.contains(&name), "{found}");
    assert!(found.contains("1–1 dari 1 dokumen"), "{found}");
    let ids = document_links(&found);
    assert_eq!(ids.len(), 1);
    let document = ids[0].clone();

    // Its last digits, and part of the name in any case, find it too.
    let tail = f.operator.post("/dokumen", &[("q", &nik[10..])]);
    let by_tail = f.operator.get(&tail.location()).page(200);
    assert!(document_links(&by_tail).contains(&document), "{by_tail}");
    let first_name = name.split_whitespace().next().unwrap().to_lowercase();
    let by_name = f.operator.post("/dokumen", &[("q", &first_name)]);
    let by_name = f.operator.get(&by_name.location()).page(200);
    assert!(document_links(&by_name).contains(&document));
    // Filters keep the search while paging and narrowing, by plain links.
    let narrowed = f
        .operator
        .get("/dokumen?cari=1&status=delivered&kecamatan=18.06.01")
        .page(200);
    assert_eq!(document_links(&narrowed), vec![document.clone()]);

    // Too few digits: the error beside the field, the search kept in the box.
    let short = f.operator.post("/dokumen", &[("q", "861")]);
    let short = short.page(422);
    assert!(
        short.contains("paling sedikit 4 angka terakhir NIK"),
        "{short}"
    );
    assert!(short.contains("aria-invalid=\"true\""));
    assert!(short.contains("value=\"861\""));
    let mixed = f.operator.post("/dokumen", &[("q", "siti 4321")]).page(422);
    assert!(mixed.contains("tidak keduanya"));

    // A search belongs to its session: another staff member's browser does not see it.
    let mut other = Browser::new(&f.server);
    assert_eq!(other.sign_in("uji-admin", PASSWORD).status, 303);
    let theirs = other.get("/dokumen?cari=1").page(200);
    assert!(!theirs.contains("Hasil pencarian"));

    // By BA and by courier, as links from other pages send them.
    let ba_page = f.operator.get(&format!("/ba/{}", f.manifest)).page(200);
    assert!(
        ba_page.contains("href=\"/dokumen?ba=470/"),
        "the BA links to its documents"
    );
    let on_ba = f
        .operator
        .get(&format!("/dokumen?ba={}", manifest.number))
        .page(200);
    assert!(
        on_ba.contains(&format!("dari {} dokumen", manifest.items.len())),
        "{on_ba}"
    );
    let courier = f.server.office().couriers().unwrap()[0].id;
    let delivered = f
        .operator
        .get(&format!("/dokumen?kurir={courier}&status=delivered"))
        .page(200);
    assert_eq!(document_links(&delivered), vec![document.clone()]);
    // An error keeps the way back to where the user was: the page they came from, else the
    // page the form was sent to, never another site.
    let from = format!("/ba/{}", f.manifest);
    let unknown = f
        .operator
        .get_from("/dokumen?ba=470/9999/X", &from)
        .page(400);
    assert!(unknown.contains("Tidak ada BA bernomor"));
    assert!(
        unknown.contains(&format!("href=\"{from}\">Kembali ke halaman tadi")),
        "{unknown}"
    );
    let elsewhere = f.operator.get("/dokumen?ba=470/9999/X").page(400);
    assert!(!elsewhere.contains("Kembali ke halaman tadi"));
    let posted = f.operator.post("/kontak", &[("desa", "bukan-kode")]);
    assert!(posted.status >= 400, "{}", posted.text());
    assert!(
        posted
            .text()
            .contains("href=\"/kontak\">Kembali ke halaman tadi"),
        "{}",
        posted.text()
    );

    // The document's page: its row, its BA, the attempt with its proof and review, in WIB.
    let page = f.operator.get(&format!("/dokumen/{document}")).page(200);
    for expected in [
        name.as_str(),
        &item.nik.masked(),
        manifest.number.as_str(),
        "Budi Kurir",
        "Diterima pemilik",
        &format!("href=\"/bukti/{seq}\""),
        "Disetujui oleh Petugas reviewer",
        "Semua waktu dalam WIB",
        "Kota Agung",
        "Tidak pernah dikembalikan",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    assert!(!page.contains(&nik), "the page masks the NIK");
    assert_eq!(f.operator.get("/dokumen/999999").status, 404);
    assert_eq!(f.operator.get("/dokumen/abc").status, 404);

    // The audit log says who searched and who looked, never what NIK.
    let audit = other.get("/audit").page(200);
    assert!(
        audit.contains("Mencari dokumen menurut NIK lengkap"),
        "{audit}"
    );
    assert!(audit.contains("Mencari dokumen menurut angka terakhir NIK"));
    assert!(audit.contains(&format!("Membuka riwayat dokumen no. {document}")));
    // The reviewer's verdict, named by the BA's line rather than a code.
    assert!(audit.contains(&format!(
        "Menyetujui bukti no. {seq} (baris 3 BA {})",
        manifest.number
    )));
    assert!(
        !audit.contains(&nik[10..]),
        "no NIK digits in the audit log"
    );
    f.server.stop();
}

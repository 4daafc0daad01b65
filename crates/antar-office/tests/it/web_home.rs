//! The home page shows each role what needs attention today, as counts linking to the lists
//! where the work is done: proofs to review, follow-ups running and overdue (the 14-day clock),
//! BAs the courier has not counted, documents past the 5-day standard. The follow-up list
//! names the failure and the owner's phone.

use antar_domain::attempt::{FailureReason, Outcome};
use antar_office::Role;
use common::web::Browser;

use crate::common;
use crate::web_flow::{attempt, field};

/// The number on the attention card that links to `href`, if the page has one.
fn card(page: &str, href: &str) -> Option<u64> {
    let at = page.find(&format!("href=\"{href}\"><span class=\"n\">"))?;
    let rest = &page[at..];
    let start = rest.find("class=\"n\">")? + 10;
    rest[start..start + rest[start..].find('<')?].parse().ok()
}

#[test]
fn each_role_sees_the_counts_it_acts_on_and_they_lead_to_the_lists() {
    let mut f = field();
    let not_home = Outcome::Failed {
        reason: FailureReason::NotAtHome,
    };
    attempt(&mut f.device, 1, not_home.clone(), false);
    attempt(&mut f.device, 2, not_home, false);
    f.device.sync().unwrap();

    // The phone told the office after its sync what it still held: nothing.
    let admin_page = {
        let mut admin = Browser::new(&f.server);
        assert_eq!(
            admin.sign_in("uji-admin", common::web::PASSWORD).status,
            303
        );
        admin.get("/kurir").page(200)
    };
    assert!(admin_page.contains("Semua sudah terkirim"), "{admin_page}");
    assert!(admin_page.contains("dilaporkan HP"));
    assert!(
        !admin_page.contains("Belum pernah"),
        "the phone's last contact is known"
    );

    let reviewer = f.reviewer.get("/").page(200);
    assert_eq!(
        card(&reviewer, "/bukti?urutan=temuan"),
        Some(2),
        "{reviewer}"
    );
    assert_eq!(
        card(&reviewer, "/tindak-lanjut"),
        None,
        "not the reviewer's work"
    );
    // Every sample document was printed in November: none delivered, all past 5 days.
    assert_eq!(card(&reviewer, "/standar"), Some(500));

    // The courier still has the failed ones: no follow-up clock runs yet.
    let home = f.operator.get("/").page(200);
    assert_eq!(card(&home, "/tindak-lanjut"), Some(0), "{home}");
    assert_eq!(card(&home, "/bukti?urutan=temuan"), None);
    let not_counted = card(&home, "/ba").unwrap();
    // Back at the office by a BA Pengembalian: the clock runs from today.
    let form = f
        .operator
        .get(&format!("/ba/{}/kembali", f.manifest))
        .page(200);
    let items: Vec<String> = form
        .match_indices("name=\"item\" value=\"")
        .map(|(at, _)| form[at + 19..at + 55].to_owned())
        .collect();
    assert_eq!(items.len(), 2);
    let returned = f.operator.post(
        &format!("/ba/{}/kembali", f.manifest),
        &[
            ("item", &items[0]),
            ("item", &items[1]),
            ("petugas", "Kasi"),
        ],
    );
    assert_eq!(returned.status, 303, "{}", returned.text());
    let home = f.operator.get("/").page(200);
    assert_eq!(card(&home, "/tindak-lanjut"), Some(2));
    assert!(
        home.contains("0 lewat 14 hari"),
        "returned today: none overdue"
    );
    assert_eq!(card(&home, "/ba"), Some(not_counted));

    // The follow-up list says why each failed and how to reach the owner.
    let list = f.operator.get("/tindak-lanjut").page(200);
    assert!(list.contains("Tidak ada di rumah"), "{list}");
    assert!(list.contains("href=\"tel:+62"), "the owner's phone");
    assert!(has_grouped_phone(&list), "phones read 0812-3456-789…");

    // A message ready for the aparat pekon of the document's desa, in WhatsApp.
    let at = list.find("href=\"/tindak-lanjut/").unwrap() + 21;
    let doc: String = list[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let detail = f.operator.get(&format!("/tindak-lanjut/{doc}")).page(200);
    let at = detail.find("/kontak?desa=").unwrap() + 13;
    let desa: String = detail[at..].chars().take_while(|c| *c != '"').collect();
    let added = f.operator.post(
        "/kontak",
        &[
            ("desa", &desa),
            ("nama", "Pak Sekdes"),
            ("jabatan", "Sekretaris Pekon"),
            ("hp", "0812 9876 5432"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.text());
    let detail = f.operator.get(&format!("/tindak-lanjut/{doc}")).page(200);
    assert!(detail.contains("href=\"https://wa.me/6281298765432?text=Yth.%20Pak%20Sekdes%2C%20kami%20dari%20Disdukcapil"), "{detail}");
    assert!(
        detail.contains("dapat%20diambil%20di%20kantor%20Disdukcapil"),
        "returned: at the office"
    );
    assert!(detail.contains("0812-9876-5432"));

    // A viewer reads aggregates only.
    let viewer = Browser::signed_in(&f.server, Role::Viewer)
        .get("/")
        .page(200);
    // Returned is not delivered: still late.
    assert_eq!(card(&viewer, "/standar"), Some(500));
    assert_eq!(card(&viewer, "/ba"), None);
    f.server.stop();
}

/// Whether the text shows a phone as 08xx-xxxx-x… (four digits, a dash, four, a dash).
fn has_grouped_phone(text: &str) -> bool {
    text.match_indices(">08").any(|(at, _)| {
        let s: Vec<char> = text[at + 1..].chars().take(10).collect();
        let digits = |range: std::ops::Range<usize>| s[range].iter().all(char::is_ascii_digit);
        s.len() == 10 && digits(0..4) && s[4] == '-' && digits(5..9) && s[9] == '-'
    })
}

/// A new enrollment code comes with a QR code of the office's address and the code: the link
/// it carries enrolls a real phone.
#[test]
fn a_new_code_comes_with_a_qr_code_whose_link_enrolls_a_phone() {
    use antar_domain::enroll_link::EnrollLink;

    let server = common::TestServer::start_on(tempfile::tempdir().unwrap());
    let admin = Browser::signed_in(&server, Role::Admin);
    let page = admin
        .post(
            "/kurir",
            &[("nama", "Sari Kurir"), ("hp", "0813 1111 2222")],
        )
        .page(200);
    assert!(page.contains("<svg"), "the QR code");
    let at = page.find("antar://daftar?").unwrap();
    let link: String = page[at..].chars().take_while(|c| *c != '<').collect();
    let link = EnrollLink::parse(&link.replace("&#38;", "&")).unwrap_or_else(|| panic!("{link}"));
    assert_eq!(link.office_url, server.url);
    let code_at = page.find("class=\"code\">").unwrap() + 13;
    assert_eq!(link.code, page[code_at..code_at + link.code.len()]);
    let dir = tempfile::tempdir().unwrap();
    let mut phone = antar_device::Device::open(dir.path()).unwrap();
    phone
        .enroll(&link.office_url, &link.code, "HP Sari")
        .unwrap();
    server.stop();
}

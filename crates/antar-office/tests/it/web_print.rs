//! The printed BA as paper: a BA of 49 documents issued through the form in headless Chromium,
//! its print page printed to PDF through WebDriver's Print Page, and the PDF's pages read back
//! with poppler's `pdftotext` (Debian's `poppler-utils`). Every page names the BA and says
//! `hal. N dari M`; the signatures end the last page after the closing sentence, never alone.
//! The BA is printed at scales from 100 % down to 70 % (4 pages down to 2), so its pages break
//! at other rows each time: without the print's keep-together rules, at 95 % the signatures
//! fell alone on the last page. The BA Pengembalian of two documents the courier's phone
//! (`antar_device::Device`) could not deliver prints with the same marks and closing.
//!
//! Needs Debian's `chromium`, `chromium-driver` and `poppler-utils`; without them the test
//! fails and says so.

use std::process::Command;

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::field_role::FieldRole;
use antar_office::{Office, Role};
use fantoccini::wd::PrintConfiguration;
use fantoccini::{Client, Locator};

use crate::web_browser::{
    PASSWORD, browser, repo, start_driver, submit_sign_in, text_of, wait_for, wait_path,
};

/// Documents on the BA: with the old layout, 49 put the signatures alone on page 4.
const DOCUMENTS: usize = 49;
const SIGNER_NIP: &str = "19850412 201001 2 003";

/// The sample's first `DOCUMENTS` rows in Wonosobo (18.06.03), as a SIAK export of their own,
/// and their NIKs as the BA prints them (masked; unlike a name, never wrapped in its cell).
fn wonosobo_export(dir: &std::path::Path) -> (std::path::PathBuf, Vec<String>) {
    let sample = std::fs::read_to_string(repo("data/samples/prr_tanggamus_500.csv")).unwrap();
    let mut lines = sample.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines
        .filter(|l| l.split(',').nth(12) == Some("03"))
        .take(DOCUMENTS)
        .collect();
    assert_eq!(
        rows.len(),
        DOCUMENTS,
        "the sample has enough rows in Wonosobo"
    );
    let niks = rows
        .iter()
        .map(|l| {
            let nik = l.split(',').nth(1).unwrap();
            format!("{}******{}", &nik[..6], &nik[12..])
        })
        .collect();
    let path = dir.join("wonosobo.csv");
    std::fs::write(&path, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    (path, niks)
}

/// The PDF's pages as text, in reading order (`pdftotext` ends each page with a form feed),
/// each page's whitespace runs made one space.
fn pdf_pages(pdf: &[u8], scale: f64) -> Vec<String> {
    // Kept beside the test build for a look after a failure.
    let path =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ba-49-{scale}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    // `-layout` keeps each table row on its line, so a header reads as one run of words.
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "poppler's pdftotext reads the printed BA: install the Debian package \
                 `poppler-utils` (apt-get install -y poppler-utils) ({e})"
            )
        });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // The text ends with the last page's form feed.
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// What every print of the BA must show, at any `scale`: see the module's note.
fn paper_holds_up(pages: &[String], number: &str, niks: &[String], scale: f64) {
    let all = pages.join("\n");
    let m = pages.len();
    // 49 rows do not fit one page: the breaks between pages are what this test is about.
    assert!(m >= 2, "at {scale}: {all}");
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(
            page.contains(&format!("hal. {n} dari {m}")),
            "at {scale}, page {n} says which of {m} it is:\n{page}"
        );
        assert!(
            page.contains(number),
            "at {scale}, page {n} names the BA:\n{page}"
        );
    }
    let first = &pages[0];
    for words in [
        "PEMERINTAH KABUPATEN TANGGAMUS",
        "Pada hari ini Sabtu, tanggal 5 Desember 2026, Dinas Kependudukan",
        "menyerahkan 49 dokumen",
    ] {
        assert!(
            first.contains(words),
            "at {scale}, {words:?} on page 1:\n{first}"
        );
    }
    for (line, nik) in niks.iter().enumerate() {
        assert_eq!(
            all.matches(nik.as_str()).count(),
            1,
            "at {scale}, line {} once:\n{all}",
            line + 1
        );
    }
    // The per-desa table has its header under its title.
    assert!(
        all.contains("Jumlah per desa/kelurahan Desa/Kelurahan Kecamatan Jumlah"),
        "at {scale}: {all}"
    );

    // The closing sentence, then both signature blocks, all on the last page and only there.
    let closing = "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.";
    let last = &pages[m - 1];
    let said = last
        .find(closing)
        .unwrap_or_else(|| panic!("at {scale}: {last}"));
    let handed = last
        .find("Yang Menyerahkan,")
        .unwrap_or_else(|| panic!("at {scale}: {last}"));
    let received = last
        .find("Yang Menerima,")
        .unwrap_or_else(|| panic!("at {scale}: {last}"));
    assert!(said < handed && said < received, "at {scale}: {last}");
    for words in [
        "Rina Wulandari",
        &format!("NIP. {SIGNER_NIP}"),
        "Budi Santoso",
        "No. ID",
    ] {
        assert!(
            last[said..].contains(words),
            "at {scale}, {words:?} signs:\n{last}"
        );
    }
    for (i, page) in pages[..m - 1].iter().enumerate() {
        assert!(
            !page.contains("Yang Menyerahkan") && !page.contains(closing),
            "at {scale}, page {} holds a part of the end:\n{page}",
            i + 1
        );
    }
}

async fn sign_in(client: &Client, base: &str) {
    client.goto(&format!("{base}/masuk")).await.unwrap();
    submit_sign_in(client, "admin", PASSWORD).await;
    wait_path(client, |p| p != "/masuk").await;
}

/// Issues the BA through the form: Wonosobo, dated Saturday 5 December 2026, signed by the
/// staff member whose NIP the form starts with. Returns the print page's address.
async fn issue_ba(client: &Client, base: &str) -> String {
    client.goto(&format!("{base}/ba/baru")).await.unwrap();
    let nip = client
        .find(Locator::Css("input[name=nip]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        nip.as_deref(),
        Some(SIGNER_NIP),
        "the signer's NIP to start"
    );
    // A date input's typing differs by locale; its value does not.
    client
        .execute(
            "document.querySelector('input[name=tanggal]').value = '2026-12-05';",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=kecamatan][value='18.06.03']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .find(Locator::Css("form.manifest-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let path = wait_path(client, |p| p.starts_with("/ba/") && p != "/ba/baru").await;
    format!("{base}{path}/cetak")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_printed_ba_of_49_documents_holds_up_on_paper() {
    let (_driver, port) = start_driver();
    let office_dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let office = Office::open(office_dir.path()).unwrap();
    office
        .add_staff_user(
            "admin",
            "Rina Wulandari",
            Some("198504122010012003"),
            Role::Admin,
            PASSWORD,
        )
        .unwrap();
    let (_, code) = office
        .add_courier("Budi Santoso", None, FieldRole::Courier)
        .unwrap();
    let (export, niks) = wonosobo_export(work.path());
    let imported = office.import_path(&export).unwrap();
    assert_eq!(
        office.document_count().unwrap(),
        DOCUMENTS as u64,
        "{imported:?}"
    );
    drop(office);
    let running = antar_office::spawn(office_dir.path(), "127.0.0.1:0")
        .await
        .unwrap();
    let base = running.base_url();
    let client = browser(port, profile.path()).await;
    sign_in(&client, &base).await;
    let print_url = issue_ba(&client, &base).await;
    client.goto(&print_url).await.unwrap();
    wait_for(&client, "article.paper").await;
    let number = client
        .find(Locator::Css(".ba-number"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .trim_start_matches("Nomor:")
        .trim()
        .to_owned();
    assert!(number.ends_with("/XII/2026"), "{number}");
    assert!(text_of(&client).await.contains("Demikian berita acara"));

    // At other scales the pages break elsewhere: the end must hold up wherever they do.
    for scale in [1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7] {
        let config = PrintConfiguration::builder().scale(scale).build().unwrap();
        let pdf = client.print(config).await.unwrap();
        assert!(
            pdf.starts_with(b"%PDF"),
            "WebDriver's Print Page gives a PDF"
        );
        paper_holds_up(&pdf_pages(&pdf, scale), &number, &niks, scale);
    }
    // The courier's phone finds two owners away; their documents come back on a BA
    // Pengembalian, which shares the letterhead, the page marks and the closing.
    let url = base.clone();
    let device_dir = tempfile::tempdir().unwrap();
    tokio::task::spawn_blocking(move || {
        let mut device = Device::open(device_dir.path()).unwrap();
        device.enroll(&url, &code.to_string(), "HP Budi").unwrap();
        device.pull().unwrap();
        let manifest = device.manifests().unwrap()[0].id;
        for item in &device.manifest(manifest).unwrap().items[..2] {
            device
                .record_attempt(AttemptInput {
                    item_id: item.id,
                    outcome: Outcome::Failed {
                        reason: FailureReason::NotAtHome,
                    },
                    photo: None,
                    fix: None,
                    note: None,
                })
                .unwrap();
        }
        device.sync().unwrap();
    })
    .await
    .unwrap();
    return_print_holds_up(&client, &print_url).await;
    client.close().await.unwrap();
    running.stop().await;
}

/// Issues the BA Pengembalian of the two failed documents on Monday 7 December 2026 and reads
/// its printed page.
async fn return_print_holds_up(client: &Client, print_url: &str) {
    client
        .goto(&print_url.replace("/cetak", "/kembali"))
        .await
        .unwrap();
    for line in [1, 2] {
        client
            .find(Locator::Id(&format!("item-{line}")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    client
        .execute(
            "document.querySelector('input[name=tanggal]').value = '2026-12-07';",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css("form button[type=submit].primary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_path(client, |p| p.starts_with("/pengembalian/")).await;
    wait_for(client, "article.paper").await;
    let pdf = client.print(PrintConfiguration::default()).await.unwrap();
    let pages = pdf_pages(&pdf, 0.0);
    let m = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(page.contains(&format!("hal. {n} dari {m}")), "{page}");
        assert!(
            page.contains("Nomor: 470/0001/BA-KEMB/DUKCAPIL/XII/2026"),
            "{page}"
        );
    }
    assert!(
        pages[0]
            .contains("Pada hari ini Senin, tanggal 7 Desember 2026, Budi Santoso mengembalikan"),
        "{}",
        pages[0]
    );
    let last = &pages[m - 1];
    let said = last
        .find("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.")
        .unwrap_or_else(|| panic!("{last}"));
    let handed = last
        .find("Yang Menyerahkan,")
        .unwrap_or_else(|| panic!("{last}"));
    assert!(said < handed, "{last}");
}

//! The staff web on a phone: headless Chromium 412 px wide (a common Android phone) shows the
//! busiest pages without sideways scrolling, with the header and a collapsed menu short enough
//! that the page starts near the top, and every list table read as cards whose cells name their
//! column; at a desk's 1366 px the menu is the full row and the tables are tables. The data is
//! set up over HTTP first: the 500-row sample, a courier's BA, a delivery and two failures
//! synced from the phone (`antar_device::Device`), one of them returned to the office.
//! Screenshots `20-hp-…` go where `web_browser`'s do.
//!
//! Needs Debian's `chromium` and `chromium-driver`; without them the test fails and says so.

use antar_domain::attempt::{FailureReason, Outcome};
use antar_office::Role;
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::common::web::{Browser, PASSWORD};
use crate::web_browser::{browser, shot_at, start_driver, submit_sign_in, wait_path};
use crate::web_flow::{attempt, field};

/// A common Android phone's CSS pixels.
const PHONE: (u32, u32) = (412, 915);
/// A common office laptop.
const DESK: (u32, u32) = (1366, 768);
/// The most the header and menu may take above a page's content on the phone.
const MAX_TOP_ON_PHONE: f64 = 80.0;

/// The pages a phone user opens most, each with the list its staff work through.
const PAGES: &[(&str, &str)] = &[
    ("/", "20-hp-beranda"),
    ("/dokumen", "21-hp-dokumen"),
    ("/bukti", "22-hp-bukti"),
    ("/tindak-lanjut", "23-hp-tindak-lanjut"),
    ("/ba", "24-hp-ba"),
    ("/kurir", "25-hp-kurir"),
];

/// The other pages of the menu: they fit the phone too.
const ALSO: &[&str] = &[
    "/impor",
    "/ba/baru",
    "/kontak",
    "/kunjungan",
    "/standar",
    "/laporan",
    "/pengguna",
    "/audit",
];

/// Sets the page's own width (the window may add a frame of its own around it).
async fn set_inner_size(client: &Client, (width, height): (u32, u32)) {
    client.set_window_size(width, height).await.unwrap();
    let inner = js(client, "return window.innerWidth;")
        .await
        .as_u64()
        .unwrap();
    let inner = u32::try_from(inner).unwrap();
    if inner != width {
        client
            .set_window_size(width + width - inner, height)
            .await
            .unwrap();
    }
    let inner = js(client, "return window.innerWidth;").await;
    assert_eq!(inner.as_u64(), Some(u64::from(width)));
}

async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.unwrap()
}

/// What the test asks of a page's layout.
const MEASURE: &str = "
    const cells = Array.from(document.querySelectorAll('table.list tbody td'));
    // A labelled table's every label must be its column's header, or the cards would name the
    // wrong thing; tables without labels stay tables.
    const mislabelled = cells.filter(td => {
        const table = td.closest('table');
        if (!table.querySelector('td[data-label]')) return false;
        const th = table.querySelectorAll('thead th')[td.cellIndex];
        return !th || (td.getAttribute('data-label') || '') !== th.textContent.trim();
    }).map(td => td.closest('table').querySelector('thead').textContent + ' / ' + td.textContent);
    const row = document.querySelector('table.list tbody tr');
    // A card whose content is wider than the card hides it behind a scroll bar.
    const clipped = Array.from(document.querySelectorAll('table.list'))
        .filter(t => t.querySelector('td[data-label]') && t.scrollWidth > t.clientWidth + 1)
        .map(t => t.querySelector('thead').textContent);
    const menu = Array.from(document.querySelectorAll('nav a[href=\"/dokumen\"]'));
    // What sticks out on the right, innermost first, to say what to fix.
    const wide = Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .reverse().slice(0, 3)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
    return {
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        top: document.querySelector('main').getBoundingClientRect().top + window.scrollY,
        cells: cells.length,
        row: row ? getComputedStyle(row).display : null,
        mislabelled: mislabelled.slice(0, 5),
        menu_shown: menu.some(a => a.checkVisibility()),
        clipped,
        wide,
    };";

#[test]
fn on_a_phone_pages_fit_the_width_the_menu_folds_and_lists_are_cards() {
    let mut f = field();
    // One delivery to review, two failures: line 2 returned to the office, line 3 with the courier.
    attempt(&mut f.device, 1, Outcome::DeliveredToOwner, true);
    for line in [2, 3] {
        attempt(
            &mut f.device,
            line,
            Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            false,
        );
    }
    f.device.sync().unwrap();
    let form = f
        .operator
        .get(&format!("/ba/{}/kembali", f.manifest))
        .page(200);
    let at = form.find("name=\"item\" value=\"").unwrap() + 19;
    let returned = f.operator.post(
        &format!("/ba/{}/kembali", f.manifest),
        &[
            ("item", &form[at..at + 36]),
            ("petugas", "Kasi Pengiriman"),
            ("tanggal", "2026-11-30"),
        ],
    );
    assert_eq!(returned.status, 303, "{}", returned.text());
    // A page of each kind a list leads to, as the list links it.
    let first_link = |who: &Browser, list: &str, prefix: &str| {
        let page = who.get(list).page(200);
        let at = page.find(&format!("href=\"{prefix}")).unwrap() + 6;
        page[at..at + page[at..].find('"').unwrap()].to_owned()
    };
    let details = [
        first_link(&f.operator, "/dokumen", "/dokumen/"),
        first_link(&f.reviewer, "/bukti", "/bukti/"),
        first_link(&f.operator, "/tindak-lanjut", "/tindak-lanjut/"),
        format!("/ba/{}", f.manifest),
        format!("/ba/{}/kembali", f.manifest),
    ];
    // field() made the admin, who sees every page and so the longest menu.
    let name = format!("uji-{}", Role::Admin.code());
    let base = f.server.url.clone();

    f.server.rt.block_on(async {
        let (_driver, port) = start_driver();
        let profile = tempfile::tempdir().unwrap();
        let client = browser(port, profile.path()).await;
        client.goto(&format!("{base}/masuk")).await.unwrap();
        set_inner_size(&client, PHONE).await;
        submit_sign_in(&client, &name, PASSWORD).await;
        wait_path(&client, |p| p != "/masuk").await;

        let mut failures = Vec::new();
        for (path, shot) in PAGES {
            client.goto(&format!("{base}{path}")).await.unwrap();
            let m = js(&client, MEASURE).await;
            eprintln!("412 px {path}: {m}");
            let scroll = m["scroll"].as_f64().unwrap();
            let top = m["top"].as_f64().unwrap();
            if scroll > f64::from(PHONE.0) {
                failures.push(format!(
                    "{path} scrolls sideways: {scroll} px wide: {}",
                    m["wide"]
                ));
            }
            if top > MAX_TOP_ON_PHONE {
                failures.push(format!("{path} starts its content {top} px down"));
            }
            if m["menu_shown"] != Value::Bool(false) {
                failures.push(format!("{path} shows the whole menu"));
            }
            if *path != "/" {
                if m["cells"].as_u64().unwrap_or(0) == 0 {
                    failures.push(format!("{path} has no list to show as cards"));
                }
                if m["row"] != "block" {
                    failures.push(format!("{path}'s rows are not cards: {}", m["row"]));
                }
            }
            if m["mislabelled"].as_array().is_none_or(|a| !a.is_empty()) {
                failures.push(format!("{path}: cells not named for their column: {m}"));
            }
            if m["clipped"].as_array().is_none_or(|a| !a.is_empty()) {
                failures.push(format!(
                    "{path}: cards wider than the phone: {}",
                    m["clipped"]
                ));
            }
            shot_at(&client, shot, PHONE.0).await;
            set_inner_size(&client, PHONE).await;
        }

        for path in ALSO
            .iter()
            .copied()
            .chain(details.iter().map(String::as_str))
        {
            client.goto(&format!("{base}{path}")).await.unwrap();
            let m = js(&client, MEASURE).await;
            eprintln!("412 px {path}: {m}");
            let scroll = m["scroll"].as_f64().unwrap();
            if scroll > f64::from(PHONE.0) {
                failures.push(format!(
                    "{path} scrolls sideways: {scroll} px wide: {}",
                    m["wide"]
                ));
            }
            if m["top"].as_f64().unwrap() > MAX_TOP_ON_PHONE {
                failures.push(format!("{path} starts its content {} px down", m["top"]));
            }
            if m["mislabelled"].as_array().is_none_or(|a| !a.is_empty()) {
                failures.push(format!("{path}: cells not named for their column: {m}"));
            }
            if m["clipped"].as_array().is_none_or(|a| !a.is_empty()) {
                failures.push(format!(
                    "{path}: cards wider than the phone: {}",
                    m["clipped"]
                ));
            }
        }

        // The folded menu opens with its button and leads on.
        client.goto(&format!("{base}/")).await.unwrap();
        client
            .find(Locator::Css("details.menu-fold summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let m = js(&client, MEASURE).await;
        if m["menu_shown"] != Value::Bool(true) {
            failures.push("the menu's button does not open it".to_owned());
        } else {
            shot_at(&client, "26-hp-menu", PHONE.0).await;
            set_inner_size(&client, PHONE).await;
            client
                .find(Locator::Css("details.menu-fold a[href='/dokumen']"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_path(&client, |p| p == "/dokumen").await;
        }

        // At a desk the menu is one open row again and the lists are tables.
        set_inner_size(&client, DESK).await;
        for (path, _) in PAGES.iter().skip(1) {
            client.goto(&format!("{base}{path}")).await.unwrap();
            let m = js(&client, MEASURE).await;
            eprintln!("1366 px {path}: {m}");
            if m["row"] != "table-row" {
                failures.push(format!("at a desk {path}'s rows are {}", m["row"]));
            }
            if m["menu_shown"] != Value::Bool(true) {
                failures.push(format!("at a desk {path} hides the menu"));
            }
        }
        client.close().await.unwrap();
        assert!(failures.is_empty(), "{failures:#?}");
    });
    f.server.stop();
}

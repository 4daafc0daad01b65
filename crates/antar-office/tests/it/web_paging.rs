//! The long staff lists a page at a time, by key (issue 19: the last of a million rows as
//! fast as the first): walking "Berikutnya" from the first page to the last shows every
//! document once, numbered; "Terakhir" then "Sebelumnya" back to the start shows the same
//! pages; a filtered list pages within its filter; a mangled link shows the first page.

use common::TestServer;
use common::web::Browser;

use crate::common;
use crate::web_find::document_links;
use antar_office::Role;

/// Where the pager's link `rel` goes, if the page has one.
pub(crate) fn pager_link(page: &str, rel: &str) -> Option<String> {
    let at = page.find(&format!("rel=\"{rel}\""))?;
    let tag = &page[page[..at].rfind("<a ")?..at];
    let href = tag.split("href=\"").nth(1)?.split('"').next()?;
    Some(href.replace("&#38;", "&").replace("&amp;", "&"))
}

/// Every page from `start` following `rel`, with its ids and its summary's numbers.
fn walk(browser: &Browser, start: &str, rel: &str) -> Vec<(Vec<String>, String)> {
    let mut pages = Vec::new();
    let mut at = Some(start.to_owned());
    while let Some(path) = at {
        let page = browser.get(&path).page(200);
        let summary = page
            .split("<div class=\"pager no-print\">")
            .nth(1)
            .and_then(|p| p.split("<span>").nth(1))
            .and_then(|s| s.split("</span>").next())
            .unwrap_or_default()
            .to_owned();
        pages.push((document_links(&page), summary));
        at = pager_link(&page, rel);
        assert!(pages.len() <= 20, "the walk from {start} ends");
    }
    pages
}

crate::on_both_engines! {
    fn walking_the_documents_list_shows_each_document_once_either_way() {
        let server = TestServer::start();
        let operator = Browser::signed_in(&server, Role::Operator);

        let forward = walk(&operator, "/dokumen", "next");
        assert_eq!(forward.len(), 10, "500 documents, 50 a page");
        let ids: Vec<&String> = forward.iter().flat_map(|(ids, _)| ids).collect();
        let mut once = ids.clone();
        once.sort();
        once.dedup();
        assert_eq!((ids.len(), once.len()), (500, 500));
        assert_eq!(forward[0].1, "1–50 dari 500 dokumen");
        assert_eq!(forward[1].1, "51–100 dari 500 dokumen");
        assert_eq!(forward[9].1, "451–500 dari 500 dokumen");

        let first = operator.get("/dokumen").page(200);
        assert!(pager_link(&first, "prev").is_none() && pager_link(&first, "first").is_none());
        let last = pager_link(&first, "last").unwrap();
        let mut backward = walk(&operator, &last, "prev");
        assert_eq!(backward[0].1, "451–500 dari 500 dokumen");
        backward.reverse();
        assert_eq!(
            backward.iter().map(|(ids, _)| ids).collect::<Vec<_>>(),
            forward.iter().map(|(ids, _)| ids).collect::<Vec<_>>(),
            "the same pages backwards"
        );
        assert_eq!(backward[1].1, "51–100 dari 500 dokumen");
        let on_last = operator.get(&last).page(200);
        assert!(pager_link(&on_last, "next").is_none());
        assert_eq!(pager_link(&on_last, "first").as_deref(), Some("/dokumen"));

        // A filtered list pages within its filter (449 of the 500 are KTP-el), its links
        // keep the filter.
        let cards = walk(&operator, "/dokumen?jenis=KTP-el", "next");
        let n: usize = cards.iter().map(|(ids, _)| ids.len()).sum();
        assert_eq!((cards.len(), n), (9, 449));
        assert_eq!(cards[8].1, "401–449 dari 449 dokumen");
        let mut back = walk(&operator, "/dokumen?jenis=KTP-el&akhir=1", "prev");
        assert_eq!(back[0].1, "401–449 dari 449 dokumen");
        back.reverse();
        assert_eq!(back, cards, "the same pages backwards");

        // A mangled key is the first page, not an error.
        let mangled = operator.get("/dokumen?setelah=abc").page(200);
        assert_eq!(document_links(&mangled), forward[0].0);
        // A link made without a number still pages, and says how many it shows.
        let unnumbered = operator
            .get(&format!("/dokumen?setelah={}", forward[0].0[49]))
            .page(200);
        assert_eq!(document_links(&unnumbered), forward[1].0);
        assert!(unnumbered.contains("50 dari 500 dokumen"));
    }
}

/// The proof numbers the queue's page links to, in order.
fn proof_numbers(page: &str) -> Vec<i64> {
    page.match_indices("href=\"/bukti/")
        .filter_map(|(at, _)| {
            page[at + 13..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .collect()
}

/// Every page of the proof queue from `start` following `rel`.
fn walk_proofs(browser: &Browser, start: &str, rel: &str) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut at = Some(start.to_owned());
    while let Some(path) = at {
        let page = browser.get(&path).page(200);
        pages.push(proof_numbers(&page));
        at = pager_link(&page, rel);
        assert!(pages.len() <= 5, "the walk from {start} ends");
    }
    pages
}

crate::on_both_engines! {
    /// 57 attempts, every third not bound to its BA (one finding more): the queue pages by key
    /// newest first and most findings first, the same pages either way, and the waiting list
    /// leaves out what was reviewed.
    fn the_proof_queue_pages_by_key_in_both_orders() {
        use antar_office::ProofOrder;
        let server = TestServer::start();
        let courier = common::courier_with_manifest(&server, "Kurir A", "18.06.03");
        let bound = courier.manifest.content_hash();
        let mut events: Vec<antar_domain::wire::Event> = Vec::new();
        for (n, item) in courier.manifest.items.iter().enumerate() {
            let mut event = common::attempt_event(
                courier.device,
                n as u64 + 1,
                courier.manifest.id,
                item.id,
                common::not_at_home(),
            );
            if n % 3 != 0 {
                common::set_manifest_hash(&mut event, bound);
            }
            event.prev_sha256 = events.last().map(antar_domain::wire::Event::content_hash);
            events.push(event);
        }
        assert_eq!(server.post_batch(&courier.token, &events).status, 200);
        let reviewer = Browser::signed_in(&server, Role::Reviewer);

        let newest = walk_proofs(&reviewer, "/bukti?semua=1", "next");
        assert_eq!(newest.iter().map(Vec::len).collect::<Vec<_>>(), [50, 7]);
        let seqs: Vec<i64> = newest.concat();
        assert!(seqs.windows(2).all(|w| w[0] > w[1]), "newest first: {seqs:?}");

        let first = reviewer.get("/bukti?semua=1&urutan=temuan").page(200);
        let last = pager_link(&first, "last").unwrap();
        assert!(last.contains("urutan=temuan") && last.contains("semua=1"), "{last}");
        let forward = walk_proofs(&reviewer, "/bukti?semua=1&urutan=temuan", "next");
        // Unnumbered, the last page is the last 50; the page before it is the first.
        let backward = walk_proofs(&reviewer, &last, "prev");
        let all = forward.concat();
        assert_eq!(backward, [all[7..].to_vec(), all[..50].to_vec()]);
        // The order is the findings the office shows on each proof, then the newest.
        let (shown, _) = server
            .office()
            .proofs(false, ProofOrder::FindingsFirst, 100)
            .unwrap();
        let by_findings: Vec<(usize, i64)> = shown
            .iter()
            .map(|r| (r.findings.as_ref().map_or(0, Vec::len), r.office_seq.get()))
            .collect();
        assert!(
            by_findings.windows(2).all(|w| w[0] > w[1]),
            "most findings first, then newest: {by_findings:?}"
        );
        assert_ne!(by_findings[0].0, by_findings[56].0, "the findings differ");
        let ordered: Vec<i64> = by_findings.iter().map(|(_, seq)| *seq).collect();
        assert_eq!(forward.concat(), ordered);

        // Ten reviewed: the waiting queue pages over the other 47.
        for seq in &seqs[..10] {
            let accepted = reviewer.post(
                &format!("/bukti/{seq}"),
                &[("verdict", "accepted"), ("catatan", "")],
            );
            assert_eq!(accepted.status, 303, "{}", accepted.text());
        }
        let waiting = walk_proofs(&reviewer, "/bukti?urutan=temuan", "next");
        let waiting: Vec<i64> = waiting.concat();
        assert_eq!(waiting.len(), 47);
        assert!(waiting.iter().all(|seq| !seqs[..10].contains(seq)));
    }
}

crate::on_both_engines! {
/// 52 BAs, one per desa of the sample: the BA list shows 50, newest first, and pages to the
/// other two; the page before the last is the first again.
fn the_ba_list_pages_newest_first() {
    let server = TestServer::start();
    let (courier, _) = server
        .office()
        .add_courier(
            "Kurir A",
            None,
            antar_domain::field_role::FieldRole::Courier,
        )
        .unwrap();
    let csv = std::fs::read_to_string(common::SAMPLE_500).unwrap();
    let mut desas: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            format!("{}.{}.{}.{}", f[10], f[11], f[12], f[13])
        })
        .collect();
    desas.sort();
    desas.dedup();
    let mut numbers = Vec::new();
    for desa in &desas[..52] {
        let desa = antar_domain::region::RegionCode::parse(desa).unwrap();
        let manifest = server
            .office()
            .issue_manifest(antar_office::ManifestRequest {
                courier,
                officer: "Petugas Uji".to_owned(),
                officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
                kecamatan: vec![],
                desa: vec![desa],
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            })
            .unwrap();
        numbers.push(manifest.number.to_string());
    }
    let operator = Browser::signed_in(&server, Role::Operator);
    let shown = |page: &str| -> Vec<String> {
        numbers
            .iter()
            .filter_map(|n| page.find(&format!(">{n}<")).map(|at| (at, n.clone())))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_values()
            .collect()
    };
    let first = operator.get("/ba").page(200);
    let newest: Vec<String> = numbers.iter().rev().cloned().collect();
    assert_eq!(shown(&first), newest[..50]);
    let next = operator.get(&pager_link(&first, "next").unwrap()).page(200);
    assert_eq!(shown(&next), newest[50..]);
    assert!(pager_link(&next, "next").is_none());
    let back = operator.get(&pager_link(&next, "prev").unwrap()).page(200);
    assert_eq!(shown(&back), newest[..50]);
}
}

//! Issue 17: nobody at home, the courier leaves the card with the Kepala Pekon. Recorded with
//! the phone's command line (refused without its photo), sent to a real office on
//! 127.0.0.1:0, which shows the document delivered and left with the official — their name
//! and position on the proof page, its own words in the proof list, the document list, the
//! follow-up list and the period report.

use antar_device::Device;
use antar_domain::attempt::{OfficialPosition, Outcome};
use antar_domain::state::ItemState;
use antar_office::{Reviewed, Role, Verdict};
use support::office::Fixture;
use support::staff_web::{StaffWeb, row_after};

use crate::device_cli as run;
use crate::support;

const LEFT: &str = "Dititipkan ke aparat pekon/RT";

#[test]
fn a_card_left_with_the_kepala_pekon_reaches_the_office_in_its_own_words() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let (manifest, item) = {
        let mut device = Device::open(&data).unwrap();
        device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
        device.pull().unwrap();
        let card = device.manifests().unwrap().remove(0);
        let item = device.manifest(card.id).unwrap().items.remove(0);
        assert_eq!(item.line, 1);
        (card.id.to_string(), item.id)
    };
    let photo = support::photo_fixture();
    let photo = photo.to_str().unwrap();
    let official = |extra: &[&str]| {
        let mut args = vec![
            "attempt",
            "--line",
            "1",
            "--manifest",
            &manifest,
            "--outcome",
            "official",
            "--official",
            "Suparman",
        ];
        args.extend_from_slice(extra);
        run(&data, &args)
    };

    // No photo, or a position the SOP does not know: refused in Indonesian, nothing recorded.
    let no_photo = official(&["--position", "kepala-pekon"]);
    let said = String::from_utf8_lossy(&no_photo.stderr);
    assert!(!no_photo.status.success());
    assert!(
        said.contains(LEFT) && said.contains("memerlukan foto bukti"),
        "{said}"
    );
    let camat = official(&["--position", "camat", "--photo", photo]);
    let said = String::from_utf8_lossy(&camat.stderr);
    assert!(!camat.status.success());
    assert!(
        said.contains("kepala_pekon") && said.contains("ketua_rt"),
        "{said}"
    );
    let no_position = official(&["--photo", photo]);
    assert!(!no_position.status.success());
    assert_eq!(Device::open(&data).unwrap().outbox().unwrap().events, 0);

    let recorded = official(&["--position", "kepala-pekon", "--photo", photo]);
    let said = String::from_utf8_lossy(&recorded.stdout);
    assert!(
        recorded.status.success(),
        "{}",
        String::from_utf8_lossy(&recorded.stderr)
    );
    assert!(
        said.contains("Diserahkan") && said.contains("Foto disimpan"),
        "{said}"
    );

    let mut device = Device::open(&data).unwrap();
    let report = device.sync().unwrap();
    assert_eq!((report.events_sent, report.receipts_stored), (1, 1));
    assert_eq!(report.photos_sent, 1);
    // The office's receipt says delivered: the courier has nothing more to do with it.
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let local = device.manifest(card.id).unwrap();
    assert_eq!(local.item(item).unwrap().state, ItemState::Delivered);

    // The office stored the outcome as the phone recorded it.
    let stored = fixture.office().attempts().unwrap();
    assert_eq!(stored.len(), 1);
    let Outcome::LeftWithOfficial {
        recipient,
        position,
    } = &stored[0].outcome
    else {
        panic!("{:?}", stored[0].outcome);
    };
    assert_eq!(
        (recipient.as_str(), *position),
        ("Suparman", OfficialPosition::KepalaPekon)
    );
    assert!(stored[0].warning.is_none());

    // Proof review is a reviewer's page, the follow-up an operator's: an admin sees both.
    let web = StaffWeb::sign_in_as(fixture.office(), &fixture.url, Role::Admin);
    let list = web.page("/bukti");
    assert!(list.contains(LEFT), "{list}");
    let link = list
        .find("href=\"/bukti/")
        .map(|at| &list[at + 6..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no proof link in {list}"));
    let detail = web.page(link);
    assert!(detail.contains(LEFT), "{detail}");
    assert!(detail.contains("Suparman (Kepala Pekon)"), "{detail}");
    assert!(detail.contains("Diserahkan"), "{detail}");

    // The document list says it beside its state, for that document only.
    let documents = web.page("/dokumen");
    assert_eq!(documents.matches(LEFT).count(), 1, "{documents}");

    // Like a collective card, it waits with the official: on the follow-up list, its clock
    // running from today.
    let followup = web.page("/tindak-lanjut");
    assert!(followup.contains(LEFT), "{followup}");
    // The period report counts it among the delivered, and in its own column.
    let report = web.page("/laporan?dari=2000-01-01&sampai=2100-12-31");
    assert!(report.contains(&format!("di antaranya {LEFT}")), "{report}");
    let total = row_after(&report, "<tr class=\"total\">");
    // Kecamatan, printed, not on a BA, with the courier, delivered, of which left, failed …
    assert_eq!(total[0], "Jumlah", "{total:?}");
    assert_eq!((&total[4][..], &total[5][..]), ("1", "1"), "{total:?}");

    // A reviewer who does not believe the proof flags it: the card goes back to the courier,
    // and is no longer counted or followed up as left with the official.
    let office = fixture.office();
    let reviewer = office.staff_user("kasi").unwrap().unwrap();
    let (proofs, _) = office
        .proofs(false, antar_office::ProofOrder::Newest, 10)
        .unwrap();
    let flagged = office
        .review_proof(
            &reviewer,
            proofs[0].office_seq,
            Verdict::Flagged,
            Some("foto tidak menunjukkan kartu"),
        )
        .unwrap();
    assert_eq!(flagged, Reviewed::Recorded { reopened: true });
    assert!(!web.page("/tindak-lanjut").contains(LEFT));
    assert!(!web.page("/dokumen").contains(LEFT));
    let report = web.page("/laporan?dari=2000-01-01&sampai=2100-12-31");
    let total = row_after(&report, "<tr class=\"total\">");
    assert_eq!((&total[4][..], &total[5][..]), ("0", "0"), "{total:?}");
}

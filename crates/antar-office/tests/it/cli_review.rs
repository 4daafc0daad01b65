//! The command line reviews proofs and issues a BA Pengembalian through the same doors as the
//! web: `proof list`, `proof flag` (a delivery goes back to the courier), `proof accept`
//! refused for an account that may not review, `ba return` for a failed document.

use std::process::Output;

use antar_domain::attempt::Outcome;
use antar_domain::state::ItemState;
use antar_office::Role;

use crate::common::web::Browser;
use crate::common::{
    self, TestServer, attempt_event, courier_with_manifest, event_path, office_cli,
};

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_command_line_reviews_proofs_and_issues_a_return() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let office = server.office();
    for (name, role) in [("peninjau", Role::Reviewer), ("pemantau", Role::Viewer)] {
        office
            .add_staff_user(name, name, None, role, "kuda-lari-pagi-7")
            .unwrap();
    }
    let delivered = &courier.manifest.items[0];
    let failed = &courier.manifest.items[1];
    for (seq, item, outcome) in [
        (1, delivered, Outcome::DeliveredToOwner),
        (2, failed, common::not_at_home()),
    ] {
        let event = attempt_event(courier.device, seq, courier.manifest.id, item.id, outcome);
        let put = server.send_json_bytes(
            "PUT",
            &event_path(&event),
            Some(&courier.token),
            &event.canonical_bytes(),
        );
        assert!(put.status < 300, "{}", put.text());
    }
    let state = |item| {
        office
            .manifest(courier.manifest.id)
            .unwrap()
            .unwrap()
            .item(item)
            .unwrap()
            .state
    };
    assert_eq!(state(delivered.id), ItemState::Delivered);

    let list = office_cli(&server, &["proof", "list"]);
    let listed = text(&list);
    assert!(list.status.success(), "{listed}");
    assert!(listed.contains("#1 ") && listed.contains("#2 "), "{listed}");
    assert!(listed.contains("Diterima pemilik"), "{listed}");
    assert!(
        listed.contains("Gagal diantar (Tidak ada di rumah)"),
        "{listed}"
    );
    assert_eq!(listed.matches("[belum ditinjau]").count(), 2, "{listed}");

    // A viewer may not review; nothing is recorded.
    let refused = office_cli(&server, &["proof", "accept", "1", "--by", "pemantau"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("tidak boleh meninjau"),
        "{}",
        text(&refused)
    );
    let unknown = office_cli(&server, &["proof", "accept", "1", "--by", "siapa"]);
    assert!(text(&unknown).contains("tidak ada"), "{}", text(&unknown));

    let flagged = office_cli(
        &server,
        &[
            "proof",
            "flag",
            "1",
            "--by",
            "peninjau",
            "--note",
            "foto buram",
        ],
    );
    assert!(flagged.status.success(), "{}", text(&flagged));
    assert!(
        text(&flagged).contains("diantar ulang"),
        "{}",
        text(&flagged)
    );
    assert_eq!(state(delivered.id), ItemState::Pending);
    let accepted = office_cli(&server, &["proof", "accept", "2", "--by", "peninjau"]);
    assert!(accepted.status.success(), "{}", text(&accepted));
    let left = text(&office_cli(&server, &["proof", "list"]));
    assert!(left.contains("Tidak ada bukti"), "{left}");
    let all = text(&office_cli(&server, &["proof", "list", "--all"]));
    assert!(
        all.contains("[ditandai bermasalah]") && all.contains("[disetujui]"),
        "{all}"
    );
    let missing = office_cli(&server, &["proof", "accept", "99", "--by", "peninjau"]);
    assert!(
        text(&missing).contains("#99 tidak ada"),
        "{}",
        text(&missing)
    );

    // The failed document comes back to the office on a numbered BA Pengembalian.
    let line = failed.line.to_string();
    let number = courier.manifest.number.as_str();
    let returned = office_cli(
        &server,
        &[
            "ba",
            "return",
            number,
            "--line",
            &line,
            "--officer",
            "Kasi",
            "--date",
            "2026-11-30",
        ],
    );
    assert!(returned.status.success(), "{}", text(&returned));
    assert!(
        text(&returned).contains("470/0001/BA-KEMB/DUKCAPIL/XI/2026"),
        "{}",
        text(&returned)
    );
    assert_eq!(state(failed.id), ItemState::Returned);
    let no_line = office_cli(
        &server,
        &[
            "ba",
            "return",
            number,
            "--line",
            "9999",
            "--officer",
            "Kasi",
        ],
    );
    assert!(
        text(&no_line).contains("tidak punya baris 9999"),
        "{}",
        text(&no_line)
    );

    // The review was audited under the reviewer's name, as on the web.
    let admin = Browser::signed_in(&server, Role::Admin);
    let audit = admin.get("/audit").text();
    assert!(
        audit.contains("peninjau") && audit.contains("bukti_tandai"),
        "{audit}"
    );
}

//! The office schema's migrations, embedded so the binary carries them and applied in order at
//! open; with the tests that data written before a migration survives it.

use rusqlite_migration::M;

/// The schema, embedded so the binary carries it; applied in order at open.
pub(in crate::store) const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../../migrations/sqlite/0001_initial.sql")),
    M::up(include_str!("../../../migrations/sqlite/0002_staff.sql")),
    M::up(include_str!("../../../migrations/sqlite/0003_proof.sql")),
    M::up(include_str!(
        "../../../migrations/sqlite/0004_delivered_at.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0005_lean_ingest.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0006_events_hold_attempts.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0007_item_state_check.sql"
    ))
    .foreign_key_check(),
    M::up(include_str!(
        "../../../migrations/sqlite/0008_health_and_data_copy.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0009_device_revocation.sql"
    )),
    M::up(include_str!("../../../migrations/sqlite/0010_visits.sql")),
    M::up(include_str!(
        "../../../migrations/sqlite/0011_visit_events.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0012_visit_manifests.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0013_collective_handovers.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0014_field_roles.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0015_visit_settlements.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0016_handover_counts.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0017_courier_returns.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0018_device_lineage.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0019_manifest_forms.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0020_left_with_official.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0021_document_search.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0022_signer_nip.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0023_device_status.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0024_ba_cancel.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0025_guess_failures.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0026_finding_count.sql"
    )),
    M::up(include_str!(
        "../../../migrations/sqlite/0027_document_state.sql"
    )),
];

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use rusqlite_migration::Migrations;

    use super::*;

    /// 0007 rebuilds manifest_items: rows, rowids and the return BA's reference survive, the
    /// state rule still refuses a state that does not exist, and changing an item's state no
    /// longer builds a temporary B-tree (the point of the migration).
    #[test]
    fn migration_0007_keeps_items_and_checks_states_without_a_temporary_btree() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        Migrations::from_slice(&MIGRATIONS[..6])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO couriers (id, name, created_at) VALUES ('c', 'Kurir', 't');
             INSERT INTO documents (id, dedup_key, nik, name, sex, birth_place, birth_date,
                     address_json, kecamatan, kecamatan_name, desa, desa_name, rt, rw,
                     document_type, printed_on, imported_at)
                 VALUES (1, 'k1', 'n', 'A', 'L', 'T', 'd', '{}', 'kc', 'K', 'ds', 'D', 1, 1,
                         'KTP-el', 'p', 't'),
                        (2, 'k2', 'n', 'B', 'L', 'T', 'd', '{}', 'kc', 'K', 'ds', 'D', 1, 1,
                         'KTP-el', 'p', 't');
             INSERT INTO manifests (id, number, year, seq, issued_on, issued_by, courier_id,
                     created_at) VALUES ('m', 'BA 1', 2026, 1, 'd', 'P', 'c', 't');
             INSERT INTO manifest_items (rowid, id, manifest_id, document_id, line, state,
                     updated_at, delivered_at, last_office_seq)
                 VALUES (7, 'i1', 'm', 1, 1, 'delivered', 't', 'x', 3),
                        (9, 'i2', 'm', 2, 2, 'returned', 't', NULL, NULL);
             INSERT INTO return_manifests (id, number, year, seq, manifest_id, issued_on,
                     issued_by, created_at) VALUES ('r', 'BA R', 2026, 1, 'm', 'd', 'P', 't');
             INSERT INTO return_items (return_id, item_id, line) VALUES ('r', 'i2', 1);",
        )
        .unwrap();
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();

        type Item = (i64, String, String, Option<String>, Option<i64>);
        let items: Vec<Item> = conn
            .prepare(
                "SELECT rowid, id, state, delivered_at, last_office_seq FROM manifest_items
                 ORDER BY rowid",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            items,
            vec![
                (
                    7,
                    "i1".into(),
                    "delivered".into(),
                    Some("x".into()),
                    Some(3)
                ),
                (9, "i2".into(), "returned".into(), None, None),
            ]
        );
        let violations: i64 = conn
            .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(violations, 0);
        // The return BA still points at the item: it cannot be deleted from under it.
        assert!(
            conn.execute("DELETE FROM manifest_items WHERE id = 'i2'", [])
                .is_err()
        );

        let update = "UPDATE manifest_items SET state = ?2 WHERE rowid = ?1";
        assert!(conn.execute(update, rusqlite::params![7, "failed"]).is_ok());
        assert!(conn.execute(update, rusqlite::params![7, "lost"]).is_err());
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN {update}"))
            .unwrap()
            .query_map(rusqlite::params![7, "failed"], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
    }

    /// Data written before 0005 keeps its checks (moved into the attempt row) and gets each
    /// item's latest attempt; an attempt without checks keeps NULLs.
    #[test]
    fn migration_0005_moves_checks_and_latest_attempts() {
        let mut conn = Connection::open_in_memory().unwrap();
        // Only the rows the migration moves, without the documents and events they name.
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        Migrations::from_slice(&MIGRATIONS[..4])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO manifest_items (id, manifest_id, document_id, line, state, updated_at)
                 VALUES ('i1', 'm', 1, 1, 'failed', 't'), ('i2', 'm', 2, 2, 'pending', 't');
             INSERT INTO attempts (office_seq, item_id, outcome, recorded_at)
                 VALUES (1, 'i1', 'failed', 't'), (2, 'i1', 'failed', 't'),
                        (3, 'i9', 'failed', 't');
             INSERT INTO attempt_checks (office_seq, chain, chain_json, time, time_json,
                     manifest_bound, place_office, place_device, place_agrees)
                 VALUES (1, 'genesis', '{\"chain\":\"genesis\"}', 'consistent', '{}', 1,
                         '{\"kind\":\"inside\"}', NULL, NULL),
                        (2, 'linked', '{\"chain\":\"linked\"}', 'consistent', '{}', 0,
                         '{\"kind\":\"inside\"}', '{\"kind\":\"inside\"}', 1);",
        )
        .unwrap();
        Migrations::from_slice(&MIGRATIONS[..5])
            .to_latest(&mut conn)
            .unwrap();
        type Checks = (i64, Option<String>, Option<bool>, Option<bool>);
        let checks: Vec<Checks> = conn
            .prepare("SELECT office_seq, chain, manifest_bound, place_agrees FROM attempts")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            checks,
            vec![
                (1, Some("genesis".into()), Some(true), None),
                (2, Some("linked".into()), Some(false), Some(true)),
                (3, None, None, None),
            ]
        );
        let latest: Vec<(String, Option<i64>)> = conn
            .prepare("SELECT id, last_office_seq FROM manifest_items ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(latest, vec![("i1".into(), Some(2)), ("i2".into(), None)]);
        let gone: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master
                 WHERE name IN ('attempt_checks', 'attempts_by_item')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(gone, 0);
    }

    /// 0014 gives every officer a role: one already on a visit's team keeps both duties, the
    /// others stay couriers.
    #[test]
    fn migration_0014_keeps_team_members_on_teams() {
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::from_slice(&MIGRATIONS[..13])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO couriers (id, name, created_at) VALUES ('a', 'Kurir', 't'), ('b', 'Tim', 't');
             INSERT INTO visits (id, number, year, seq, visit_day, kind, venue, desa, kecamatan,
                                 planned_by, created_at, updated_at)
             VALUES ('v', 'K', 2026, 1, '2026-12-10', 'pekon', 'Balai', '18.06.26.2003',
                     '18.06.26', 'Staf', 't', 't');
             INSERT INTO visit_team (visit_id, courier_id) VALUES ('v', 'b');",
        )
        .unwrap();
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .unwrap();
        let roles: Vec<(String, String)> = conn
            .prepare("SELECT id, role FROM couriers ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            roles,
            [
                ("a".into(), "kurir".into()),
                ("b".into(), "keduanya".into())
            ]
        );
        let refused = conn.execute("UPDATE couriers SET role = 'sopir' WHERE id = 'a'", []);
        assert!(refused.is_err(), "an unknown role is refused");
    }

    /// 0020 rebuilds the `attempts` view with the official's position: attempts stored before
    /// read as they did (no position), and a card left with an official keeps its own.
    #[test]
    fn migration_0020_keeps_attempts_and_adds_the_officials_position() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        // Up to 0019: the rows are written as before 0020.
        Migrations::from_slice(&MIGRATIONS[..19])
            .to_latest(&mut conn)
            .unwrap();
        let insert = "INSERT INTO events (office_seq, id, device_id, device_seq, canonical,
                sha256, received_at, item_id, outcome, recipient, relationship)
             VALUES (?1, ?2, 'd', ?1, x'00', 'h', 't', 'i1', ?3, ?4, ?5)";
        conn.execute(
            insert,
            rusqlite::params![1, "e1", "delivered_to_family", "Siti", "spouse"],
        )
        .unwrap();
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .unwrap();
        conn.execute(
            "INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256,
                received_at, item_id, outcome, recipient, official_position)
             VALUES (2, 'e2', 'd', 2, x'00', 'h', 't', 'i1', 'left_with_official', 'Suparman',
                'kepala_pekon')",
            [],
        )
        .unwrap();
        type Row = (i64, String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Row> = conn
            .prepare(
                "SELECT office_seq, outcome, recipient, relationship, official_position
                 FROM attempts ORDER BY office_seq",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (
                    1,
                    "delivered_to_family".into(),
                    Some("Siti".into()),
                    Some("spouse".into()),
                    None
                ),
                (
                    2,
                    "left_with_official".into(),
                    Some("Suparman".into()),
                    None,
                    Some("kepala_pekon".into())
                ),
            ]
        );
    }

    /// 0026 adds the findings' count that ingest fills; attempts stored before get theirs
    /// when the store opens — the same number the domain's rule gives — and a reopen finds
    /// nothing left to count.
    #[test]
    fn migration_0026_counts_the_findings_of_older_attempts_when_the_store_opens() {
        use crate::store::json_text;
        use crate::store::roles::ReviewStore;
        use antar_domain::custody::{ChainVerdict, TimeVerdict};
        use antar_domain::findings::{ProofChecks, findings};
        use antar_domain::place::{PlaceVerdict, UnusableReason};

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        Migrations::from_slice(&MIGRATIONS[..25])
            .to_latest(&mut conn)
            .unwrap();
        let at = chrono::Utc::now();
        let far = PlaceVerdict::Unusable {
            reason: UnusableReason::NoFix,
        };
        let cases = [
            (PlaceVerdict::Inside, Some(true), ChainVerdict::Linked, true),
            (far.clone(), Some(false), ChainVerdict::Broken, false),
            (far, None, ChainVerdict::Genesis, true),
        ];
        let time = TimeVerdict::AfterReceipt {
            claimed: at,
            latest: at,
        };
        let mut expected = Vec::new();
        for (seq, (place, agrees, chain, bound)) in (1..).zip(&cases) {
            conn.execute(
                "INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256,
                    received_at, item_id, outcome, chain, chain_json, time, time_json,
                    manifest_bound, place_office, place_agrees)
                 VALUES (?1, ?1, 'd', ?1, x'00', 'h', 't', 'i1', 'delivered_to_owner', ?2, ?3,
                    ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    seq,
                    chain.code(),
                    json_text(chain).unwrap(),
                    time.code(),
                    json_text(&time).unwrap(),
                    bound,
                    json_text(place).unwrap(),
                    agrees
                ],
            )
            .unwrap();
            let found = findings(&ProofChecks {
                place,
                place_agrees: *agrees,
                time: &time,
                chain,
                manifest_bound: *bound,
                photo_check: None,
            });
            expected.push(Some(found.len() as i64));
        }
        drop(conn);

        let store = crate::store::Store::open(&path).unwrap();
        let counted: Vec<Option<i64>> = store
            .read(|c| {
                let mut counted = Vec::new();
                c.for_each_row(
                    "SELECT finding_count FROM attempts ORDER BY office_seq",
                    Vec::<rusqlite::types::Value>::new(),
                    |r| {
                        counted.push(r.get(0)?);
                        Ok(())
                    },
                )?;
                Ok(counted)
            })
            .unwrap();
        assert_eq!(counted, expected);
        assert_eq!(expected, [Some(1), Some(5), Some(2)], "the cases differ");
        assert_eq!(store.count_older_findings().unwrap(), 0, "nothing left");
    }

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }
}

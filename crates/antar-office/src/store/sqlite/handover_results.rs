//! Reading a visit's collective handovers back (migration 0013), and the cards of its BAs,
//! for `VisitResults`.

use crate::store::db::Db;
use antar_domain::place::PlaceVerdict;

use super::values::from_json_text;
use crate::store::{CardCounts, HandoverRow, StoreResult, parse_stored, parse_timestamp};

pub(super) fn handovers(conn: &Db<'_>, visit: &str) -> StoreResult<Vec<HandoverRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.office_seq, COALESCE(c.name, ''), e.recorded_at, h.official_name,
                h.official_position,
                (SELECT COUNT(*) FROM collective_items ci WHERE ci.office_seq = h.office_seq),
                (SELECT COUNT(*) FROM collective_items ci
                 WHERE ci.office_seq = h.office_seq AND ci.changed = 1),
                e.place_office, e.photo_sha256
         FROM collective_handovers h JOIN events e ON e.office_seq = h.office_seq
         LEFT JOIN couriers c ON c.id = h.courier_id
         WHERE h.visit_id = ?1 ORDER BY e.recorded_at, h.office_seq",
    )?;
    let rows = stmt.query_map([visit], |r| {
        Ok((
            r.get::<i64>(0)?,
            r.get::<String>(1)?,
            r.get::<String>(2)?,
            r.get::<String>(3)?,
            r.get::<String>(4)?,
            r.get::<u32>(5)?,
            r.get::<u32>(6)?,
            r.get::<String>(7)?,
            r.get::<Option<String>>(8)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (office_seq, courier_name, at, name, position, cards, delivered, place, photo) = row?;
        found.push(HandoverRow {
            office_seq,
            courier_name,
            recorded_at: parse_timestamp(&at)?,
            official_name: name,
            official_position: position,
            cards,
            delivered,
            place: from_json_text::<PlaceVerdict>(&place, "tempat serah terima")?,
            photo: photo.map(|p| parse_stored(&p, "hash foto")).transpose()?,
        });
    }
    Ok(found)
}

pub(super) fn cards(conn: &Db<'_>, visit: &str) -> StoreResult<CardCounts> {
    conn.prepare_cached(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE i.state = 'delivered'),
            COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM collective_items ci
                                           WHERE ci.item_id = i.id AND ci.changed = 1))
         FROM manifest_items i JOIN manifests m ON m.id = i.manifest_id
         WHERE m.visit_id = ?1",
    )?
    .query_row([visit], |r| {
        Ok(CardCounts {
            on_ba: r.get(0)?,
            delivered: r.get(1)?,
            collective: r.get(2)?,
        })
    })
}

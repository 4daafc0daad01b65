//! The period report: documents printed in a period, per kecamatan, by where they are now and
//! how many reached their owner within the service standard.

use super::printed::update;
use crate::store::Store;
use crate::store::StoreResult;
use crate::store::period_report::PeriodRow;
use crate::store::{Period, today};
use antar_domain::sop::ServiceStanding;
use std::collections::BTreeMap;

pub(super) fn period_report(
    store: &Store,
    period: Period,
) -> StoreResult<(Vec<PeriodRow>, PeriodRow)> {
    let today = today();
    let mut rows: BTreeMap<String, PeriodRow> = BTreeMap::new();
    // Every printed document counts, dispatched or not. A kecamatan's name is the same on
    // all its documents (import fills it from the region registry).
    store.each_document(period, |doc| {
        let new = || PeriodRow {
            kecamatan: doc.kecamatan.to_owned(),
            name: doc.kecamatan_name.to_owned(),
            ..PeriodRow::default()
        };
        update(&mut rows, doc.kecamatan, new, |row| {
            row.printed += 1;
            let Some(item) = &doc.item else {
                return;
            };
            match item.state {
                "pending" => row.pending += 1,
                "delivered" => row.delivered += 1,
                "failed" => row.failed += 1,
                "returned" => row.returned += 1,
                _ => {}
            }
            if doc.standing(today).is_some_and(ServiceStanding::is_on_time) {
                row.on_time += 1;
            }
        });
    })?;
    for (kecamatan, n) in left_with_official(store, period)? {
        if let Some(row) = rows.get_mut(&kecamatan) {
            row.left_with_official = n;
        }
    }
    let mut total = PeriodRow {
        name: "Jumlah".to_owned(),
        ..PeriodRow::default()
    };
    let mut list: Vec<PeriodRow> = rows.into_values().collect();
    for row in &mut list {
        let dispatched = row.pending + row.delivered + row.failed + row.returned;
        row.not_dispatched = row.printed.saturating_sub(dispatched);
        total.add(row);
    }
    Ok((list, total))
}

/// Per kecamatan, the documents printed in `period` whose delivery that stands left them with
/// an official: the latest item of the document, delivered, by such an attempt that stands.
fn left_with_official(store: &Store, period: Period) -> StoreResult<Vec<(String, u64)>> {
    let (from, to) = period.bounds();
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(concat!(
            "SELECT d.kecamatan, COUNT(DISTINCT i.id)
             FROM attempts a
             JOIN manifest_items i ON i.id = a.item_id
             JOIN documents d ON d.id = i.document_id
             WHERE ",
            left_with_official!(),
            " AND i.state = 'delivered'
               AND i.rowid = (SELECT MAX(i2.rowid) FROM manifest_items i2
                              WHERE i2.document_id = d.id)
               AND d.printed_on >= ?1 AND d.printed_on <= ?2
             GROUP BY d.kecamatan"
        ))?;
        let rows = stmt.query_map([&from, &to], |r| {
            Ok((r.get(0)?, crate::store::get_u64(r, 1)?))
        })?;
        rows.collect::<Result<_, _>>()
    })
}

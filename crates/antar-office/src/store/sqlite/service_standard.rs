//! The service standard (a document reaches its owner within 5 days of printing, as
//! [`antar_domain::sop::ServiceStanding`] decides) per kecamatan and per courier, and the late
//! documents, from one pass over the printed documents.

use super::printed::{DocFacts, update};
use crate::store::Store;
use crate::store::StoreResult;
use crate::store::service_standard::{LateItem, LateOnBa, ServiceRow, ServiceStandard};
use crate::store::{Period, today};
use antar_domain::sop::ServiceStanding;
use std::collections::{BTreeMap, BinaryHeap};

/// How many late documents the page lists (the counts cover all of them).
const MAX_LATE_LISTED: usize = 500;

/// The late documents listed: the first [`MAX_LATE_LISTED`] in printing order (print day, then
/// document id), the same ones the page always listed. Documents arrive in id order, so a
/// max-heap keeps the earliest and copies a document's text only when it gets in.
#[derive(Default)]
struct LateList {
    heap: BinaryHeap<LateEntry>,
}

struct LateEntry {
    document_id: i64,
    item: LateItem,
}

impl LateEntry {
    fn key(&self) -> (&str, i64) {
        (&self.item.printed_on, self.document_id)
    }
}

impl PartialEq for LateEntry {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for LateEntry {}

impl PartialOrd for LateEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LateEntry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl LateList {
    fn offer(&mut self, doc: &DocFacts<'_>, standing: ServiceStanding) {
        if self.heap.len() >= MAX_LATE_LISTED {
            match self.heap.peek() {
                Some(last) if (doc.printed_on, doc.id) < last.key() => {
                    self.heap.pop();
                }
                _ => return,
            }
        }
        self.heap.push(LateEntry {
            document_id: doc.id,
            item: LateItem {
                on_ba: doc.item.as_ref().map(|item| LateOnBa {
                    number: item.ba_number.to_owned(),
                    line: item.line,
                    courier: item.courier.to_owned(),
                }),
                kecamatan_name: doc.kecamatan_name.to_owned(),
                desa_name: doc.desa_name.to_owned(),
                document_type: doc.document_type.to_owned(),
                printed_on: doc.printed_on.to_owned(),
                days: standing.days,
                delivered: standing.delivered,
            },
        });
    }

    /// Most days first; equal days stay in printing order.
    fn into_list(self) -> Vec<LateItem> {
        let mut late: Vec<LateItem> = self
            .heap
            .into_sorted_vec()
            .into_iter()
            .map(|e| e.item)
            .collect();
        late.sort_by_key(|l| std::cmp::Reverse(l.days));
        late
    }
}

pub(super) fn service_standard(store: &Store, period: Period) -> StoreResult<ServiceStandard> {
    let today = today();
    let mut kecamatan: BTreeMap<String, ServiceRow> = BTreeMap::new();
    let mut courier: BTreeMap<String, ServiceRow> = BTreeMap::new();
    let mut result = ServiceStandard::default();
    let mut late_list = LateList::default();
    // Every printed document counts, on a BA or not; a courier answers only for the
    // documents on its BAs.
    store.each_document(period, |doc| {
        let Some(standing) = doc.standing(today) else {
            return;
        };
        let groups = [
            Some((&mut kecamatan, doc.kecamatan, doc.kecamatan_name)),
            doc.item
                .as_ref()
                .map(|item| (&mut courier, item.courier_id, item.courier)),
        ];
        for (map, key, name) in groups.into_iter().flatten() {
            let new = || ServiceRow {
                key: key.to_owned(),
                name: name.to_owned(),
                ..ServiceRow::default()
            };
            update(map, key, new, |row| count(row, standing));
        }
        count(&mut result.total, standing);
        if standing.is_late() {
            result.late_total += 1;
            late_list.offer(doc, standing);
        }
    })?;
    result.late = late_list.into_list();
    result.by_kecamatan = kecamatan.into_values().collect();
    let mut couriers: Vec<ServiceRow> = courier.into_values().collect();
    couriers.sort_by(|a, b| a.name.cmp(&b.name));
    result.by_courier = couriers;
    Ok(result)
}

fn count(row: &mut ServiceRow, standing: ServiceStanding) {
    if standing.delivered {
        row.delivered += 1;
        row.total_days += standing.days;
        if standing.is_on_time() {
            row.on_time += 1;
        }
    } else if standing.is_open_and_late() {
        row.open_late += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::printed::ItemFacts;
    use super::super::printed::tests::{fixture, reference};
    use super::*;
    use crate::store::roles::ReportStore;

    #[test]
    fn every_printed_document_counts_against_the_standard_on_a_ba_or_not() {
        let (_dir, store) = fixture();
        let service = store.service_standard(Period::default()).unwrap();
        // The fixture never dispatches every tenth of its 120 documents, all printed long ago.
        let not_on_a_ba = service.late.iter().filter(|l| l.on_ba.is_none()).count();
        assert_eq!(not_on_a_ba, 12);
        // The kecamatan and the total count them; no courier answers for them.
        let by_kecamatan: u64 = service.by_kecamatan.iter().map(|r| r.open_late).sum();
        let by_courier: u64 = service.by_courier.iter().map(|r| r.open_late).sum();
        assert_eq!(by_kecamatan, service.total.open_late);
        assert_eq!(by_kecamatan - by_courier, 12);
        // A returned document has not reached its owner: it is open, not left out.
        let open_on_a_ba = service
            .late
            .iter()
            .filter(|l| l.on_ba.is_some() && !l.delivered)
            .count();
        let (rows, _) = reference(&store, Period::default());
        let not_delivered = rows
            .iter()
            .filter(|r| r.1.5 != "delivered" || r.2.is_none());
        assert_eq!(open_on_a_ba, not_delivered.count());
    }

    #[test]
    fn the_late_list_keeps_the_first_in_printing_order_then_sorts_by_days() {
        let mut list = LateList::default();
        let mut offered = Vec::new();
        // Offered in id order, with print days (and days late) scrambled.
        for id in 0..2_000i64 {
            let printed_on = format!("2026-01-{:02}", 1 + (id * 7919) % 28);
            let days = (id * 31) % 11;
            let doc = DocFacts {
                id,
                kecamatan: "k",
                kecamatan_name: "K",
                desa_name: "D",
                document_type: "KTP-el",
                printed_on: &printed_on,
                item: Some(ItemFacts {
                    state: "failed",
                    ba_number: "BA",
                    line: 1,
                    courier_id: "c",
                    courier: "C",
                    delivered_at: None,
                }),
            };
            let standing = ServiceStanding {
                days,
                delivered: false,
            };
            list.offer(&doc, standing);
            offered.push((printed_on.clone(), id, days));
        }
        // What the page listed before: the first 500 in (print day, id) order, stably sorted.
        offered.sort();
        offered.truncate(MAX_LATE_LISTED);
        let mut expected = offered;
        expected.sort_by_key(|e| std::cmp::Reverse(e.2));
        let got: Vec<(String, i64)> = list
            .into_list()
            .into_iter()
            .map(|l| (l.printed_on, l.days))
            .collect();
        let expected: Vec<(String, i64)> = expected.into_iter().map(|e| (e.0, e.2)).collect();
        assert_eq!(got, expected);
    }
}

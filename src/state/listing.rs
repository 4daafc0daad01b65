//! How a manifest's documents are laid out for walking: grouped per kecamatan and desa,
//! inside a desa by RW, RT and street, filtered by a search, and paged so a list of
//! thousands renders only what a thumb can reach.

use antar_domain::manifest::{Manifest, ManifestItem};
use antar_domain::state::ItemState;

/// Documents shown per page; more come with one tap.
pub const PAGE: usize = 60;

/// One desa's documents, in walking order.
#[derive(Debug, PartialEq)]
pub struct DesaGroup<'a> {
    pub kecamatan: &'a str,
    pub desa: &'a str,
    /// Documents of this desa in the whole manifest, and how many of them are done.
    pub total: usize,
    pub done: usize,
    pub items: Vec<&'a ManifestItem>,
}

/// The result of a search, cut to `limit` documents.
#[derive(Debug, PartialEq)]
pub struct Listing<'a> {
    pub groups: Vec<DesaGroup<'a>>,
    /// Documents matching the search.
    pub matching: usize,
    /// Of those, how many are in `groups`.
    pub shown: usize,
}

/// Whether `item` matches what the courier typed: part of the owner's name in any case, or
/// the last digits of the NIK when the query is all digits (what a card shows at a glance).
pub fn matches(item: &ManifestItem, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    if query.chars().all(|c| c.is_ascii_digit()) {
        return item.nik.as_str().ends_with(query);
    }
    let wanted = query.to_lowercase();
    item.owner_name.to_lowercase().contains(&wanted)
}

/// Lays out the manifest: desa groups in kecamatan/desa name order, each in RW/RT/street
/// order; at most `limit` matching documents; with `only_to_deliver`, only those a courier
/// may still take to the door (the domain's not-final states: with the courier, or failed).
pub fn layout<'a>(
    manifest: &'a Manifest,
    query: &str,
    only_to_deliver: bool,
    limit: usize,
) -> Listing<'a> {
    let mut items: Vec<&ManifestItem> = manifest.items.iter().collect();
    items.sort_by(|a, b| walking_key(a).cmp(&walking_key(b)));
    let mut groups: Vec<DesaGroup<'a>> = Vec::new();
    let (mut matching, mut shown) = (0, 0);
    for item in items {
        let same_desa = groups.last().is_some_and(|g| {
            g.desa == item.address.desa_name && g.kecamatan == item.address.kecamatan_name
        });
        if !same_desa {
            groups.push(DesaGroup {
                kecamatan: &item.address.kecamatan_name,
                desa: &item.address.desa_name,
                total: 0,
                done: 0,
                items: Vec::new(),
            });
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        group.total += 1;
        if item.state != ItemState::Pending {
            group.done += 1;
        }
        if matches(item, query) && !(only_to_deliver && item.state.is_final()) {
            matching += 1;
            if shown < limit {
                shown += 1;
                group.items.push(item);
            }
        }
    }
    groups.retain(|g| !g.items.is_empty());
    Listing {
        groups,
        matching,
        shown,
    }
}

fn walking_key(item: &ManifestItem) -> (&str, &str, u16, u16, &str, u32) {
    let address = &item.address;
    (
        &address.kecamatan_name,
        &address.desa_name,
        address.rw.value(),
        address.rt.value(),
        &address.alamat,
        item.line,
    )
}

/// What a courier needs of the NIK: the last four digits, to check against the card.
pub fn nik_for_courier(item: &ManifestItem) -> String {
    masked_nik(item.nik.last_digits(4))
}

/// A NIK as any screen shows it: only its last four digits, given here.
pub fn masked_nik(last_four: &str) -> String {
    format!("•••• •••• •••• {last_four}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::manifest_from_sample;

    #[test]
    fn groups_follow_kecamatan_then_desa_and_count_what_is_done() {
        let manifest = manifest_from_sample(500);
        let listing = layout(&manifest, "", false, usize::MAX);
        assert_eq!(listing.matching, manifest.items.len());
        let keys: Vec<(&str, &str)> = listing
            .groups
            .iter()
            .map(|g| (g.kecamatan, g.desa))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted, "each desa once, in order");
        let counted: usize = listing.groups.iter().map(|g| g.total).sum();
        assert_eq!(counted, manifest.items.len());
        for group in &listing.groups {
            let rw_rt: Vec<(u16, u16)> = group
                .items
                .iter()
                .map(|i| (i.address.rw.value(), i.address.rt.value()))
                .collect();
            assert!(
                rw_rt.windows(2).all(|w| w[0] <= w[1]),
                "{}: {rw_rt:?}",
                group.desa
            );
        }
    }

    #[test]
    fn search_by_name_part_or_last_nik_digits_and_paging() {
        let manifest = manifest_from_sample(500);
        let someone = &manifest.items[17];
        let first_name = someone
            .owner_name
            .split_whitespace()
            .next()
            .unwrap()
            .to_lowercase();
        let by_name = layout(&manifest, &first_name, false, usize::MAX);
        assert!(
            by_name
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .any(|i| i.id == someone.id)
        );
        assert!(by_name.matching < manifest.items.len());

        let digits = someone.nik.last_digits(6);
        let by_nik = layout(&manifest, digits, false, usize::MAX);
        assert!(
            by_nik
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .all(|i| i.nik.as_str().ends_with(digits))
        );
        assert!(
            by_nik
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .any(|i| i.id == someone.id)
        );

        let first_page = layout(&manifest, "", false, PAGE);
        assert_eq!(
            (first_page.shown, first_page.matching),
            (PAGE, manifest.items.len())
        );
        assert_eq!(
            first_page
                .groups
                .iter()
                .map(|g| g.items.len())
                .sum::<usize>(),
            PAGE
        );

        assert_eq!(
            layout(&manifest, "zzzz-nobody", false, PAGE).groups.len(),
            0
        );
    }

    #[test]
    fn only_to_deliver_keeps_what_still_goes_to_a_door() {
        let mut manifest = manifest_from_sample(6);
        let states = [
            ItemState::Delivered,
            ItemState::Failed,
            ItemState::Returned,
            ItemState::Pending,
        ];
        for (item, state) in manifest.items.iter_mut().zip(states) {
            item.state = state;
        }
        let listing = layout(&manifest, "", true, PAGE);
        let shown: Vec<ItemState> = listing
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .map(|i| i.state)
            .collect();
        assert_eq!(listing.matching, 4, "failed, pending and the two untouched");
        assert!(
            shown
                .iter()
                .all(|s| matches!(s, ItemState::Pending | ItemState::Failed))
        );
    }

    #[test]
    fn the_courier_sees_only_the_last_four_nik_digits() {
        let manifest = manifest_from_sample(1);
        let item = &manifest.items[0];
        let shown = nik_for_courier(item);
        assert!(shown.ends_with(item.nik.last_digits(4)));
        assert!(!shown.contains(&item.nik.as_str()[..12]));
    }
}

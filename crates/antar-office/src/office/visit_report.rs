//! The recording teams' monthly report, what a Kasi puts in the month's report: per kecamatan
//! and team, the visits held, the people recorded per category and the walk-ins, the IKD
//! activations, and the printed cards handed over (to their owners or to the aparat pekon).
//! Cancelled visits count for nothing.

use std::collections::BTreeMap;

use antar_domain::visit::{TargetCategory, VisitState};

use super::Office;
use crate::error::OfficeResult;
use crate::store::{CategoryCounts, VisitFilter};

/// One line of the report: a kecamatan and a team.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisitReportRow {
    pub kecamatan_name: String,
    /// The team's names, as the plans list them.
    pub team: String,
    /// Visits with at least one check-in; planned ones not yet held are counted apart.
    pub visits_held: u32,
    pub visits_planned: u32,
    /// Per category code, in [`TargetCategory::ALL`]'s order.
    pub by_category: BTreeMap<&'static str, CategoryCounts>,
    pub walk_ins: CategoryCounts,
    /// Printed cards of the visits' BAs handed to their owners, and to the aparat pekon.
    pub cards_to_owner: u32,
    pub cards_collective: u32,
}

impl VisitReportRow {
    pub fn category(&self, category: TargetCategory) -> CategoryCounts {
        self.by_category
            .get(category.code())
            .copied()
            .unwrap_or_default()
    }

    pub fn total(&self) -> CategoryCounts {
        self.by_category
            .values()
            .fold(self.walk_ins, |sum, line| sum.plus(*line))
    }
}

impl Office {
    /// The month's report, by kecamatan then team.
    pub fn visit_report(&self, year: i32, month: u32) -> OfficeResult<Vec<VisitReportRow>> {
        let filter = VisitFilter {
            month: Some((year, month)),
            ..VisitFilter::default()
        };
        let mut rows: BTreeMap<(String, String), VisitReportRow> = BTreeMap::new();
        for visit in self.store().visits(&filter)? {
            if visit.state == VisitState::Cancelled {
                continue;
            }
            let team = visit.team_names.join(", ");
            let row = rows
                .entry((visit.kecamatan_name.clone(), team.clone()))
                .or_insert_with(|| VisitReportRow {
                    kecamatan_name: visit.kecamatan_name.clone(),
                    team,
                    ..VisitReportRow::default()
                });
            let results = self.store().visit_results(visit.id)?;
            if results.checkins.is_empty() {
                row.visits_planned += 1;
            } else {
                row.visits_held += 1;
            }
            let counts = results.counts();
            for (code, line) in counts.by_category {
                let sum = row.by_category.entry(code).or_default();
                *sum = sum.plus(line);
            }
            row.walk_ins = row.walk_ins.plus(counts.walk_ins);
            row.cards_to_owner += results.cards.to_owner();
            row.cards_collective += results.cards.collective;
        }
        Ok(rows.into_values().collect())
    }
}

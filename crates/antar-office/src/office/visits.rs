//! Planning the recording teams' visits: checking a plan before it is stored, changing or
//! calling it off while it is planned, and importing its target list.

use std::path::Path;

use antar_domain::glossary;
use antar_domain::ids::{CourierId, ManifestId, VisitId};
use antar_domain::manifest::Manifest;
use antar_domain::nip::Nip;
use antar_domain::sop;
use antar_domain::visit::{PHONE_KEEPS_PAST_DAYS, VisitState};
use antar_domain::wire::{VisitSheet, VisitSummary};

use super::{Office, check_region, clean_name, courier_refused};
use crate::error::{OfficeError, OfficeResult};
use crate::import::{self, Columns, ImportReport, Table};
use crate::store::{
    ManifestInfo, ManifestScope, TargetRow, VisitFilter, VisitInfo, VisitManifestRefusal,
    VisitPlan, VisitRefusal, VisitResults,
};

/// The longest note or cancellation reason kept.
const MAX_NOTE_CHARS: usize = 500;

impl Office {
    /// Plans a visit; `planned_by` is the staff member's name as the plan shows it.
    pub fn plan_visit(&self, plan: VisitPlan, planned_by: &str) -> OfficeResult<VisitInfo> {
        let plan = checked_plan(plan)?;
        let planned_by = clean_name(planned_by, "nama perencana")?;
        let visit = self
            .store()
            .add_visit(VisitId::new_v7(), &plan, &planned_by)?
            .map_err(|refusal| visit_refused(refusal, "-"))?;
        tracing::info!(visit = %visit.id, team = plan.team.len(), "kunjungan direncanakan");
        Ok(visit)
    }

    /// Changes a planned visit's day, place, team or note.
    pub fn edit_visit(&self, id: VisitId, plan: VisitPlan) -> OfficeResult<VisitInfo> {
        let plan = checked_plan(plan)?;
        let number = self.visit_number(id)?;
        self.store()
            .edit_visit(id, &plan)?
            .map_err(|refusal| visit_refused(refusal, &number))?;
        self.visit(id)?
            .ok_or_else(|| OfficeError::UnknownVisit(id.to_string()))
    }

    /// Calls a planned visit off; the reason is kept and shown. The cards of its BAs that are
    /// still at the office go back, free for another BA (the BA stays in the agenda).
    pub fn cancel_visit(&self, id: VisitId, reason: &str) -> OfficeResult<VisitInfo> {
        let reason = note(Some(reason), "alasan pembatalan")?.ok_or_else(|| {
            OfficeError::InvalidRequest("alasan pembatalan tidak boleh kosong".to_owned())
        })?;
        let number = self.visit_number(id)?;
        let returned = self
            .store()
            .cancel_visit(id, &reason)?
            .map_err(|refusal| visit_refused(refusal, &number))?;
        tracing::info!(visit = %id, returned, "kunjungan dibatalkan");
        self.visit(id)?
            .ok_or_else(|| OfficeError::UnknownVisit(id.to_string()))
    }

    pub fn visit(&self, id: VisitId) -> OfficeResult<Option<VisitInfo>> {
        self.store().visit(id).map_err(Into::into)
    }

    /// A visit by its id or its number.
    pub fn find_visit(&self, id_or_number: &str) -> OfficeResult<Option<VisitInfo>> {
        let id = match id_or_number.trim().parse::<VisitId>() {
            Ok(id) => Some(id),
            Err(_) => self.store().visit_id_by_number(id_or_number)?,
        };
        match id {
            Some(id) => self.visit(id),
            None => Ok(None),
        }
    }

    pub fn visits(&self, filter: &VisitFilter) -> OfficeResult<Vec<VisitInfo>> {
        self.store().visits(filter).map_err(Into::into)
    }

    /// The visit's target list, by name.
    pub fn visit_targets(&self, id: VisitId) -> OfficeResult<Vec<TargetRow>> {
        self.store().targets(id).map_err(Into::into)
    }

    /// Takes the person with `nik` off a planned visit's list; `false` when not on it.
    pub fn remove_visit_target(&self, id: VisitId, nik: &str) -> OfficeResult<bool> {
        let number = self.visit_number(id)?;
        let removed = self
            .store()
            .remove_target(id, nik)?
            .map_err(|refusal| visit_refused(refusal, &number))?;
        if removed {
            tracing::info!(visit = %id, "sasaran dihapus dari daftar");
        }
        Ok(removed)
    }

    /// Imports a target list file (CSV or .xlsx) onto a planned visit.
    pub fn import_visit_targets(&self, id: VisitId, path: &Path) -> OfficeResult<ImportReport> {
        let table = Table::read(path, Columns::Targets)?;
        self.import_target_table(id, &table)
    }

    /// Imports a target list uploaded through the web (see [`Office::import_upload`]).
    pub fn import_visit_targets_upload(
        &self,
        id: VisitId,
        name: &str,
        bytes: Vec<u8>,
    ) -> OfficeResult<ImportReport> {
        let table = if import::is_workbook(name, &bytes) {
            Table::from_workbook_bytes(bytes, name, Columns::Targets)?
        } else {
            Table::from_csv(&bytes, Columns::Targets)?
        };
        self.import_target_table(id, &table)
    }

    fn import_target_table(&self, id: VisitId, table: &Table) -> OfficeResult<ImportReport> {
        let visit = self
            .visit(id)?
            .ok_or_else(|| OfficeError::UnknownVisit(id.to_string()))?;
        let report = import::import_targets(self.store(), &visit, table)?
            .map_err(|refusal| visit_refused(refusal, &visit.number))?;
        tracing::info!(
            visit = %id,
            imported = report.imported,
            duplicates = report.duplicates.len(),
            rejected = report.rejected.len(),
            "daftar sasaran diimpor"
        );
        Ok(report)
    }

    pub(super) fn visit_number(&self, id: VisitId) -> OfficeResult<String> {
        self.visit(id)?
            .map(|visit| visit.number)
            .ok_or_else(|| OfficeError::UnknownVisit(id.to_string()))
    }
}

/// The plan with its texts trimmed, or what is wrong with it.
fn checked_plan(mut plan: VisitPlan) -> OfficeResult<VisitPlan> {
    check_region(&plan.desa, false)?;
    plan.venue = clean_name(&plan.venue, "tempat kunjungan")?;
    plan.note = note(plan.note.as_deref(), "catatan")?;
    if plan.team.is_empty() {
        return Err(OfficeError::InvalidRequest(
            "tim kunjungan belum diisi: pilih sedikitnya satu petugas".to_owned(),
        ));
    }
    plan.team.sort();
    plan.team.dedup();
    Ok(plan)
}

/// A free text kept as typed but trimmed; `None` when empty.
fn note(text: Option<&str>, what: &str) -> OfficeResult<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_NOTE_CHARS || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(OfficeError::InvalidRequest(format!(
            "{what} terlalu panjang (paling banyak {MAX_NOTE_CHARS} karakter) atau memuat \
             karakter kontrol"
        )));
    }
    Ok(Some(text.to_owned()))
}

fn visit_refused(refusal: VisitRefusal, number: &str) -> OfficeError {
    match refusal {
        VisitRefusal::Unknown => OfficeError::UnknownVisit(number.to_owned()),
        VisitRefusal::NotPlanned(state) => OfficeError::VisitNotPlanned {
            number: number.to_owned(),
            state: glossary::ID.visit_state(state).to_lowercase(),
            what: match state {
                VisitState::Cancelled => "tidak bisa diubah lagi",
                _ => "tim sudah mulai bekerja, rencana dan daftar sasarannya tidak bisa diubah",
            },
        },
        VisitRefusal::Member(member, refusal) => courier_refused(refusal, member),
    }
}

/// What a team's phone downloads: the visits its field officer is on that have not begun, and
/// those of the last [`PHONE_KEEPS_PAST_DAYS`] days (a team offline for a day or two still
/// finds yesterday's).
impl Office {
    pub(crate) fn team_visits(&self, courier: CourierId) -> OfficeResult<Vec<VisitSummary>> {
        let since = sop::local_day(chrono::Utc::now()) - chrono::Days::new(PHONE_KEEPS_PAST_DAYS);
        let filter = VisitFilter {
            member: Some(courier),
            ..VisitFilter::default()
        };
        Ok(self
            .store()
            .visits(&filter)?
            .into_iter()
            // A plan not yet begun stays on the phone whatever its day (postponed, or the
            // phone's clock is wrong); one begun or called off only while recent.
            .filter(|visit| visit.state == VisitState::Planned || visit.plan.day >= since)
            .map(|visit| phone_summary(&visit))
            .collect())
    }

    /// One visit of `courier`'s with its list; `None` for a visit they are not on (as for
    /// one that does not exist). A cancelled visit comes without its list.
    pub(crate) fn team_visit_sheet(
        &self,
        courier: CourierId,
        id: VisitId,
    ) -> OfficeResult<Option<VisitSheet>> {
        let Some(visit) = self.store().visit(id)? else {
            return Ok(None);
        };
        if !visit.plan.team.contains(&courier) {
            return Ok(None);
        }
        let targets = if visit.state == VisitState::Cancelled {
            Vec::new()
        } else {
            self.store().target_cards(id)?
        };
        Ok(Some(VisitSheet {
            visit: phone_summary(&visit),
            note: visit.plan.note.clone(),
            team: visit.team_names.clone(),
            targets,
            manifests: self.store().visit_manifests(id)?,
        }))
    }
}

fn phone_summary(visit: &VisitInfo) -> VisitSummary {
    VisitSummary {
        id: visit.id,
        number: visit.number.clone(),
        visit_day: visit.plan.day,
        kind: visit.plan.kind,
        venue: visit.plan.venue.clone(),
        desa: visit.plan.desa.clone(),
        desa_name: visit.desa_name.clone(),
        kecamatan_name: visit.kecamatan_name.clone(),
        state: visit.state,
        target_count: visit.targets,
    }
}

impl Office {
    /// What a visit's events add up to; `None` for an unknown visit.
    pub fn visit_results(&self, id: VisitId) -> OfficeResult<Option<VisitResults>> {
        if self.store().visit(id)?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.store().visit_results(id)?))
    }
}

impl Office {
    /// Puts the printed documents of a planned visit's desa that are in no open BA on a BA of
    /// the visit's kind (printable like a BA Pengiriman), which every team member's phone
    /// downloads; `officer` signs it with their NIP.
    pub fn attach_visit_documents(
        &self,
        id: VisitId,
        officer: &str,
        officer_nip: &Nip,
        issued_on: chrono::NaiveDate,
    ) -> OfficeResult<Manifest> {
        let officer = clean_name(officer, "nama petugas")?;
        let number = self.visit_number(id)?;
        let manifest = self
            .store()
            .issue_visit_manifest(ManifestId::new_v7(), id, &officer, officer_nip, issued_on)?
            .map_err(|refusal| match refusal {
                VisitManifestRefusal::Visit(refusal) => visit_refused(refusal, &number),
                VisitManifestRefusal::NothingToDispatch => OfficeError::EmptySelection(format!(
                    "tidak ada dokumen tercetak dari desa kunjungan {number} yang belum masuk BA \
                     yang masih berjalan"
                )),
            })?;
        tracing::info!(visit = %id, manifest = %manifest.id, items = manifest.items.len(), "BA kunjungan diterbitkan");
        Ok(manifest)
    }

    /// The visit's BAs, oldest first.
    pub fn visit_manifests(&self, id: VisitId) -> OfficeResult<Vec<ManifestId>> {
        self.store().visit_manifests(id).map_err(Into::into)
    }

    /// The visit's BAs with their counts, oldest first.
    pub fn visit_manifest_infos(&self, id: VisitId) -> OfficeResult<Vec<ManifestInfo>> {
        self.store()
            .manifest_infos(ManifestScope::Visit(id))
            .map_err(Into::into)
    }
}

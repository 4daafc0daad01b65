//! Enrolling at the office and downloading the courier's manifests and visits.

use antar_domain::manifest::Manifest;
use antar_domain::wire::{
    EnrollRequest, EnrollResponse, MANIFEST_PHONE_FORM, ManifestList, VisitList, VisitSheet,
};
use ureq::http::Method;

use crate::client::{self, Office};
use crate::error::{DeviceError, Result};
use crate::model::{Enrolled, PullReport};
use crate::store::{Enrollment, Store};

pub(crate) fn enroll(
    store: &mut Store,
    office: &mut Office,
    code: &str,
    device_label: &str,
) -> Result<Enrolled> {
    let code = code.trim();
    if code.is_empty() {
        return Err(DeviceError::Invalid("kode pendaftaran kosong".to_owned()));
    }
    let label = match device_label.trim() {
        "" => "ponsel kurir",
        label => label,
    };
    // Enrolled before at this office: the old token shows the office that this is the same
    // phone (its unsent events and its chain go on). Never sent to another address: a token
    // is a secret of the office that gave it.
    let previous_token = store
        .enrollment()?
        .filter(|earlier| earlier.office_url == office.base_url())
        .map(|earlier| earlier.token);
    let request = EnrollRequest {
        code: code.to_owned(),
        device_label: label.to_owned(),
        previous_token,
    };
    let response: EnrollResponse = office.post_json("/enroll", &request)?;
    let enrollment = Enrollment {
        office_url: office.base_url().to_owned(),
        device_id: response.device_id,
        courier: response.courier,
        token: response.token,
    };
    store.save_enrollment(&enrollment, label)?;
    crate::office_copy::adopt(store, office)?;
    tracing::info!(device = %enrollment.device_id, "enrolled");
    Ok(Enrolled {
        office_url: enrollment.office_url,
        device_id: enrollment.device_id,
        courier: enrollment.courier,
        office_time: response.office_time,
    })
}

/// Lists the courier's manifests and downloads each one, then the visits. Already known
/// manifests are refreshed, but items with local attempts not yet at the office keep their
/// local state; a visit's local outcomes are never touched.
pub(crate) fn pull(store: &mut Store, office: &mut Office, courier: &str) -> Result<PullReport> {
    pull_from(store, office, courier, VISITS_ROUTE)
}

/// Where an office lists the courier's visits.
const VISITS_ROUTE: &str = "/visits";

/// [`pull`] with the visits listed at `visits_route` (tests point it where no office has a
/// route, as an office from before the recording teams has none).
pub(crate) fn pull_from(
    store: &mut Store,
    office: &mut Office,
    courier: &str,
    visits_route: &str,
) -> Result<PullReport> {
    let list: ManifestList = office.get_json("/manifests")?;
    let mut report = PullReport::default();
    for summary in &list.manifests {
        // The phone's form: of each NIK only its last 4 digits (an office from before it
        // sends the whole BA, which is then kept as it came: its fingerprint binds proofs).
        let reply = office.request(
            Method::GET,
            &format!("/manifests/{}?form={MANIFEST_PHONE_FORM}", summary.id),
            None,
            &[],
        )?;
        if !(200..300).contains(&reply.status) {
            return Err(client::rejection(&reply));
        }
        let raw = String::from_utf8(reply.body).map_err(|_| {
            DeviceError::Protocol("BA Pengiriman dari kantor bukan UTF-8".to_owned())
        })?;
        let manifest: Manifest = serde_json::from_str(&raw).map_err(|e| {
            DeviceError::Protocol(format!("BA Pengiriman dari kantor tidak dapat dibaca: {e}"))
        })?;
        if manifest.id != summary.id {
            return Err(DeviceError::Protocol(format!(
                "kantor mengirim BA {} saat diminta {}",
                manifest.id, summary.id
            )));
        }
        let merged = store.save_manifest(&manifest, courier)?;
        if merged.new {
            report.manifests_new += 1;
        } else {
            report.manifests_updated += 1;
        }
        report.items_kept_local += merged.kept_local;
    }
    // After the documents: a flag names one of them.
    store.replace_redo(&list.manifests, chrono::Utc::now())?;
    tracing::info!(
        new = report.manifests_new,
        updated = report.manifests_updated,
        kept_local = report.items_kept_local,
        "manifests pulled"
    );
    pull_visits(store, office, courier, visits_route, &mut report)?;
    report.bytes_sent = office.bytes_sent;
    report.bytes_received = office.bytes_received;
    Ok(report)
}

/// Lists the visits the courier is on and downloads each one's sheet; a visit whose people
/// already left the phone only gets its summary (its list never comes back). An office from
/// before the recording teams knows no `/visits`: then there is nothing to pull.
fn pull_visits(
    store: &mut Store,
    office: &mut Office,
    courier: &str,
    visits_route: &str,
    report: &mut PullReport,
) -> Result<()> {
    let list: VisitList = match office.get_json(visits_route) {
        Ok(list) => list,
        Err(DeviceError::Rejected { status: 404, error }) if error.code == "not_found" => {
            tracing::info!("office has no visits route; visits skipped");
            return Ok(());
        }
        Err(other) => return Err(other),
    };
    let mut fetched = Vec::with_capacity(list.visits.len());
    for summary in &list.visits {
        fetched.push(summary.id);
        if store.visit_list_removed(summary.id)? {
            store.save_visit_summary(summary)?;
            report.visits_updated += 1;
            continue;
        }
        let sheet: VisitSheet = match office.get_json(&format!("{visits_route}/{}", summary.id)) {
            Ok(sheet) => sheet,
            // Taken off the team between the list and now: as if it had not been listed.
            Err(DeviceError::Rejected { status: 404, error })
                if error.code == "visit_not_found" =>
            {
                fetched.pop();
                continue;
            }
            Err(other) => return Err(other),
        };
        if sheet.visit.id != summary.id {
            return Err(DeviceError::Protocol(format!(
                "kantor mengirim kunjungan {} saat diminta {}",
                sheet.visit.id, summary.id
            )));
        }
        let merged = store.save_visit(&sheet, courier)?;
        if merged.new {
            report.visits_new += 1;
        } else {
            report.visits_updated += 1;
        }
        report.visit_targets += merged.targets;
    }
    // Visits this courier is no longer on lose their people like finished ones.
    let dropped: Vec<_> = store
        .my_visit_ids()?
        .into_iter()
        .filter(|id| !fetched.contains(id))
        .collect();
    report.visit_lists_removed += store.remove_finished_visit_lists(crate::today(), &dropped)?;
    tracing::info!(
        new = report.visits_new,
        updated = report.visits_updated,
        targets = report.visit_targets,
        lists_removed = report.visit_lists_removed,
        "visits pulled"
    );
    Ok(())
}

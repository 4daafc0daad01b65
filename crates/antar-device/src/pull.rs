//! Enrolling at the office and downloading the courier's manifests.

use antar_domain::manifest::Manifest;
use antar_domain::wire::{EnrollRequest, EnrollResponse, ManifestList};
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
    let request = EnrollRequest {
        code: code.to_owned(),
        device_label: label.to_owned(),
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

/// Lists the courier's manifests and downloads each one. Already known manifests are
/// refreshed, but items with local attempts not yet at the office keep their local state.
pub(crate) fn pull(store: &mut Store, office: &mut Office) -> Result<PullReport> {
    let list: ManifestList = office.get_json("/manifests")?;
    let mut report = PullReport::default();
    for summary in &list.manifests {
        let reply = office.request(
            Method::GET,
            &format!("/manifests/{}", summary.id),
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
        let merged = store.save_manifest(&manifest, &raw)?;
        if merged.new {
            report.manifests_new += 1;
        } else {
            report.manifests_updated += 1;
        }
        report.items_kept_local += merged.kept_local;
    }
    report.bytes_sent = office.bytes_sent;
    report.bytes_received = office.bytes_received;
    tracing::info!(
        new = report.manifests_new,
        updated = report.manifests_updated,
        kept_local = report.items_kept_local,
        "manifests pulled"
    );
    Ok(report)
}

//! The CLI's commands: each calls the library and prints for people, in Indonesian. Lines a
//! script may read (`tercatat <id>`) come first and never change shape.

mod attempt;
mod count;
mod handback;
mod handover;
mod tools;
mod visits;

pub(crate) use attempt::{AttemptArgs, attempt, stress_record};
pub(crate) use count::{CountArgs, count};
pub(crate) use handback::{ReturnArgs, handback};
pub(crate) use handover::{VisitHandoverArgs, visit_handover};
pub(crate) use tools::{ProofPhotoArgs, locate, proof_photo};
pub(crate) use visits::{
    VisitCheckinArgs, VisitOutcomeArgs, VisitTargetsArgs, visit_checkin, visit_outcome,
    visit_targets, visits,
};

use std::path::Path;

use antar_device::{Device, SyncOptions};
use antar_domain::glossary::{self, SendState};
use antar_domain::state::ItemState;
use anyhow::Context;

pub(crate) fn open(dir: &Path) -> anyhow::Result<Device> {
    Device::open(dir).with_context(|| format!("membuka folder data {}", dir.display()))
}

pub(crate) fn enroll(
    device: &mut Device,
    office: &str,
    code: &str,
    label: &str,
) -> anyhow::Result<()> {
    let enrolled = device.enroll(office, code, label)?;
    println!("terdaftar {}", enrolled.device_id);
    println!(
        "Ponsel terdaftar di {} untuk kurir {}.",
        enrolled.office_url, enrolled.courier.name
    );
    Ok(())
}

pub(crate) fn pull(device: &mut Device) -> anyhow::Result<()> {
    let report = device.pull()?;
    println!(
        "BA baru: {}, diperbarui: {}, status lokal dipertahankan: {} dokumen.",
        report.manifests_new, report.manifests_updated, report.items_kept_local
    );
    if report.visits_new + report.visits_updated + report.visit_lists_removed > 0 {
        println!(
            "Kunjungan baru: {}, diperbarui: {}, sasaran: {}; daftar yang dihapus dari ponsel: {}.",
            report.visits_new,
            report.visits_updated,
            report.visit_targets,
            report.visit_lists_removed
        );
    }
    println!(
        "Data: dikirim {}, diunduh {}.",
        human_bytes(report.bytes_sent),
        human_bytes(report.bytes_received)
    );
    Ok(())
}

pub(crate) fn manifests(device: &Device) -> anyhow::Result<()> {
    let cards = device.manifests()?;
    if cards.is_empty() {
        println!("Belum ada BA Pengiriman di ponsel ini. Jalankan `pull` saat ada sinyal.");
    }
    for card in cards {
        println!(
            "{}  {}  {}  [{}]  {} (dari {})",
            card.number,
            card.issued_on.format("%d-%m-%Y"),
            card.id,
            card.kecamatan.join(", "),
            [
                (ItemState::Pending, card.pending),
                (ItemState::Delivered, card.delivered),
                (ItemState::Failed, card.failed),
                (ItemState::Returned, card.returned),
            ]
            .map(|(state, n)| format!("{}: {n}", glossary::ID.item_state(state).to_lowercase()))
            .join(", "),
            card.total()
        );
        if card.needs_count {
            println!(
                "  belum dihitung: hitung dokumen di bundel dulu, \
                 `antar-device count {} [--missing BARIS,…]`",
                card.number
            );
        }
    }
    Ok(())
}

pub(crate) fn items(
    device: &Device,
    manifest: Option<&str>,
    search: Option<&str>,
) -> anyhow::Result<()> {
    let query = search.unwrap_or("");
    let found = match manifest {
        Some(m) => device.find_items_in(device.resolve_manifest(m)?, query)?,
        None => device.find_items(query)?,
    };
    if found.is_empty() {
        println!("Tidak ada dokumen yang cocok.");
    }
    for f in found {
        let item = &f.item;
        println!(
            "{:>4}  {}  {:<13}  {}  {}  {}",
            item.line,
            item.id,
            glossary::ID.item_state(item.state),
            item.nik.masked(),
            item.owner_name,
            item.address.desa_name
        );
    }
    Ok(())
}

pub(crate) fn sync(device: &mut Device, chunk_kib: usize) -> anyhow::Result<()> {
    device.set_sync_options(SyncOptions {
        chunk_bytes: chunk_kib.saturating_mul(1024),
        ..SyncOptions::default()
    });
    let report = device.sync_with_progress(|p| tracing::debug!(?p, "sync progress"))?;
    println!(
        "Catatan {}: {}; {}: {}; ditolak: {}.",
        glossary::ID.send_state(SendState::Sent).to_lowercase(),
        report.events_sent,
        glossary::ID.send_state(SendState::Received).to_lowercase(),
        report.receipts_stored,
        report.events_rejected
    );
    println!(
        "Foto {}: {}, ditolak: {}.",
        glossary::ID.send_state(SendState::Sent).to_lowercase(),
        report.photos_sent,
        report.photos_failed
    );
    println!(
        "Data: dikirim {}, diunduh {}.",
        human_bytes(report.bytes_sent),
        human_bytes(report.bytes_received)
    );
    let outbox = device.outbox()?;
    if !outbox.is_empty() {
        println!(
            "Masih menunggu: {} catatan ({} ditolak), {} foto ({}).",
            outbox.events,
            outbox.rejected,
            outbox.photos,
            human_bytes(outbox.photo_bytes_pending)
        );
    }
    Ok(())
}

pub(crate) fn status(device: &Device) -> anyhow::Result<()> {
    let status = device.status()?;
    match (&status.office_url, &status.courier_name) {
        (Some(url), Some(courier)) => println!("Terdaftar di {url} untuk kurir {courier}."),
        _ => println!("Belum terdaftar. Jalankan `enroll --office URL --code KODE`."),
    }
    match status.last_contact {
        Some(contact) => println!(
            "Kontak terakhir dengan kantor: {} (jam kantor), {} (jam ponsel).",
            contact.office_time.format("%d-%m-%Y %H:%M:%S UTC"),
            contact.device_time.format("%d-%m-%Y %H:%M:%S UTC")
        ),
        None => println!("Belum pernah terhubung ke kantor."),
    }
    println!("BA Pengiriman di ponsel: {}.", status.manifests);
    println!(
        "Antrean kirim: {} catatan ({} ditolak), {} foto ({}).",
        status.outbox.events,
        status.outbox.rejected,
        status.outbox.photos,
        human_bytes(status.outbox.photo_bytes_pending)
    );
    println!("Tanda terima dari kantor: {}.", status.receipts);
    Ok(())
}

pub(crate) fn receipts(device: &Device) -> anyhow::Result<()> {
    let receipts = device.receipts()?;
    if receipts.is_empty() {
        println!("Belum ada tanda terima dari kantor.");
    }
    for receipt in receipts {
        println!(
            "#{}  {}  {}  {}{}",
            receipt.office_seq,
            receipt.received_at.format("%d-%m-%Y %H:%M"),
            receipt.event_id,
            receipt
                .item_state
                .map_or("catatan kunjungan", |state| glossary::ID.item_state(state)),
            receipt
                .warning
                .map(|w| format!("  (catatan kantor: {w})"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

pub(crate) fn retry_rejected(device: &mut Device) -> anyhow::Result<()> {
    let n = device.retry_rejected()?;
    println!("{n} catatan yang ditolak diantrekan lagi untuk sinkronisasi berikutnya.");
    Ok(())
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} byte"),
    }
}

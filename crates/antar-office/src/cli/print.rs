//! How the CLI shows results to office staff (in Bahasa Indonesia). NIKs are masked: the
//! terminal is not the place for full identity numbers.

use std::collections::BTreeMap;

use antar_domain::access::ENROLLMENT_CODE_VALID_DAYS;
use antar_domain::attempt::{FailureReason, OutcomeKind};
use antar_domain::glossary;
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;
use antar_office::{
    CourierInfo, DeviceInfo, EnrollmentCode, ImportReport, ManifestInfo, ProofRow, Report,
    StateCounts, Verdict, describe_access,
};

const MAX_DUPLICATES_SHOWN: usize = 10;

pub(crate) fn import_report(source: &str, report: &ImportReport) {
    say!("Impor {source}:");
    say!("  diimpor   : {}", report.imported);
    say!("  duplikat  : {}", report.duplicates.len());
    say!("  ditolak   : {}", report.rejected.len());
    if !report.rejected.is_empty() {
        say!("Baris yang ditolak:");
        for row in &report.rejected {
            let no = row
                .no
                .as_ref()
                .map(|no| format!(" (NO {no})"))
                .unwrap_or_default();
            say!("  baris {}{no}: {}", row.row, row.reason);
        }
    }
    if !report.duplicates.is_empty() {
        // Re-importing a file makes every row a duplicate; the first few tell the story.
        say!("Baris duplikat (tidak ditambahkan):");
        for (row, reason) in report.duplicates.iter().take(MAX_DUPLICATES_SHOWN) {
            say!("  baris {row}: {reason}");
        }
        if let Some(more) = report.duplicates.len().checked_sub(MAX_DUPLICATES_SHOWN)
            && more > 0
        {
            say!("  … dan {more} baris duplikat lainnya");
        }
    }
}

pub(crate) fn enrollment_code(code: &EnrollmentCode) {
    say!(
        "  kode pendaftaran : {}  (sekali pakai, berlaku {ENROLLMENT_CODE_VALID_DAYS} hari)",
        code.display()
    );
}

pub(crate) fn couriers(couriers: &[CourierInfo]) {
    if couriers.is_empty() {
        say!("Belum ada kurir. Tambahkan dengan `antar-office courier add NAMA`.");
        return;
    }
    say!(
        "{:<36}  {:<30}  {:<15}  {:<23}  perangkat",
        "id",
        "nama",
        "HP",
        "peran"
    );
    for c in couriers {
        say!(
            "{:<36}  {:<30}  {:<15}  {:<23}  {}",
            c.id.to_string(),
            c.name,
            c.phone.as_deref().unwrap_or("-"),
            glossary::ID.field_role(c.role),
            if c.deactivated_at.is_some() {
                "nonaktif".to_owned()
            } else {
                c.devices.to_string()
            }
        );
    }
}

pub(crate) fn devices(devices: &[DeviceInfo]) {
    if devices.is_empty() {
        say!("Kurir ini belum punya HP terdaftar.");
        return;
    }
    let now = chrono::Utc::now();
    say!(
        "{:<36}  {:<20}  {:<10}  status",
        "id perangkat",
        "label",
        "terdaftar"
    );
    for d in devices {
        say!(
            "{:<36}  {:<20}  {:<10}  {}",
            d.id.to_string(),
            d.label,
            d.enrolled_at.format("%d-%m-%Y").to_string(),
            describe_access(d.access, now)
        );
    }
}

pub(crate) fn manifests(infos: &[ManifestInfo]) {
    if infos.is_empty() {
        say!("Belum ada BA. Terbitkan dengan `antar-office ba create`.");
        return;
    }
    for m in infos {
        say!(
            "{}  {}  {:<20}  {} dokumen ({})  {}",
            m.number,
            m.issued_on,
            m.courier.name,
            m.item_count,
            on_ba_counts(&m.counts),
            m.kecamatan.join(", ")
        );
    }
}

pub(crate) fn manifest(m: &Manifest) {
    say!("BA Pengiriman {}", m.number);
    say!("  tanggal : {}", m.issued_on);
    say!("  petugas : {}", m.issued_by);
    say!("  kurir   : {} ({})", m.courier.name, m.courier.id);
    say!();
    for item in &m.items {
        let a = &item.address;
        say!(
            "{:>4}. {:<7} {}  {:<28} {}, RT {}/RW {}, {}, {}  [{}]",
            item.line,
            item.document_type.as_code(),
            item.nik.masked(),
            item.owner_name,
            a.alamat,
            a.rt,
            a.rw,
            a.desa_name,
            a.kecamatan_name,
            glossary::ID.item_state(item.state)
        );
    }
    say!();
    manifest_by_desa(m);
}

/// Counts per desa, in the order the courier walks them.
pub(crate) fn manifest_by_desa(m: &Manifest) {
    let mut per_desa: BTreeMap<(String, String), StateCounts> = BTreeMap::new();
    for item in &m.items {
        let key = (
            item.address.desa.as_str().to_owned(),
            format!(
                "{}, {}",
                item.address.desa_name, item.address.kecamatan_name
            ),
        );
        let counts = per_desa.entry(key).or_default();
        match item.state {
            ItemState::Pending => counts.pending += 1,
            ItemState::Delivered => counts.delivered += 1,
            ItemState::Failed => counts.failed += 1,
            ItemState::Returned => counts.returned += 1,
        }
    }
    say!("Per desa:");
    for ((code, name), c) in &per_desa {
        say!(
            "  {code:<14} {name:<40} {:>4} dokumen ({})",
            c.total(),
            on_ba_counts(c)
        );
    }
}

pub(crate) fn report(report: &Report) {
    if report.rows.is_empty() {
        say!("Belum ada dokumen. Impor dengan `antar-office import BERKAS`.");
        return;
    }
    let word = |state| glossary::ID.item_state(state).to_lowercase();
    say!(
        "{:<10} {:<24} {:>14} {:>8} {:>10} {:>13} {:>12} {:>7}",
        "kode",
        "kecamatan",
        glossary::ID.not_on_a_ba().to_lowercase(),
        word(ItemState::Pending),
        word(ItemState::Delivered),
        word(ItemState::Failed),
        word(ItemState::Returned),
        "jumlah"
    );
    for row in &report.rows {
        counts_line(row.kecamatan.as_str(), &row.kecamatan_name, &row.counts);
    }
    counts_line("", "JUMLAH", &report.total);
}

/// "di kurir 3, diserahkan 2, gagal diantar 1, dikembalikan 0": a BA's documents by state.
fn on_ba_counts(c: &StateCounts) -> String {
    [
        (ItemState::Pending, c.pending),
        (ItemState::Delivered, c.delivered),
        (ItemState::Failed, c.failed),
        (ItemState::Returned, c.returned),
    ]
    .map(|(state, n)| format!("{} {n}", glossary::ID.item_state(state).to_lowercase()))
    .join(", ")
}

fn counts_line(code: &str, name: &str, c: &StateCounts) {
    say!(
        "{:<10} {:<24} {:>14} {:>8} {:>10} {:>13} {:>12} {:>7}",
        code,
        name,
        c.not_dispatched,
        c.pending,
        c.delivered,
        c.failed,
        c.returned,
        c.total()
    );
}

/// A reviewer's verdict in a word.
pub(crate) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Accepted => "disetujui",
        Verdict::Flagged => "ditandai bermasalah",
    }
}

pub(crate) fn proofs(rows: &[ProofRow], more: bool) {
    if rows.is_empty() {
        say!("Tidak ada bukti yang menunggu ditinjau.");
        return;
    }
    for row in rows {
        let outcome = OutcomeKind::parse(&row.outcome)
            .map_or(row.outcome.as_str(), |kind| glossary::ID.outcome(kind));
        let reason = row
            .reason
            .as_deref()
            .and_then(|code| FailureReason::parse(code, Some("-")).ok())
            .map(|reason| format!(" ({})", glossary::ID.failure_reason(&reason)))
            .unwrap_or_default();
        let verdict = row
            .verdict
            .as_deref()
            .and_then(Verdict::parse)
            .map_or("belum ditinjau", verdict_word);
        let photo = if row.has_photo { "foto" } else { "tanpa foto" };
        say!(
            "#{:<6} BA {} baris {:<4} {}, {}  {}  {}{}  {}  [{}]",
            row.office_seq,
            row.ba_number,
            row.line,
            row.desa_name,
            row.kecamatan_name,
            row.courier_name,
            outcome,
            reason,
            photo,
            verdict
        );
    }
    if more {
        say!("(lebih banyak lagi: tinjau yang ini dulu, atau lihat semuanya di web /bukti)");
    }
}

//! `backup`, `restore` and `copy-to-postgres`: what they did, in words for the person who runs
//! them nightly, on the worst day or on moving day, and a failure exit when anything was left
//! out.

use std::path::Path;

use antar_office::Office;

use super::DataPlace;
use anyhow::{Context, bail};

pub(crate) fn backup(office: &Office, dest: &Path) -> anyhow::Result<()> {
    let report = office
        .backup(dest)
        .with_context(|| format!("mencadangkan ke {}", dest.display()))?;
    say!("Cadangan ditulis ke {}.", dest.display());
    say!(
        "  basis data : {:.1} MiB, {} catatan",
        report.database_bytes as f64 / (1024.0 * 1024.0),
        report.events
    );
    say!(
        "  foto       : {} (baru disalin: {})",
        report.photos,
        report.photos_copied
    );
    if !report.photos_unreadable.is_empty() {
        for sha in &report.photos_unreadable {
            say!("  foto hilang atau rusak di folder kantor: {sha}");
        }
        bail!(
            "{} foto tidak bisa dicadangkan (hilang atau rusak di folder kantor); cadangan lainnya \
             lengkap",
            report.photos_unreadable.len()
        );
    }
    Ok(())
}

pub(crate) fn restore(backup: &Path, data: &Path) -> anyhow::Result<()> {
    let report = antar_office::restore(backup, data).with_context(|| {
        format!(
            "memulihkan cadangan {} ke {}",
            backup.display(),
            data.display()
        )
    })?;
    let taken = report
        .created_at
        .map(|at| at.format("%d-%m-%Y %H:%M UTC").to_string())
        .unwrap_or_default();
    say!("Cadangan {taken} dipulihkan ke {}.", data.display());
    say!("  catatan : {}", report.events);
    say!("  foto    : {}", report.photos);
    if !report.photos_damaged.is_empty() {
        for sha in &report.photos_damaged {
            say!("  foto rusak di cadangan: {sha}");
        }
        bail!(
            "{} foto di cadangan rusak dan tidak dipulihkan; kantor memintanya lagi dari HP kurir",
            report.photos_damaged.len()
        );
    }
    Ok(())
}

pub(crate) fn copy_to_postgres(data: &DataPlace) -> anyhow::Result<()> {
    if data.database == antar_office::Database::Sqlite {
        bail!(
            "sebutkan basis data PostgreSQL tujuan dengan --database postgres://pengguna@host/nama \
             (atau ANTAR_DATABASE_URL); sumbernya office.sqlite di --data"
        );
    }
    let copied =
        antar_office::copy_to_postgres(&data.folder, &data.database).with_context(|| {
            format!(
                "menyalin {} ke PostgreSQL",
                data.folder.join("office.sqlite").display()
            )
        })?;
    say!("Salinan ke PostgreSQL selesai dan diperiksa (jumlah baris dan hash sama):");
    for table in &copied {
        say!(
            "  {:<22} {:>9} baris  hash {}",
            table.table,
            table.rows,
            &table.hash[..16]
        );
    }
    let rows: u64 = copied.iter().map(|t| t.rows).sum();
    say!("  jumlah: {} tabel, {rows} baris.", copied.len());
    say!(
        "Foto tetap di {}: jalankan server dengan --data yang sama dan --database ini.",
        data.folder.join("photos").display()
    );
    Ok(())
}

//! Taking a proof photo into the store: turn the camera's JPEG into the proof (upright,
//! small enough for 2G, stamped, no EXIF) and write it to `photos/<sha256>.jpg` durably
//! (temp file, fsync, rename, fsync folder) before any event names it.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use antar_domain::ids::Sha256Hash;
use antar_photo::{ProofOptions, Stamp, make_proof};

use crate::error::{DeviceError, Result};
use crate::store::{PHOTO_DIR, StoredPhoto, TEMP_PREFIX};

/// Largest camera file read: a 50 MP JPEG at high quality.
const MAX_CAMERA_BYTES: u64 = 64 * 1024 * 1024;

/// Makes the proof of the camera's file and stores it in the data folder `data_dir`, named by
/// its hash. The camera's original is left alone; the same proof made twice is stored once.
pub(crate) fn ingest(
    data_dir: &Path,
    source: &Path,
    stamp: &Stamp,
    options: &ProofOptions,
) -> Result<StoredPhoto> {
    let camera = read_camera_file(source)?;
    let proof = make_proof(&camera, stamp, options)
        .map_err(|e| DeviceError::Invalid(format!("foto tidak bisa dipakai: {e}")))?;
    let (bytes, sha256) = (proof.jpeg, proof.sha256);
    let rel_path = format!("{PHOTO_DIR}/{}.jpg", sha256.to_hex());
    let target = data_dir.join(&rel_path);
    let size = bytes.len() as u64;
    if !already_stored(&target, &sha256)? {
        write_durably(&data_dir.join(PHOTO_DIR), &target, &bytes)?;
    }
    Ok(StoredPhoto {
        sha256,
        size,
        rel_path,
    })
}

/// A small JPEG of the camera's file, long side `long_side`, for the courier to see what was
/// taken before saving; nothing is stored.
pub fn preview(source: &Path, long_side: u32, options: &ProofOptions) -> Result<Vec<u8>> {
    let camera = read_camera_file(source)?;
    antar_photo::preview(&camera, long_side, options)
        .map(|(jpeg, _, _)| jpeg)
        .map_err(|e| DeviceError::Invalid(format!("foto tidak bisa dipakai: {e}")))
}

fn read_camera_file(source: &Path) -> Result<Vec<u8>> {
    let mut file = File::open(source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            DeviceError::Invalid(format!("berkas foto tidak ditemukan: {}", source.display()))
        }
        _ => DeviceError::Invalid(format!("berkas foto tidak bisa dibuka: {e}")),
    })?;
    let len = file.metadata()?.len();
    if len > MAX_CAMERA_BYTES {
        return Err(DeviceError::Invalid(format!(
            "foto terlalu besar: {len} byte, paling besar {MAX_CAMERA_BYTES} byte"
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A file already under its hash's name is reused only if it still hashes to that name
/// (a crash cannot leave a partial file there, but a failing flash chip can).
fn already_stored(target: &Path, sha256: &Sha256Hash) -> Result<bool> {
    match fs::read(target) {
        Ok(existing) => Ok(Sha256Hash::of(&existing) == *sha256),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn write_durably(dir: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    let temp = dir.join(format!("{TEMP_PREFIX}{}", uuid::Uuid::now_v7()));
    let written = (|| -> std::io::Result<()> {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, target)?;
        // The rename itself must survive a power cut, or the event could name a missing file.
        File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    Ok(written?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            taken_at: chrono::Utc::now(),
            lat_lon: Some((-5.49861, 104.627)),
            accuracy_m: Some(8.0),
            desa: "Penanggungan".into(),
            ba_number: "470/0001/BA-PENG/DUKCAPIL/XI/2026".into(),
            item: "Baris 1".into(),
        }
    }

    #[test]
    fn ingest_stores_the_proof_under_its_hash_and_reuses_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(PHOTO_DIR)).unwrap();
        let source = crate::support::photo_fixture();
        let options = ProofOptions::default();
        let stamp = stamp();
        let first = ingest(dir.path(), &source, &stamp, &options).unwrap();
        let stored = fs::read(dir.path().join(&first.rel_path)).unwrap();
        assert_eq!(Sha256Hash::of(&stored), first.sha256);
        assert!(
            stored.len() <= 120_000,
            "a proof fits a 2G link: {}",
            stored.len()
        );
        assert!(antar_photo::verify_proof(&stored, &options).is_ok());
        let second = ingest(dir.path(), &source, &stamp, &options).unwrap();
        assert_eq!(second.rel_path, first.rel_path);
        let leftovers = fs::read_dir(dir.path().join(PHOTO_DIR))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(TEMP_PREFIX)
            })
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn ingest_refuses_missing_and_non_jpeg_files() {
        let dir = tempfile::tempdir().unwrap();
        let options = ProofOptions::default();
        let missing = ingest(dir.path(), &dir.path().join("nope.jpg"), &stamp(), &options);
        assert!(matches!(missing.unwrap_err(), DeviceError::Invalid(_)));
        let png = dir.path().join("x.png");
        fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();
        let not_jpeg = ingest(dir.path(), &png, &stamp(), &options).unwrap_err();
        assert!(
            not_jpeg.to_string().contains("foto tidak bisa dipakai"),
            "{not_jpeg}"
        );
    }
}

//! Taking a proof photo into the store: check it is a JPEG, hash it, and copy it to
//! `photos/<sha256>.jpg` durably (temp file, fsync, rename, fsync folder) before any event
//! names it. The proof-photo pipeline (resize, stamp, orient) will replace [`ingest`]'s body.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use antar_domain::ids::Sha256Hash;
use antar_domain::wire::MAX_PHOTO_BYTES;
use sha2::{Digest, Sha256};

use crate::error::{DeviceError, Result};
use crate::store::{PHOTO_DIR, StoredPhoto, TEMP_PREFIX};

/// Every JPEG starts with SOI (FF D8) followed by a marker (FF).
const JPEG_MAGIC: [u8; 3] = [0xFF, 0xD8, 0xFF];

/// Copies the camera's file into the data folder `data_dir`, named by its hash. The original
/// is left alone; the same photo taken in twice is stored once.
pub(crate) fn ingest(data_dir: &Path, source: &Path) -> Result<StoredPhoto> {
    let bytes = read_checked(source)?;
    let sha256 = Sha256Hash::from_digest(Sha256::digest(&bytes).into());
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

fn read_checked(source: &Path) -> Result<Vec<u8>> {
    let mut file = File::open(source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            DeviceError::Invalid(format!("berkas foto tidak ditemukan: {}", source.display()))
        }
        _ => DeviceError::Invalid(format!("berkas foto tidak bisa dibuka: {e}")),
    })?;
    let len = file.metadata()?.len();
    if len > MAX_PHOTO_BYTES {
        return Err(DeviceError::Invalid(format!(
            "foto terlalu besar: {len} byte, paling besar {MAX_PHOTO_BYTES} byte"
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    if !bytes.starts_with(&JPEG_MAGIC) {
        return Err(DeviceError::Invalid(
            "berkas foto bukan JPEG: ambil ulang foto dengan kamera".to_owned(),
        ));
    }
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

    #[test]
    fn ingest_copies_under_the_hash_and_reuses() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(PHOTO_DIR)).unwrap();
        let source = dir.path().join("camera.jpg");
        fs::write(&source, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).unwrap();
        let first = ingest(dir.path(), &source).unwrap();
        let stored = fs::read(dir.path().join(&first.rel_path)).unwrap();
        assert_eq!(Sha256Hash::of(&stored), first.sha256);
        let second = ingest(dir.path(), &source).unwrap();
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
        let missing = ingest(dir.path(), &dir.path().join("nope.jpg")).unwrap_err();
        assert!(matches!(missing, DeviceError::Invalid(_)));
        let png = dir.path().join("x.png");
        fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();
        let not_jpeg = ingest(dir.path(), &png).unwrap_err();
        assert!(not_jpeg.to_string().contains("bukan JPEG"));
    }
}

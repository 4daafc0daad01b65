//! Proof photos on disk, content-addressed: `photos/ab/abcdef…` holds verified photos named by
//! their SHA-256, `photos/partial/abcdef…` holds uploads in progress. Resumable uploads append
//! chunks at the offset the office already holds; the hash is checked once the last byte is in.

mod reconcile;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use antar_domain::ids::Sha256Hash;
use antar_domain::wire::{MAX_PHOTO_BYTES, PhotoStatus};
use sha2::{Digest, Sha256};

pub(crate) use reconcile::Reconciled;

use crate::error::{OfficeError, OfficeResult};
use crate::store::{PhotoRow, PhotoStore};

/// Every JPEG starts with these bytes (SOI marker + the first marker's prefix).
const JPEG_MAGIC: [u8; 3] = [0xFF, 0xD8, 0xFF];

/// Uploads of different photos proceed in parallel; chunks of the same photo are serialised by
/// one of these locks, picked by the hash's first byte.
const LOCK_STRIPES: usize = 16;

/// Why a chunk was refused; each maps to one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChunkRefusal {
    /// The chunk does not start where the office's copy ends.
    Offset { current: u64 },
    /// The announced total differs from the one the upload started with.
    LengthChanged { expected: u64 },
    /// The announced total is 0 or beyond [`MAX_PHOTO_BYTES`].
    LengthInvalid { total: u64 },
    /// The chunk would run past the announced total.
    Overflow { current: u64, total: u64 },
    /// The first chunk is not a JPEG.
    NotJpeg,
    /// All bytes arrived but they do not hash to the photo's name; the partial is deleted.
    HashMismatch,
}

/// The result of a chunk that was accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ChunkAccepted {
    pub(crate) status: PhotoStatus,
    /// This chunk completed and verified the photo.
    pub(crate) completed_now: bool,
}

#[derive(Debug)]
pub(crate) struct PhotoFiles {
    root: PathBuf,
    partial: PathBuf,
    locks: [Mutex<()>; LOCK_STRIPES],
}

impl PhotoFiles {
    pub(crate) fn open(root: PathBuf) -> OfficeResult<Self> {
        let partial = root.join("partial");
        fs::create_dir_all(&partial).map_err(|e| OfficeError::io(&partial, e))?;
        Ok(Self {
            root,
            partial,
            locks: std::array::from_fn(|_| Mutex::new(())),
        })
    }

    fn final_path(&self, sha256: &Sha256Hash) -> PathBuf {
        let hex = sha256.to_hex();
        self.root.join(&hex[..2]).join(hex)
    }

    fn partial_path(&self, sha256: &Sha256Hash) -> PathBuf {
        self.partial.join(sha256.to_hex())
    }

    /// The verified photo's file, if the office has it.
    pub(crate) fn complete_path(&self, sha256: &Sha256Hash) -> Option<PathBuf> {
        let path = self.final_path(sha256);
        path.is_file().then_some(path)
    }

    fn lock(&self, sha256: &Sha256Hash) -> MutexGuard<'_, ()> {
        let stripe = usize::from(sha256.as_bytes()[0]) % LOCK_STRIPES;
        self.locks[stripe]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn partial_len(&self, sha256: &Sha256Hash) -> OfficeResult<u64> {
        Ok(len_if_exists(&self.partial_path(sha256))?.unwrap_or(0))
    }

    /// How much of the photo the office holds, after finishing whatever a crash left undone
    /// (see [`PhotoFiles::settle`]).
    pub(crate) fn status(
        &self,
        store: &dyn PhotoStore,
        sha256: &Sha256Hash,
    ) -> OfficeResult<PhotoStatus> {
        let _guard = self.lock(sha256);
        self.settle(store, sha256)
    }

    /// Appends one chunk at `offset` of a photo of `total` bytes (blocking: call off the async
    /// runtime). Re-sending a chunk of a complete photo writes nothing.
    pub(crate) fn receive_chunk(
        &self,
        store: &dyn PhotoStore,
        sha256: &Sha256Hash,
        offset: u64,
        total: u64,
        chunk: &[u8],
    ) -> OfficeResult<Result<ChunkAccepted, ChunkRefusal>> {
        let _guard = self.lock(sha256);
        let held = self.settle(store, sha256)?;
        if held.complete {
            return Ok(Ok(ChunkAccepted {
                status: held,
                completed_now: false,
            }));
        }
        if total == 0 || total > MAX_PHOTO_BYTES {
            return Ok(Err(ChunkRefusal::LengthInvalid { total }));
        }
        let known = store.photo(sha256)?;
        if let Some(row) = known
            && row.total_bytes != total
        {
            return Ok(Err(ChunkRefusal::LengthChanged {
                expected: row.total_bytes,
            }));
        }
        let current = held.received_bytes;
        if offset != current {
            return Ok(Err(ChunkRefusal::Offset { current }));
        }
        let chunk_len = chunk.len() as u64;
        if current.saturating_add(chunk_len) > total {
            return Ok(Err(ChunkRefusal::Overflow { current, total }));
        }
        if chunk.is_empty() {
            return Ok(Ok(partial(*sha256, current)));
        }
        if current == 0 && !chunk.starts_with(&JPEG_MAGIC) {
            return Ok(Err(ChunkRefusal::NotJpeg));
        }
        if known.is_none() {
            store.photo_started(sha256, total)?;
        }
        let received = self.append(sha256, chunk)?;
        if received < total {
            return Ok(Ok(partial(*sha256, received)));
        }
        if self.finish(store, sha256, total)? {
            Ok(Ok(ChunkAccepted {
                status: complete(*sha256, total),
                completed_now: true,
            }))
        } else {
            Ok(Err(ChunkRefusal::HashMismatch))
        }
    }

    /// Writes, syncs and removes a small file beside the uploads: whether the photo folder
    /// takes writes now.
    pub(crate) fn probe_write(&self) -> OfficeResult<()> {
        let path = self.partial.join(".uji-tulis");
        let io_err = |e| OfficeError::io(&path, e);
        let mut file = File::create(&path).map_err(io_err)?;
        // A page, so that a full disk cannot take it from space a smaller file would reuse.
        file.write_all(&[0u8; 4096]).map_err(io_err)?;
        file.sync_data().map_err(io_err)?;
        drop(file);
        fs::remove_file(&path).map_err(io_err)
    }

    /// Appends and fsyncs, so the offset reported afterwards survives a power cut.
    fn append(&self, sha256: &Sha256Hash, chunk: &[u8]) -> OfficeResult<u64> {
        let path = self.partial_path(sha256);
        let io_err = |e| OfficeError::io(&path, e);
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io_err)?;
        file.write_all(chunk).map_err(io_err)?;
        file.sync_data().map_err(io_err)?;
        Ok(file.metadata().map_err(io_err)?.len())
    }

    /// Brings a photo to one of two honest states, from any point at which a process may have
    /// died: whole (its file in place, hashing to its name, its row complete) or still being
    /// received (its partial file, shorter than the total). Each step below can be run again
    /// after a crash in the middle of it, so the office never depends on surviving between two
    /// writes. Call with the photo's lock held.
    fn settle(&self, store: &dyn PhotoStore, sha256: &Sha256Hash) -> OfficeResult<PhotoStatus> {
        let row = store.photo(sha256)?;
        let whole = self.final_path(sha256);
        if let Some(len) = len_if_exists(&whole)? {
            if row.is_some_and(|row| row.complete) {
                self.remove_stray_partial(sha256);
                return Ok(complete(*sha256, len));
            }
            // In place but not marked: the office died between the rename and the row, or the
            // folder came back from a backup without the database. Only verified bytes are
            // ever renamed here, but a file of unknown history is hashed again (1 ms).
            if hash_file(&whole)? == *sha256 {
                let not_a_proof = self.proof_check(sha256)?;
                store.photo_settled(sha256, len, not_a_proof.as_deref())?;
                self.remove_stray_partial(sha256);
                tracing::info!(photo = %sha256, "unggahan foto yang terputus diselesaikan");
                return Ok(complete(*sha256, len));
            }
            tracing::warn!(photo = %sha256, "berkas foto tidak cocok dengan namanya; dibuang");
            remove_if_exists(&whole)?;
        }
        let row = match row {
            Some(row) if row.complete => {
                // Marked whole, but the file is gone (a disk restored without it): say so, so
                // that a phone that still has the photo sends it again.
                tracing::warn!(photo = %sha256, "berkas foto hilang; diminta ulang dari HP");
                store.photo_lost(sha256)?;
                Some(PhotoRow {
                    complete: false,
                    ..row
                })
            }
            other => other,
        };
        let received = self.partial_len(sha256)?;
        match row {
            // Every byte arrived before a crash, but the hash check did not run.
            Some(row) if received > 0 && received >= row.total_bytes => {
                if received == row.total_bytes && self.finish(store, sha256, row.total_bytes)? {
                    tracing::info!(photo = %sha256, "unggahan foto yang terputus diselesaikan");
                    return Ok(complete(*sha256, row.total_bytes));
                }
                self.discard(store, sha256)?;
                Ok(incomplete(*sha256, 0))
            }
            _ => Ok(incomplete(*sha256, received)),
        }
    }

    /// Checks a partial file holding every byte: a match moves it into place and marks the
    /// row whole; a mismatch deletes it and forgets the row, so the device can start over.
    fn finish(
        &self,
        store: &dyn PhotoStore,
        sha256: &Sha256Hash,
        total: u64,
    ) -> OfficeResult<bool> {
        if !self.verify_and_keep(sha256)? {
            store.photo_discarded(sha256)?;
            return Ok(false);
        }
        let not_a_proof = self.proof_check(sha256)?;
        store.photo_settled(sha256, total, not_a_proof.as_deref())?;
        Ok(true)
    }

    fn discard(&self, store: &dyn PhotoStore, sha256: &Sha256Hash) -> OfficeResult<()> {
        remove_if_exists(&self.partial_path(sha256))?;
        store.photo_discarded(sha256).map_err(Into::into)
    }

    /// A partial file beside a whole photo is a leftover of a crash after the rename's copy
    /// (never of this office's rename, which moves it); it holds nothing the photo lacks.
    fn remove_stray_partial(&self, sha256: &Sha256Hash) {
        let path = self.partial_path(sha256);
        if let Err(error) = remove_if_exists(&path) {
            tracing::warn!(%error, "sisa unggahan foto tidak bisa dihapus");
        }
    }

    /// The office's own look at a whole photo: a proof is a small stamped JPEG with no
    /// camera metadata. A photo that is not one is kept (it is still evidence) and flagged.
    fn proof_check(&self, sha256: &Sha256Hash) -> OfficeResult<Option<String>> {
        let path = self.final_path(sha256);
        let bytes = fs::read(&path).map_err(|e| OfficeError::io(&path, e))?;
        Ok(
            antar_photo::verify_proof(&bytes, &antar_photo::ProofOptions::default())
                .err()
                .map(|e| e.to_string()),
        )
    }

    /// Hashes the finished partial file: a match moves it into place, a mismatch deletes it.
    fn verify_and_keep(&self, sha256: &Sha256Hash) -> OfficeResult<bool> {
        let partial = self.partial_path(sha256);
        if hash_file(&partial)? != *sha256 {
            fs::remove_file(&partial).map_err(|e| OfficeError::io(&partial, e))?;
            return Ok(false);
        }
        let target = self.final_path(sha256);
        let dir = target.parent().unwrap_or(&self.root).to_owned();
        fs::create_dir_all(&dir).map_err(|e| OfficeError::io(&dir, e))?;
        fs::rename(&partial, &target).map_err(|e| OfficeError::io(&target, e))?;
        // The rename is durable only once the directory entry is on disk.
        if let Ok(dir_handle) = File::open(&dir) {
            let _ = dir_handle.sync_all();
        }
        Ok(true)
    }
}

fn partial(sha256: Sha256Hash, received: u64) -> ChunkAccepted {
    ChunkAccepted {
        status: incomplete(sha256, received),
        completed_now: false,
    }
}

fn incomplete(sha256: Sha256Hash, received: u64) -> PhotoStatus {
    PhotoStatus {
        sha256,
        received_bytes: received,
        complete: false,
    }
}

fn complete(sha256: Sha256Hash, size: u64) -> PhotoStatus {
    PhotoStatus {
        sha256,
        received_bytes: size,
        complete: true,
    }
}

fn len_if_exists(path: &Path) -> OfficeResult<Option<u64>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(meta.len())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(OfficeError::io(path, e)),
    }
}

fn remove_if_exists(path: &Path) -> OfficeResult<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(OfficeError::io(path, e)),
        _ => Ok(()),
    }
}

pub(crate) fn hash_file(path: &Path) -> OfficeResult<Sha256Hash> {
    let io_err = |e| OfficeError::io(path, e);
    let mut file = File::open(path).map_err(io_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(io_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(Sha256Hash::from_digest(hasher.finalize().into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn setup() -> (tempfile::TempDir, Store, PhotoFiles) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.sqlite")).unwrap();
        let files = PhotoFiles::open(dir.path().join("photos")).unwrap();
        (dir, store, files)
    }

    fn jpeg(len: usize) -> Vec<u8> {
        let mut bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        bytes[..3].copy_from_slice(&JPEG_MAGIC);
        bytes
    }

    #[test]
    fn chunks_resume_and_complete_into_the_content_addressed_path() {
        let (_dir, store, files) = setup();
        let photo = jpeg(1000);
        let hash = Sha256Hash::of(&photo);
        let total = photo.len() as u64;
        let first = files
            .receive_chunk(&store, &hash, 0, total, &photo[..400])
            .unwrap()
            .unwrap();
        assert_eq!(first.status.received_bytes, 400);
        assert_eq!(
            files
                .receive_chunk(&store, &hash, 0, total, &photo[..400])
                .unwrap(),
            Err(ChunkRefusal::Offset { current: 400 })
        );
        assert_eq!(
            files
                .receive_chunk(&store, &hash, 400, total + 1, &photo[400..])
                .unwrap(),
            Err(ChunkRefusal::LengthChanged { expected: total })
        );
        let last = files
            .receive_chunk(&store, &hash, 400, total, &photo[400..])
            .unwrap()
            .unwrap();
        assert!(last.completed_now && last.status.complete);
        let path = files.complete_path(&hash).unwrap();
        assert_eq!(hash_file(&path).unwrap(), hash);
        let again = files
            .receive_chunk(&store, &hash, 0, total, &photo[..10])
            .unwrap()
            .unwrap();
        assert!(!again.completed_now && again.status.complete);
    }

    #[test]
    fn wrong_bytes_are_discarded_and_non_jpeg_refused() {
        let (_dir, store, files) = setup();
        let photo = jpeg(100);
        let wrong_name = Sha256Hash::of(b"something else");
        assert_eq!(
            files
                .receive_chunk(&store, &wrong_name, 0, 100, &photo)
                .unwrap(),
            Err(ChunkRefusal::HashMismatch)
        );
        assert_eq!(files.status(&store, &wrong_name).unwrap().received_bytes, 0);
        assert_eq!(
            files
                .receive_chunk(&store, &wrong_name, 0, 100, b"GIF89a")
                .unwrap(),
            Err(ChunkRefusal::NotJpeg)
        );
        assert_eq!(
            files
                .receive_chunk(&store, &wrong_name, 0, 5, &photo[..10])
                .unwrap(),
            Err(ChunkRefusal::Overflow {
                current: 0,
                total: 5
            })
        );
    }

    /// What a start finds after a crash or a restore, each brought to an honest state.
    #[test]
    fn the_start_reconciles_folder_and_rows() {
        let (_dir, store, files) = setup();
        let whole_bytes = jpeg(300);
        let orphan_bytes = jpeg(400);
        let lost_bytes = jpeg(500);
        let bad_bytes = jpeg(600);
        let [whole, orphan, lost, bad] =
            [&whole_bytes, &orphan_bytes, &lost_bytes, &bad_bytes].map(|b| Sha256Hash::of(b));
        // A verified file with no row (the folder restored without its database).
        let path = files.final_path(&whole);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &whole_bytes).unwrap();
        // A whole upload left in partial/ with no row.
        fs::write(files.partial_path(&orphan), &orphan_bytes).unwrap();
        // A row marked whole whose file is gone.
        store.photo_settled(&lost, 500, None).unwrap();
        // A file in place whose bytes are not its name.
        let path = files.final_path(&bad);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &whole_bytes).unwrap();

        let done = files.reconcile(&store).unwrap();
        assert_eq!(
            done,
            Reconciled {
                examined: 4,
                completed: 2
            }
        );
        for sha in [whole, orphan] {
            assert!(files.complete_path(&sha).is_some());
            assert!(store.photo(&sha).unwrap().unwrap().complete);
        }
        assert!(!files.partial_path(&orphan).exists());
        assert!(
            !store.photo(&lost).unwrap().unwrap().complete,
            "asked for again"
        );
        assert!(
            files.complete_path(&bad).is_none(),
            "a wrong file is not kept"
        );
        assert_eq!(
            files.reconcile(&store).unwrap().completed,
            0,
            "nothing left to do"
        );
        // The lost photo can be sent again from byte 0.
        let again = files
            .receive_chunk(&store, &lost, 0, 500, &lost_bytes)
            .unwrap()
            .unwrap();
        assert!(again.completed_now);
    }
}

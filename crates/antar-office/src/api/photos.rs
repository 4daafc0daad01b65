//! Resumable, content-addressed photo uploads: `GET` says how many bytes the office holds,
//! `PUT` appends the next chunk at exactly that offset. Both only for a photo that one of the
//! courier's own events names.

use antar_domain::ids::Sha256Hash;
use antar_domain::wire::{
    MAX_PHOTO_BYTES, MAX_PHOTO_CHUNK_BYTES, PhotoStatus, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER,
};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use super::error::{Failure, json_response};
use super::extract::{Uploader, path_id, read_body};
use super::{blocking, created_or_ok};
use crate::office::Office;
use crate::photos::ChunkRefusal;

pub(super) async fn status(
    State(office): State<Office>,
    Uploader(device): Uploader,
    Path(raw): Path<String>,
) -> Result<Response, Failure> {
    let sha256: Sha256Hash = path_id(&raw, "hash SHA-256 foto")?;
    let status = blocking(move || {
        if !office.photo_named_for(&device, &sha256)? {
            return Ok(Err(not_named(&sha256)));
        }
        Ok(Ok(office.photo_status(&sha256)?))
    })
    .await??;
    Ok(status_response(StatusCode::OK, &status))
}

pub(super) async fn upload(
    State(office): State<Office>,
    Uploader(device): Uploader,
    Path(raw): Path<String>,
    req: Request,
) -> Result<Response, Failure> {
    // Read before any refusal: a client still sending its chunk would see a broken pipe
    // instead of the answer (the chunk itself is bounded).
    let offset = number_header(req.headers(), UPLOAD_OFFSET_HEADER);
    let total = number_header(req.headers(), UPLOAD_LENGTH_HEADER);
    let chunk = read_body::<MAX_PHOTO_CHUNK_BYTES>(req, false).await?;
    let sha256: Sha256Hash = path_id(&raw, "hash SHA-256 foto")?;
    let (offset, total) = (offset?, total?);
    if total > MAX_PHOTO_BYTES {
        return Err(Failure::photo_too_large(total));
    }
    let named = {
        let office = office.clone();
        blocking(move || Ok(office.photo_named_for(&device, &sha256)?)).await?
    };
    if !named {
        return Err(not_named(&sha256));
    }
    let result =
        blocking(move || Ok(office.receive_photo_chunk(&sha256, offset, total, &chunk)?)).await?;
    match result {
        Ok(accepted) => Ok(status_response(
            created_or_ok(accepted.completed_now),
            &accepted.status,
        )),
        Err(refusal) => Err(refusal_failure(refusal)),
    }
}

/// One answer whether the photo is another courier's or unknown, so a phone learns nothing of
/// photos that are not its own (and cannot finish, or spoil, another's upload).
fn not_named(sha256: &Sha256Hash) -> Failure {
    Failure::not_found(
        "photo_not_named",
        format!(
            "foto {sha256} tidak disebut oleh kejadian mana pun dari kurir ini; kirim dulu \
             kejadian yang memuat foto ini"
        ),
    )
}

fn status_response(status: StatusCode, photo: &PhotoStatus) -> Response {
    let mut response = json_response(status, photo);
    response.headers_mut().insert(
        UPLOAD_OFFSET_HEADER,
        HeaderValue::from(photo.received_bytes),
    );
    response
}

fn number_header(headers: &HeaderMap, name: &str) -> Result<u64, Failure> {
    let Some(value) = headers.get(name) else {
        return Err(Failure::bad_request(
            "upload_header",
            format!("header {name} wajib ada (angka byte)"),
        ));
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            Failure::bad_request(
                "upload_header",
                format!("header {name} harus angka byte yang tidak negatif"),
            )
        })
}

fn refusal_failure(refusal: ChunkRefusal) -> Failure {
    match refusal {
        ChunkRefusal::Offset { current } => Failure::upload_offset(current),
        ChunkRefusal::LengthChanged { expected } => Failure::new(
            StatusCode::CONFLICT,
            "upload_length",
            format!(
                "{UPLOAD_LENGTH_HEADER} tidak boleh berubah: unggahan foto ini dimulai dengan \
                 panjang {expected} byte"
            ),
        ),
        ChunkRefusal::LengthInvalid { total } if total > MAX_PHOTO_BYTES => {
            Failure::photo_too_large(total)
        }
        ChunkRefusal::LengthInvalid { .. } => Failure::bad_request(
            "upload_length",
            format!("{UPLOAD_LENGTH_HEADER} harus lebih dari 0"),
        ),
        ChunkRefusal::Overflow { current, total } => Failure::bad_request(
            "upload_length",
            format!(
                "potongan foto melewati panjang total: kantor sudah punya {current} byte dari \
                 {total}"
            ),
        ),
        ChunkRefusal::NotJpeg => Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_jpeg",
            "foto harus berformat JPEG (diawali byte FF D8 FF)",
        ),
        ChunkRefusal::HashMismatch => Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "hash_mismatch",
            "isi foto tidak cocok dengan hash SHA-256 di alamat; bagian yang diterima sudah \
             dihapus, kirim ulang dari byte 0",
        ),
    }
}

//! Printed documents in the database: inserting an import's rows once each (by dedup key) and
//! reading them back as the parts of a manifest item.

use antar_domain::document::PrintedDocument;
use chrono::Utc;
use rusqlite::params;

use crate::store::roles::DocumentStore;
use crate::store::{DocumentFilter, DocumentHistory, DocumentId, DocumentPage, PageAt, PlaceCount};
use crate::store::{Store, timestamp};
use crate::store::{StoreError, StoreResult};

impl DocumentStore for Store {
    fn insert_documents(&self, documents: &[PrintedDocument]) -> StoreResult<Vec<bool>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO documents (dedup_key, nik, no_kk, name, sex, birth_place, birth_date,
                    address_json, kecamatan, kecamatan_name, desa, desa_name, rt, rw, phone,
                    document_type, printed_on, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18)
                 ON CONFLICT (dedup_key) DO NOTHING",
            )?;
            let mut inserted = Vec::with_capacity(documents.len());
            for doc in documents {
                let address = &doc.address;
                let address_json = serde_json::to_string(address)
                    .map_err(|e| StoreError::corrupt(e.to_string()))?;
                let changed = insert.execute(params![
                    doc.dedup_key().to_string(),
                    doc.nik.as_str(),
                    doc.no_kk.as_ref().map(crate::store::serde_text),
                    doc.name,
                    crate::store::serde_text(&doc.sex),
                    doc.birth_place,
                    doc.birth_date.to_string(),
                    address_json,
                    address.kecamatan.as_str(),
                    address.kecamatan_name,
                    address.desa.as_str(),
                    address.desa_name,
                    number_of(&address.rt),
                    number_of(&address.rw),
                    doc.phone.as_ref().map(|p| p.as_str().to_owned()),
                    doc.document_type.as_code(),
                    doc.printed_on.to_string(),
                    now,
                ])?;
                inserted.push(changed == 1);
            }
            Ok(inserted)
        })
    }

    fn document_count(&self) -> StoreResult<u64> {
        self.read(|conn| {
            conn.query_row("SELECT COUNT(*) FROM documents", (), |r| {
                crate::store::get_u64(r, 0)
            })
        })
    }

    fn document_page(
        &self,
        filter: &DocumentFilter,
        at: PageAt<i64>,
        limit: u64,
    ) -> StoreResult<DocumentPage> {
        super::document_list::document_page(self, filter, at, limit)
    }

    fn undispatched_by_desa(&self) -> StoreResult<Vec<PlaceCount>> {
        super::document_list::undispatched_by_desa(self)
    }

    fn tally_drift(&self) -> StoreResult<u64> {
        self.read(super::document_list::tally_drift)
    }

    fn document_history(&self, id: DocumentId) -> StoreResult<Option<DocumentHistory>> {
        super::document_history::document_history(self, id)
    }
}

/// RT and RW display as "001"; the database keeps the number so they sort numerically.
fn number_of(value: &impl std::fmt::Display) -> i64 {
    value.to_string().trim().parse().unwrap_or(0)
}

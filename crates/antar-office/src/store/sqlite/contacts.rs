//! The aparat pekon the office contacts about a desa's documents: name, role, phone, e-mail.

use crate::store::StoreResult;
use crate::store::contacts::Contact;
use crate::store::{ContactId, Store, timestamp};
use rusqlite::params;

fn contact_from(r: &crate::store::db::Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        desa: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        phone: r.get(4)?,
        email: r.get(5)?,
    })
}

pub(super) fn contacts(store: &Store, desa: Option<&str>) -> StoreResult<Vec<Contact>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT id, desa, name, role, phone, email FROM desa_contacts
             WHERE CAST(?1 AS TEXT) IS NULL OR desa = ?1 ORDER BY desa, name",
        )?;
        let rows = stmt.query_map([desa], contact_from)?;
        rows.collect::<Result<_, _>>()
    })
}

pub(super) fn add_contact(
    store: &Store,
    desa: &str,
    name: &str,
    role: &str,
    phone: Option<&str>,
    email: Option<&str>,
) -> StoreResult<i64> {
    let now = timestamp(chrono::Utc::now());
    store.write(|tx| {
        tx.query_row(
            "INSERT INTO desa_contacts (desa, name, role, phone, email, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            params![desa, name, role, phone, email, now],
            |r| r.get(0),
        )
    })
}

pub(super) fn delete_contact(store: &Store, id: ContactId) -> StoreResult<bool> {
    store.write(|tx| {
        // The log keeps its entries; they lose the link to the deleted contact.
        tx.execute(
            "UPDATE followups SET contact_id = NULL WHERE contact_id = ?1",
            [id],
        )?;
        Ok(tx.execute("DELETE FROM desa_contacts WHERE id = ?1", [id])? == 1)
    })
}

//! A visit's target list as a team's phone downloads it: what the person is called and
//! where they live, with the health categories folded into the special procedure and no
//! note about health (UU 27/2022).

use crate::store::db::Db;
use antar_domain::address::KtpAddress;
use antar_domain::ids::VisitId;
use antar_domain::nik::{Nik, Sex};
use antar_domain::visit::TargetCategory;
use antar_domain::wire::TargetCard;
use chrono::NaiveDate;

use crate::store::{StoreError, StoreResult, parse_stored};

use super::values::{from_json_text, from_serde_text};

/// The visit's people not removed, by name.
pub(super) fn target_cards(conn: &Db<'_>, visit: VisitId) -> StoreResult<Vec<TargetCard>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, nik, name, sex, birth_date, address_json, category, note FROM visit_targets
         WHERE visit_id = ?1 AND removed_at IS NULL ORDER BY name, nik",
    )?;
    let rows = stmt.query_map([visit.to_string()], |r| {
        Ok([
            r.get::<String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get::<Option<String>>(7)?.unwrap_or_default(),
        ])
    })?;
    let mut cards = Vec::new();
    for row in rows {
        let [id, nik, name, sex, birth_date, address, category, note] = row?;
        let category = TargetCategory::parse(&category)
            .ok_or_else(|| StoreError::corrupt(format!("kategori sasaran {category:?}")))?;
        let note = (!category.is_health() && !note.trim().is_empty()).then_some(note);
        cards.push(TargetCard {
            id: parse_stored(&id, "id sasaran")?,
            nik: Nik::parse(&nik).map_err(|e| StoreError::corrupt(format!("NIK sasaran: {e}")))?,
            name,
            sex: from_serde_text::<Sex>(&sex, "jenis kelamin sasaran")?,
            birth_date: parse_stored::<NaiveDate>(&birth_date, "tanggal lahir sasaran")?,
            address: from_json_text::<KtpAddress>(&address, "alamat sasaran")?,
            category: category.on_phone(),
            note,
        });
    }
    Ok(cards)
}

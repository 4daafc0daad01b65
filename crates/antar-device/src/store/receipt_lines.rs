//! The latest receipts with what each record was about (owner and document, BA, visit and
//! person), read in one query for the send screen.

use antar_domain::document::DocumentType;
use rusqlite::params;

use super::Store;
use crate::error::Result;
use crate::model::{ReceiptLine, RecordAbout};

impl Store {
    /// The `limit` latest receipts, newest first.
    pub(crate) fn receipt_lines(&self, limit: usize) -> Result<Vec<ReceiptLine>> {
        // A purged row's JSON may be empty: json_extract would fail on it.
        let mut stmt = self.conn.prepare(
            "SELECT e.receipt_json, item_ba.number, i.line,
                    CASE WHEN json_valid(i.json) THEN json_extract(i.json, '$.document_type') END,
                    CASE WHEN json_valid(i.json) THEN json_extract(i.json, '$.owner_name') END,
                    ba.number, v.number,
                    CASE WHEN json_valid(t.json) THEN json_extract(t.json, '$.name') END
             FROM events e
             LEFT JOIN items i ON i.id = e.item_id
             LEFT JOIN manifests item_ba ON item_ba.id = i.manifest_id
             LEFT JOIN manifests ba ON ba.id = e.manifest_id
             LEFT JOIN visits v ON v.id = e.visit_id
             LEFT JOIN visit_targets t ON t.id = e.target_id
             WHERE e.receipt_json IS NOT NULL
             ORDER BY e.device_seq DESC
             LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<u32>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        rows.map(|row| {
            let (receipt, item_ba, line, document, owner, ba, visit, person) = row?;
            let about = match (item_ba, line, ba, visit) {
                (Some(ba_number), Some(line), _, _) => RecordAbout::Document {
                    ba_number,
                    line,
                    document: document.and_then(|code| {
                        serde_json::from_value::<DocumentType>(serde_json::Value::String(code)).ok()
                    }),
                    owner: owner.filter(|name| !name.trim().is_empty()),
                },
                (_, _, Some(ba_number), _) => RecordAbout::Ba { ba_number },
                (_, _, _, Some(number)) => RecordAbout::Visit {
                    number,
                    person: person.filter(|name| !name.trim().is_empty()),
                },
                _ => RecordAbout::Unknown,
            };
            Ok(ReceiptLine {
                receipt: serde_json::from_str(&receipt)?,
                about,
            })
        })
        .collect()
    }
}

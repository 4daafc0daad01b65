//! Importing a visit's target list: each row checked by the domain for the visit's day, bad
//! rows reported with their row number and reason, one NIK once per visit, stored in one
//! transaction while the visit is still planned.

use std::collections::HashMap;

use antar_domain::ids::TargetId;
use antar_domain::region::Registry;
use antar_domain::visit::{check_target_headers, parse_target_record};

use super::{ImportReport, RowReport, Table, no_suffix, screen_row};
use crate::error::{OfficeError, OfficeResult};
use crate::store::{NewTarget, VisitInfo, VisitRefusal, VisitStore};

/// Stores the good rows of `table` on `visit`'s list. `Err(refusal)` when the visit may not
/// take a list (gone, started or cancelled): then nothing was stored.
pub(crate) fn import_targets(
    store: &dyn VisitStore,
    visit: &VisitInfo,
    table: &Table,
) -> OfficeResult<Result<ImportReport, VisitRefusal>> {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    check_target_headers(&headers).map_err(|e| OfficeError::Headers(e.to_string()))?;
    let no_column = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("NO"));
    let registry = Registry::tanggamus();

    let mut report = ImportReport::default();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut targets = Vec::new();
    let mut fields: Vec<&str> = Vec::with_capacity(headers.len());
    for (row, record) in &table.rows {
        let no = match screen_row(&headers, no_column, *row, record) {
            Ok(no) => no,
            Err(refused) => {
                report.rejected.push(refused);
                continue;
            }
        };
        fields.clear();
        fields.extend(record.iter().map(String::as_str));
        match parse_target_record(&headers, &fields, registry, visit.plan.day) {
            Ok(target) => {
                let nik = target.nik.as_str().to_owned();
                if let Some(first) = first_seen.get(&nik) {
                    report.duplicates.push((
                        *row,
                        format!("NIK sama dengan baris {first}{}", no_suffix(&no)),
                    ));
                } else {
                    first_seen.insert(nik, *row);
                    targets.push(NewTarget {
                        id: TargetId::new_v7(),
                        target,
                        source_row: *row,
                    });
                }
            }
            Err(error) => report.rejected.push(RowReport {
                row: *row,
                no,
                reason: error.to_string(),
            }),
        }
    }

    let inserted = match store.insert_targets(visit.id, &targets)? {
        Ok(inserted) => inserted,
        Err(refusal) => return Ok(Err(refusal)),
    };
    for (new, stored) in targets.iter().zip(inserted) {
        if stored {
            report.imported += 1;
        } else {
            report.duplicates.push((
                new.source_row,
                "NIK ini sudah ada di daftar sasaran kunjungan ini".to_owned(),
            ));
        }
    }
    report.duplicates.sort_by_key(|(row, _)| *row);
    Ok(Ok(report))
}

//! Moving an office from its SQLite file to PostgreSQL: every record copied into an empty
//! database and checked there (counts and hashes per table); the photos stay in the folder.

use std::path::Path;

use crate::error::{OfficeError, OfficeResult};
use crate::office::Database;
use crate::store::{Store, TableCopied, sqlite_into_postgres};

/// Copies the office in `data_dir` (its `office.sqlite`) into `database`, an empty PostgreSQL
/// database (migrated here if new). Nothing is written there unless every table arrived whole.
/// The copy gets a data copy identity of its own, as a restore does: a phone that sent more to
/// the SQLite office after the copy was taken learns from it to send that again.
pub fn copy_to_postgres(data_dir: &Path, database: &Database) -> OfficeResult<Vec<TableCopied>> {
    let Database::Postgres(url) = database else {
        return Err(OfficeError::InvalidRequest(
            "tujuan salinan harus basis data PostgreSQL (--database postgres://…)".to_owned(),
        ));
    };
    let file = data_dir.join("office.sqlite");
    if !file.is_file() {
        return Err(OfficeError::InvalidRequest(format!(
            "tidak ada basis data SQLite untuk disalin: {} tidak ditemukan (periksa --data)",
            file.display()
        )));
    }
    let source = Store::open(&file)?;
    let target = Store::open_postgres(url)?;
    let copied = sqlite_into_postgres(&source, &target)?;
    tracing::info!(
        tables = copied.len(),
        "salinan ke PostgreSQL selesai dan diperiksa"
    );
    Ok(copied)
}

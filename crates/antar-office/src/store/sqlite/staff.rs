//! Staff accounts, their browser sessions and the audit log of what they did.

use crate::store::db::Optional;
use crate::store::roles::StaffStore;
use crate::store::staff::{AuditEntry, Role, Session, StaffUser};
use crate::store::{StaffId, Store, parse_timestamp, timestamp};
use crate::store::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use rusqlite::params;

const USER_COLUMNS: &str = "id, username, display_name, nip, role, active";

fn user_from_row(r: &crate::store::db::Row<'_>) -> rusqlite::Result<(StaffUser, String)> {
    let role: String = r.get(4)?;
    Ok((
        StaffUser {
            id: r.get(0)?,
            username: r.get(1)?,
            display_name: r.get(2)?,
            nip: r.get(3)?,
            role: Role::parse(&role).unwrap_or(Role::Viewer),
            active: r.get(5)?,
        },
        role,
    ))
}

fn checked(pair: (StaffUser, String)) -> StoreResult<StaffUser> {
    let (user, role) = pair;
    // An unknown role in the file would otherwise silently become "viewer".
    if Role::parse(&role).is_none() {
        return Err(StoreError::corrupt(format!("peran pengguna {role:?}")));
    }
    Ok(user)
}

impl StaffStore for Store {
    fn add_staff_user(
        &self,
        username: &str,
        display_name: &str,
        nip: Option<&str>,
        role: Role,
        password_hash: &str,
    ) -> StoreResult<Option<i64>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            // A name taken in any case is refused: SQLite's column is COLLATE NOCASE, and
            // PostgreSQL's unique index is on lower(username).
            tx.query_row(
                "INSERT INTO staff_users (username, display_name, nip, role, password_hash,
                    created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING RETURNING id",
                params![username, display_name, nip, role.code(), password_hash, now],
                |r| r.get(0),
            )
            .optional()
        })
    }

    fn set_staff_password(&self, user_id: StaffId, password_hash: &str) -> StoreResult<bool> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE staff_users SET password_hash = ?2 WHERE id = ?1",
                params![user_id, password_hash],
            )?;
            // A new password ends every session of the old one.
            tx.execute("DELETE FROM staff_sessions WHERE user_id = ?1", [user_id])?;
            Ok(changed == 1)
        })
    }

    fn set_staff_active(&self, user_id: StaffId, active: bool) -> StoreResult<bool> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE staff_users SET active = ?2 WHERE id = ?1",
                params![user_id, active],
            )?;
            if !active {
                tx.execute("DELETE FROM staff_sessions WHERE user_id = ?1", [user_id])?;
            }
            Ok(changed == 1)
        })
    }

    fn staff_users(&self) -> StoreResult<Vec<StaffUser>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {USER_COLUMNS} FROM staff_users ORDER BY username"
            ))?;
            let rows = stmt.query_map((), user_from_row)?;
            let mut users = Vec::new();
            for row in rows {
                users.push(checked(row?)?);
            }
            Ok(users)
        })
    }

    fn staff_credentials(&self, username: &str) -> StoreResult<Option<(StaffUser, String)>> {
        self.read(|conn| {
            let row = conn
                .query_row(
                    &format!(
                        "SELECT {USER_COLUMNS}, password_hash FROM staff_users
                         WHERE username = ?1 AND active = 1"
                    ),
                    [username.trim()],
                    |r| Ok((user_from_row(r)?, r.get::<String>(6)?)),
                )
                .optional()?;
            row.map(|(pair, hash)| Ok((checked(pair)?, hash)))
                .transpose()
        })
    }

    fn staff_user_count(&self) -> StoreResult<u64> {
        self.read(|conn| {
            conn.query_row("SELECT COUNT(*) FROM staff_users", (), |r| {
                crate::store::get_u64(r, 0)
            })
        })
    }

    fn create_session(
        &self,
        token_hash: &str,
        user_id: StaffId,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now = Utc::now();
        self.write(|tx| {
            // Expired sessions are cleared whenever someone signs in: no background job needed.
            tx.execute(
                "DELETE FROM staff_sessions WHERE expires_at <= ?1",
                [timestamp(now)],
            )?;
            tx.execute(
                "INSERT INTO staff_sessions (token_sha256, user_id, csrf, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    token_hash,
                    user_id,
                    csrf,
                    timestamp(now),
                    timestamp(expires_at)
                ],
            )?;
            Ok(())
        })
    }

    fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        let now = timestamp(Utc::now());
        self.read(|conn| {
            let row = conn
                .prepare_cached(
                    "SELECT u.id, u.username, u.display_name, u.nip, u.role, u.active, s.csrf
                     FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
                     WHERE s.token_sha256 = ?1 AND s.expires_at > ?2 AND u.active = 1",
                )?
                .query_row(params![token_hash, now], |r| {
                    Ok((user_from_row(r)?, r.get::<String>(6)?))
                })
                .optional()?;
            row.map(|(pair, csrf)| {
                Ok(Session {
                    user: checked(pair)?,
                    csrf,
                })
            })
            .transpose()
        })
    }

    fn set_document_search(&self, token_hash: &str, search: Option<&str>) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE staff_sessions SET document_search = ?2 WHERE token_sha256 = ?1",
                params![token_hash, search],
            )?;
            Ok(())
        })
    }

    fn document_search(&self, token_hash: &str) -> StoreResult<Option<String>> {
        self.read(|conn| {
            let found = conn
                .prepare_cached(
                    "SELECT document_search FROM staff_sessions WHERE token_sha256 = ?1",
                )?
                .query_row([token_hash], |r| r.get(0))
                .optional()?;
            Ok(found.flatten())
        })
    }

    fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM staff_sessions WHERE token_sha256 = ?1",
                [token_hash],
            )?;
            Ok(())
        })
    }

    fn audit(
        &self,
        user: Option<&StaffUser>,
        username: &str,
        action: &str,
        object: Option<&str>,
        detail: Option<&str>,
    ) -> StoreResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO audit_log (at, user_id, username, action, object, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                now,
                user.map(|u| u.id),
                username,
                action,
                object,
                detail
            ])?;
            Ok(())
        })
    }

    fn audit_log(&self, offset: u64, limit: u64) -> StoreResult<(Vec<AuditEntry>, u64)> {
        self.read(|conn| {
            let total = conn.query_row("SELECT COUNT(*) FROM audit_log", (), |r| {
                crate::store::get_u64(r, 0)
            })?;
            let mut stmt = conn.prepare_cached(
                "SELECT at, username, action, object, detail FROM audit_log
                 ORDER BY id DESC LIMIT ?1 OFFSET ?2",
            )?;
            let rows = stmt.query_map(
                params![
                    i64::try_from(limit).unwrap_or(i64::MAX),
                    i64::try_from(offset).unwrap_or(i64::MAX)
                ],
                |r| {
                    Ok((
                        r.get::<String>(0)?,
                        r.get::<String>(1)?,
                        r.get::<String>(2)?,
                        r.get::<Option<String>>(3)?,
                        r.get::<Option<String>>(4)?,
                    ))
                },
            )?;
            let mut entries = Vec::new();
            for row in rows {
                let (at, username, action, object, detail) = row?;
                entries.push(AuditEntry {
                    at: parse_timestamp(&at)?,
                    username,
                    action,
                    object,
                    detail,
                });
            }
            Ok((entries, total))
        })
    }
}

//! Which database an office keeps its records in: the SQLite file in its data folder (the
//! default, for one office on one machine) or a PostgreSQL database named by a URL (several
//! office processes, or a server the operator already runs; issue 19).

use std::fmt;

use crate::error::{OfficeError, OfficeResult};

/// Where the office's records live. Photos stay in the data folder either way.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum Database {
    /// `office.sqlite` in the data folder.
    #[default]
    Sqlite,
    /// A PostgreSQL database: `postgres://user:password@host/name` or `host=… dbname=…`.
    Postgres(String),
}

impl Database {
    /// The database a `--database` value (or `ANTAR_DATABASE_URL`) names; none or empty is
    /// the SQLite file.
    pub fn from_url(url: Option<&str>) -> OfficeResult<Self> {
        let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(Self::Sqlite);
        };
        let postgres = url.starts_with("postgres://")
            || url.starts_with("postgresql://")
            || url.split_whitespace().any(|part| part.contains('='));
        if !postgres {
            return Err(OfficeError::InvalidRequest(
                "alamat basis data tidak dikenal: gunakan postgres://pengguna@host/nama \
                 (atau kosongkan untuk berkas SQLite di folder data)"
                    .to_owned(),
            ));
        }
        url.parse::<postgres::Config>().map_err(|e| {
            OfficeError::InvalidRequest(format!("alamat basis data PostgreSQL tidak sah: {e}"))
        })?;
        Ok(Self::Postgres(url.to_owned()))
    }
}

/// Never prints a PostgreSQL URL's password (it may reach a log or a terminal).
impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite => f.write_str("Sqlite"),
            Self::Postgres(url) => write!(f, "Postgres({})", without_password(url)),
        }
    }
}

/// The URL with its password replaced by `***` (in the user part, a `password=` query
/// parameter, or a `password=` pair).
pub(crate) fn without_password(url: &str) -> String {
    if let Some((base, query)) = url.split_once('?') {
        let query: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some(("password", _)) => "password=***".to_owned(),
                _ => pair.to_owned(),
            })
            .collect();
        return format!("{}?{}", without_password(base), query.join("&"));
    }
    if let Some(rest) = url.split_once("://").map(|(_, rest)| rest)
        && let Some((credentials, _)) = rest.split_once('@')
        && let Some((user, _)) = credentials.split_once(':')
    {
        return url.replacen(credentials, &format!("{user}:***"), 1);
    }
    url.split_whitespace()
        .map(|part| {
            if part.starts_with("password=") {
                "password=***"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_engine_and_bad_ones_say_what_is_wrong() {
        assert_eq!(Database::from_url(None).unwrap(), Database::Sqlite);
        assert_eq!(Database::from_url(Some("  ")).unwrap(), Database::Sqlite);
        assert_eq!(
            Database::from_url(Some("postgres://antar@localhost/kantor")).unwrap(),
            Database::Postgres("postgres://antar@localhost/kantor".to_owned())
        );
        assert!(matches!(
            Database::from_url(Some("host=/var/run/postgresql dbname=kantor")),
            Ok(Database::Postgres(_))
        ));
        let unknown = Database::from_url(Some("mysql://x"))
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("tidak dikenal"), "{unknown}");
        let bad = Database::from_url(Some("postgres://a@b:notaport/c"))
            .unwrap_err()
            .to_string();
        assert!(bad.contains("tidak sah"), "{bad}");
    }

    #[test]
    fn passwords_never_show() {
        let url =
            Database::from_url(Some("postgres://antar:rahasia@db.local:5432/kantor")).unwrap();
        let shown = format!("{url:?}");
        assert!(!shown.contains("rahasia"), "{shown}");
        assert!(shown.contains("antar:***@db.local"), "{shown}");
        assert_eq!(
            without_password("host=db user=antar password=rahasia dbname=k"),
            "host=db user=antar password=*** dbname=k"
        );
        assert_eq!(
            without_password("postgres://antar@db/k?sslmode=disable&password=rahasia"),
            "postgres://antar@db/k?sslmode=disable&password=***"
        );
    }
}

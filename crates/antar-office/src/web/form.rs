//! Form fields as sent by a browser (`application/x-www-form-urlencoded`), with repeated
//! names kept (checkbox lists), and the small parsers pages use on them.

use chrono::NaiveDate;

use super::WebError;

#[derive(Clone, Debug, Default)]
pub(crate) struct Fields(Vec<(String, String)>);

impl Fields {
    /// Unparseable bodies give no fields (the CSRF check then refuses the request).
    pub(crate) fn parse(bytes: &[u8]) -> Self {
        Self(serde_urlencoded::from_bytes(bytes).unwrap_or_default())
    }

    /// The first value of `name`, trimmed; `None` when missing or blank.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    pub(crate) fn required(&self, name: &str, label: &str) -> Result<&str, WebError> {
        self.get(name)
            .ok_or_else(|| WebError::BadRequest(super::strings::field_required(label)))
    }

    pub(crate) fn date(&self, name: &str, label: &str) -> Result<Option<NaiveDate>, WebError> {
        self.get(name).map(|v| parse_date(v, label)).transpose()
    }
}

pub(crate) fn parse_date(value: &str, label: &str) -> Result<NaiveDate, WebError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| WebError::BadRequest(super::strings::bad_date(label, value)))
}

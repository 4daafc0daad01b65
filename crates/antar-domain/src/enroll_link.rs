//! The enrollment link the office shows as a QR code beside a new code: the office's address
//! and the one-time code in one, so a phone is enrolled by a scan (or a pasted link) instead of
//! typing both: `antar://daftar?kantor=<address>&kode=<code>`.

const PREFIX: &str = "antar://daftar?";

/// What a phone needs to enroll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrollLink {
    pub office_url: String,
    pub code: String,
}

impl EnrollLink {
    pub fn to_link(&self) -> String {
        format!(
            "{PREFIX}kantor={}&kode={}",
            encode(&self.office_url),
            encode(&self.code)
        )
    }

    /// The link's parts, if `text` is such a link (spaces around it are ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let query = text.trim().strip_prefix(PREFIX)?;
        let (mut office_url, mut code) = (None, None);
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("kantor", value)) => office_url = decode(value),
                Some(("kode", value)) => code = decode(value),
                _ => {}
            }
        }
        let (office_url, code) = (office_url?, code?);
        (!office_url.is_empty() && !code.is_empty()).then_some(Self { office_url, code })
    }
}

/// Percent-encodes all but unreserved characters and those an address needs (`:` `/`).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_carries_the_office_and_the_code_both_ways() {
        let link = EnrollLink {
            office_url: "https://antar.tanggamus.go.id:8443/kantor".to_owned(),
            code: "K7Q-4MZ-2XP".to_owned(),
        };
        let text = link.to_link();
        assert_eq!(
            text,
            "antar://daftar?kantor=https://antar.tanggamus.go.id:8443/kantor&kode=K7Q-4MZ-2XP"
        );
        assert_eq!(EnrollLink::parse(&format!("  {text}\n")), Some(link));
        let odd = EnrollLink {
            office_url: "http://10.0.0.5:8080".to_owned(),
            code: "a&b=c d".to_owned(),
        };
        assert_eq!(EnrollLink::parse(&odd.to_link()), Some(odd));
    }

    #[test]
    fn anything_else_is_not_a_link() {
        for text in [
            "http://10.0.0.5:8080",
            "antar://manifest/1?office=x",
            "antar://daftar?kantor=http://x",
            "antar://daftar?kode=ABC",
            "antar://daftar?kantor=&kode=ABC",
            "antar://daftar?kantor=http://x&kode=%zz",
        ] {
            assert_eq!(EnrollLink::parse(text), None, "{text}");
        }
    }
}

//! What the proof is stamped with, and the four lines of text made from it.
//!
//! Plain strings and numbers, so this crate needs no domain types; the caller (the device)
//! has already validated them, and we only refuse what cannot be printed honestly.

use chrono::{DateTime, FixedOffset, Offset, Utc};

use crate::error::PhotoError;

/// Western Indonesian Time, UTC+7, the zone of Lampung; Indonesia has no daylight saving.
const WIB_OFFSET_SECONDS: i32 = 7 * 3600;

/// The facts printed on a proof photo.
#[derive(Clone, PartialEq)]
pub struct Stamp {
    pub taken_at: DateTime<Utc>,
    /// Latitude and longitude in degrees (WGS 84), if the phone had a fix.
    pub lat_lon: Option<(f64, f64)>,
    /// The fix's accuracy radius in metres.
    pub accuracy_m: Option<f64>,
    /// The desa (pekon/kelurahan) name, as the caller wants it printed.
    pub desa: String,
    /// The BA Pengiriman number.
    pub ba_number: String,
    /// The item: "Baris 12" or a label the caller chooses.
    pub item: String,
}

/// The location and place may identify a household: Debug shows neither.
impl std::fmt::Debug for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stamp")
            .field("taken_at", &self.taken_at)
            .field("has_location", &self.lat_lon.is_some())
            .finish_non_exhaustive()
    }
}

impl Stamp {
    /// The lines printed on the photo, top to bottom; empty lines are left out.
    pub fn lines(&self) -> Result<Vec<String>, PhotoError> {
        let mut lines = vec![self.time_line(), self.location_line()?];
        lines.push(clean(&self.desa));
        let ba = clean(&self.ba_number);
        let item = clean(&self.item);
        lines.push(match (ba.is_empty(), item.is_empty()) {
            (false, false) => format!("BA {ba} · {item}"),
            (false, true) => format!("BA {ba}"),
            (true, _) => item,
        });
        lines.retain(|line| !line.is_empty());
        Ok(lines)
    }

    fn time_line(&self) -> String {
        let wib = FixedOffset::east_opt(WIB_OFFSET_SECONDS).unwrap_or_else(|| Utc.fix());
        let local = self.taken_at.with_timezone(&wib);
        format!("{} WIB", local.format("%d-%m-%Y %H:%M:%S"))
    }

    fn location_line(&self) -> Result<String, PhotoError> {
        let Some((lat, lon)) = self.lat_lon else {
            return Ok("Lokasi GPS tidak tersedia".to_owned());
        };
        if !(-90.0..=90.0).contains(&lat) {
            return Err(PhotoError::InvalidStamp("lintang di luar -90..90"));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(PhotoError::InvalidStamp("bujur di luar -180..180"));
        }
        // Five decimals is 1.1 m, finer than any phone's fix.
        let mut line = format!("{lat:.5}, {lon:.5}");
        match self.accuracy_m {
            Some(accuracy) if accuracy.is_finite() && accuracy >= 0.0 => {
                line.push_str(&format!(" ±{accuracy:.0} m"));
            }
            Some(_) => return Err(PhotoError::InvalidStamp("akurasi GPS bukan meter yang sah")),
            None => {}
        }
        Ok(line)
    }
}

/// One line of printable text: control characters (a newline in a desa name) become spaces
/// and runs of spaces collapse, so a line can never spill into the next.
fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            taken_at: Utc.with_ymd_and_hms(2025, 3, 12, 20, 5, 9).unwrap(),
            lat_lon: Some((-5.498612, 104.627)),
            accuracy_m: Some(8.4),
            desa: "Pekon Kota Agung".to_owned(),
            ba_number: "470/0012/BA-PENG/DUKCAPIL/III/2025".to_owned(),
            item: "Baris 12".to_owned(),
        }
    }

    #[test]
    fn prints_wib_time_coordinates_place_and_item() {
        assert_eq!(
            stamp().lines().unwrap(),
            [
                "13-03-2025 03:05:09 WIB",
                "-5.49861, 104.62700 ±8 m",
                "Pekon Kota Agung",
                "BA 470/0012/BA-PENG/DUKCAPIL/III/2025 · Baris 12",
            ]
        );
    }

    #[test]
    fn says_when_there_is_no_fix_and_drops_empty_lines() {
        let mut s = stamp();
        s.lat_lon = None;
        s.accuracy_m = None;
        s.desa = " \n ".to_owned();
        s.item = String::new();
        assert_eq!(
            s.lines().unwrap(),
            [
                "13-03-2025 03:05:09 WIB",
                "Lokasi GPS tidak tersedia",
                "BA 470/0012/BA-PENG/DUKCAPIL/III/2025"
            ]
        );
    }

    #[test]
    fn refuses_coordinates_it_cannot_print_honestly() {
        for (lat_lon, accuracy) in [
            ((91.0, 0.0), Some(1.0)),
            ((0.0, 181.0), Some(1.0)),
            ((f64::NAN, 0.0), None),
            ((0.0, 0.0), Some(-1.0)),
            ((0.0, 0.0), Some(f64::INFINITY)),
        ] {
            let mut s = stamp();
            s.lat_lon = Some(lat_lon);
            s.accuracy_m = accuracy;
            assert!(matches!(s.lines(), Err(PhotoError::InvalidStamp(_))));
        }
    }

    #[test]
    fn flattens_control_characters() {
        let mut s = stamp();
        s.desa = "Gisting\nAtas\t\u{7}Bawah".to_owned();
        assert_eq!(s.lines().unwrap()[2], "Gisting Atas Bawah");
    }

    #[test]
    fn debug_hides_place_and_location() {
        let shown = format!("{:?}", stamp());
        assert!(!shown.contains("Kota Agung"));
        assert!(!shown.contains("104.6"));
    }
}

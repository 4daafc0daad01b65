//! Words of the proof review queue: the office's findings on each proof, bulk approval of the
//! clean ones, and the message after a verdict.

use antar_domain::findings::Finding;
use antar_domain::region::Registry;

pub(crate) const FINDINGS: &str = "Temuan kantor";
pub(crate) const CLEAN: &str = "Bersih";
pub(crate) const NOT_CHECKED_SHORT: &str = "Belum dicek";
pub(crate) const ORDER: &str = "Urutan";
pub(crate) const NEWEST_FIRST: &str = "Terbaru dulu";
pub(crate) const FINDINGS_FIRST: &str = "Temuan terbanyak dulu";
pub(crate) const APPROVE_SELECTED: &str = "Setujui yang dipilih";
pub(crate) const PICK: &str = "Pilih";
pub(crate) const NOTE_REQUIRED: &str =
    "Tulis catatan: mengapa bukti ini bermasalah. Catatan ini dikirim ke HP kurir.";

pub(crate) fn approve_all_clean(n: usize) -> String {
    format!("Setujui semua yang bersih di halaman ini ({n})")
}

/// One finding in a few words, for the list and the proof's page.
pub(crate) fn finding_label(finding: &Finding) -> String {
    match finding {
        Finding::OtherDesa {
            found: Some(code),
            distance_m,
        } => {
            let name = Registry::tanggamus()
                .get(code)
                .map_or_else(|| code.to_string(), |r| r.name.clone());
            format!("Di desa lain: {name}, {}", distance(*distance_m))
        }
        Finding::OtherDesa {
            found: None,
            distance_m,
        } => format!("Di luar Tanggamus, {}", distance(*distance_m)),
        Finding::NoFix => "Tanpa lokasi GPS".to_owned(),
        Finding::MockLocation => "Lokasi palsu (mock)".to_owned(),
        Finding::Inaccurate {
            accuracy_m,
            limit_m,
        } => format!("Akurasi ± {accuracy_m:.0} m (batas {limit_m:.0} m)"),
        Finding::PhoneDisagrees => "Cek tempat di HP berbeda".to_owned(),
        Finding::TimeOutsideWindow => "Waktu di luar rentang yang mungkin".to_owned(),
        Finding::ChainGap => "Rantai catatan HP terputus".to_owned(),
        Finding::NotBoundToBa => "Tidak merujuk BA yang diterbitkan".to_owned(),
        Finding::PhotoNotProof { .. } => "Foto bukan foto bukti yang sah".to_owned(),
    }
}

/// Metres from the address desa, in km beyond one.
fn distance(metres: f64) -> String {
    if metres >= 1_000.0 {
        format!("{:.1} km dari desa alamat", metres / 1_000.0).replace('.', ",")
    } else {
        format!("{metres:.0} m dari desa alamat")
    }
}

/// After a verdict, on the next proof's page (or the list when none is left).
pub(crate) fn decided(seq: &str, verdict: &str, next: bool) -> String {
    let what = match verdict {
        "flagged" => "ditandai bermasalah",
        _ => "disetujui",
    };
    if next {
        format!("Bukti no. {seq} {what}. Ini bukti berikutnya yang belum diperiksa.")
    } else {
        format!("Bukti no. {seq} {what}. Tidak ada lagi bukti yang menunggu.")
    }
}

/// After approving several clean proofs at once.
pub(crate) fn approved_many(approved: &str, skipped: &str) -> String {
    match skipped {
        "" | "0" => format!("{approved} bukti bersih disetujui."),
        skipped => format!(
            "{approved} bukti bersih disetujui; {skipped} dilewati (ada temuan atau sudah \
             diperiksa)."
        ),
    }
}

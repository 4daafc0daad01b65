//! Antar, the courier app. Its Dioxus screens come in a later issue; for now the binary
//! says what it is and where the working parts live.

fn main() {
    println!(
        "Antar {} — aplikasi kurir pengantaran dokumen kependudukan (Disdukcapil Tanggamus).\n\
         Layar aplikasi (Dioxus) belum dibuat. Untuk sekarang gunakan:\n  \
         antar-office  — server kantor (impor, BA Pengiriman, API, laporan)\n  \
         antar-device  — sisi perangkat kurir dari baris perintah (enroll, pull, attempt, sync, status)",
        env!("CARGO_PKG_VERSION")
    );
}

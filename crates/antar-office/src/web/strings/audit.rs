//! The audit log in words: what each action code means, and how an entry's object reads.

/// The action as a staff member would say it ("Menyetujui bukti"); an unknown code as it is.
pub(crate) fn action_phrase(code: &str) -> String {
    let phrase = match code {
        "masuk" => "Masuk",
        "masuk_gagal" => "Gagal masuk",
        "keluar" => "Keluar",
        "impor" => "Mengimpor dokumen tercetak",
        "dokumen_cari" => "Mencari dokumen",
        "dokumen_lihat" => "Membuka riwayat",
        "ba_terbit" => "Menerbitkan",
        "ba_kembali_terbit" => "Menerbitkan",
        "ba_batal" => "Membatalkan",
        "ba_kembali_hitung" => "Menghitung bundel",
        "bukti_terima" => "Menyetujui bukti",
        "bukti_tandai" => "Menandai bermasalah bukti",
        "tindak_lanjut_catat" => "Mencatat tindak lanjut untuk",
        "kontak_tambah" => "Menambah",
        "kontak_hapus" => "Menghapus",
        "kurir_tambah" => "Menambah",
        "kurir_kode_baru" => "Membuat kode pendaftaran HP untuk",
        "kurir_peran" => "Mengubah peran",
        "kurir_nonaktif" => "Menonaktifkan",
        "hp_cabut" => "Mencabut",
        "hp_akhiri_unggah" => "Mengakhiri masa unggah",
        "pengguna_tambah" => "Menambah",
        "pengguna_aktifkan" => "Mengubah status aktif",
        "pengguna_ganti_sandi" => "Mengganti kata sandi",
        "laporan_unduh" => "Mengunduh laporan Excel",
        "laporan_keliling_unduh" => "Mengunduh laporan keliling Excel",
        "kunjungan_rencana" => "Merencanakan",
        "kunjungan_ubah" => "Mengubah",
        "kunjungan_batal" => "Membatalkan",
        "kunjungan_putuskan" => "Memutuskan hasil",
        "kunjungan_sasaran" => "Mengunggah daftar sasaran",
        "kunjungan_sasaran_hapus" => "Menghapus sasaran dari",
        "kunjungan_ba" => "Menerbitkan BA untuk",
        other => return other.to_owned(),
    };
    phrase.to_owned()
}

/// What a search looked by (the kind the audit keeps, never the NIK).
pub(crate) fn search_kind(kind: &str) -> Option<&'static str> {
    match kind {
        "nik" => Some("menurut NIK lengkap"),
        "nik_akhir" => Some("menurut angka terakhir NIK"),
        "nama" => Some("menurut nama"),
        _ => None,
    }
}

pub(crate) fn proof(seq: &str, line: u32, ba_number: &str) -> String {
    format!("no. {seq} (baris {line} BA {ba_number})")
}
pub(crate) fn ba(number: &str) -> String {
    format!("BA {number}")
}
pub(crate) fn document(id: &str) -> String {
    format!("dokumen no. {id}")
}
pub(crate) fn courier(name: &str) -> String {
    format!("petugas lapangan {name}")
}
pub(crate) fn user(name: &str) -> String {
    format!("pengguna {name}")
}
pub(crate) fn visit(id: &str) -> String {
    let short: String = id.chars().take(8).collect();
    format!("kunjungan {short}…")
}
pub(crate) fn contact(id: &str) -> String {
    format!("kontak aparat pekon no. {id}")
}
pub(crate) fn device(id: &str) -> String {
    let short: String = id.chars().take(8).collect();
    format!("HP {short}…")
}

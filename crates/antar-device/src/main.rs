//! `antar-device`: the courier's phone side from the command line (enroll, pull, attempt,
//! the recording teams' visits, sync, status), over the same library the app's screens will call.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "antar-device",
    version,
    about = "Sisi ponsel kurir Antar dari baris perintah"
)]
struct Args {
    /// Folder data perangkat (basis data dan foto).
    #[arg(
        long,
        global = true,
        env = "ANTAR_DEVICE_DATA",
        default_value = "./antar-kurir"
    )]
    data: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Daftarkan ponsel ini ke kantor dengan kode dari petugas.
    Enroll {
        /// Alamat kantor, mis. http://192.168.1.10:8080
        #[arg(long)]
        office: String,
        /// Kode pendaftaran dari petugas, mis. ABCD-EFGH.
        #[arg(long)]
        code: String,
        /// Nama ponsel ini yang dilihat petugas.
        #[arg(long, default_value = "ponsel kurir")]
        label: String,
    },
    /// Unduh BA Pengiriman untuk kurir ini.
    Pull,
    /// Daftar BA Pengiriman di ponsel dengan jumlah per status.
    Manifests,
    /// Daftar dokumen (NIK disamarkan).
    Items {
        /// Nomor BA atau id BA.
        #[arg(long)]
        manifest: Option<String>,
        /// Sebagian nama pemilik, atau digit akhir NIK.
        #[arg(long)]
        search: Option<String>,
    },
    /// Catat hitungan dokumen BA saat serah terima dari kantor (tanpa sinyal pun bisa).
    Count(cli::CountArgs),
    /// Catat satu upaya pengantaran (tanpa sinyal pun bisa).
    Attempt(cli::AttemptArgs),
    /// Catat dokumen yang dikembalikan ke kantor di akhir putaran (tanpa sinyal pun bisa).
    Return(cli::ReturnArgs),
    /// Daftar kunjungan perekaman (keliling) dengan jumlah sasaran per hasil.
    Visits,
    /// Sasaran satu kunjungan (NIK disamarkan).
    VisitTargets(cli::VisitTargetsArgs),
    /// Catat kedatangan tim di tempat kunjungan (tanpa sinyal pun bisa).
    VisitCheckin(cli::VisitCheckinArgs),
    /// Catat serah terima kolektif dokumen BA kunjungan kepada aparat pekon (offline).
    VisitHandover(cli::VisitHandoverArgs),
    /// Catat hasil perekaman satu orang pada kunjungan (tanpa sinyal pun bisa).
    VisitOutcome(cli::VisitOutcomeArgs),
    /// Kirim ke kantor catatan dan foto yang belum diterima kantor.
    Sync {
        /// Ukuran potongan unggahan foto, dalam KiB.
        #[arg(long, default_value_t = 256)]
        chunk_kib: usize,
    },
    /// Keadaan ponsel: pendaftaran, kontak terakhir, antrean kirim.
    Status,
    /// Tanda terima dari kantor.
    Receipts,
    /// Antrekan lagi catatan yang pernah ditolak kantor.
    RetryRejected,
    /// Baca baris "lintang,bujur" dari stdin; cetak kode desa yang memuat titik itu atau OUTSIDE.
    Locate,
    /// Ubah foto kamera (JPEG) menjadi foto bukti: tegak, 1280 piksel, dicap, tanpa EXIF.
    ProofPhoto(cli::ProofPhotoArgs),
    /// Untuk uji: catat upaya satu per satu pada dokumen yang belum final.
    #[command(hide = true)]
    StressRecord {
        #[arg(long)]
        count: usize,
        #[arg(long)]
        photo: PathBuf,
        /// Buat setiap foto berbeda (hash baru tiap upaya).
        #[arg(long)]
        vary_photo: bool,
    },
}

fn main() -> ExitCode {
    // Output piped into `head` ends the program quietly instead of a panic on the next line.
    sigpipe::reset();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = antar_cli::parse::<Args>();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gagal: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    // Tools that need no phone store must not create one.
    let command = match args.command {
        Command::Locate => {
            let invalid = cli::locate(std::io::stdin().lock(), std::io::stdout().lock())?;
            anyhow::ensure!(invalid == 0, "{invalid} baris tidak sah");
            return Ok(());
        }
        Command::ProofPhoto(proof) => return cli::proof_photo(proof),
        other => other,
    };
    let mut device = cli::open(&args.data)?;
    match command {
        Command::Enroll {
            office,
            code,
            label,
        } => cli::enroll(&mut device, &office, &code, &label),
        Command::Pull => cli::pull(&mut device),
        Command::Manifests => cli::manifests(&device),
        Command::Items { manifest, search } => {
            cli::items(&device, manifest.as_deref(), search.as_deref())
        }
        Command::Attempt(attempt) => cli::attempt(&mut device, attempt),
        Command::Visits => cli::visits(&device),
        Command::VisitTargets(args) => cli::visit_targets(&device, args),
        Command::VisitCheckin(args) => cli::visit_checkin(&mut device, args),
        Command::VisitHandover(args) => cli::visit_handover(&mut device, args),
        Command::Count(args) => cli::count(&mut device, args),
        Command::Return(args) => cli::handback(&mut device, args),
        Command::VisitOutcome(args) => cli::visit_outcome(&mut device, args),
        Command::Sync { chunk_kib } => cli::sync(&mut device, chunk_kib),
        Command::Status => cli::status(&device),
        Command::Receipts => cli::receipts(&device),
        Command::RetryRejected => cli::retry_rejected(&mut device),
        // Answered above, before the store opened.
        Command::Locate | Command::ProofPhoto(_) => Ok(()),
        Command::StressRecord {
            count,
            photo,
            vary_photo,
        } => cli::stress_record(&mut device, count, &photo, vary_photo),
    }
}

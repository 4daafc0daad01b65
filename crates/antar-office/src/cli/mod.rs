//! The command-line interface: argument definitions and what each command does.

/// `println!` that lets a closed stdout go: the demo prints before it serves, and
/// `antar-office demo | head` must still leave the office running (non-serving commands end on
/// a closed pipe anyway, by SIGPIPE; see `main`).
macro_rules! say {
    () => {
        say!("")
    };
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stdout().lock(), "{}", $crate::cli::printable(&line));
    }};
}

mod backup;
mod demo;
mod print;
mod returns;
mod serve;
mod visit;

use std::path::PathBuf;

use antar_domain::field_role::FieldRole;
use antar_domain::ids::{CourierId, DeviceId};
use antar_domain::nip::Nip;
use antar_domain::region::RegionCode;
use antar_office::{ManifestRequest, Office, ProofNumber, Reviewed, Verdict};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "antar-office",
    version,
    about = "Server kantor Antar: impor dokumen tercetak, BA Pengiriman, API untuk aplikasi kurir"
)]
pub(crate) struct Args {
    /// Folder data kantor (basis data dan foto).
    #[arg(
        long,
        global = true,
        env = "ANTAR_DATA",
        default_value = "./antar-data"
    )]
    data: PathBuf,
    /// Basis data PostgreSQL (postgres://pengguna@host/nama); tanpa ini, berkas SQLite di
    /// folder data. Foto tetap di folder data.
    #[arg(
        long,
        global = true,
        env = "ANTAR_DATABASE_URL",
        hide_env_values = true
    )]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// Where an office's data lives: its folder (photos, and the SQLite file by default) and the
/// database its records are in.
pub(crate) struct DataPlace {
    pub(crate) folder: PathBuf,
    pub(crate) database: antar_office::Database,
}

impl Args {
    /// Whether the command runs the server (until stopped) rather than printing and ending.
    pub(crate) fn serves(&self) -> bool {
        matches!(self.command, Command::Serve { .. } | Command::Demo { .. })
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Jalankan API untuk aplikasi kurir dan web petugas.
    Serve {
        /// Alamat dan port yang didengarkan (0.0.0.0:8080 untuk semua antarmuka).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        #[command(flatten)]
        web: WebArgs,
    },
    /// Impor berkas SIAK (CSV atau .xlsx) berisi dokumen yang sudah dicetak.
    Import {
        /// Berkas .csv atau .xlsx.
        file: PathBuf,
    },
    /// Kelola kurir.
    #[command(subcommand)]
    Courier(CourierCommand),
    /// Kelola BA Pengiriman.
    #[command(subcommand)]
    Ba(BaCommand),
    /// Tinjau bukti pengantaran dari HP kurir.
    #[command(subcommand)]
    Proof(ProofCommand),
    /// Rekap dokumen per kecamatan dan status.
    Report,
    /// Cadangkan data kantor (basis data dan foto) ke sebuah folder, juga saat server berjalan.
    Backup {
        /// Folder cadangan; berisi cadangan sebelumnya? Hanya foto baru yang disalin.
        dest: PathBuf,
    },
    /// Pulihkan cadangan ke folder data (--data) yang masih kosong.
    Restore {
        /// Folder cadangan (berisi antar-cadangan.json).
        backup: PathBuf,
    },
    /// Salin kantor dari berkas SQLite di --data ke basis data PostgreSQL kosong (--database),
    /// lalu periksa salinannya (jumlah baris dan hash per tabel). Hentikan server dulu.
    CopyToPostgres,
    /// Kelola akun petugas web.
    #[command(subcommand)]
    User(UserCommand),
    /// Kunjungan tim perekaman keliling: rencana, daftar sasaran, pembatalan.
    #[command(subcommand)]
    Visit(visit::VisitCommand),
    /// Siapkan data contoh (impor, kurir, BA) lalu jalankan server.
    Demo {
        /// Alamat dan port yang didengarkan (0.0.0.0:8080 untuk semua antarmuka).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        #[command(flatten)]
        web: WebArgs,
    },
}

/// Settings of the staff web.
#[derive(Debug, clap::Args)]
pub(crate) struct WebArgs {
    /// Tandai cookie sesi `Secure` (wajib bila kantor dilayani lewat HTTPS).
    #[arg(long, env = "ANTAR_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Alamat kantor yang dipakai HP kurir (untuk kode QR di BA), mis. https://antar.example.go.id
    #[arg(long, env = "ANTAR_PUBLIC_URL")]
    public_url: Option<String>,
}

impl WebArgs {
    pub(crate) fn config(&self) -> antar_office::WebConfig {
        antar_office::WebConfig {
            secure_cookies: self.secure_cookies,
            public_url: self.public_url.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Tambah akun petugas; kata sandi ditanyakan, atau dibaca dari stdin dengan --password-stdin.
    Add {
        /// Nama pengguna untuk masuk (huruf, angka, titik, tanda hubung, garis bawah).
        name: String,
        /// admin, operator, reviewer (peninjau bukti) atau viewer (pemantau laporan).
        #[arg(long)]
        role: String,
        /// Nama lengkap (bawaan: sama dengan nama pengguna).
        #[arg(long)]
        display_name: Option<String>,
        /// NIP untuk blok tanda tangan BA.
        #[arg(long)]
        nip: Option<String>,
        /// Baca kata sandi dari baris pertama stdin (untuk skrip).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Ganti kata sandi sebuah akun (mis. admin yang lupa sandinya); sesi lamanya berakhir.
    ResetPassword {
        /// Nama pengguna akun.
        name: String,
        /// Baca kata sandi baru dari baris pertama stdin (untuk skrip).
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CourierCommand {
    /// Tambah kurir; mencetak id dan kode pendaftaran sekali pakai.
    Add {
        /// Nama kurir.
        name: String,
        /// Nomor HP kurir.
        #[arg(long)]
        phone: Option<String>,
        /// Peran petugas: kurir (membawa BA Pengiriman), perekam (tim kunjungan keliling),
        /// atau keduanya.
        #[arg(long = "peran", default_value = "kurir", value_parser = parse_role)]
        role: FieldRole,
    },
    /// Ubah peran petugas: kurir, perekam, atau keduanya (berlaku untuk BA dan kunjungan
    /// berikutnya).
    Role {
        /// Id kurir (lihat `courier list`).
        id: String,
        /// kurir, perekam, atau keduanya.
        #[arg(value_parser = parse_role)]
        role: FieldRole,
    },
    /// Daftar kurir.
    List,
    /// Kode pendaftaran baru untuk kurir yang sudah ada (HP baru, atau kode lama kedaluwarsa).
    Code {
        /// Id kurir (lihat `courier list`).
        id: String,
    },
    /// Daftar HP seorang kurir dengan statusnya (aktif atau dicabut).
    Devices {
        /// Id kurir (lihat `courier list`).
        id: String,
    },
    /// Cabut HP (hilang, diganti): BA tidak bisa diunduh lagi; catatan yang belum
    /// diterima kantor masih diterima selama masa unggah, kecuali dengan --tanpa-masa-unggah.
    Revoke {
        /// Id perangkat (lihat `courier devices ID_KURIR`).
        device: String,
        /// Tolak juga unggahan mulai sekarang (HP dicuri).
        #[arg(long = "tanpa-masa-unggah")]
        no_grace: bool,
    },
    /// Akhiri masa unggah HP yang sudah dicabut.
    EndUploads {
        /// Id perangkat.
        device: String,
    },
    /// Nonaktifkan kurir (berhenti bertugas): semua HP-nya dicabut, kode yang belum dipakai
    /// tidak berlaku, tidak ada kode atau BA baru untuknya.
    Deactivate {
        /// Id kurir.
        id: String,
        /// Tolak juga unggahan HP-nya mulai sekarang.
        #[arg(long = "tanpa-masa-unggah")]
        no_grace: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ProofCommand {
    /// Daftar bukti yang belum ditinjau (semua dengan --all), yang terbaru dulu.
    List {
        /// Tampilkan juga yang sudah ditinjau.
        #[arg(long)]
        all: bool,
    },
    /// Setujui bukti bernomor NOMOR (lihat `proof list`).
    Accept {
        /// Nomor bukti (nomor urut kantor).
        number: ProofNumber,
        /// Akun peninjau (peran reviewer atau admin).
        #[arg(long)]
        by: String,
        /// Catatan peninjau.
        #[arg(long)]
        note: Option<String>,
    },
    /// Tandai bukti bermasalah: penyerahan yang tercatat dibuka lagi untuk diantar ulang.
    Flag {
        /// Nomor bukti (nomor urut kantor).
        number: ProofNumber,
        /// Akun peninjau (peran reviewer atau admin).
        #[arg(long)]
        by: String,
        /// Mengapa bukti ini bermasalah (wajib).
        #[arg(long)]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
enum BaCommand {
    /// Terbitkan BA untuk seorang kurir berisi dokumen kecamatan/desa yang dipilih.
    Create {
        /// Id kurir penerima BA (lihat `courier list`).
        #[arg(long)]
        courier: String,
        /// Nama petugas yang menandatangani BA.
        #[arg(long)]
        officer: String,
        /// NIP petugas penanda tangan (18 angka, spasi boleh): BA tidak diterbitkan tanpanya.
        #[arg(long)]
        nip: String,
        /// Kode kecamatan, mis. 18.06.01 (boleh berulang).
        #[arg(long)]
        kecamatan: Vec<String>,
        /// Kode desa, mis. 18.06.01.2019 (boleh berulang).
        #[arg(long)]
        desa: Vec<String>,
        /// Tanggal BA (YYYY-MM-DD); bawaan: hari ini.
        #[arg(long)]
        date: Option<String>,
    },
    /// Daftar BA.
    List,
    /// Tampilkan isi satu BA.
    Show {
        /// Nomor BA atau id BA.
        number: String,
    },
    /// Terbitkan BA Pengembalian: dokumen gagal diantar yang dibawa kurir kembali ke kantor.
    Return {
        /// Nomor BA Pengiriman atau id BA.
        number: String,
        /// Nomor baris dokumen di BA (boleh berulang).
        #[arg(long, required = true)]
        line: Vec<u32>,
        /// Nama petugas yang menerima dokumen.
        #[arg(long)]
        officer: String,
        /// Tanggal (YYYY-MM-DD); bawaan: hari ini.
        #[arg(long)]
        date: Option<String>,
    },
    /// Daftar BA Pengembalian satu BA, dengan hitungan kurir dan kantor.
    Returns {
        /// Nomor BA Pengiriman atau id BA.
        number: String,
    },
    /// Catat hitungan kantor atas bundel yang dikembalikan kurir lewat HP (sekali saja).
    ReturnCount {
        /// Nomor BA Pengembalian.
        number: String,
        /// Jumlah dokumen di bundel menurut hitungan kantor.
        #[arg(long)]
        counted: u32,
        /// Nama petugas yang menghitung.
        #[arg(long)]
        officer: String,
    },
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let data = DataPlace {
        folder: args.data,
        database: antar_office::Database::from_url(args.database.as_deref())?,
    };
    match args.command {
        Command::Serve { listen, web } => serve::run(open(&data)?, &listen, web.config()),
        Command::Import { file } => {
            let office = open(&data)?;
            let report = office
                .import_path(&file)
                .with_context(|| format!("impor {}", file.display()))?;
            print::import_report(&file.display().to_string(), &report);
            Ok(())
        }
        Command::Courier(command) => courier(&open(&data)?, command),
        Command::Ba(command) => ba(&open(&data)?, command),
        Command::Proof(command) => proof(&open(&data)?, command),
        Command::Report => {
            print::report(&open(&data)?.report()?);
            Ok(())
        }
        Command::Demo { listen, web } => demo::run(&data, &listen, web.config()),
        Command::Backup { dest } => backup::backup(&open(&data)?, &dest),
        Command::Restore { backup } => backup::restore(&backup, &data.folder),
        Command::CopyToPostgres => backup::copy_to_postgres(&data),
        Command::User(command) => user(&open(&data)?, command),
        Command::Visit(command) => visit::run(&open(&data)?, command),
    }
}

/// `line` with every control character but whitespace shown as `?`: names stored before the
/// import refused them must not act on the terminal (retitle it, recolour it, ring it).
pub(crate) fn printable(line: &str) -> std::borrow::Cow<'_, str> {
    if antar_domain::attempt::unprintable(line).is_none() {
        return line.into();
    }
    line.chars()
        .map(|c| {
            if c.is_control() && !c.is_whitespace() {
                '?'
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

fn open(data: &DataPlace) -> anyhow::Result<Office> {
    Office::open_on(&data.folder, &data.database).with_context(|| match &data.database {
        antar_office::Database::Sqlite => {
            format!("membuka data kantor di {}", data.folder.display())
        }
        postgres => format!("membuka data kantor di {postgres:?}"),
    })
}

fn courier(office: &Office, command: CourierCommand) -> anyhow::Result<()> {
    match command {
        CourierCommand::Add { name, phone, role } => {
            let (id, code) = office.add_courier(&name, phone.as_deref(), role)?;
            say!("Kurir ditambahkan.");
            say!("  id kurir         : {id}");
            print::enrollment_code(&code);
        }
        CourierCommand::Role { id, role } => {
            office.set_field_role(parse_courier(&id)?, role)?;
            say!(
                "Peran diubah: {}.",
                antar_domain::glossary::ID.field_role(role).to_lowercase()
            );
        }
        CourierCommand::List => print::couriers(&office.couriers()?),
        CourierCommand::Code { id } => {
            let id = parse_courier(&id)?;
            print::enrollment_code(&office.new_enrollment_code(id)?);
        }
        CourierCommand::Devices { id } => {
            print::devices(&office.devices(Some(parse_courier(&id)?))?);
        }
        CourierCommand::Revoke { device, no_grace } => {
            let device = office.revoke_device(parse_device(&device)?, !no_grace)?;
            say!("HP dicabut.");
            print::devices(&[device]);
        }
        CourierCommand::EndUploads { device } => {
            let device = office.end_device_uploads(parse_device(&device)?)?;
            print::devices(&[device]);
        }
        CourierCommand::Deactivate { id, no_grace } => {
            let revoked = office.deactivate_courier(parse_courier(&id)?, !no_grace)?;
            say!("Kurir dinonaktifkan; {revoked} HP dicabut.");
        }
    }
    Ok(())
}

fn ba(office: &Office, command: BaCommand) -> anyhow::Result<()> {
    match command {
        BaCommand::Create {
            courier,
            officer,
            nip,
            kecamatan,
            desa,
            date,
        } => {
            let issued_on = day_or_today(date)?;
            let manifest = office.issue_manifest(ManifestRequest {
                courier: parse_courier(&courier)?,
                officer,
                officer_nip: Nip::parse(&nip)?,
                kecamatan: parse_regions(&kecamatan)?,
                desa: parse_regions(&desa)?,
                issued_on,
            })?;
            say!(
                "BA {} diterbitkan: {} dokumen untuk {}.",
                manifest.number,
                manifest.items.len(),
                manifest.courier.name
            );
            print::manifest_by_desa(&manifest);
        }
        BaCommand::List => print::manifests(&office.manifests()?),
        BaCommand::Show { number } => match office.manifest_by_number(&number)? {
            Some(manifest) => print::manifest(&manifest),
            None => bail!("BA {number:?} tidak ditemukan (lihat `antar-office ba list`)"),
        },
        BaCommand::Return {
            number,
            line,
            officer,
            date,
        } => returns::issue(office, &number, &line, &officer, date)?,
        BaCommand::Returns { number } => returns::list(office, &number)?,
        BaCommand::ReturnCount {
            number,
            counted,
            officer,
        } => returns::count(office, &number, counted, &officer)?,
    }
    Ok(())
}

/// `date` as YYYY-MM-DD, or today.
fn day_or_today(date: Option<String>) -> anyhow::Result<NaiveDate> {
    match date {
        Some(date) => NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .with_context(|| format!("tanggal {date:?} harus berbentuk YYYY-MM-DD")),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Proofs listed at once: the oldest unreviewed ones are the urgent ones.
const PROOFS_LISTED: u64 = 200;

fn proof(office: &Office, command: ProofCommand) -> anyhow::Result<()> {
    let (number, by, verdict, note) = match command {
        ProofCommand::List { all } => {
            let (rows, more) =
                office.proofs(!all, antar_office::ProofOrder::Newest, PROOFS_LISTED)?;
            print::proofs(&rows, more);
            return Ok(());
        }
        ProofCommand::Accept { number, by, note } => (number, by, Verdict::Accepted, note),
        ProofCommand::Flag { number, by, note } => (number, by, Verdict::Flagged, Some(note)),
    };
    let Some(reviewer) = office.staff_user(&by)? else {
        bail!("akun {by:?} tidak ada (lihat halaman Pengguna di web)");
    };
    match office.review_proof(&reviewer, number, verdict, note.as_deref())? {
        Reviewed::NoSuchProof => {
            bail!("bukti #{number} tidak ada (lihat `antar-office proof list`)")
        }
        Reviewed::Recorded { reopened } => {
            say!("Bukti #{number}: {}.", print::verdict_word(verdict));
            if reopened {
                say!("Dokumennya kembali ke daftar kurir untuk diantar ulang.");
            }
        }
    }
    Ok(())
}

fn parse_role(role: &str) -> Result<FieldRole, String> {
    FieldRole::parse(role).ok_or_else(|| {
        let codes: Vec<&str> = FieldRole::ALL.iter().map(|r| r.code()).collect();
        format!("peran {role:?} tidak dikenal: isi {}", codes.join(", "))
    })
}

fn parse_courier(id: &str) -> anyhow::Result<CourierId> {
    id.parse().map_err(|_| {
        anyhow::anyhow!("id kurir {id:?} tidak valid (lihat `antar-office courier list`)")
    })
}

fn parse_device(id: &str) -> anyhow::Result<DeviceId> {
    id.parse().map_err(|_| {
        anyhow::anyhow!(
            "id perangkat {id:?} tidak valid (lihat `antar-office courier devices ID_KURIR`)"
        )
    })
}

fn parse_regions(codes: &[String]) -> anyhow::Result<Vec<RegionCode>> {
    codes
        .iter()
        .flat_map(|c| c.split(','))
        .filter(|c| !c.trim().is_empty())
        .map(|c| RegionCode::parse(c).map_err(anyhow::Error::from))
        .collect()
}

fn user(office: &Office, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            name,
            role,
            display_name,
            nip,
            password_stdin,
        } => {
            let role = antar_office::Role::parse(&role).with_context(|| {
                format!("peran {role:?} tidak dikenal: admin, operator, reviewer atau viewer")
            })?;
            let password = new_password(password_stdin)?;
            let display = display_name.unwrap_or_else(|| name.clone());
            let id = office.add_staff_user(&name, &display, nip.as_deref(), role, &password)?;
            say!("Akun {name} ({}) dibuat, id {id}.", role.code());
        }
        UserCommand::ResetPassword {
            name,
            password_stdin,
        } => {
            let password = new_password(password_stdin)?;
            office.reset_staff_password(&name, &password)?;
            say!("Kata sandi akun {name} diganti; semua sesi lamanya berakhir.");
        }
    }
    Ok(())
}

/// The new password from the first line of stdin or asked on the terminal. Only the line
/// ending is taken off: spaces are the password's own (and refused at its ends).
fn new_password(from_stdin: bool) -> anyhow::Result<String> {
    if !from_stdin {
        return prompt_password();
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("membaca kata sandi dari stdin")?;
    Ok(without_line_ending(&line).to_owned())
}

fn without_line_ending(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Asks twice on the terminal. The input is echoed (no terminal crate); use
/// `--password-stdin` from scripts or where someone could look over a shoulder.
fn prompt_password() -> anyhow::Result<String> {
    use std::io::Write;
    let read = |question: &str| -> anyhow::Result<String> {
        print!("{question}");
        std::io::stdout().flush()?;
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(without_line_ending(&line).to_owned())
    };
    let first = read(&format!(
        "Kata sandi (paling sedikit {} karakter): ",
        antar_office::MIN_PASSWORD_CHARS
    ))?;
    let second = read("Ulangi kata sandi: ")?;
    if first != second {
        bail!("kedua kata sandi tidak sama");
    }
    Ok(first)
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("runtime tokio")
}

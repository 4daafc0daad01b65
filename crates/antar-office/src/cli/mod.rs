//! The command-line interface: argument definitions and what each command does.

mod demo;
mod print;

use std::path::{Path, PathBuf};

use antar_domain::ids::CourierId;
use antar_domain::region::RegionCode;
use antar_office::{ManifestRequest, Office};
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
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Jalankan API untuk aplikasi kurir.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Impor berkas SIAK (CSV atau .xlsx) berisi dokumen yang sudah dicetak.
    Import { file: PathBuf },
    /// Kelola kurir.
    #[command(subcommand)]
    Courier(CourierCommand),
    /// Kelola BA Pengiriman.
    #[command(subcommand)]
    Ba(BaCommand),
    /// Rekap dokumen per kecamatan dan status.
    Report,
    /// Siapkan data contoh (impor, kurir, BA) lalu jalankan server.
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
    },
}

#[derive(Debug, Subcommand)]
enum CourierCommand {
    /// Tambah kurir; mencetak id dan kode pendaftaran sekali pakai.
    Add {
        name: String,
        #[arg(long)]
        phone: Option<String>,
    },
    /// Daftar kurir.
    List,
    /// Kode pendaftaran baru untuk kurir yang sudah ada (HP baru, atau kode lama kedaluwarsa).
    Code { id: String },
}

#[derive(Debug, Subcommand)]
enum BaCommand {
    /// Terbitkan BA untuk seorang kurir berisi dokumen kecamatan/desa yang dipilih.
    Create {
        #[arg(long)]
        courier: String,
        /// Nama petugas yang menandatangani BA.
        #[arg(long)]
        officer: String,
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
    Show { number: String },
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let data = args.data;
    match args.command {
        Command::Serve { listen } => serve(&data, &listen),
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
        Command::Report => {
            print::report(&open(&data)?.report()?);
            Ok(())
        }
        Command::Demo { listen } => demo::run(&data, &listen),
    }
}

fn open(data: &Path) -> anyhow::Result<Office> {
    Office::open(data).with_context(|| format!("membuka data kantor di {}", data.display()))
}

fn courier(office: &Office, command: CourierCommand) -> anyhow::Result<()> {
    match command {
        CourierCommand::Add { name, phone } => {
            let (id, code) = office.add_courier(&name, phone.as_deref())?;
            println!("Kurir ditambahkan.");
            println!("  id kurir         : {id}");
            print::enrollment_code(&code);
        }
        CourierCommand::List => print::couriers(&office.couriers()?),
        CourierCommand::Code { id } => {
            let id = parse_courier(&id)?;
            print::enrollment_code(&office.new_enrollment_code(id)?);
        }
    }
    Ok(())
}

fn ba(office: &Office, command: BaCommand) -> anyhow::Result<()> {
    match command {
        BaCommand::Create {
            courier,
            officer,
            kecamatan,
            desa,
            date,
        } => {
            let issued_on = match date {
                Some(date) => NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                    .with_context(|| format!("tanggal {date:?} harus berbentuk YYYY-MM-DD"))?,
                None => chrono::Local::now().date_naive(),
            };
            let manifest = office.issue_manifest(ManifestRequest {
                courier: parse_courier(&courier)?,
                officer,
                kecamatan: parse_regions(&kecamatan)?,
                desa: parse_regions(&desa)?,
                issued_on,
            })?;
            println!(
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
    }
    Ok(())
}

fn parse_courier(id: &str) -> anyhow::Result<CourierId> {
    id.parse().map_err(|_| {
        anyhow::anyhow!("id kurir {id:?} tidak valid (lihat `antar-office courier list`)")
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

fn serve(data: &Path, listen: &str) -> anyhow::Result<()> {
    let office = open(data)?;
    runtime()?.block_on(serve_until_ctrl_c(office, listen))
}

pub(crate) async fn serve_until_ctrl_c(office: Office, listen: &str) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("tidak bisa mendengarkan di {listen}"))?;
    println!(
        "Server kantor berjalan di http://{} — tekan Ctrl-C untuk berhenti.",
        listener.local_addr()?
    );
    antar_office::serve(office, listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("runtime tokio")
}

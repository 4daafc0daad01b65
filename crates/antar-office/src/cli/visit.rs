//! `antar-office visit …`: planning the recording teams' visits and importing their target
//! lists, for scripts and for staff at a terminal.

use std::path::PathBuf;

use antar_domain::glossary::ID;
use antar_domain::nip::Nip;
use antar_domain::region::RegionCode;
use antar_domain::visit::{IkdOutcome, RecordingOutcome, TargetCategory, VisitKind};
use antar_office::{
    CategoryCounts, Office, PersonRef, VisitFilter, VisitInfo, VisitPlan, VisitReportRow,
    VisitResults,
};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Subcommand;

use super::{day_or_today, parse_courier, print};

#[derive(Debug, Subcommand)]
pub(super) enum VisitCommand {
    /// Rencanakan kunjungan; baris terakhir keluarannya adalah id kunjungan.
    Add {
        /// Tanggal kunjungan (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// pekon (balai pekon), sekolah, rumah (rumah warga) atau lembaga.
        #[arg(long)]
        kind: String,
        /// Nama tempat, mis. "Balai Pekon Penanggungan".
        #[arg(long)]
        venue: String,
        /// Kode desa, mis. 18.06.01.2019.
        #[arg(long)]
        desa: String,
        /// Id petugas tim (lihat `courier list`; boleh berulang).
        #[arg(long = "member", required = true)]
        team: Vec<String>,
        /// Catatan untuk tim.
        #[arg(long)]
        note: Option<String>,
        /// Nama petugas kantor yang merencanakan.
        #[arg(long)]
        officer: String,
    },
    /// Daftar kunjungan, bisa disaring per bulan, kecamatan dan petugas.
    List {
        /// Bulan (YYYY-MM).
        #[arg(long)]
        month: Option<String>,
        /// Kode kecamatan, mis. 18.06.01.
        #[arg(long)]
        kecamatan: Option<String>,
        /// Id petugas tim.
        #[arg(long)]
        member: Option<String>,
    },
    /// Tampilkan rencana satu kunjungan dan daftar sasarannya per kategori.
    Show {
        /// Nomor atau id kunjungan.
        visit: String,
    },
    /// Impor daftar sasaran (CSV atau .xlsx) ke kunjungan yang masih direncanakan.
    Targets {
        /// Nomor atau id kunjungan.
        visit: String,
        /// Berkas .csv atau .xlsx berkolom seperti keliling_targets_sample.csv.
        file: PathBuf,
    },
    /// Ubah rencana kunjungan yang belum dimulai; yang tidak disebut tetap.
    Edit {
        /// Nomor atau id kunjungan.
        visit: String,
        /// Tanggal baru (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Jenis baru: pekon, sekolah, rumah atau lembaga.
        #[arg(long)]
        kind: Option<String>,
        /// Nama tempat baru.
        #[arg(long)]
        venue: Option<String>,
        /// Kode desa baru.
        #[arg(long)]
        desa: Option<String>,
        /// Tim baru: id petugas (boleh berulang; menggantikan seluruh tim).
        #[arg(long = "member")]
        team: Vec<String>,
        /// Catatan baru (kosong: hapus catatan).
        #[arg(long)]
        note: Option<String>,
    },
    /// Hapus seseorang dari daftar sasaran kunjungan yang belum dimulai.
    RemoveTarget {
        /// Nomor atau id kunjungan.
        visit: String,
        /// NIK orang itu.
        nik: String,
    },
    /// Terbitkan BA kunjungan: dokumen tercetak dari desa kunjungan yang belum ada di BA yang
    /// masih berjalan, untuk diserahkan tim; baris terakhir keluarannya adalah id BA.
    Attach {
        /// Nomor atau id kunjungan.
        visit: String,
        /// Nama petugas yang menandatangani BA.
        #[arg(long)]
        officer: String,
        /// NIP petugas penanda tangan (18 angka, spasi boleh): BA tidak diterbitkan tanpanya.
        #[arg(long)]
        nip: String,
        /// Tanggal BA (YYYY-MM-DD); bila kosong, hari ini.
        #[arg(long)]
        date: Option<String>,
    },
    /// Putuskan hasil orang yang dicatat berbeda oleh dua HP tim: pilih salah satu catatan HP.
    Settle {
        /// Nomor atau id kunjungan.
        visit: String,
        /// NIK orang itu (di daftar sasaran atau datang langsung).
        nik: String,
        /// Hasil yang dipilih (kode, mis. recorded, absent); harus salah satu catatan HP.
        #[arg(long)]
        outcome: String,
        /// IKD pada catatan yang dipilih (activated, no_smartphone, failed), bila ada.
        #[arg(long)]
        ikd: Option<String>,
        /// Nama petugas yang memutuskan.
        #[arg(long)]
        officer: String,
    },
    /// Laporan bulanan per kecamatan dan tim: kunjungan, orang direkam per kategori, IKD.
    Report {
        /// Bulan (YYYY-MM); bila kosong, bulan ini.
        #[arg(long)]
        month: Option<String>,
    },
    /// Batalkan kunjungan yang belum dimulai.
    Cancel {
        /// Nomor atau id kunjungan.
        visit: String,
        /// Alasan pembatalan (wajib).
        #[arg(long)]
        reason: String,
    },
}

pub(super) fn run(office: &Office, command: VisitCommand) -> anyhow::Result<()> {
    match command {
        VisitCommand::Add {
            date,
            kind,
            venue,
            desa,
            team,
            note,
            officer,
        } => {
            let plan = VisitPlan {
                day: day_or_today(Some(date))?,
                kind: parse_kind(&kind)?,
                venue,
                desa: RegionCode::parse(&desa).with_context(|| format!("kode desa {desa:?}"))?,
                team: parse_team(&team)?,
                note,
            };
            let visit = office.plan_visit(plan, &officer)?;
            say!("Kunjungan {} direncanakan:", visit.number);
            summary(&visit);
            say!("{}", visit.id);
        }
        VisitCommand::List {
            month,
            kecamatan,
            member,
        } => {
            let filter = VisitFilter {
                month: month.as_deref().map(parse_month).transpose()?,
                kecamatan: kecamatan
                    .as_deref()
                    .map(|code| {
                        RegionCode::parse(code).with_context(|| format!("kode kecamatan {code:?}"))
                    })
                    .transpose()?,
                member: member.as_deref().map(parse_courier).transpose()?,
            };
            list(&office.visits(&filter)?);
        }
        VisitCommand::Show { visit } => {
            let visit = find(office, &visit)?;
            say!("Kunjungan {}", visit.number);
            summary(&visit);
            let results = office
                .visit_results(visit.id)?
                .with_context(|| format!("kunjungan {} hilang", visit.number))?;
            results_table(&results);
        }
        VisitCommand::Targets { visit, file } => {
            let visit = find(office, &visit)?;
            let report = office
                .import_visit_targets(visit.id, &file)
                .with_context(|| format!("impor daftar sasaran {}", file.display()))?;
            print::import_report(&file.display().to_string(), &report);
        }
        VisitCommand::Edit {
            visit,
            date,
            kind,
            venue,
            desa,
            team,
            note,
        } => {
            let visit = find(office, &visit)?;
            let mut plan = visit.plan.clone();
            if date.is_some() {
                plan.day = day_or_today(date)?;
            }
            if let Some(kind) = kind {
                plan.kind = parse_kind(&kind)?;
            }
            if let Some(venue) = venue {
                plan.venue = venue;
            }
            if let Some(desa) = desa {
                plan.desa =
                    RegionCode::parse(&desa).with_context(|| format!("kode desa {desa:?}"))?;
            }
            if !team.is_empty() {
                plan.team = parse_team(&team)?;
            }
            if note.is_some() {
                plan.note = note;
            }
            let visit = office.edit_visit(visit.id, plan)?;
            say!("Kunjungan {} diubah:", visit.number);
            summary(&visit);
        }
        VisitCommand::RemoveTarget { visit, nik } => {
            let visit = find(office, &visit)?;
            if office.remove_visit_target(visit.id, &nik)? {
                say!("Sasaran dihapus dari daftar kunjungan {}.", visit.number);
            } else {
                bail!(
                    "NIK itu tidak ada di daftar sasaran kunjungan {} (lihat `visit show`)",
                    visit.number
                );
            }
        }
        VisitCommand::Settle {
            visit,
            nik,
            outcome,
            ikd,
            officer,
        } => {
            let visit = find(office, &visit)?;
            let outcome = coded(
                &outcome,
                "hasil",
                RecordingOutcome::parse,
                RecordingOutcome::ALL,
            )?;
            let ikd = ikd
                .map(|ikd| coded(&ikd, "IKD", IkdOutcome::parse, IkdOutcome::ALL))
                .transpose()?;
            office.settle_visit_outcome(visit.id, &PersonRef::Nik(nik), outcome, ikd, &officer)?;
            say!(
                "Hasil diputuskan untuk kunjungan {}: {}.",
                visit.number,
                ID.recording_outcome(outcome).to_lowercase()
            );
        }
        VisitCommand::Attach {
            visit,
            officer,
            nip,
            date,
        } => {
            let visit = find(office, &visit)?;
            let nip = Nip::parse(&nip)?;
            let manifest =
                office.attach_visit_documents(visit.id, &officer, &nip, day_or_today(date)?)?;
            say!(
                "{} diterbitkan untuk kunjungan {}: {} dokumen, dipegang tim {}",
                manifest.number,
                visit.number,
                manifest.items.len(),
                visit.team_names.join(", ")
            );
            say!("{}", manifest.id);
        }
        VisitCommand::Report { month } => {
            let (year, month) = match month {
                Some(month) => parse_month(&month)?,
                None => {
                    let today = antar_domain::sop::local_day(chrono::Utc::now());
                    (
                        chrono::Datelike::year(&today),
                        chrono::Datelike::month(&today),
                    )
                }
            };
            report(year, month, &office.visit_report(year, month)?);
        }
        VisitCommand::Cancel { visit, reason } => {
            let visit = find(office, &visit)?;
            let visit = office.cancel_visit(visit.id, &reason)?;
            say!("Kunjungan {} dibatalkan: {reason}", visit.number);
        }
    }
    Ok(())
}

fn find(office: &Office, visit: &str) -> anyhow::Result<VisitInfo> {
    match office.find_visit(visit)? {
        Some(visit) => Ok(visit),
        None => bail!("kunjungan {visit:?} tidak ditemukan (lihat `antar-office visit list`)"),
    }
}

fn parse_team(team: &[String]) -> anyhow::Result<Vec<antar_domain::ids::CourierId>> {
    team.iter().map(|member| parse_courier(member)).collect()
}

fn parse_kind(kind: &str) -> anyhow::Result<VisitKind> {
    coded(kind, "jenis kunjungan", VisitKind::parse, VisitKind::ALL)
}

/// A code of one of the visit's closed sets, or the codes it may be.
fn coded<T: Copy + Into<String>>(
    code: &str,
    what: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
) -> anyhow::Result<T> {
    parse(code).with_context(|| {
        let codes: Vec<String> = all.iter().map(|v| (*v).into()).collect();
        format!("{what} {code:?} tidak dikenal: isi {}", codes.join(", "))
    })
}

fn parse_month(month: &str) -> anyhow::Result<(i32, u32)> {
    let day = NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .with_context(|| format!("bulan {month:?} harus berbentuk YYYY-MM"))?;
    Ok((chrono::Datelike::year(&day), chrono::Datelike::month(&day)))
}

fn summary(visit: &VisitInfo) {
    say!("  tanggal   : {}", visit.plan.day.format("%d-%m-%Y"));
    say!(
        "  tempat    : {} ({}), {}, Kecamatan {}",
        visit.plan.venue,
        ID.visit_kind(visit.plan.kind),
        visit.desa_name,
        visit.kecamatan_name
    );
    say!("  tim       : {}", visit.team_names.join(", "));
    say!("  status    : {}", ID.visit_state(visit.state));
    if let Some(reason) = &visit.cancel_reason {
        say!("  alasan    : {reason}");
    }
    if let Some(note) = &visit.plan.note {
        say!("  catatan   : {note}");
    }
}

fn list(visits: &[VisitInfo]) {
    if visits.is_empty() {
        say!("Tidak ada kunjungan. Rencanakan dengan `antar-office visit add`.");
        return;
    }
    say!(
        "{:<10}  {:<36}  {:<20}  {:<22}  {:>7}  status",
        "tanggal",
        "nomor",
        "desa",
        "tim",
        "sasaran"
    );
    for visit in visits {
        say!(
            "{:<10}  {:<36}  {:<20}  {:<22}  {:>7}  {}",
            visit.plan.day.format("%d-%m-%Y").to_string(),
            visit.number,
            visit.desa_name,
            visit.team_names.join(", "),
            visit.targets,
            ID.visit_state(visit.state)
        );
    }
}

/// Planned against met per category, then the check-ins and what staff must settle.
fn results_table(results: &VisitResults) {
    let counts = results.counts();
    say!(
        "  {:<22}  {:>7}  {:>6}  {:>6}  {:>4}  {:>7}",
        "kategori",
        "sasaran",
        "temu",
        "rekam",
        "IKD",
        "selisih"
    );
    let line = |label: &str, c: CategoryCounts| {
        say!(
            "  {:<22}  {:>7}  {:>6}  {:>6}  {:>4}  {:>7}",
            label,
            c.planned,
            c.met,
            c.recorded,
            c.ikd_activated,
            c.conflicts
        );
    };
    for category in TargetCategory::ALL {
        let c = counts.category(*category);
        if c != CategoryCounts::default() {
            line(ID.target_category(*category), c);
        }
    }
    if !results.walk_ins.is_empty() {
        line("Datang langsung", counts.walk_ins);
    }
    line("Jumlah", counts.total());
    for checkin in &results.checkins {
        say!(
            "  check-in  : {} oleh {}, {}, {} foto",
            checkin
                .recorded_at
                .with_timezone(&antar_domain::sop::wib())
                .format("%d-%m-%Y %H:%M WIB"),
            checkin.courier_name,
            ID.place_verdict(&checkin.place),
            checkin.photos.len()
        );
    }
    if results.checkins.is_empty() {
        say!("  check-in  : belum ada");
    }
    say!("  belum ditemui: {} orang", results.not_met().count());
    for person in results.people.iter().filter(|p| p.settled.is_conflict()) {
        let words: Vec<String> = person
            .records
            .iter()
            .map(|(courier, record)| format!("{courier}: {}", ID.recording_outcome(record.outcome)))
            .collect();
        say!(
            "  selisih   : {} ({}) — {}",
            person.target.name,
            antar_domain::nik::Nik::parse(&person.target.nik)
                .map(|nik| nik.masked())
                .unwrap_or_default(),
            words.join("; ")
        );
    }
}

/// The month's report: one block per kecamatan and team, people recorded per category.
fn report(year: i32, month: u32, rows: &[VisitReportRow]) {
    say!("Laporan pelayanan keliling {month:02}-{year}");
    if rows.is_empty() {
        say!("Tidak ada kunjungan pada bulan ini.");
        return;
    }
    for row in rows {
        say!("Kecamatan {} — tim {}", row.kecamatan_name, row.team);
        say!(
            "  kunjungan : {} terlaksana, {} belum",
            row.visits_held,
            row.visits_planned
        );
        for category in TargetCategory::ALL {
            let line = row.category(*category);
            if line != CategoryCounts::default() {
                say!(
                    "  {:<22}: {} direkam dari {} sasaran",
                    ID.target_category(*category),
                    line.recorded,
                    line.planned
                );
            }
        }
        if row.walk_ins != CategoryCounts::default() {
            say!(
                "  {:<22}: {} direkam",
                "Datang langsung",
                row.walk_ins.recorded
            );
        }
        let total = row.total();
        say!("  direkam   : {}", total.recorded);
        say!("  IKD aktif : {}", total.ikd_activated);
        say!(
            "  kartu     : {} diserahkan ke pemilik, {} kolektif ke aparat pekon",
            row.cards_to_owner,
            row.cards_collective
        );
    }
}

//! The recording teams' commands: the visit list, a visit's people, the check-in at the
//! venue and each person's outcome. Recording works offline; `tercatat <id>` comes first.

use std::path::PathBuf;

use antar_device::{Device, VisitCheckinInput, VisitOutcomeInput, VisitPersonInput, VisitTarget};
use antar_domain::attempt::Text;
use antar_domain::glossary;
use antar_domain::ids::{TargetId, VisitId};
use antar_domain::visit::{IkdOutcome, RecordingOutcome};
use anyhow::{Context, bail};

use super::attempt::FixArgs;

#[derive(Debug, clap::Args)]
pub(crate) struct VisitTargetsArgs {
    /// Nomor kunjungan atau id kunjungan.
    visit: String,
    /// Sebagian nama, atau digit akhir NIK.
    #[arg(long)]
    cari: Option<String>,
    /// Hanya sasaran yang belum ditemui.
    #[arg(long)]
    belum: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct VisitCheckinArgs {
    /// Nomor kunjungan atau id kunjungan.
    visit: String,
    #[command(flatten)]
    fix: FixArgs,
    /// Foto kegiatan (JPEG); boleh diulang.
    #[arg(long)]
    photo: Vec<PathBuf>,
    /// Catatan tim.
    #[arg(long)]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct VisitOutcomeArgs {
    /// Nomor kunjungan atau id kunjungan.
    visit: String,
    /// Id sasaran pada daftar.
    #[arg(long, conflicts_with_all = ["nik", "nama"], required_unless_present = "nik")]
    target: Option<String>,
    /// NIK orang yang datang tanpa ada di daftar.
    #[arg(long)]
    nik: Option<String>,
    /// Nama orang itu (bersama --nik).
    #[arg(long, requires = "nik")]
    nama: Option<String>,
    /// recorded | already_recorded | recheck | absent | not_eligible | refused |
    /// special_procedure | moved | deceased
    #[arg(long)]
    outcome: String,
    /// activated | no_smartphone | failed
    #[arg(long)]
    ikd: Option<String>,
    /// Catatan tim.
    #[arg(long)]
    note: Option<String>,
}

pub(crate) fn visits(device: &Device) -> anyhow::Result<()> {
    let cards = device.visits()?;
    if cards.is_empty() {
        println!("Belum ada kunjungan di ponsel ini. Jalankan `pull` saat ada sinyal.");
    }
    let words = glossary::ID;
    for card in cards {
        let c = card.counts;
        println!(
            "{}  {}  {}, {} ({})  {}  sasaran: {}, ditemui: {}, direkam: {}, belum ditemui: {}, \
             datang sendiri: {}{}{}",
            card.number,
            card.visit_day.format("%d-%m-%Y"),
            card.venue,
            card.desa_name,
            words.visit_kind(card.kind),
            words.visit_state(card.state),
            c.targets,
            c.met,
            c.recorded,
            c.not_met,
            c.walk_ins,
            if card.checked_in {
                "; sudah check-in"
            } else {
                ""
            },
            if card.list_removed {
                "; daftar sudah dihapus dari ponsel"
            } else {
                ""
            },
        );
    }
    Ok(())
}

pub(crate) fn visit_targets(device: &Device, args: VisitTargetsArgs) -> anyhow::Result<()> {
    let visit = device.resolve_visit(&args.visit)?;
    let people = device.visit_targets(visit, args.cari.as_deref().unwrap_or(""), args.belum)?;
    if people.is_empty() {
        println!("Tidak ada sasaran yang cocok.");
    }
    for (n, person) in people.iter().enumerate() {
        println!("{:>4}  {}", n + 1, target_line(person));
    }
    Ok(())
}

fn target_line(person: &VisitTarget) -> String {
    let words = glossary::ID;
    let id = person
        .id
        .map_or_else(|| "datang sendiri".to_owned(), |id| id.to_string());
    let category = person
        .category()
        .map_or("-", |category| words.phone_category(category));
    let outcome = person
        .outcome
        .map_or("belum dicatat", |o| words.recording_outcome(o));
    let ikd = person
        .ikd
        .map(|ikd| format!(", {}", words.ikd_outcome(ikd)))
        .unwrap_or_default();
    format!(
        "{id}  {}  {}  {category}  {outcome}{ikd}",
        person.nik.masked(),
        person.name
    )
}

pub(crate) fn visit_checkin(device: &mut Device, args: VisitCheckinArgs) -> anyhow::Result<()> {
    let visit_id = device.resolve_visit(&args.visit)?;
    let input = VisitCheckinInput {
        visit_id,
        fix: args.fix.fix()?,
        photos: args.photo,
        note: args.note.as_deref().map(Text::parse).transpose()?,
    };
    let recorded = device.record_visit_checkin(input)?;
    // The machine-readable line, printed only once the commit has succeeded.
    println!("tercatat {}", recorded.event_id);
    println!(
        "Check-in dicatat di ponsel (catatan ke-{}), {} foto kegiatan disimpan.",
        recorded.device_seq,
        recorded.photos.len()
    );
    println!("Jalankan `sync` saat ada sinyal untuk mengirimnya ke kantor.");
    Ok(())
}

pub(crate) fn visit_outcome(device: &mut Device, args: VisitOutcomeArgs) -> anyhow::Result<()> {
    let visit_id: VisitId = device.resolve_visit(&args.visit)?;
    let person = match (&args.target, &args.nik) {
        (Some(target), _) => VisitPersonInput::Target(
            target
                .trim()
                .parse::<TargetId>()
                .with_context(|| format!("id sasaran tidak valid: {target:?}"))?,
        ),
        (None, Some(nik)) => VisitPersonInput::WalkIn {
            nik: nik.clone(),
            name: args.nama.as_deref().map(Text::parse).transpose()?,
        },
        (None, None) => bail!("sebutkan --target ID, atau --nik NIK (boleh dengan --nama NAMA)"),
    };
    let input = VisitOutcomeInput {
        visit_id,
        person,
        outcome: recording_outcome(&args.outcome)?,
        ikd: args.ikd.as_deref().map(ikd_outcome).transpose()?,
        note: args.note.as_deref().map(Text::parse).transpose()?,
    };
    let outcome = input.outcome;
    let recorded = device.record_visit_outcome(input)?;
    println!("tercatat {}", recorded.event_id);
    let whom = match recorded.target_id {
        Some(id) => format!("sasaran {id}"),
        None => "orang yang datang sendiri".to_owned(),
    };
    println!(
        "Hasil \"{}\" untuk {whom} dicatat di ponsel (catatan ke-{}).",
        glossary::ID.recording_outcome(outcome),
        recorded.device_seq
    );
    println!("Jalankan `sync` saat ada sinyal untuk mengirimnya ke kantor.");
    Ok(())
}

fn recording_outcome(code: &str) -> anyhow::Result<RecordingOutcome> {
    RecordingOutcome::parse(code).with_context(|| {
        let valid: Vec<String> = RecordingOutcome::ALL
            .iter()
            .map(|o| format!("{} ({})", o.code(), glossary::ID.recording_outcome(*o)))
            .collect();
        format!(
            "hasil tidak dikenal: {:?}; pilih salah satu: {}",
            code.trim(),
            valid.join(", ")
        )
    })
}

fn ikd_outcome(code: &str) -> anyhow::Result<IkdOutcome> {
    IkdOutcome::parse(code).with_context(|| {
        let valid: Vec<String> = IkdOutcome::ALL
            .iter()
            .map(|o| format!("{} ({})", o.code(), glossary::ID.ikd_outcome(*o)))
            .collect();
        format!(
            "hasil IKD tidak dikenal: {:?}; pilih salah satu: {}",
            code.trim(),
            valid.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_list_the_valid_ones() {
        let error = recording_outcome("direkam").unwrap_err().to_string();
        assert!(error.contains("recorded (Direkam)"), "{error}");
        assert!(error.contains("deceased"), "{error}");
        assert_eq!(
            recording_outcome(" ABSENT ").unwrap(),
            RecordingOutcome::Absent
        );
        let error = ikd_outcome("aktif").unwrap_err().to_string();
        assert!(
            error.contains("activated") && error.contains("no_smartphone"),
            "{error}"
        );
    }
}

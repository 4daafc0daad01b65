//! `attempt`: turning command-line flags into a checked attempt; and the hidden
//! `stress-record` the crash test runs and kills.

use std::io::Write;
use std::path::{Path, PathBuf};

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{
    FailureReason, FixProvider, GpsFix, OfficialPosition, Outcome, Relationship, Text,
};
use antar_domain::glossary;
use antar_domain::ids::ItemId;
use anyhow::{Context, bail};
use chrono::Utc;

#[derive(Debug, clap::Args)]
pub(crate) struct AttemptArgs {
    /// Id dokumen.
    #[arg(long, conflicts_with_all = ["line"])]
    item: Option<String>,
    /// Nomor baris pada BA (bersama --manifest).
    #[arg(long, requires = "manifest")]
    line: Option<u32>,
    /// Nomor BA atau id BA (bersama --line).
    #[arg(long)]
    manifest: Option<String>,
    /// owner | family | official | failed
    #[arg(long)]
    outcome: String,
    /// Nama penerima (untuk --outcome family).
    #[arg(long)]
    recipient: Option<String>,
    /// Nama aparat pekon/RT yang dititipi (untuk --outcome official; sama dengan --recipient).
    #[arg(long, conflicts_with = "recipient")]
    official: Option<String>,
    /// kepala_pekon | sekretaris_pekon | kepala_dusun | ketua_rt | other_official (untuk
    /// --outcome official)
    #[arg(long)]
    position: Option<String>,
    /// spouse | parent | child | sibling | grandparent | grandchild | in_law | other_relative
    #[arg(long)]
    relationship: Option<String>,
    /// not_at_home | address_not_found | moved | refused | deceased | other
    #[arg(long)]
    reason: Option<String>,
    /// Catatan kurir (wajib untuk --reason other).
    #[arg(long)]
    note: Option<String>,
    /// Foto bukti (JPEG).
    #[arg(long)]
    photo: Option<PathBuf>,
    #[command(flatten)]
    fix: FixArgs,
}

pub(crate) fn attempt(device: &mut Device, args: AttemptArgs) -> anyhow::Result<()> {
    let item_id = match (&args.item, args.line, &args.manifest) {
        (Some(id), _, _) => id
            .parse::<ItemId>()
            .with_context(|| format!("id dokumen tidak valid: {id:?}"))?,
        (None, Some(line), Some(manifest)) => {
            device.item_at_line(device.resolve_manifest(manifest)?, line)?
        }
        _ => bail!("sebutkan --item ID, atau --line N bersama --manifest NOMOR_BA"),
    };
    let input = AttemptInput {
        item_id,
        outcome: outcome(&args)?,
        photo: args.photo.clone(),
        fix: args.fix.fix()?,
        note: args.note.as_deref().map(Text::parse).transpose()?,
    };
    let recorded = device.record_attempt(input)?;
    // The machine-readable line, printed only once the commit has succeeded.
    println!("tercatat {}", recorded.event_id);
    println!(
        "Upaya ke-{} dicatat di ponsel; status dokumen sekarang: {}.{}",
        recorded.device_seq,
        glossary::ID.item_state(recorded.new_state),
        if recorded.photo.is_some() {
            " Foto disimpan."
        } else {
            ""
        }
    );
    println!("Jalankan `sync` saat ada sinyal untuk mengirimnya ke kantor.");
    Ok(())
}

fn outcome(args: &AttemptArgs) -> anyhow::Result<Outcome> {
    Ok(match args.outcome.trim().to_lowercase().as_str() {
        "owner" | "pemilik" => Outcome::DeliveredToOwner,
        "family" | "keluarga" => {
            let (Some(recipient), Some(relationship)) = (&args.recipient, &args.relationship)
            else {
                bail!("--outcome family memerlukan --recipient NAMA dan --relationship HUBUNGAN");
            };
            Outcome::DeliveredToFamily {
                recipient: Text::parse(recipient)?,
                relationship: Relationship::parse(relationship)?,
            }
        }
        "official" | "aparat" | "dititipkan" => {
            let (Some(official), Some(position)) = (
                args.official.as_ref().or(args.recipient.as_ref()),
                &args.position,
            ) else {
                bail!("--outcome official memerlukan --official NAMA dan --position JABATAN");
            };
            Outcome::LeftWithOfficial {
                recipient: Text::parse(official)?,
                position: OfficialPosition::parse(position).with_context(|| {
                    let valid: Vec<&str> = OfficialPosition::ALL
                        .into_iter()
                        .map(|p| p.code())
                        .collect();
                    format!("pilih salah satu: {}", valid.join(", "))
                })?,
            }
        }
        "failed" | "gagal" => {
            let Some(reason) = &args.reason else {
                bail!("--outcome failed memerlukan --reason ALASAN");
            };
            Outcome::Failed {
                reason: FailureReason::parse(reason, args.note.as_deref())?,
            }
        }
        other => {
            bail!("hasil tidak dikenal: {other:?} (pilih owner, family, official, atau failed)")
        }
    })
}

/// A fix from the command line's `--lat --lon --accuracy --provider`; none without a point.
/// The GPS fix a command records, typed as numbers (a phone's receiver gives them there).
#[derive(Debug, clap::Args)]
pub(crate) struct FixArgs {
    /// Lintang GPS dalam derajat desimal, mis. -5.4986.
    #[arg(long, allow_hyphen_values = true, requires_all = ["lon", "accuracy"])]
    lat: Option<f64>,
    /// Bujur GPS dalam derajat desimal, mis. 104.6270.
    #[arg(long, allow_hyphen_values = true, requires_all = ["lat", "accuracy"])]
    lon: Option<f64>,
    /// Akurasi GPS dalam meter.
    #[arg(long, requires_all = ["lat", "lon"])]
    accuracy: Option<f64>,
    /// gps | network | fused | manual
    #[arg(long, default_value = "gps")]
    provider: String,
}

impl FixArgs {
    /// The fix, when latitude, longitude and accuracy were all given.
    pub(crate) fn fix(&self) -> anyhow::Result<Option<GpsFix>> {
        let (Some(lat), Some(lon), Some(accuracy)) = (self.lat, self.lon, self.accuracy) else {
            return Ok(None);
        };
        let provider = match self.provider.trim().to_lowercase().as_str() {
            "gps" => FixProvider::Gps,
            "network" => FixProvider::Network,
            "fused" => FixProvider::Fused,
            "manual" => FixProvider::Manual,
            other => bail!("sumber lokasi tidak dikenal: {other:?}"),
        };
        Ok(Some(GpsFix::new(lat, lon, accuracy, Utc::now(), provider)?))
    }
}

/// Records `count` attempts one by one on documents that can still be attempted, printing
/// `tercatat <id>` after each commit. With `vary`, every third photo gets bytes appended
/// after the JPEG's end, so a new photo file is written (the path a crash can interrupt)
/// while the others take the "already stored" path, and the disk does not fill up.
pub(crate) fn stress_record(
    device: &mut Device,
    count: usize,
    photo: &Path,
    vary: bool,
) -> anyhow::Result<()> {
    let original = std::fs::read(photo).context("membaca foto uji")?;
    // Inside the data folder, so a killed run leaves nothing behind outside it.
    let variant = device.data_dir().join("stress-camera.jpg");
    let mut stdout = std::io::stdout().lock();
    for n in 0..count {
        let open: Vec<ItemId> = device
            .find_items("")?
            .into_iter()
            .filter(|f| !f.item.state.is_final())
            .map(|f| f.item.id)
            .collect();
        let Some(&item_id) = open.get(n % open.len().max(1)) else {
            break;
        };
        let photo_path = if vary {
            if n % 3 == 0 {
                let mut bytes = original.clone();
                bytes.extend_from_slice(format!("antar-{}-{n}", std::process::id()).as_bytes());
                std::fs::write(&variant, bytes)?;
            }
            variant.clone()
        } else {
            photo.to_path_buf()
        };
        // Mostly failures, so documents stay open for more attempts; every 20th delivers.
        let outcome = if n % 20 == 19 {
            Outcome::DeliveredToOwner
        } else {
            Outcome::Failed {
                reason: FailureReason::NotAtHome,
            }
        };
        let recorded = device.record_attempt(AttemptInput {
            item_id,
            outcome,
            photo: Some(photo_path),
            fix: None,
            note: None,
        })?;
        writeln!(stdout, "tercatat {}", recorded.event_id)?;
        stdout.flush()?;
    }
    let _ = std::fs::remove_file(&variant);
    Ok(())
}

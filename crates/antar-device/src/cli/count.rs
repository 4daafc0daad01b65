//! `antar-device count`: the courier's count of a BA's bundle at handover, offline.

use antar_device::{Device, HandoverCountInput};
use antar_domain::attempt::Text;

use super::attempt::FixArgs;

#[derive(Debug, clap::Args)]
pub(crate) struct CountArgs {
    /// Nomor BA atau id-nya.
    ba: String,
    /// Baris BA yang tidak ada di bundel, mis. 2,5; kosong bila jumlahnya cocok.
    #[arg(long, value_delimiter = ',')]
    missing: Vec<u32>,
    #[command(flatten)]
    fix: FixArgs,
    /// Catatan kurir.
    #[arg(long)]
    note: Option<String>,
}

pub(crate) fn count(device: &mut Device, args: CountArgs) -> anyhow::Result<()> {
    let manifest_id = device.resolve_manifest(&args.ba)?;
    let recorded = device.record_handover_count(HandoverCountInput {
        manifest_id,
        missing_lines: args.missing,
        fix: args.fix.fix()?,
        note: args.note.as_deref().map(Text::parse).transpose()?,
    })?;
    // The machine-readable line, printed only once the commit has succeeded.
    println!("tercatat {}", recorded.event_id);
    let on_ba = recorded.counted as usize + recorded.missing;
    println!(
        "Dihitung {} dari {on_ba} dokumen; {} tidak ada di bundel (catatan ke-{}).",
        recorded.counted, recorded.missing, recorded.device_seq
    );
    println!("Jalankan `sync` saat ada sinyal untuk mengirimnya ke kantor.");
    Ok(())
}

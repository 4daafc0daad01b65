//! `antar-device visit-handover`: cards of a visit's BA handed to an official of the pekon,
//! recorded offline like every other record (prints `tercatat <event id>` first).

use std::path::PathBuf;

use antar_device::{CollectiveHandoverInput, Device};
use antar_domain::attempt::Text;
use anyhow::Context;

use super::attempt::FixArgs;

#[derive(Debug, clap::Args)]
pub(crate) struct VisitHandoverArgs {
    /// Nomor kunjungan atau id kunjungan.
    visit: String,
    /// Nomor BA kunjungan atau id-nya.
    #[arg(long)]
    ba: String,
    /// Baris BA yang diserahkan, mis. 1,2,5.
    #[arg(long, value_delimiter = ',', required = true)]
    lines: Vec<u32>,
    /// Nama aparat pekon yang menerima.
    #[arg(long)]
    official: String,
    /// Jabatannya, mis. "Sekretaris Pekon".
    #[arg(long)]
    position: String,
    #[command(flatten)]
    fix: FixArgs,
    /// Foto serah terima (JPEG).
    #[arg(long)]
    photo: Option<PathBuf>,
    /// Catatan tim.
    #[arg(long)]
    note: Option<String>,
}

pub(crate) fn visit_handover(device: &mut Device, args: VisitHandoverArgs) -> anyhow::Result<()> {
    let visit_id = device.resolve_visit(&args.visit)?;
    let manifest_id = device.resolve_manifest(&args.ba)?;
    let items = args
        .lines
        .iter()
        .map(|line| device.item_at_line(manifest_id, *line))
        .collect::<Result<Vec<_>, _>>()?;
    let text = |value: &str, what: &str| {
        Text::parse(value).with_context(|| format!("{what} tidak boleh kosong"))
    };
    let input = CollectiveHandoverInput {
        visit_id,
        manifest_id,
        items,
        official_name: text(&args.official, "nama aparat pekon")?,
        official_position: text(&args.position, "jabatan aparat pekon")?,
        fix: args.fix.fix()?,
        photo: args.photo,
        note: args.note.as_deref().map(Text::parse).transpose()?,
    };
    let count = input.items.len();
    let recorded = device.record_collective_handover(input)?;
    // The machine-readable line, printed only once the commit has succeeded.
    println!("tercatat {}", recorded.event_id);
    println!(
        "Serah terima kolektif {count} dokumen dicatat di ponsel (catatan ke-{}).",
        recorded.device_seq
    );
    println!("Jalankan `sync` saat ada sinyal untuk mengirimnya ke kantor.");
    Ok(())
}

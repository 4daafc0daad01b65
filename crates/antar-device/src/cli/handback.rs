//! `antar-device return`: documents the courier hands back to the office, offline.

use antar_device::{Device, ReturnInput};
use antar_domain::attempt::{FailureReason, Text};
use anyhow::bail;

use super::attempt::FixArgs;

#[derive(Debug, clap::Args)]
pub(crate) struct ReturnArgs {
    /// Nomor BA atau id-nya.
    ba: String,
    /// Dokumen yang dikembalikan: BARIS atau BARIS=ALASAN (not_at_home, address_not_found,
    /// moved, refused, deceased); tanpa alasan dipakai alasan percobaan gagal terakhir.
    #[arg(long = "doc", value_name = "BARIS[=ALASAN]", required = true)]
    documents: Vec<String>,
    /// Jumlah dokumen di bundel; bila tidak diisi, sama dengan jumlah yang dipilih.
    #[arg(long)]
    counted: Option<u32>,
    #[command(flatten)]
    fix: FixArgs,
    /// Catatan kurir.
    #[arg(long)]
    note: Option<String>,
}

pub(crate) fn handback(device: &mut Device, args: ReturnArgs) -> anyhow::Result<()> {
    let manifest_id = device.resolve_manifest(&args.ba)?;
    let candidates = device.return_candidates(manifest_id)?;
    let mut documents = Vec::with_capacity(args.documents.len());
    for doc in &args.documents {
        let (line, reason) = match doc.split_once('=') {
            Some((line, reason)) => (line, Some(reason)),
            None => (doc.as_str(), None),
        };
        let Ok(line) = line.trim().parse::<u32>() else {
            bail!("--doc {doc:?}: baris harus berupa angka, mis. --doc 5=moved");
        };
        let reason = match reason {
            Some(code) => FailureReason::parse(code, args.note.as_deref())?,
            None => match candidates
                .iter()
                .find(|c| c.line == line)
                .and_then(|c| c.last_reason.clone())
            {
                Some(reason) => reason,
                None => bail!("--doc {line}: sebutkan alasannya, mis. --doc {line}=not_at_home"),
            },
        };
        documents.push((line, reason));
    }
    let listed = u32::try_from(documents.len()).unwrap_or(u32::MAX);
    let recorded = device.record_return(ReturnInput {
        manifest_id,
        documents,
        counted: args.counted.unwrap_or(listed),
        fix: args.fix.fix()?,
        note: args.note.as_deref().map(Text::parse).transpose()?,
    })?;
    // The machine-readable line, printed only once the commit has succeeded.
    println!("tercatat {}", recorded.event_id);
    println!(
        "Dikembalikan {} dokumen, {} di bundel (catatan ke-{}).",
        recorded.listed, recorded.counted, recorded.device_seq
    );
    if recorded.counted < recorded.listed {
        println!("Jumlah di bundel kurang dari yang dipilih: kantor akan menandai selisihnya.");
    }
    println!("Jalankan `sync` saat ada sinyal untuk mengirimnya ke kantor.");
    Ok(())
}

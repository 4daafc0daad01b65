//! `antar-office ba return|returns|return-count`: BA Pengembalian from the command line —
//! issued at the office, listed with their counts, and a courier's return counted by staff.

use antar_domain::glossary;
use anyhow::{Context, bail};

use super::day_or_today;
use antar_office::{Office, ReturnInfo};

/// Issues a BA Pengembalian for lines of the BA `number`.
pub(super) fn issue(
    office: &Office,
    number: &str,
    lines: &[u32],
    officer: &str,
    date: Option<String>,
) -> anyhow::Result<()> {
    let Some(manifest) = office.manifest_by_number(number)? else {
        bail!("BA {number:?} tidak ditemukan (lihat `antar-office ba list`)");
    };
    let items = lines
        .iter()
        .map(|n| {
            manifest
                .items
                .iter()
                .find(|item| item.line == *n)
                .map(|item| item.id)
                .with_context(|| format!("BA {} tidak punya baris {n}", manifest.number))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let info = office.issue_return(manifest.id, &items, officer, day_or_today(date)?)?;
    say!(
        "BA Pengembalian {} diterbitkan: {} dokumen dari BA {} ({}).",
        info.number,
        info.item_count,
        info.manifest_number,
        info.courier_name
    );
    Ok(())
}

/// The return reports of the BA `number`, each with its counts and how it stands.
pub(super) fn list(office: &Office, number: &str) -> anyhow::Result<()> {
    let Some(manifest) = office.manifest_by_number(number)? else {
        bail!("BA {number:?} tidak ditemukan (lihat `antar-office ba list`)");
    };
    let returns = office.returns(Some(manifest.id))?;
    if returns.is_empty() {
        say!("BA {} belum punya BA Pengembalian.", manifest.number);
    }
    for info in returns {
        let from = if info.from_courier {
            "dari HP kurir"
        } else {
            "dibuat di kantor"
        };
        say!("{}  {from}  {}", info.number, standing_of(&info));
    }
    Ok(())
}

/// How the return stands, with every count there is.
fn standing_of(info: &ReturnInfo) -> String {
    let tally = info.tally();
    let count = |n: Option<u32>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    format!(
        "{} ({} dokumen di daftar, hitungan kurir {}, hitungan kantor {})",
        glossary::ID.return_standing(tally.standing()),
        tally.listed,
        count(tally.courier_counted),
        count(tally.office_counted)
    )
}

/// Staff's count of the bundle of the courier's return `number`.
pub(super) fn count(
    office: &Office,
    number: &str,
    counted: u32,
    officer: &str,
) -> anyhow::Result<()> {
    let Some(found) = office
        .returns(None)?
        .into_iter()
        .find(|info| info.number == number.trim())
    else {
        bail!("BA Pengembalian {number:?} tidak ditemukan (lihat `antar-office ba returns BA`)");
    };
    let info = office.count_return(&found.id, counted, officer, None)?;
    let standing = standing_of(&info);
    say!("BA Pengembalian {}: {standing}.", info.number);
    Ok(())
}

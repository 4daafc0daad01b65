//! `antar-office demo`: a ready office in one command — the sample documents, a courier with
//! a fresh enrollment code, a BA for Kota Agung and Gisting — then the server. Running it again
//! reuses what is there.

use antar_domain::field_role::FieldRole;
use antar_domain::nip::Nip;
use antar_domain::region::RegionCode;
use antar_office::{ManifestRequest, Office};
use anyhow::Context;

use super::print;

/// The 500-row sample, carried in the binary so the demo works from any directory.
const SAMPLE_CSV: &[u8] = include_bytes!("../../../../data/samples/prr_tanggamus_500.csv");
const DEMO_COURIER: &str = "Kurir Demo";
const DEMO_OFFICER: &str = "Petugas Demo";
const DEMO_OFFICER_NIP: &str = "19850412 201001 2 003";
/// Kota Agung and Gisting.
const DEMO_KECAMATAN: [&str; 2] = ["18.06.01", "18.06.20"];

pub(crate) fn run(
    place: &super::DataPlace,
    listen: &str,
    web: antar_office::WebConfig,
) -> anyhow::Result<()> {
    let office = super::open(place)?;
    let data = place.folder.as_path();
    say!("== Demo Antar: kantor di {} ==", data.display());

    let report = office
        .import_csv_bytes(SAMPLE_CSV)
        .context("impor data contoh")?;
    print::import_report("data contoh prr_tanggamus_500.csv", &report);
    say!("  jumlah dokumen di kantor: {}", office.document_count()?);

    let existing = office
        .couriers()?
        .into_iter()
        .find(|c| c.name == DEMO_COURIER);
    let (courier, code) = match existing {
        Some(courier) => {
            say!("Kurir \"{DEMO_COURIER}\" sudah ada; kode pendaftaran baru dibuat.");
            (courier.id, office.new_enrollment_code(courier.id)?)
        }
        None => {
            say!("Kurir \"{DEMO_COURIER}\" ditambahkan.");
            // The demo's phone shows both flows: its BA and, when planned, its visits.
            office.add_courier(DEMO_COURIER, None, FieldRole::Both)?
        }
    };
    say!("  id kurir         : {courier}");
    print::enrollment_code(&code);

    let mine = office
        .manifests()?
        .into_iter()
        .rfind(|m| m.courier.id == courier);
    let number = match mine {
        Some(info) => {
            say!(
                "BA yang sudah ada dipakai lagi: {} ({} dokumen).",
                info.number,
                info.item_count
            );
            info.number
        }
        None => {
            let manifest = office.issue_manifest(ManifestRequest {
                courier,
                officer: DEMO_OFFICER.to_owned(),
                officer_nip: Nip::parse(DEMO_OFFICER_NIP)?,
                kecamatan: DEMO_KECAMATAN
                    .iter()
                    .map(|c| RegionCode::parse(c))
                    .collect::<Result<_, _>>()?,
                desa: Vec::new(),
                issued_on: chrono::Local::now().date_naive(),
            })?;
            say!(
                "BA {} diterbitkan untuk {DEMO_COURIER}: {} dokumen di Kota Agung dan Gisting.",
                manifest.number,
                manifest.items.len()
            );
            print::manifest_by_desa(&manifest);
            manifest.number
        }
    };

    if !office.has_staff_users()? {
        // A random password, printed once: the demo must not ship a known default.
        let mut random = [0u8; 9];
        rand::fill(&mut random[..]);
        let password = format!("antar-{}", hex::encode(random));
        office.add_staff_user(
            "admin",
            "Admin Demo",
            None,
            antar_office::Role::Admin,
            &password,
        )?;
        say!("Akun web petugas dibuat: nama pengguna `admin`, kata sandi `{password}`.");
    } else {
        say!("Akun web petugas sudah ada (buat lagi dengan `antar-office user add`).");
    }

    let url = format!("http://{listen}");
    // A release build like the README's first command: a debug build would build it all again.
    let device = "cargo run --release -p antar-device -- --data ./antar-kurir";
    say!();
    say!("Coba dari terminal lain (sisi ponsel kurir):");
    say!("  {device} enroll --office {url} --code {}", code.display());
    say!("  {device} pull");
    say!("  {device} status");
    say!("  {device} count \"{number}\"");
    say!(
        "  {device} attempt --manifest \"{number}\" --line 1 --outcome owner \\\n      \
         --photo {} --lat -5.4986 --lon 104.6270 --accuracy 8",
        demo_photo()
    );
    say!(
        "  {device} attempt --manifest \"{number}\" --line 2 --outcome failed --reason not_at_home"
    );
    say!("  {device} sync");
    say!();
    say!("Atau aplikasi kurir dalam jendela (dari akar repositori, terminal lain):");
    say!("  ANTAR_DATA_DIR=./antar-hp cargo run --release");
    say!(
        "  lalu di layar Daftar: alamat kantor {url}, kode {}",
        code.display()
    );
    say!(
        "Lalu di sini: `cargo run --release -p antar-office -- --data {} report`, atau buka web petugas di {url}/ .",
        data.display()
    );
    say!();

    let office: Office = office;
    super::serve::run(office, listen, web)
}

/// A real photograph for the demo's attempt, by a path that works from any folder when the
/// repository is where this program was built; otherwise as the repository names it.
fn demo_photo() -> String {
    let built_beside = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/photos/fallenleaf_2560x1600.jpg");
    match built_beside.canonicalize() {
        Ok(found) => found.display().to_string(),
        Err(_) => "data/photos/fallenleaf_2560x1600.jpg (dari akar repositori)".to_owned(),
    }
}

//! Commands for staff and scripts that need no phone store: which desa a point lies in, and
//! the proof photo of a camera JPEG.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use antar_domain::place::PlaceIndex;
use antar_photo::{ProofOptions, Stamp, make_proof};
use anyhow::Context;

/// Reads `lat,lon` lines and prints, per line, the code of the desa containing the point or
/// `OUTSIDE`. A line that is not two numbers prints `INVALID` (so output lines stay aligned
/// with input lines) and a message on standard error naming the line. Returns how many
/// lines were invalid.
pub(crate) fn locate(input: impl BufRead, mut output: impl Write) -> anyhow::Result<usize> {
    let index = PlaceIndex::tanggamus();
    let mut invalid = 0;
    for (number, line) in input.lines().enumerate() {
        let line = line?;
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') || text.eq_ignore_ascii_case("lat,lon") {
            continue;
        }
        match parse_point(text) {
            Some((lat, lon)) => match index.locate(lat, lon) {
                Some(code) => writeln!(output, "{code}")?,
                None => writeln!(output, "OUTSIDE")?,
            },
            None => {
                invalid += 1;
                writeln!(output, "INVALID")?;
                eprintln!(
                    "baris {}: bukan \"lintang,bujur\" yang sah: {text:?}",
                    number + 1
                );
            }
        }
    }
    output.flush()?;
    Ok(invalid)
}

fn parse_point(text: &str) -> Option<(f64, f64)> {
    let mut parts = text.split([',', ';', ' ', '\t']).filter(|p| !p.is_empty());
    let lat: f64 = parts.next()?.trim().parse().ok()?;
    let lon: f64 = parts.next()?.trim().parse().ok()?;
    let in_range = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    in_range.then_some((lat, lon))
}

/// What the stamp of `proof-photo` says; each field is optional on the command line.
#[derive(Debug, clap::Args)]
pub(crate) struct ProofPhotoArgs {
    /// JPEG dari kamera.
    input: PathBuf,
    /// Ke mana foto bukti ditulis.
    #[arg(long)]
    out: PathBuf,
    /// Nama desa pada cap.
    #[arg(long, default_value = "")]
    desa: String,
    /// Nomor BA.
    #[arg(long, default_value = "")]
    ba: String,
    /// Dokumennya, mis. "Baris 12".
    #[arg(long, default_value = "")]
    item: String,
    /// Lintang pada cap.
    #[arg(long, requires = "lon", allow_negative_numbers = true)]
    lat: Option<f64>,
    /// Bujur pada cap.
    #[arg(long, requires = "lat", allow_negative_numbers = true)]
    lon: Option<f64>,
    /// Akurasi GPS pada cap, dalam meter.
    #[arg(long)]
    accuracy: Option<f64>,
    /// Waktu foto (RFC 3339, mis. 2026-11-26T08:30:00Z); sekarang bila tidak diberikan.
    #[arg(long)]
    at: Option<chrono::DateTime<chrono::Utc>>,
    /// Sisi panjang foto bukti, dalam piksel.
    #[arg(long, default_value_t = 1280)]
    long_side: u32,
}

/// Turns a camera JPEG into the proof photo and prints its size and SHA-256.
pub(crate) fn proof_photo(args: ProofPhotoArgs) -> anyhow::Result<()> {
    let camera =
        std::fs::read(&args.input).with_context(|| format!("membaca {}", args.input.display()))?;
    let stamp = Stamp {
        taken_at: args.at.unwrap_or_else(chrono::Utc::now),
        lat_lon: args.lat.zip(args.lon),
        accuracy_m: args.accuracy,
        desa: args.desa,
        ba_number: args.ba,
        item: args.item,
    };
    let options = ProofOptions {
        long_side: args.long_side,
        ..ProofOptions::default()
    };
    let proof = make_proof(&camera, &stamp, &options)?;
    std::fs::write(&args.out, &proof.jpeg)
        .with_context(|| format!("menulis {}", args.out.display()))?;
    println!("ukuran {} byte", proof.jpeg.len());
    println!("sha256 {}", proof.sha256);
    println!(
        "{}x{} piksel, kualitas JPEG {}",
        proof.width, proof.height, proof.quality
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_point_is_located_in_its_desa() {
        let sample = include_str!("../../../../data/samples/geo_points_sample.csv");
        let mut input = String::new();
        let mut expected = Vec::new();
        for line in sample.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            input.push_str(&format!("{},{}\n", fields[0], fields[1]));
            expected.push(fields[2].to_owned());
        }
        let mut output = Vec::new();
        let invalid = locate(input.as_bytes(), &mut output).unwrap();
        assert_eq!(invalid, 0);
        let printed: Vec<String> = String::from_utf8(output)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        assert_eq!(printed.len(), 330);
        assert_eq!(printed, expected);
    }

    #[test]
    fn bad_lines_print_invalid_and_keep_alignment() {
        let input = "lat,lon\n-5.33,104.77\nabc\n-95,104\n\n-5.33;104.77\n";
        let mut output = Vec::new();
        let invalid = locate(input.as_bytes(), &mut output).unwrap();
        assert_eq!(invalid, 2);
        let printed = String::from_utf8(output).unwrap();
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1], "INVALID");
        assert_eq!(lines[2], "INVALID");
        assert_eq!(lines[0], lines[3]);
    }

    #[test]
    fn proof_photo_writes_a_small_stamped_proof_and_refuses_a_non_photo() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bukti.jpg");
        let args = |input: PathBuf| ProofPhotoArgs {
            input,
            out: out.clone(),
            desa: "Penanggungan".into(),
            ba: "470/0001/BA-PENG/DUKCAPIL/XI/2026".into(),
            item: "Baris 3".into(),
            lat: Some(-5.47),
            lon: Some(104.62),
            accuracy: Some(9.0),
            at: None,
            long_side: 1280,
        };
        let camera =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/photos/path_2560x1600.jpg");
        proof_photo(args(camera)).unwrap();
        let proof = std::fs::read(&out).unwrap();
        assert!(proof.len() <= 120_000);
        antar_photo::verify_proof(&proof, &ProofOptions::default()).unwrap();

        let not_a_photo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let refused = proof_photo(args(not_a_photo)).unwrap_err();
        assert!(refused.to_string().contains("JPEG"), "{refused}");
    }
}

//! Commands for staff and scripts that need no phone store: which desa a point lies in.

use std::io::{BufRead, Write};

use antar_domain::place::PlaceIndex;

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
}

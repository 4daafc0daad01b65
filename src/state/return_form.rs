//! The return screen's choices turned into the device's [`ReturnInput`]: which lines, the
//! reason of each, the bundle's count. Refusals are the courier's words, said before the
//! device is asked (the domain says the same again when it records).

use antar_device::{ReturnCandidate, ReturnInput};
use antar_domain::attempt::FailureReason;
use antar_domain::ids::ManifestId;

use crate::strings::{CustodyStrings, fill};

/// What the courier chose on the screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReturnForm {
    /// Each chosen line with its reason, if one is chosen.
    pub chosen: Vec<(u32, Option<FailureReason>)>,
    /// The bundle's count as typed; blank means as many as chosen.
    pub counted: String,
}

impl ReturnForm {
    /// Whether a document starts out chosen: one that failed at the door goes back at the end
    /// of the round; one never attempted stays with the courier unless chosen.
    pub fn chosen_at_first(candidate: &ReturnCandidate) -> bool {
        candidate.last_reason.is_some()
    }

    pub fn to_input(
        &self,
        manifest: ManifestId,
        c: &CustodyStrings,
    ) -> Result<ReturnInput, String> {
        if self.chosen.is_empty() {
            return Err(c.return_pick_one.to_owned());
        }
        let mut documents = Vec::with_capacity(self.chosen.len());
        for (line, reason) in &self.chosen {
            let Some(reason) = reason else {
                return Err(fill(
                    c.return_reason_missing,
                    &[("line", &line.to_string())],
                ));
            };
            documents.push((*line, reason.clone()));
        }
        let listed = u32::try_from(documents.len()).unwrap_or(u32::MAX);
        let counted = match self.counted.trim() {
            "" => listed,
            typed => typed
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= listed)
                .ok_or_else(|| fill(c.return_count_too_high, &[("n", &listed.to_string())]))?,
        };
        Ok(ReturnInput {
            manifest_id: manifest,
            documents,
            counted,
            fix: None,
            note: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn c() -> &'static CustodyStrings {
        crate::strings::Lang::Id.strings().custody()
    }

    #[test]
    fn a_return_needs_a_document_a_reason_each_and_a_count_not_above_the_choice() {
        let manifest = ManifestId::new_v7();
        let empty = ReturnForm::default().to_input(manifest, c()).unwrap_err();
        assert_eq!(empty, "Pilih sedikitnya satu dokumen.");
        let no_reason = ReturnForm {
            chosen: vec![(3, Some(FailureReason::Moved)), (7, None)],
            counted: String::new(),
        };
        assert_eq!(
            no_reason.to_input(manifest, c()).unwrap_err(),
            "Pilih alasan untuk baris 7."
        );
        let fine = ReturnForm {
            chosen: vec![
                (3, Some(FailureReason::Moved)),
                (7, Some(FailureReason::NotAtHome)),
            ],
            counted: String::new(),
        };
        let input = fine.to_input(manifest, c()).unwrap();
        assert_eq!(input.counted, 2, "blank: as many as chosen");
        assert_eq!(input.documents[1], (7, FailureReason::NotAtHome));
        let short = ReturnForm {
            counted: " 1 ".to_owned(),
            ..fine.clone()
        };
        assert_eq!(short.to_input(manifest, c()).unwrap().counted, 1);
        for typed in ["3", "dua", "-1"] {
            let wrong = ReturnForm {
                counted: typed.to_owned(),
                ..fine.clone()
            };
            assert!(
                wrong
                    .to_input(manifest, c())
                    .unwrap_err()
                    .contains("tidak boleh lebih dari yang dipilih (2)"),
                "{typed}"
            );
        }
    }
}

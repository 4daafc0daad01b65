//! What an upload of rows did: imported, duplicates (nothing is imported twice) and each
//! refused row with its number and reason. The document import and a visit's target list
//! show the same report.

use dioxus::prelude::*;

use crate::import::ImportReport;
use crate::web::render::Shared;
use crate::web::strings;

/// Duplicates listed on the page; re-importing a file makes every row one.
const MAX_DUPLICATES_SHOWN: usize = 20;

#[component]
pub(crate) fn ImportResult(title: String, report: Shared<ImportReport>) -> Element {
    rsx! {
        section { class: "result",
            h2 { "{title}" }
            div { class: "cards",
                div { class: "card state-delivered",
                    span { class: "n", "{report.imported}" }
                    span { "{strings::IMPORTED}" }
                }
                div { class: "card state-pending",
                    span { class: "n", {report.duplicates.len().to_string()} }
                    span { "{strings::DUPLICATES}" }
                }
                div { class: "card state-failed",
                    span { class: "n", {report.rejected.len().to_string()} }
                    span { "{strings::REJECTED}" }
                }
            }
            if !report.rejected.is_empty() {
                h3 { "{strings::REJECTED_ROWS}" }
                table { class: "list",
                    thead { tr { th { "{strings::ROW}" } th { "NO" } th { "{strings::REASON}" } } }
                    tbody {
                        for r in report.rejected.iter() {
                            tr {
                                td { class: "num", "{r.row}" }
                                td { {r.no.clone().unwrap_or_default()} }
                                td { "{r.reason}" }
                            }
                        }
                    }
                }
            }
            if !report.duplicates.is_empty() {
                h3 { "{strings::DUPLICATE_ROWS}" }
                ul {
                    for (row , reason) in report.duplicates.iter().take(MAX_DUPLICATES_SHOWN) {
                        li { {strings::row_reason(*row, reason)} }
                    }
                }
                if report.duplicates.len() > MAX_DUPLICATES_SHOWN {
                    p { class: "muted", {strings::more_duplicates(report.duplicates.len() - MAX_DUPLICATES_SHOWN)} }
                }
            }
        }
    }
}

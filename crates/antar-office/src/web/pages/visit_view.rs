//! One visit's page as staff read it: the plan; while planned the target list with its upload,
//! changes and calling it off; then what the team's phones sent: planned against met per
//! category, the check-ins against the plan's desa, the phones' conflicting words, who is
//! still to be met, and the walk-ins. NIKs are shown masked, as on every page.

use std::collections::BTreeSet;

use antar_domain::glossary;
use antar_domain::visit::{OutcomeRecord, Settled, TargetCategory, VisitState};
use dioxus::prelude::*;

use super::visit_ba::{BaForm, VisitBas};
use crate::import::ImportReport;
use crate::store::{CategoryCounts, CheckinRow, ManifestInfo, TargetRow, VisitInfo, VisitResults};
use crate::web::components::csrf::CsrfField;
use crate::web::components::import_report::ImportResult;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::Shared;
use crate::web::strings::{self, visits as sv};

/// What the page shows; `received` holds the check-in photos the office has (hex hashes).
pub(crate) struct VisitData {
    pub(crate) visit: VisitInfo,
    pub(crate) results: VisitResults,
    pub(crate) targets: Vec<TargetRow>,
    pub(crate) received: BTreeSet<String>,
    /// The visit's BAs of printed documents to hand over.
    pub(crate) manifests: Vec<ManifestInfo>,
}

impl VisitData {
    /// Whether any phone has sent anything for the visit.
    fn begun(&self) -> bool {
        self.visit.state == VisitState::Started
            || !self.results.checkins.is_empty()
            || !self.results.walk_ins.is_empty()
            || self.results.people.iter().any(|p| !p.records.is_empty())
    }
}

#[component]
pub(crate) fn VisitPage(
    ctx: Ctx,
    data: Shared<VisitData>,
    import: Option<(String, Shared<ImportReport>)>,
    ba_form: BaForm,
) -> Element {
    let v = &data.visit;
    let planned = v.state == VisitState::Planned;
    let counts = data.results.counts();
    rsx! {
        Layout { ctx: ctx.clone(), title: v.number.clone(),
            p { class: "no-print", a { href: "/kunjungan", "← {sv::VISITS_TITLE}" } }
            h1 { "{v.number}" }
            PlanFacts { visit: v.clone() }
            VisitBas { visit: v.id.to_string(), manifests: data.manifests.clone(), handovers: data.results.handovers.clone(), planned, csrf: ctx.csrf.clone(), form: ba_form.clone() }
            if planned {
                p { class: "actions no-print",
                    a { class: "button", href: "/kunjungan/{v.id}/ubah", "{sv::EDIT}" }
                }
                section { class: "no-print",
                    h2 { "{sv::UPLOAD_TITLE}" }
                    p { class: "muted", {sv::upload_hint()} }
                    form { method: "post", action: "/kunjungan/{v.id}/sasaran", enctype: "multipart/form-data", class: "upload",
                        CsrfField { token: ctx.csrf.clone() }
                        label { "{sv::UPLOAD_FILE}"
                            input { r#type: "file", name: "berkas", accept: ".csv,.xlsx,.xls,.ods", required: true }
                        }
                        button { r#type: "submit", class: "primary", "{sv::UPLOAD}" }
                    }
                }
            } else if v.state == VisitState::Started {
                p { class: "muted", "{sv::LOCKED_HINT}" }
            }
            if let Some((name, report)) = import {
                ImportResult { title: sv::import_title(&name), report }
            }
            h2 { "{sv::COUNTS_TITLE}" }
            CountsTable { by_category: TargetCategory::ALL.iter().map(|c| (sv::category(*c), counts.category(*c))).collect::<Vec<_>>(), walk_ins: counts.walk_ins, total: counts.total() }
            if planned {
                TargetList { ctx: ctx.clone(), visit: v.id.to_string(), targets: data.targets.clone() }
                section { class: "cancel no-print",
                    h2 { "{sv::CANCEL}" }
                    p { class: "muted", "{sv::CANCEL_HINT}" }
                    form { method: "post", action: "/kunjungan/{v.id}/batal", class: "inline",
                        CsrfField { token: ctx.csrf.clone() }
                        label { "{sv::CANCEL_REASON}"
                            input { name: "alasan", required: true, maxlength: "500" }
                        }
                        button { r#type: "submit", class: "danger", "{sv::CANCEL}" }
                    }
                }
            }
            if data.begun() {
                Results { data: data.clone(), csrf: ctx.csrf.clone() }
            }
        }
    }
}

#[component]
fn PlanFacts(visit: VisitInfo) -> Element {
    let v = visit;
    rsx! {
        dl { class: "facts",
            dt { "{sv::NUMBER}" } dd { "{v.number}" }
            dt { "{sv::DAY}" } dd { {strings::date_id(&v.plan.day.to_string())} }
            dt { "{sv::KIND}" } dd { {glossary::ID.visit_kind(v.plan.kind)} }
            dt { "{sv::VENUE}" } dd { "{v.plan.venue}" }
            dt { "{strings::DESA}" } dd { "{v.desa_name}, {strings::KECAMATAN} {v.kecamatan_name}" }
            dt { "{sv::TEAM}" } dd { {v.team_names.join(", ")} }
            dt { "{strings::STATUS}" }
            dd { span { class: "state visit-{v.state.code()}", {glossary::ID.visit_state(v.state)} } }
            if let Some(reason) = &v.cancel_reason {
                dt { "{sv::CANCEL_REASON}" } dd { "{reason}" }
            }
            dt { "{sv::PLANNED_BY}" } dd { "{v.planned_by}" }
            if let Some(note) = &v.plan.note {
                dt { "{strings::NOTE}" } dd { "{note}" }
            }
            dt { "{sv::TARGETS}" } dd { "{v.targets}" }
        }
    }
}

/// Planned against met per category, the walk-ins' line, and the total.
#[component]
pub(crate) fn CountsTable(
    by_category: Vec<(&'static str, CategoryCounts)>,
    walk_ins: CategoryCounts,
    total: CategoryCounts,
) -> Element {
    let walk_in_line = (sv::WALK_INS_LINE, walk_ins);
    rsx! {
        table { class: "list counts visit-counts",
            thead {
                tr {
                    th { "{sv::CATEGORY}" }
                    th { class: "num", "{sv::PLANNED}" }
                    th { class: "num", "{sv::MET}" }
                    th { class: "num", "{sv::RECORDED}" }
                    th { class: "num", {sv::ikd_activated()} }
                    th { class: "num", "{sv::CONFLICTS}" }
                }
            }
            tbody {
                for (label , c) in by_category.into_iter().chain(std::iter::once(walk_in_line)) {
                    tr {
                        td { "{label}" }
                        td { class: "num", "{c.planned}" }
                        td { class: "num", "{c.met}" }
                        td { class: "num", "{c.recorded}" }
                        td { class: "num", "{c.ikd_activated}" }
                        td { class: "num", "{c.conflicts}" }
                    }
                }
            }
            tfoot {
                tr {
                    th { "{sv::TOTAL}" }
                    th { class: "num", "{total.planned}" }
                    th { class: "num", "{total.met}" }
                    th { class: "num", "{total.recorded}" }
                    th { class: "num", "{total.ikd_activated}" }
                    th { class: "num", "{total.conflicts}" }
                }
            }
        }
    }
}

#[component]
fn TargetList(ctx: Ctx, visit: String, targets: Vec<TargetRow>) -> Element {
    rsx! {
        h2 { "{sv::TARGET_LIST} ({targets.len()})" }
        if targets.is_empty() {
            p { class: "empty", "{sv::NO_TARGETS}" }
        } else {
            table { class: "list targets",
                thead {
                    tr {
                        th { class: "num", "{sv::SOURCE_ROW}" }
                        th { "{strings::NAME}" }
                        th { "NIK" }
                        th { "{sv::CATEGORY}" }
                        th { "{strings::DESA}" }
                        th { class: "no-print", "{strings::ACTIONS}" }
                    }
                }
                tbody {
                    for t in targets.iter() {
                        tr { key: "{t.id}",
                            td { class: "num", {t.source_row.map(|r| r.to_string()).unwrap_or_default()} }
                            td { "{t.name}" }
                            td { class: "mono", {strings::mask_nik(&t.nik)} }
                            td { {sv::category(t.category)} }
                            td { "{t.desa_name}" }
                            td { class: "no-print",
                                form { method: "post", action: "/kunjungan/{visit}/sasaran/hapus", class: "inline",
                                    CsrfField { token: ctx.csrf.clone() }
                                    input { r#type: "hidden", name: "sasaran", value: "{t.id}" }
                                    button { r#type: "submit", "{sv::REMOVE_TARGET}" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Each phone's latest word on a person the phones disagree about (also once staff decided),
/// with the officer's name; empty when the phones agree.
fn phone_words(records: &[(String, OutcomeRecord)]) -> Vec<(String, OutcomeRecord)> {
    let words: Vec<OutcomeRecord> = records.iter().map(|(_, r)| *r).collect();
    let Settled::Conflict(latest) = Settled::of(&words) else {
        return Vec::new();
    };
    latest
        .into_iter()
        .map(|record| {
            let who = records
                .iter()
                .find(|(_, r)| r.device == record.device && r.device_seq == record.device_seq)
                .map_or("?", |(name, _)| name.as_str());
            (who.to_owned(), record)
        })
        .collect()
}

/// A settled outcome in words; a conflict lists each officer's word.
fn settled_words(settled: &Settled, records: &[(String, OutcomeRecord)]) -> String {
    match settled {
        Settled::Open => "—".to_owned(),
        Settled::Agreed { outcome, ikd } | Settled::Decided { outcome, ikd } => {
            sv::outcome(*outcome, *ikd)
        }
        Settled::Conflict(_) => phone_words(records)
            .iter()
            .map(|(who, r)| format!("{who}: {}", sv::outcome(r.outcome, r.ikd)))
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// A person the phones disagreed about, as the conflicts table shows them.
#[derive(Clone, PartialEq)]
struct Disputed {
    name: String,
    nik: String,
    what: String,
    settled: Settled,
    records: Vec<(String, OutcomeRecord)>,
    decided_by: Option<String>,
}

fn disputed(r: &VisitResults) -> Vec<Disputed> {
    let is_disputed = |s: &Settled| matches!(s, Settled::Conflict(_) | Settled::Decided { .. });
    let listed = r
        .people
        .iter()
        .filter(|p| is_disputed(&p.settled))
        .map(|p| {
            let mut what = sv::category(p.target.category).to_string();
            if p.removed {
                what = format!("{what} ({})", sv::REMOVED);
            }
            Disputed {
                name: p.target.name.clone(),
                nik: p.target.nik.clone(),
                what,
                settled: p.settled.clone(),
                records: p.records.clone(),
                decided_by: p.decided_by.clone(),
            }
        });
    let walk_ins = r
        .walk_ins
        .iter()
        .filter(|w| is_disputed(&w.settled))
        .map(|w| Disputed {
            name: w.name.clone().unwrap_or_else(|| "—".to_owned()),
            nik: w.nik.clone(),
            what: sv::WALK_IN.to_owned(),
            settled: w.settled.clone(),
            records: w.records.clone(),
            decided_by: w.decided_by.clone(),
        });
    listed.chain(walk_ins).collect()
}

/// Each phone's word with a button that settles the person on it.
#[component]
fn SettleChoices(visit: String, person: Disputed, csrf: String) -> Element {
    let decided = match (&person.settled, &person.decided_by) {
        (Settled::Decided { outcome, ikd }, Some(by)) => {
            Some(sv::decided_by(&sv::outcome(*outcome, *ikd), by))
        }
        _ => None,
    };
    rsx! {
        if let Some(decided) = decided {
            p { class: "decided", "{decided}" }
        }
        ul { class: "phone-words",
            for (who , record) in phone_words(&person.records) {
                li {
                    "{who}: {sv::outcome(record.outcome, record.ikd)} "
                    form { method: "post", action: "/kunjungan/{visit}/putuskan", class: "inline no-print",
                        CsrfField { token: csrf.clone() }
                        input { r#type: "hidden", name: "catatan", value: "{record.device}:{record.device_seq}" }
                        input { r#type: "hidden", name: "hasil", value: record.outcome.code() }
                        if let Some(ikd) = record.ikd {
                            input { r#type: "hidden", name: "ikd", value: ikd.code() }
                        }
                        button { r#type: "submit", "{sv::USE_THIS_WORD}" }
                    }
                }
            }
        }
    }
}

#[component]
fn Results(data: Shared<VisitData>, csrf: String) -> Element {
    let r = &data.results;
    let conflicts = disputed(r);
    let visit = data.visit.id.to_string();
    let not_met: Vec<_> = r.not_met().collect();
    rsx! {
        h2 { "{sv::CHECKINS}" }
        if r.checkins.is_empty() {
            p { class: "empty", "{sv::NO_CHECKINS}" }
        } else {
            table { class: "list checkins",
                thead { tr { th { "{sv::WHEN}" } th { "{sv::WHO}" } th { "{sv::PLACE}" } th { "{sv::PHOTOS}" } th { "{sv::NOTE}" } } }
                tbody {
                    for c in r.checkins.iter() {
                        {checkin_line(c, &data)}
                    }
                }
            }
        }
        if !conflicts.is_empty() {
            h2 { "{sv::CONFLICTS_TITLE} ({conflicts.len()})" }
            p { class: "muted", "{sv::CONFLICTS_HINT}" }
            table { class: "list conflicts",
                thead { tr { th { "{strings::NAME}" } th { "NIK" } th { "{sv::CATEGORY}" } th { "{sv::OUTCOME}" } } }
                tbody {
                    for p in conflicts {
                        tr {
                            td { "{p.name}" }
                            td { class: "mono", {strings::mask_nik(&p.nik)} }
                            td { "{p.what}" }
                            td { SettleChoices { visit: visit.clone(), person: p.clone(), csrf: csrf.clone() } }
                        }
                    }
                }
            }
        }
        h2 { "{sv::NOT_MET_TITLE} ({not_met.len()})" }
        if not_met.is_empty() {
            p { class: "empty", "{sv::ALL_MET}" }
        } else {
            table { class: "list not-met",
                thead { tr { th { "{strings::NAME}" } th { "NIK" } th { "{sv::CATEGORY}" } th { "{strings::DESA}" } th { "{sv::OUTCOME}" } } }
                tbody {
                    for p in not_met {
                        tr {
                            td { "{p.target.name}" }
                            td { class: "mono", {strings::mask_nik(&p.target.nik)} }
                            td { {sv::category(p.target.category)} }
                            td { "{p.target.desa_name}" }
                            td { {settled_words(&p.settled, &p.records)} }
                        }
                    }
                }
            }
        }
        if !r.walk_ins.is_empty() {
            h2 { "{sv::WALK_INS_TITLE} ({r.walk_ins.len()})" }
            table { class: "list walk-ins",
                thead { tr { th { "{strings::NAME}" } th { "NIK" } th { "{sv::OUTCOME}" } } }
                tbody {
                    for w in r.walk_ins.iter() {
                        tr {
                            td { {w.name.clone().unwrap_or_else(|| "—".to_owned())} }
                            td { class: "mono", {strings::mask_nik(&w.nik)} }
                            td { {settled_words(&w.settled, &w.records)} }
                        }
                    }
                }
            }
        }
    }
}

/// One check-in's row: the photos the office has as thumbnails, the others counted.
fn checkin_line(c: &CheckinRow, data: &VisitData) -> Element {
    let visit = data.visit.id;
    let desa = &data.visit.desa_name;
    let photos: Vec<(String, bool)> = c
        .photos
        .iter()
        .map(|h| (h.to_string(), data.received.contains(&h.to_string())))
        .collect();
    let pending = photos.iter().filter(|(_, got)| !got).count();
    // Checked in on another day than planned: staff see it beside the time.
    let recorded_on = antar_domain::sop::local_day(c.recorded_at);
    let off_day = (recorded_on != data.visit.plan.day).then(|| recorded_on.to_string());
    rsx! {
        tr {
            td {
                {strings::local_time(&c.recorded_at)}
                if let Some(day) = off_day {
                    " "
                    span { class: "flag", {sv::off_plan_day(&day)} }
                }
            }
            td { "{c.courier_name}" }
            td { {sv::checkin_place(&c.place, c.place_agrees, desa)} }
            td { class: "thumbs",
                for (hash , _) in photos.iter().filter(|(_, got)| *got) {
                    a { href: "/kunjungan/{visit}/foto/{hash}",
                        img { src: "/kunjungan/{visit}/foto/{hash}", alt: "{sv::PHOTOS}", loading: "lazy" }
                    }
                }
                if pending > 0 {
                    span { class: "muted", "{pending} {sv::PHOTO_PENDING}" }
                }
            }
            td { {c.note.clone().unwrap_or_default()} }
        }
    }
}

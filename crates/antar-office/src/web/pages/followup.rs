//! Tindak lanjut: failed and returned documents with the SOP's 14-day rule (days kept since
//! printing or since coming back to the office, due date, overdue highlighted), the desa's
//! officials with call / WhatsApp / e-mail links, and the log of each contact's outcome; the
//! list as an .xlsx to work from.

use antar_domain::contact::Phone;
use antar_domain::sop::{FollowUpChannel, FollowUpOutcome};
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, Response};
use chrono::NaiveDate;
use dioxus::prelude::*;

use super::{query, see_other};
use crate::office::{FollowUpContact, FollowUpLogged};
use crate::store::{Contact, ContactId, DocumentId, FollowUpEntry, FollowUpRow, today};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::state::StateLabel;
use crate::web::render::{self, Shared};
use crate::web::strings::documents as sd;
use crate::web::strings::exports as sx;
use crate::web::xlsx::{self, Cell, ListSheet};
use crate::web::{Web, WebError, blocking, strings};

/// Rows listed (the oldest first; they are the urgent ones).
const MAX_ROWS: u64 = 1000;
const MAX_NOTE_CHARS: usize = 500;

pub(crate) async fn list(State(web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    staff.require(Perm::FollowUp)?;
    let office = web.office.clone();
    let rows = blocking(move || office.followups(MAX_ROWS)).await?;
    Ok(render::page(
        ListPage,
        ListPageProps {
            ctx: Ctx::new(&staff, "/tindak-lanjut"),
            rows: Shared::new(rows),
        },
    ))
}

/// Rows an .xlsx holds at most: far above any day's follow-up list, far below Excel's limit.
const MAX_EXPORT_ROWS: u64 = 100_000;

/// Which rows a download holds (`daftar=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    /// Every document waiting to be collected, the overdue marked.
    All,
    /// Those whose 14 days run: back at the office or with the aparat pekon, not with a courier.
    Running,
    /// Those past the 14 days.
    Overdue,
}

impl Which {
    fn parse(value: Option<&str>) -> Option<Self> {
        match value {
            None | Some("semua") => Some(Self::All),
            Some("berjalan") => Some(Self::Running),
            Some("terlambat") => Some(Self::Overdue),
            Some(_) => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::All => "semua",
            Self::Running => "berjalan",
            Self::Overdue => "terlambat",
        }
    }

    fn holds(self, row: &FollowUpRow, today: NaiveDate) -> bool {
        let clock = row.clock();
        match self {
            Self::All => true,
            Self::Running => clock.due().is_some(),
            Self::Overdue => clock.is_overdue(today),
        }
    }

    fn label(self) -> String {
        match self {
            Self::All => sx::LIST_ALL.to_owned(),
            Self::Running => sx::LIST_RUNNING.to_owned(),
            Self::Overdue => sx::list_overdue(),
        }
    }
}

/// The list as an .xlsx (all, running or overdue by `daftar=`), in the list's order.
pub(crate) async fn xlsx(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    staff.require(Perm::FollowUp)?;
    let which = Which::parse(query(raw).get("daftar"))
        .ok_or_else(|| WebError::BadRequest(sx::UNKNOWN_LIST.to_owned()))?;
    let office = web.office.clone();
    let today = today();
    let (bytes, rows) = blocking(move || {
        let all = office.followups(MAX_EXPORT_ROWS)?;
        let cut = all.len() as u64 >= MAX_EXPORT_ROWS;
        let rows: Vec<FollowUpRow> = all.into_iter().filter(|r| which.holds(r, today)).collect();
        let n = rows.len();
        Ok((followup_workbook(which, &rows, today, cut)?, n))
    })
    .await?;
    auth::audit(
        &web,
        &staff,
        "laporan_unduh",
        None,
        Some(format!(
            "tindak_lanjut daftar={} baris={rows}",
            which.code()
        )),
    )
    .await?;
    let name = match which {
        Which::All => format!("tindak-lanjut-{today}.xlsx"),
        which => format!("tindak-lanjut-{}-{today}.xlsx", which.code()),
    };
    Ok(xlsx::download(bytes, &name))
}

/// One sheet with the page's columns: the name and a masked NIK (the owner is called by name
/// and the file leaves the office's access control, so the NIK is no more than the page
/// shows), the phone as 0812-9876-5432, dates as Excel dates, the state and the failure in
/// the page's words, and the overdue marked in a column of its own to filter on.
fn followup_workbook(
    which: Which,
    rows: &[FollowUpRow],
    today: NaiveDate,
    cut: bool,
) -> Result<Vec<u8>, crate::error::OfficeError> {
    let overdue = rows.iter().filter(|r| r.clock().is_overdue(today)).count();
    let mut label = sx::followup_label(&today.to_string(), &which.label(), rows.len(), overdue);
    if cut {
        label.push_str(&sx::cut_at(
            usize::try_from(MAX_EXPORT_ROWS).unwrap_or(usize::MAX),
        ));
    }
    let due = strings::due();
    let columns = [
        (strings::NAME, Some(28.0)),
        ("NIK", Some(19.0)),
        (strings::DOCUMENT_TYPE, Some(12.0)),
        (strings::DESA, Some(22.0)),
        (strings::KECAMATAN, Some(18.0)),
        (strings::STATUS, Some(24.0)),
        (sd::FAILURE_REASON, Some(24.0)),
        (sd::OWNER_PHONE, Some(16.0)),
        (strings::PRINTED_ON, Some(12.0)),
        (strings::KEPT_SINCE, Some(15.0)),
        (strings::DAYS_KEPT, Some(6.0)),
        (due.as_str(), Some(13.0)),
        (sx::OVERDUE_COLUMN, Some(11.0)),
        (strings::LAST_CONTACT, Some(24.0)),
    ]
    .map(|(title, width)| (title.to_owned(), width));
    let sheet = ListSheet {
        sheet_name: sx::FOLLOWUP_SHEET,
        title: sx::FOLLOWUP_TITLE,
        label: &label,
        columns: &columns,
    };
    let lines = rows.iter().map(|r| {
        let clock = r.clock();
        let status = strings::held_by_official(r).unwrap_or_else(|| strings::state_label(&r.state));
        vec![
            Cell::Text(r.name.clone()),
            Cell::Text(r.nik_masked.clone()),
            Cell::Text(r.document_type.clone()),
            Cell::Text(r.desa_name.clone()),
            Cell::Text(r.kecamatan_name.clone()),
            Cell::Text(status.to_owned()),
            Cell::text_or_blank(
                r.failure_reason
                    .as_deref()
                    .map(|code| strings::reason_label(Some(code))),
            ),
            Cell::text_or_blank(
                r.owner_phone
                    .as_deref()
                    .and_then(|p| Phone::parse(p).ok())
                    .map(|p| p.grouped()),
            ),
            r.printed_on.parse().map_or(Cell::Blank, Cell::Date),
            clock
                .since
                .map_or_else(|| Cell::Text(strings::WITH_COURIER.to_owned()), Cell::Date),
            clock.days_waiting(today).map_or(Cell::Blank, Cell::Number),
            clock.due().map_or(Cell::Blank, Cell::Date),
            if clock.is_overdue(today) {
                Cell::Text(strings::OVERDUE.to_owned())
            } else {
                Cell::Blank
            },
            Cell::Text(format!(
                "{} ({}×)",
                strings::followup_outcome_label_of(r.last_outcome.as_deref()),
                r.contacts_made
            )),
        ]
    });
    xlsx::list_workbook(&sheet, lines)
}

fn parse_doc(doc: &str) -> Result<DocumentId, WebError> {
    doc.parse()
        .map_err(|_| WebError::NotFound(strings::DOCUMENT_NOT_FOUND.to_owned()))
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    Path(doc): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::FollowUp)?;
    let doc = parse_doc(&doc)?;
    let office = web.office.clone();
    let (row, contacts, log) = blocking(move || office.followup(doc))
        .await?
        .ok_or_else(|| WebError::NotFound(strings::DOCUMENT_NOT_FOUND.to_owned()))?;
    Ok(render::page(
        DetailPage,
        DetailPageProps {
            ctx: Ctx::new(&staff, "/tindak-lanjut"),
            row: Shared::new(row),
            contacts: Shared::new(contacts),
            log: Shared::new(log),
        },
    ))
}

pub(crate) async fn post(
    State(web): State<Web>,
    Path(doc): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::FollowUp)?;
    let doc = parse_doc(&doc)?;
    let f = &post.fields;
    let channel = FollowUpChannel::parse(f.required("saluran", strings::CHANNEL)?)
        .ok_or_else(|| WebError::BadRequest(strings::UNKNOWN_CHANNEL.to_owned()))?;
    let outcome = FollowUpOutcome::parse(f.required("hasil", strings::FOLLOWUP_OUTCOME)?)
        .ok_or_else(|| WebError::BadRequest(strings::UNKNOWN_OUTCOME.to_owned()))?;
    let contact = match f.get("kontak") {
        Some(id) => Some(
            id.parse::<ContactId>()
                .map_err(|_| WebError::BadRequest(strings::UNKNOWN_CONTACT.to_owned()))?,
        ),
        None => None,
    };
    let note: Option<String> = f
        .get("catatan")
        .map(|n| n.chars().take(MAX_NOTE_CHARS).collect());
    let staff_id = post.staff.user.id;
    let office = web.office.clone();
    let logged = blocking(move || {
        let entry = FollowUpContact {
            contact_id: contact,
            channel,
            outcome,
            note: note.as_deref(),
            staff_id,
        };
        office.log_followup(doc, &entry)
    })
    .await?;
    let id = match logged {
        FollowUpLogged::Logged(id) => id,
        FollowUpLogged::NoSuchDocument => {
            return Err(WebError::NotFound(strings::DOCUMENT_NOT_FOUND.to_owned()));
        }
        FollowUpLogged::ContactNotOfDesa => {
            return Err(WebError::BadRequest(strings::UNKNOWN_CONTACT.to_owned()));
        }
    };
    auth::audit(
        &web,
        &post.staff,
        "tindak_lanjut_catat",
        Some(format!("dokumen:{doc}")),
        Some(format!("catatan:{id}")),
    )
    .await?;
    Ok(see_other(&format!("/tindak-lanjut/{doc}")))
}

#[component]
fn ListPage(ctx: Ctx, rows: Shared<Vec<FollowUpRow>>) -> Element {
    let today = today();
    let overdue = rows.iter().filter(|r| r.clock().is_overdue(today)).count();
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_FOLLOWUP.to_owned(),
            h1 { "{strings::NAV_FOLLOWUP}" }
            p { {strings::followup_rule()} }
            p { strong { {strings::followup_summary(rows.len(), overdue)} } }
            if !rows.is_empty() {
                p { class: "actions no-print",
                    a { class: "button", href: "/tindak-lanjut.xlsx", "{sx::DOWNLOAD_ALL}" }
                    a { class: "button", href: "/tindak-lanjut.xlsx?daftar=berjalan", "{sx::DOWNLOAD_RUNNING}" }
                    a { class: "button", href: "/tindak-lanjut.xlsx?daftar=terlambat", {sx::download_overdue()} }
                }
            }
            if rows.is_empty() {
                p { class: "empty", "{strings::NO_FOLLOWUPS}" }
            } else {
                table { class: "list",
                    thead {
                        tr {
                            th { "{strings::NAME}" }
                            th { "NIK" }
                            th { "{strings::DOCUMENT_TYPE}" }
                            th { "{strings::DESA}" }
                            th { "{strings::STATUS}" }
                            th { "{sd::FAILURE_REASON}" }
                            th { "{sd::OWNER_PHONE}" }
                            th { "{strings::KEPT_SINCE}" }
                            th { class: "num", "{strings::DAYS_KEPT}" }
                            th { {strings::due()} }
                            th { "{strings::LAST_CONTACT}" }
                        }
                    }
                    tbody {
                        for r in rows.iter() {
                            {
                                let clock = r.clock();
                                let overdue = clock.is_overdue(today);
                                rsx! {
                                    tr { class: if overdue { "overdue" } else { "" },
                                        td { "data-label": strings::NAME, a { href: "/tindak-lanjut/{r.document_id}", "{r.name}" } }
                                        td { "data-label": "NIK", class: "mono", "{r.nik_masked}" }
                                        td { "data-label": strings::DOCUMENT_TYPE, "{r.document_type}" }
                                        td { "data-label": strings::DESA, "{r.desa_name}, {r.kecamatan_name}" }
                                        td { "data-label": strings::STATUS,
                                            if let Some(held) = strings::held_by_official(r) {
                                                span { class: "state state-collective", "{held}" }
                                            } else {
                                                StateLabel { code: r.state.clone() }
                                            }
                                        }
                                        td { "data-label": sd::FAILURE_REASON, {r.failure_reason.as_deref().map_or_else(|| "—".to_owned(), |code| strings::reason_label(Some(code)))} }
                                        td { "data-label": sd::OWNER_PHONE, class: "mono",
                                            if let Some(phone) = r.owner_phone.as_deref().and_then(|p| Phone::parse(p).ok()) {
                                                a { href: "{phone.tel_uri()}", "{phone.grouped()}" }
                                            } else {
                                                "—"
                                            }
                                        }
                                        td { "data-label": strings::KEPT_SINCE, {clock.since.map_or_else(|| strings::WITH_COURIER.to_owned(), |d| strings::date_id(&d.to_string()))} }
                                        td { "data-label": strings::DAYS_KEPT, class: "num", {clock.days_waiting(today).map_or_else(|| "—".to_owned(), |d| d.to_string())} }
                                        td { "data-label": strings::due(), {clock.due().map_or_else(|| "—".to_owned(), |d| strings::date_id(&d.to_string()))}
                                            if overdue { " " span { class: "badge bad", "{strings::OVERDUE}" } }
                                        }
                                        td { "data-label": strings::LAST_CONTACT, {strings::followup_outcome_label_of(r.last_outcome.as_deref())} " (" "{r.contacts_made}" "×)" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn DetailPage(
    ctx: Ctx,
    row: Shared<FollowUpRow>,
    contacts: Shared<Vec<Contact>>,
    log: Shared<Vec<FollowUpEntry>>,
) -> Element {
    let today = today();
    let clock = row.clock();
    let since = clock.since.map(|d| strings::date_id(&d.to_string()));
    let timing = match (clock.since, clock.due(), clock.days_waiting(today)) {
        (Some(since), Some(due), Some(days)) => strings::followup_timing(
            &strings::date_id(&since.to_string()),
            days,
            &strings::date_id(&due.to_string()),
        ),
        _ => strings::followup_not_started(),
    };
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_FOLLOWUP.to_owned(),
            h1 { "{strings::FOLLOWUP_OF} {row.name}" }
            if crate::office::Perm::Documents.allows(ctx.role) {
                p { a { href: "/dokumen/{row.document_id}", "{crate::web::strings::documents::WHOLE_STORY}" } }
            }
            p {
                span { class: "mono", "{row.nik_masked}" }
                ", {row.document_type}, {row.desa_name}, {row.kecamatan_name} — "
                if let Some(held) = strings::held_by_official(&row) {
                    span { class: "state state-collective", "{held}" }
                } else {
                    StateLabel { code: row.state.clone() }
                }
            }
            p { class: if clock.is_overdue(today) { "overdue-box" } else { "" }, "{timing}" }
            h2 { "{strings::CONTACTS_OF_DESA}" }
            if contacts.is_empty() {
                p { class: "empty", "{strings::NO_CONTACTS} " a { href: "/kontak?desa={row.desa}", "{strings::ADD_CONTACT}" } }
            } else {
                table { class: "list",
                    thead { tr { th { "{strings::NAME}" } th { "{strings::CONTACT_ROLE}" } th { "{strings::REACH}" } } }
                    tbody {
                        for c in contacts.iter() {
                            tr {
                                td { "data-label": strings::NAME, "{c.name}" }
                                td { "data-label": strings::CONTACT_ROLE, "{c.role}" }
                                td { "data-label": strings::REACH, class: "reach",
                                    if let Some(phone) = c.phone.as_deref().and_then(|p| Phone::parse(p).ok()) {
                                        a { class: "button", href: "{phone.tel_uri()}", "{strings::CALL} {phone.grouped()}" }
                                        a { class: "button", href: "{phone.wa_me_uri()}?text={crate::web::error::urlencode(&sd::whatsapp_message(&c.name, &row, since.as_deref()))}", target: "_blank", rel: "noopener", "{sd::WHATSAPP_TEMPLATE}" }
                                    }
                                    if let Some(email) = &c.email {
                                        a { class: "button", href: "mailto:{email}", "{strings::EMAIL}" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "{strings::LOG_CONTACT}" }
            form { method: "post", action: "/tindak-lanjut/{row.document_id}", class: "grid",
                CsrfField { token: ctx.csrf.clone() }
                label { "{strings::CONTACT_PERSON}"
                    select { name: "kontak",
                        option { value: "", "—" }
                        for c in contacts.iter() {
                            option { value: "{c.id}", "{c.name} ({c.role})" }
                        }
                    }
                }
                label { "{strings::CHANNEL}"
                    select { name: "saluran",
                        for (code , label) in FollowUpChannel::ALL.into_iter().map(|c| (c.code(), strings::channel_label(c))) {
                            option { value: code, "{label}" }
                        }
                    }
                }
                label { "{strings::FOLLOWUP_OUTCOME}"
                    select { name: "hasil",
                        for (code , label) in FollowUpOutcome::ALL.into_iter().map(|o| (o.code(), strings::followup_outcome_label(o))) {
                            option { value: code, "{label}" }
                        }
                    }
                }
                label { "{strings::NOTE}"
                    input { name: "catatan", maxlength: "500" }
                }
                button { r#type: "submit", class: "primary", "{strings::SAVE}" }
            }
            h2 { "{strings::CONTACT_LOG}" }
            if log.is_empty() {
                p { class: "empty", "{strings::NO_LOG}" }
            } else {
                table { class: "list",
                    thead { tr { th { "{strings::WHEN}" } th { "{strings::STAFF}" } th { "{strings::CONTACT_PERSON}" } th { "{strings::CHANNEL}" } th { "{strings::FOLLOWUP_OUTCOME}" } th { "{strings::NOTE}" } } }
                    tbody {
                        for e in log.iter() {
                            tr {
                                td { "data-label": strings::WHEN, {strings::local_time_text(&e.at)} }
                                td { "data-label": strings::STAFF, "{e.staff}" }
                                td { "data-label": strings::CONTACT_PERSON, {e.contact.clone().unwrap_or_else(|| "—".to_owned())} }
                                td { "data-label": strings::CHANNEL, {strings::channel_label_of(&e.channel)} }
                                td { "data-label": strings::FOLLOWUP_OUTCOME, {strings::followup_outcome_label_of(Some(&e.outcome))} }
                                td { "data-label": strings::NOTE, {e.note.clone().unwrap_or_default()} }
                            }
                        }
                    }
                }
            }
        }
    }
}

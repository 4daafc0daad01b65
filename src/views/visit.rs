//! One visit: its counts, the plan (venue, desa, kind, team, note), the check-in and walk-in
//! actions, and its people, searchable by name or the NIK's last digits and filtered to
//! those not met yet. The device does the searching; this screen only asks.

use antar_device::VisitTarget;
use antar_domain::ids::{ManifestId, VisitId};
use dioxus::prelude::*;

use crate::components::focus_field;
use crate::state::listing::masked_nik;
use crate::state::{Route, use_app};
use crate::strings::fill;
use crate::views::visits::{VisitCountPills, open_for_recording};

const SCROLL_TO_SEARCH: &str =
    "document.getElementById('people-search-form')?.scrollIntoView({block: 'start'});";

#[component]
pub fn Visit(visit: VisitId) -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let v = t.visits();
    let Some(card) = state.visits.card(visit).cloned() else {
        return rsx! { p { "{t.loading}" } };
    };
    let people = state.visits.people_of(visit).map(|p| p.list.clone());
    let query = state.visits.query.clone();
    let only_not_met = state.visits.only_not_met;
    // The visit's own BAs with cards left to hand over; an office too old to say which are its
    // own leaves every visit BA on the phone to choose from.
    let own = |id: &ManifestId| card.manifests.is_empty() || card.manifests.contains(id);
    let bas: Vec<(ManifestId, String)> = state
        .cards
        .iter()
        .flatten()
        .filter(|ba| ba.number.is_visit() && own(&ba.id) && ba.pending + ba.failed > 0)
        .map(|ba| (ba.id, ba.number.to_string()))
        .collect();
    drop(state);
    let several_bas = bas.len() > 1;
    let words = t.words();
    let open = open_for_recording(&card);
    let first = people.as_ref().and_then(|list| list.first().cloned());
    let open_first = move |event: FormEvent| {
        event.prevent_default();
        if let Some(person) = first.clone() {
            open_person(app, visit, person);
        }
    };
    let searched = query.clone();
    rsx! {
        VisitCountPills { counts: card.counts }
        // The plan in three short lines: at the venue the list below is what the team needs
        // within a thumb's reach.
        section { class: "plan", "aria-label": v.visit_day,
            p { strong { {card.visit_day.format("%d-%m-%Y").to_string()} }
                {format!(" · {} · {}", words.visit_kind(card.kind), words.visit_state(card.state))}
            }
            p { "{card.desa_name}, {card.kecamatan_name}" }
            if !card.team.is_empty() {
                p { class: "hint", {format!("{}: {}", v.visit_team, card.team.join(", "))} }
            }
            if let Some(note) = &card.note {
                p { class: "hint", {format!("{}: {note}", v.visit_note)} }
            }
        }
        if card.list_removed {
            p { class: "notice", "{v.visit_removed}" }
        } else if !open {
            p { class: "notice error", "{v.visit_cancelled}" }
        }
        if open {
            div { class: "actions",
                button { r#type: "button", id: "checkin",
                    class: if card.checked_in { "secondary" } else { "" },
                    onclick: move |_| app.go(Route::VisitCheckin(visit)),
                    if card.checked_in { "{v.visit_checkin_again}" } else { "{v.visit_checkin}" }
                }
                button { r#type: "button", class: "secondary", id: "walk-in",
                    onclick: move |_| {
                        let mut state = app.state;
                        state.write().visits.walk_in_error = None;
                        app.go(Route::WalkIn(visit));
                    },
                    "{v.visit_walk_in}"
                }
                for (ba, number) in bas {
                    button { r#type: "button", class: "secondary", key: "{ba}",
                        "data-ba": "{number}",
                        onclick: move |_| app.go(Route::VisitHandover(visit, ba)),
                        if several_bas { "{v.visit_handover} · {number}" } else { "{v.visit_handover}" }
                    }
                }
            }
            form { role: "search", id: "people-search-form", onsubmit: open_first,
                label { r#for: "people-search", "{t.items_search}" }
                input {
                    id: "people-search",
                    r#type: "search",
                    onmounted: focus_field,
                    placeholder: t.items_search_hint,
                    initial_value: query,
                    oninput: move |e: FormEvent| {
                        app.search_people(visit, e.value(), only_not_met);
                        // What was found shows under the field, not below the plan: on a
                        // phone the keyboard covers the lower half.
                        document::eval(SCROLL_TO_SEARCH);
                    },
                }
            }
            button {
                r#type: "button",
                id: "only-not-met",
                class: if only_not_met { "toggle chosen" } else { "toggle" },
                "aria-pressed": only_not_met,
                onclick: move |_| app.search_people(visit, searched.clone(), !only_not_met),
                "{v.visit_only_not_met}"
            }
            // Tall enough for the search to scroll to the top even when one person is found.
            div { class: "people",
                match people {
                    None => rsx! { p { class: "hint", "{t.loading}" } },
                    Some(list) if list.is_empty() => rsx! { p { class: "hint", "{v.visit_people_none}" } },
                    Some(list) => rsx! {
                        p { class: "hint", id: "people-shown", {fill(v.visit_people_shown, &[("n", &list.len().to_string())])} }
                        for person in list {
                            PersonRow { key: "{person.nik.last_digits(6)}-{person.id:?}", visit, person }
                        }
                    },
                }
            }
        }
    }
}

fn open_person(app: crate::state::App, visit: VisitId, person: VisitTarget) {
    let mut state = app.state;
    state.write().visits.person = Some(person);
    app.go(Route::VisitPerson(visit));
}

#[component]
fn PersonRow(visit: VisitId, person: VisitTarget) -> Element {
    let app = use_app();
    let t = app.state.read().strings();
    let v = t.visits();
    let words = t.words();
    let category = match person.category() {
        Some(category) => words.phone_category(category),
        None => v.visit_walk_in_mark,
    };
    let (outcome, class) = match person.outcome {
        Some(outcome) if outcome.met() => (words.recording_outcome(outcome), "pill delivered"),
        Some(outcome) => (words.recording_outcome(outcome), "pill failed"),
        None => (v.visit_no_outcome, "pill pending"),
    };
    let ikd = person.ikd.map(|ikd| words.ikd_outcome(ikd));
    let tapped = person.clone();
    let name = match person.name.trim() {
        "" => "—".to_owned(),
        name => name.to_owned(),
    };
    rsx! {
        button {
            r#type: "button",
            class: "item person",
            onclick: move |_| open_person(app, visit, tapped.clone()),
            span { class: "who",
                strong { "{name}" }
                span { class: "where", "{masked_nik(person.nik.last_digits(4))} · {category}" }
            }
            span { class: "outcome",
                span { class, "{outcome}" }
                if let Some(ikd) = ikd {
                    span { class: "pill ikd", "{ikd}" }
                }
            }
        }
    }
}

//! The position for an attempt: the live fix's accuracy and, where given, the place check
//! against the KTP's desa in one line; a toggle to wait for a better fix (its label never
//! changes); and typing a position when no receiver gives one, folded away.

use antar_domain::attempt::{FixProvider, GpsFix};
use antar_domain::place::PlaceVerdict;
use chrono::Utc;
use dioxus::prelude::*;
use futures_util::StreamExt;

use crate::platform::PositionEvent;
use crate::state::use_app;
use crate::state::use_platform;
use crate::strings::fill;

/// Accuracy a courier can stop waiting at: well inside a desa, and what a phone reaches
/// outdoors within a minute.
pub const GOOD_ACCURACY_M: f64 = 20.0;

/// How long a fix stays better than a newer, less accurate one.
const FIX_KEEP_SECS: i64 = 60;

/// Whether a new fix should replace the one held.
pub(crate) fn better_fix(held: Option<&GpsFix>, new: &GpsFix) -> bool {
    match held {
        None => true,
        Some(held) => {
            new.accuracy_m() <= held.accuracy_m()
                || (new.taken_at() - held.taken_at()).num_seconds() > FIX_KEEP_SECS
        }
    }
}

#[component]
pub fn PositionControl(
    fix: Signal<Option<GpsFix>>,
    wait_better: Signal<bool>,
    /// The place check of the current fix, shown beside its accuracy.
    verdict: Option<PlaceVerdict>,
) -> Element {
    let t = use_app().state.read().strings();
    let platform = use_platform();
    let mut unavailable = use_signal(|| None::<String>);
    use_future(move || {
        let platform = platform.clone();
        async move {
            let mut positions = platform.watch_position();
            while let Some(event) = positions.next().await {
                match event {
                    PositionEvent::Fix(new) => {
                        if better_fix(fix.peek().as_ref(), &new) {
                            fix.set(Some(new));
                        }
                        unavailable.set(None);
                    }
                    PositionEvent::Unavailable(reason) => unavailable.set(Some(reason)),
                }
            }
        }
    });
    let mut lat = use_signal(String::new);
    let mut lon = use_signal(String::new);
    let mut accuracy = use_signal(|| "10".to_owned());
    let mut typed_error = use_signal(|| None::<String>);
    let use_typed = move |_| {
        let parse = |s: &str| s.trim().replace(',', ".").parse::<f64>();
        let result = match (
            parse(&lat.read()),
            parse(&lon.read()),
            parse(&accuracy.read()),
        ) {
            (Ok(la), Ok(lo), Ok(acc)) => {
                GpsFix::new(la, lo, acc, Utc::now(), FixProvider::Manual).map_err(|e| e.to_string())
            }
            _ => Err("angka tidak terbaca".to_owned()),
        };
        match result {
            Ok(typed) => {
                fix.set(Some(typed));
                typed_error.set(None);
            }
            Err(reason) => {
                typed_error.set(Some(fill(t.attempt_gps_bad_number, &[("reason", &reason)])))
            }
        }
    };
    let current = *fix.read();
    let accuracy_ok = current.is_some_and(|f| f.accuracy_m() <= GOOD_ACCURACY_M);
    rsx! {
        section { class: "panel position", "aria-labelledby": "gps-title",
            h3 { id: "gps-title", "{t.attempt_gps}" }
            p { class: "gps-line",
                match current {
                    Some(f) => rsx! {
                        span { id: "gps-accuracy",
                            {fill(t.attempt_gps_accuracy, &[("m", &format!("{:.0}", f.accuracy_m()))])}
                        }
                    },
                    None => rsx! { span { "{t.attempt_gps_waiting}" } },
                }
            }
            if let Some(v) = &verdict {
                p { class: "verdict {v.code()}", id: "place-verdict", title: t.attempt_place_hint, {t.place(v)} }
            }
            if let Some(reason) = unavailable() {
                p { class: "hint", "{reason}" }
            }
            button {
                r#type: "button",
                id: "wait-better",
                class: if wait_better() { "toggle chosen" } else { "toggle" },
                "aria-pressed": wait_better(),
                onclick: move |_| wait_better.toggle(),
                "{t.attempt_gps_wait_better}"
            }
            if wait_better() && accuracy_ok {
                p { class: "hint", "{t.attempt_gps_good_enough}" }
            }
            details {
                summary { "{t.attempt_gps_manual}" }
                div { class: "row",
                    div {
                        label { r#for: "gps-lat", "{t.attempt_gps_lat}" }
                        input { id: "gps-lat", inputmode: "decimal", initial_value: lat.peek().clone(), oninput: move |e: FormEvent| lat.set(e.value()) }
                    }
                    div {
                        label { r#for: "gps-lon", "{t.attempt_gps_lon}" }
                        input { id: "gps-lon", inputmode: "decimal", initial_value: lon.peek().clone(), oninput: move |e: FormEvent| lon.set(e.value()) }
                    }
                    div {
                        label { r#for: "gps-acc", "{t.attempt_gps_acc}" }
                        input { id: "gps-acc", inputmode: "decimal", initial_value: accuracy.peek().clone(), oninput: move |e: FormEvent| accuracy.set(e.value()) }
                    }
                }
                if let Some(text) = typed_error() {
                    p { class: "notice error", "{text}" }
                }
                button { r#type: "button", class: "secondary wide", onclick: use_typed, "{t.attempt_gps_use}" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn fix(accuracy: f64, seconds: i64) -> GpsFix {
        let at = Utc::now() + Duration::seconds(seconds);
        GpsFix::new(-5.45, 104.62, accuracy, at, FixProvider::Gps).unwrap()
    }

    #[test]
    fn a_fix_is_kept_until_a_better_one_or_a_minute_passes() {
        let held = fix(30.0, 0);
        assert!(better_fix(None, &held));
        assert!(better_fix(Some(&held), &fix(8.0, 5)));
        assert!(!better_fix(Some(&held), &fix(60.0, 5)));
        assert!(better_fix(Some(&held), &fix(60.0, 61)));
    }
}

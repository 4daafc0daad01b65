//! The QR code on the printed BA. It encodes `antar://manifest/<manifest id>?office=<base url>`:
//! the courier's app scans it, and with its enrollment token fetches
//! `<base url>/api/v1/manifests/<manifest id>` (the id is not a secret: the API answers only
//! the courier the BA was issued to).

use dioxus::prelude::*;
use qrcode::QrCode;
use qrcode::render::svg;

pub(crate) fn link(manifest_id: &str, base_url: &str) -> String {
    format!(
        "antar://manifest/{manifest_id}?office={}",
        crate::web::error::urlencode(base_url).replace("%3A", ":")
    )
}

/// The QR code as inline SVG (without the XML prolog).
pub(crate) fn svg_of(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(150, 150)
        .quiet_zone(true)
        .build();
    let start = svg.find("<svg")?;
    Some(svg[start..].to_owned())
}

#[component]
pub(crate) fn QrCodeSvg(text: String) -> Element {
    let svg = svg_of(&text).unwrap_or_default();
    rsx! {
        div { class: "qr", dangerous_inner_html: "{svg}" }
    }
}

//! The desa's outline as an SVG map with the attempt's GPS point and its accuracy circle,
//! drawn from the polygons shipped in `antar_domain::place` (no tile server, works offline).

use antar_domain::place::PlaceIndex;
use antar_domain::region::RegionCode;
use dioxus::prelude::*;

use crate::web::strings;

/// Width of the drawing in SVG units; the height follows the outline's shape.
const WIDTH: f64 = 600.0;
/// Metres per degree of latitude.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// The SVG text, or `None` when the desa has no outline. Only numbers go into it.
pub(crate) fn svg(desa: &str, point: Option<(f64, f64, f64)>) -> Option<String> {
    let code = RegionCode::parse(desa).ok()?;
    let index = PlaceIndex::tanggamus();
    let outline = index.outline(&code)?;
    let bounds = index.bounds(&code)?;
    let (mut min_x, mut min_y) = (bounds.min().x, bounds.min().y);
    let (mut max_x, mut max_y) = (bounds.max().x, bounds.max().y);
    if let Some((lat, lon, accuracy)) = point {
        let r = accuracy / METRES_PER_DEGREE;
        min_x = min_x.min(lon - r);
        max_x = max_x.max(lon + r);
        min_y = min_y.min(lat - r);
        max_y = max_y.max(lat + r);
    }
    // Longitude degrees shrink with latitude; near the equator barely, but keep shapes true.
    let cos = ((min_y + max_y) / 2.0).to_radians().cos().max(0.01);
    let margin = 0.05 * (max_x - min_x).max(max_y - min_y);
    min_x -= margin;
    max_x += margin;
    min_y -= margin;
    max_y += margin;
    let width_deg = ((max_x - min_x) * cos).max(1e-9);
    let k = WIDTH / width_deg;
    let height = ((max_y - min_y) * k).max(1.0);
    let project = |lon: f64, lat: f64| ((lon - min_x) * cos * k, (max_y - lat) * k);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" \
         class=\"map\" role=\"img\">"
    );
    for polygon in &outline.0 {
        let mut d = String::new();
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for (n, c) in ring.0.iter().enumerate() {
                let (x, y) = project(c.x, c.y);
                d.push_str(&format!("{}{x:.1},{y:.1} ", if n == 0 { "M" } else { "L" }));
            }
            d.push_str("Z ");
        }
        out.push_str(&format!(
            "<path d=\"{d}\" fill=\"#e8f0e0\" stroke=\"#2f5d1e\" stroke-width=\"2\" \
             fill-rule=\"evenodd\"/>"
        ));
    }
    if let Some((lat, lon, accuracy)) = point {
        let (x, y) = project(lon, lat);
        let r = (accuracy / METRES_PER_DEGREE * k).max(3.0);
        out.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"#c0392b\" \
             fill-opacity=\"0.15\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#c0392b\" stroke=\"#fff\" \
             stroke-width=\"2\"/>"
        ));
    }
    out.push_str("</svg>");
    Some(out)
}

#[component]
pub(crate) fn DesaMap(desa: String, point: Option<(f64, f64, f64)>) -> Element {
    match svg(&desa, point) {
        Some(svg) => rsx! {
            figure { class: "map",
                div { dangerous_inner_html: "{svg}" }
                figcaption { "{strings::MAP_CAPTION}" }
            }
        },
        None => rsx! {
            p { class: "muted", "{strings::MAP_MISSING}" }
        },
    }
}

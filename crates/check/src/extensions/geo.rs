//! Places: the W3C Basic Geo vocabulary (`geo:`), GeoURL, ICBM, and GeoRSS
//! with its GML shapes.

use crate::tree::{Attrs, El, Seen, Value, Walker};
use crate::Code;

use super::Scope;

/// Checks a geographic element (valid anywhere).
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, _scope: Scope) -> Option<Attrs> {
    let latitude = Value::Latitude.leaf();
    let longitude = Value::Longitude.leaf();
    match (el.name.prefix, el.name.local) {
        ("geo", "Point") => {
            let seen = w.children(el, |w, child, seen| {
                match (child.name.prefix, child.name.local) {
                    ("geo", "lat") => w.leaf(child, seen, latitude),
                    ("geo", "long") => w.leaf(child, seen, longitude),
                    _ => None,
                }
            });
            for (name, what) in [("lat", "geo:lat"), ("long", "geo:long")] {
                if !seen.has("geo", name) {
                    w.report(
                        el,
                        Code::MissingElement,
                        format!("<geo:Point> must contain a <{what}>"),
                    );
                }
            }
            Some(Attrs::Only(&[]))
        }
        ("geo", "lat") | ("geourl" | "icbm", "latitude") => w.leaf(el, seen, latitude),
        ("geo", "long") | ("geourl" | "icbm", "longitude") => w.leaf(el, seen, longitude),
        ("geo", "alt") | ("georss", "elev") => w.leaf(el, seen, Value::Decimal.leaf()),
        ("georss", "where") => Some(georss_where(w, el)),
        ("georss", "point") => w.leaf(el, seen, Value::GmlPos.leaf()),
        ("georss", "line" | "polygon") => w.leaf(el, seen, Value::GmlPosList.leaf()),
        ("georss", "featureTypeTag" | "relationshipTag" | "featureName") => {
            w.leaf(el, seen, Value::Text.leaf())
        }
        ("georss", "floor") => w.leaf(el, seen, Value::Integer.leaf()),
        ("georss", "radius") => w.leaf(el, seen, Value::Float.leaf()),
        _ => None,
    }
}

const SRS_NAME: Attrs = Attrs::Only(&[("", "srsName")]);

/// `georss:where`: one GML shape.
fn georss_where(w: &mut Walker, el: &El) -> Attrs {
    w.children(el, |w, shape, _| {
        match (shape.name.prefix, shape.name.local) {
            ("gml", "Point") => Some(gml(w, shape, &[("pos", Value::GmlPos)])),
            ("gml", "LineString") => Some(gml(w, shape, &[("posList", Value::GmlPosList)])),
            ("gml", "Polygon") => {
                w.children(shape, |w, exterior, _| {
                    exterior.name.is("gml", "exterior").then(|| {
                        w.children(exterior, |w, ring, _| {
                            ring.name
                                .is("gml", "LinearRing")
                                .then(|| gml(w, ring, &[("posList", Value::GmlPosList)]))
                        });
                        Attrs::Only(&[])
                    })
                });
                Some(SRS_NAME)
            }
            ("gml", "Envelope") => Some(gml(
                w,
                shape,
                &[
                    ("lowerCorner", Value::GmlPos),
                    ("upperCorner", Value::GmlPos),
                ],
            )),
            _ => None,
        }
    });
    Attrs::Only(&[])
}

/// A GML shape holding the named position elements.
fn gml(w: &mut Walker, el: &El, parts: &[(&str, Value)]) -> Attrs {
    w.children(el, |w, child, seen| {
        let (_, value) = parts.iter().find(|(name, _)| child.name.is("gml", name))?;
        w.leaf(child, seen, value.leaf())
    });
    SRS_NAME
}

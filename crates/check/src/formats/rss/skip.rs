//! `<skipHours>` and `<skipDays>`: when aggregators need not read the feed.

use crate::tree::leaf::python_int;
use crate::tree::{Attrs, El, Walker};
use crate::Code;

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Checks `<skipHours>`: hours 0 to 23, each once.
pub(super) fn check_hours(w: &mut Walker, el: &El) -> Attrs {
    let mut hours: Vec<i128> = Vec::new();
    let seen = w.children(el, |w, child, seen| {
        if !child.name.is("", "hour") {
            return None;
        }
        let value = child.text().trim().to_string();
        let attrs = w.leaf(child, seen, crate::tree::Value::Text.leaf());
        let hour = python_int(&value);
        if let Some(h) = hour {
            if hours.contains(&h) || ((h == 0 || h == 24) && hours.contains(&(24 - h))) {
                w.report(
                    child,
                    Code::DuplicateValue,
                    format!("the hour {value} is listed twice"),
                );
            }
        }
        match hour {
            Some(h) if (0..=23).contains(&h) => hours.push(h),
            _ if value == "24" => w.report(
                child,
                Code::UseZeroForMidnight,
                "write midnight as <hour>0</hour>, not 24",
            ),
            _ => w.report(
                child,
                Code::InvalidHour,
                format!("an hour is a whole number from 0 to 23, not {value:?}"),
            ),
        }
        attrs
    });
    if !seen.has("", "hour") {
        w.report(
            el,
            Code::MissingElement,
            "<skipHours> must contain an <hour>",
        );
    }
    if seen.len() > 24 {
        w.report(
            el,
            Code::NotEnoughHoursInTheDay,
            "<skipHours> lists more than 24 hours",
        );
    }
    Attrs::Only(&[])
}

/// Checks `<skipDays>`: day names, each once.
pub(super) fn check_days(w: &mut Walker, el: &El) -> Attrs {
    let mut days: Vec<String> = Vec::new();
    let seen = w.children(el, |w, child, seen| {
        if !child.name.is("", "day") {
            return None;
        }
        let value = child.text().trim().to_string();
        let attrs = w.leaf(child, seen, crate::tree::Value::Text.leaf());
        if !DAYS.contains(&value.as_str()) {
            w.report(
                child,
                Code::InvalidDay,
                format!("a day is Monday to Sunday, not {value:?}"),
            );
        } else if days.contains(&value) {
            w.report(
                child,
                Code::DuplicateValue,
                format!("{value} is listed twice"),
            );
        } else {
            days.push(value);
        }
        attrs
    });
    if !seen.has("", "day") {
        w.report(el, Code::MissingElement, "<skipDays> must contain a <day>");
    }
    if seen.len() > 7 {
        w.report(
            el,
            Code::EightDaysAWeek,
            "<skipDays> lists more than 7 days",
        );
    }
    Attrs::Only(&[])
}

//! Google Base (`g:`): listings' attributes, in items and entries.

use super::media::COUNTRIES;
use super::Scope;
use crate::rules::uris::UriRule;
use crate::tree::{Attrs, El, Leaf, Seen, Value, Walker};
use crate::Code;

/// ISO 4217 currency codes, as the validator lists them.
const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZM", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYR", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CSD", "CUP",
    "CVE", "CYP", "CZK", "DJF", "DKK", "DOP", "DZD", "EEK", "EGP", "ERN", "ETB", "EUR", "FJD",
    "FKP", "GBP", "GEL", "GHC", "GIP", "GMD", "GNF", "GTQ", "GWP", "GYD", "HKD", "HNL", "HRK",
    "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
    "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LTL",
    "LVL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRO", "MTL", "MUR", "MWK",
    "MXN", "MXV", "MYR", "MZM", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "ROL", "RON", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDD", "SEK", "SGD", "SHP", "SIT", "SKK", "SLL", "SOS", "SRD", "STD", "SVC", "SYP", "SZL",
    "THB", "TJS", "TMM", "TND", "TOP", "TRL", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD",
    "USN", "USS", "UYU", "UZS", "VEB", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB",
    "XBC", "XBD", "XCD", "XDR", "XFO", "XFU", "XOF", "XPD", "XPF", "XPT", "XTS", "XXX", "YER",
    "ZAR", "ZMK", "ZWD",
];

/// The rule for a simple Google Base attribute.
fn leaf(name: &str) -> Option<Leaf> {
    let plain = Value::NonHtml.leaf().once();
    Some(match name {
        "actor"
        | "agent"
        | "area"
        | "apparel_type"
        | "artist"
        | "author"
        | "brand"
        | "color"
        | "condition"
        | "course"
        | "course_number"
        | "course_times"
        | "cuisine"
        | "delivery_notes"
        | "education"
        | "employer"
        | "ethnicity"
        | "format"
        | "id"
        | "immigration_status"
        | "interested_in"
        | "isbn"
        | "job_function"
        | "job_industry"
        | "job_type"
        | "main_ingredient"
        | "make"
        | "manufacturer"
        | "manufacturer_id"
        | "meal_type"
        | "model"
        | "model_number"
        | "name_of_item_being_reviewed"
        | "news_source"
        | "occupation"
        | "payment_notes"
        | "product_type"
        | "property_type"
        | "publication_name"
        | "publication_volume"
        | "review_type"
        | "school_district"
        | "service_type"
        | "sexual_orientation"
        | "size"
        | "subject"
        | "subject_area"
        | "tax_region"
        | "university"
        | "upc"
        | "vehicle_type"
        | "vin" => plain,
        "age" | "bathrooms" | "bedrooms" => Value::NonNegativeInteger.leaf().once(),
        "calories" | "cholesterol" | "cooking_time" | "fiber" | "hoa_dues" | "salary"
        | "saturated_fat" | "servings" | "sodium" | "total_carbs" | "total_fat" => {
            Value::GFloat.leaf().once()
        }
        "delivery_radius" | "megapixels" | "memory" | "preparation_time" | "price"
        | "processor_speed" | "protein" | "weight" => Value::FloatUnit.leaf().once(),
        "currency" => Value::OneOf(CURRENCIES, Code::InvalidCurrencyUnit)
            .leaf()
            .once(),
        "expiration_date" | "publish_date" => Value::Iso8601Date.leaf().once(),
        "expiration_date_time" => Value::Iso8601 { bounded: true }.leaf().once(),
        "from_location" | "to_location" => Value::Location.leaf().once(),
        "location" => Value::FullLocation.leaf().once(),
        "gender" => Value::OneOf(&["Male", "M", "Female", "F"], Code::InvalidGender)
            .leaf()
            .once(),
        "listing_type" | "pickup" => Value::TrueFalse.leaf().once(),
        "marital_status" => Value::OneOf(
            &[
                "single",
                "divorced",
                "separated",
                "widowed",
                "married",
                "in relationship",
            ],
            Code::InvalidMaritalStatus,
        )
        .leaf()
        .once(),
        "mileage" => Value::IntUnit.leaf().once(),
        "pages" => Value::PositiveInteger.leaf().nonblank().once(),
        "quantity" => Value::NonNegativeInteger.leaf().nonblank().once(),
        "payment_accepted" => Value::OneOf(
            &[
                "Cash",
                "Check",
                "Visa",
                "MasterCard",
                "AmericanExpress",
                "Discover",
                "WireTransfer",
            ],
            Code::InvalidPaymentMethod,
        )
        .leaf(),
        "price_type" => Value::OneOf(&["negotiable", "starting"], Code::InvalidPriceType)
            .leaf()
            .once(),
        "rating" => Value::OneOf(&["1", "2", "3", "4", "5"], Code::InvalidRatingType)
            .leaf()
            .once(),
        "reviewer_type" => Value::OneOf(&["editorial", "user"], Code::InvalidReviewerType)
            .leaf()
            .once(),
        "salary_type" => Value::OneOf(&["starting", "negotiable"], Code::InvalidSalaryType)
            .leaf()
            .once(),
        "tax_percent" => Value::Percent.leaf().once(),
        "url_of_item_being_reviewed" => Value::Uri(UriRule::Full, Code::InvalidFullLink)
            .leaf()
            .once(),
        "year" => Value::Year.leaf().once(),
        _ => return None,
    })
}

/// Checks a Google Base element (items and entries only).
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, scope: Scope) -> Option<Attrs> {
    if !scope.is_item() {
        return None;
    }
    let name = el.name.local.replace('-', "_");
    match name.as_str() {
        "image_link" | "label" => {
            if seen.count("g", el.name.local) == 10 {
                w.report(
                    el,
                    Code::TooMany,
                    format!("at most ten <{}> per item", el.name),
                );
            }
            let value = if name == "label" {
                Value::Label
            } else {
                Value::Uri(UriRule::Full, Code::InvalidFullLink)
            };
            w.leaf(el, seen, value.leaf())
        }
        "shipping" => {
            w.once(el, seen, Code::DuplicateElement);
            Some(complex(w, el, |name| match name {
                "service" => Some(
                    Value::OneOf(
                        &[
                            "FedEx",
                            "UPS",
                            "DHL",
                            "Mail",
                            "Other",
                            "Overnight",
                            "Standard",
                        ],
                        Code::InvalidServiceType,
                    )
                    .leaf()
                    .once(),
                ),
                "country" => Some(
                    Value::OneOf(COUNTRIES, Code::InvalidCountryCode)
                        .leaf()
                        .once(),
                ),
                "price" => Some(Value::FloatUnit.leaf().once()),
                _ => None,
            }))
        }
        "course_date_range" | "event_date_range" | "travel_date_range" => {
            w.once(el, seen, Code::DuplicateElement);
            Some(complex(w, el, |name| match name {
                "start" | "end" => Some(Value::Iso8601 { bounded: true }.leaf().once()),
                _ => None,
            }))
        }
        other => {
            let rule = leaf(other)?;
            w.leaf(el, seen, rule)
        }
    }
}

/// A Google Base attribute made of sub-elements, each checked by `part`.
fn complex(w: &mut Walker, el: &El, part: impl Fn(&str) -> Option<Leaf>) -> Attrs {
    w.children(el, |w, child, seen| {
        if child.name.prefix != "g" {
            return None;
        }
        let rule = part(&child.name.local.replace('-', "_"))?;
        w.leaf(child, seen, rule)
    });
    if w.is_rss1() {
        Attrs::Only(&[(crate::spec::RDF_NS, "parseType")])
    } else {
        Attrs::Only(&[])
    }
}

//! What RSS and Atom entries share: the Media RSS element for a post's image
//! whose file is not found (one that is becomes an enclosure instead).

use super::text::push_escaped;
use crate::feed::FeedImage;

/// `<media:content medium="image" type="…" url="…"></media:content>`.
pub(crate) fn push_media_content(out: &mut String, image: &FeedImage) {
    out.push_str("<media:content medium=\"image\"");
    if let Some(media_type) = image.media_type {
        out.push_str(" type=\"");
        out.push_str(media_type);
        out.push('"');
    }
    out.push_str(" url=\"");
    push_escaped(out, image.url.as_str());
    out.push_str("\"></media:content>");
}

//! What RSS and Atom entries share: the Media RSS element for a post's image.

use std::collections::BTreeMap;

use rss::extension::Extension;

use crate::feed::FeedImage;

/// `<media:content url="…" medium="image" type="…"/>`.
pub(crate) fn media_content(image: &FeedImage) -> Extension {
    let mut attrs = BTreeMap::new();
    attrs.insert("url".to_string(), image.url.to_string());
    attrs.insert("medium".to_string(), "image".to_string());
    if let Some(media_type) = image.media_type {
        attrs.insert("type".to_string(), media_type.to_string());
    }
    Extension {
        name: "media:content".to_string(),
        // An empty value keeps the pretty-printer from putting whitespace inside.
        value: Some(String::new()),
        attrs,
        children: BTreeMap::new(),
    }
}

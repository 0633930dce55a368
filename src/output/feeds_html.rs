//! `feeds.html`: a page people can open. Browsers are removing XSLT, so no
//! feed carries a stylesheet; instead this small static page (no script)
//! lists every feed the build wrote with its format and an address to copy,
//! says what a feed reader is, and shows the main feed's latest entries. Its
//! head carries the autodiscovery `<link rel="alternate">` tags that
//! `feedwright build --print-discovery` prints for a theme's `<head>`.

use super::render::{EntryLine, WrittenFeed};
use super::text::push_escaped;
use super::OutputFile;
use crate::config::Config;
use crate::content::date::to_rfc3339;
use crate::feed::sets::Scope;

/// The autodiscovery tags of the site's own feeds, one a line: what a theme's
/// `<head>` carries so browsers and readers find the feeds from any page.
pub(crate) fn discovery_tags(feeds: &[WrittenFeed]) -> String {
    let mut out = String::new();
    for feed in feeds.iter().filter(|f| f.scope == Scope::Site) {
        out.push_str("<link rel=\"alternate\" type=\"");
        out.push_str(feed.format.media_type());
        out.push_str("\" title=\"");
        push_escaped(
            &mut out,
            &format!("{} ({})", feed.title, feed.format.label()),
        );
        out.push_str("\" href=\"");
        push_escaped(&mut out, feed.url.as_str());
        out.push_str("\">\n");
    }
    out
}

/// The page, listing `feeds` and the main feed's `latest` entries.
pub(crate) fn render(config: &Config, feeds: &[WrittenFeed], latest: &[EntryLine]) -> OutputFile {
    let title = crate::feed::xml_text::clean(&config.title);
    let mut out = String::with_capacity(4096 + feeds.len() * 400);
    out.push_str("<!DOCTYPE html>\n<html");
    if let Some(language) = &config.language {
        out.push_str(" lang=\"");
        push_escaped(&mut out, language);
        out.push('"');
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Feeds: ");
    push_escaped(&mut out, &title);
    out.push_str("</title>\n");
    out.push_str(&discovery_tags(feeds));
    out.push_str(STYLE);
    out.push_str("</head>\n<body>\n<main>\n<h1>Feeds of ");
    out.push_str("<a href=\"");
    push_escaped(&mut out, config.base_url.as_str());
    out.push_str("\">");
    push_escaped(&mut out, &title);
    out.push_str("</a></h1>\n");
    out.push_str(ABOUT);

    for (group, heading) in GROUPS.iter().enumerate() {
        let listed: Vec<&WrittenFeed> = feeds
            .iter()
            .filter(|f| group_of(&f.scope) == group)
            .collect();
        if listed.is_empty() {
            continue;
        }
        out.push_str("<section>\n<h2>");
        out.push_str(heading);
        out.push_str("</h2>\n<table>\n<thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Format</th><th scope=\"col\">Address to copy into a reader</th></tr></thead>\n<tbody>\n");
        // A feed's formats are rows of their own under its name.
        for (n, feed) in listed.iter().enumerate() {
            let name = match &feed.scope {
                Scope::Term { taxonomy, name } => format!("{name} ({taxonomy})"),
                _ => feed.title.clone(),
            };
            let first = n == 0 || listed[n - 1].set != feed.set;
            out.push_str("<tr>");
            if first {
                let rows = listed[n..].iter().take_while(|f| f.set == feed.set).count();
                out.push_str(&format!("<th scope=\"rowgroup\" rowspan=\"{rows}\">"));
                push_escaped(&mut out, &name);
                out.push_str("</th>");
            }
            out.push_str("<td><a href=\"");
            push_escaped(&mut out, feed.url.as_str());
            out.push_str("\" type=\"");
            out.push_str(feed.format.media_type());
            out.push_str("\">");
            out.push_str(feed.format.label());
            out.push_str("</a></td><td><input type=\"url\" readonly value=\"");
            push_escaped(&mut out, feed.url.as_str());
            out.push_str("\" aria-label=\"");
            push_escaped(
                &mut out,
                &format!("Address of {name}, {}", feed.format.label()),
            );
            out.push_str("\"></td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    if !latest.is_empty() {
        out.push_str("<section>\n<h2>Latest posts</h2>\n<ol class=\"latest\">\n");
        for entry in latest {
            let date = to_rfc3339(entry.published);
            out.push_str("<li><a href=\"");
            push_escaped(&mut out, entry.permalink.as_str());
            out.push_str("\">");
            push_escaped(&mut out, &entry.title);
            out.push_str("</a> <time datetime=\"");
            out.push_str(&date);
            out.push_str("\">");
            // `2025-01-15 15:44 UTC`: what a person reads.
            out.push_str(&date[..10]);
            out.push(' ');
            out.push_str(&date[11..16]);
            out.push_str(" UTC</time></li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    OutputFile {
        name: config.output.html.clone(),
        bytes: out.into_bytes(),
    }
}

/// The page's sections of feeds, in order.
const GROUPS: [&str; 3] = ["The site's feeds", "Feeds per section", "Feeds per topic"];

/// The section of the page a feed is listed in.
fn group_of(scope: &Scope) -> usize {
    match scope {
        Scope::Site => 0,
        Scope::Section(_) => 1,
        Scope::Term { .. } => 2,
    }
}

const STYLE: &str = "<style>\nbody{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;background:#fff}\nmain{max-width:48rem;margin:0 auto}\ntable{border-collapse:collapse;width:100%}\nth,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}\ninput{width:100%;font:inherit;font-size:.9rem;box-sizing:border-box}\n.latest time{color:#555;font-size:.9rem}\n@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}a{color:#8ab4f8}th,td{border-color:#444}.latest time{color:#aaa}}\n</style>\n";

const ABOUT: &str = "<section>\n<h2>What is a feed?</h2>\n<p>A feed is how a site tells you it has published something new, without you checking it and without an account or an algorithm in between. A <em>feed reader</em> (NetNewsWire, Feedly, Inoreader, Miniflux, FreshRSS, Thunderbird, newsboat, and many more) follows the feeds you give it and shows every new post as it appears.</p>\n<p>To follow this site, copy the address of one of its feeds below into your reader. RSS, Atom and JSON Feed carry the same posts; use whichever your reader takes (all of them take RSS).</p>\n</section>\n";

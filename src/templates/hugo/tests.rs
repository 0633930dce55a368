use serde_json::json;
use url::Url;

use super::*;
use crate::templates::{PageIndex, SiteContext};

fn site() -> SiteContext {
    let mut site = SiteContext::new(Url::parse("https://example.org/").unwrap());
    site.params = json!({"siteonly": "SITE-PARAM", "author": {"name": "Site Author"}});
    let mut pages = PageIndex::new("content");
    pages.insert(
        "posts/a.md",
        Url::parse("https://example.org/posts/a/").unwrap(),
    );
    pages.insert(
        "posts/c.md",
        Url::parse("https://example.org/posts/cee/").unwrap(),
    );
    site.pages = pages;
    site.shortcodes.insert("mybox".into());
    site
}

/// The body as the feed shows it: shortcodes, Markdown, fragments put back.
fn render(body: &str) -> (String, Vec<TemplateWarning>) {
    let fm = json!({"pageonly": "a *b* <i>c</i> & d", "title": "A"});
    crate::templates::render_for_test(
        expand,
        body,
        &site(),
        "posts/a.md",
        "https://example.org/posts/a/",
        fm,
    )
}

#[test]
fn figure_with_every_parameter() {
    let (html, warnings) = render(
        r#"{{< figure src="/img/a.jpg" link="https://l.example/" target="_blank" rel="noopener" alt="Alt & <text>" title="The *Title*" caption="A *caption* with [link](https://c.example/)" attr="By **me**" attrlink="https://attr.example/" width="640" height="480" class="fig cls" >}}"#,
    );
    assert!(warnings.is_empty());
    assert_eq!(
        html,
        "<figure class=\"fig cls\"><a href=\"https://l.example/\" target=\"_blank\" rel=\"noopener\"><img src=\"/img/a.jpg\" alt=\"Alt &amp; &lt;text&gt;\" width=\"640\" height=\"480\"></a><figcaption><h4>The *Title*</h4><p>A <em>caption</em> with <a href=\"https://c.example/\">link</a> <a href=\"https://attr.example/\">By <strong>me</strong></a></p></figcaption></figure>\n"
    );
}

#[test]
fn markup_figure_keeps_straight_quotes() {
    // `{{% %}}` parameters are read before smart punctuation could curl them.
    let (html, _) = render("{{% figure src=\"a.jpg\" caption=\"Say \\\"hi\\\"\" %}}");
    assert!(
        html.starts_with("<figure><img src=\"a.jpg\" alt=\"Say “hi”\"><figcaption><p>Say “hi”</p>"),
        "{html}"
    );
}

#[test]
fn youtube_alone_and_inside_a_paragraph() {
    let (html, _) = render("{{< youtube w7Ft2ymGmfc >}}\n\nText before\n{{< youtube id=\"Ezd_STvPJbA\" title=\"Setup\" >}}\n");
    assert!(html.starts_with("<p><a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\"><img src=\"https://i.ytimg.com/vi/w7Ft2ymGmfc/hqdefault.jpg\""), "{html}");
    assert!(
        html.contains("<p>Text before\n<a href=\"https://www.youtube.com/watch?v=Ezd_STvPJbA\">"),
        "{html}"
    );
    assert!(html.contains(">Setup (YouTube)</a></p>"), "{html}");
}

#[test]
fn embeds_become_links() {
    let (html, _) = render("{{< vimeo 146022717 >}} {{< gist spf13 7896402 \"img.html\" >}} {{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}} {{< tweet 877500564405444608 >}} {{< instagram CxOWiQNP2MO >}}");
    for expected in [
        "<a href=\"https://vimeo.com/146022717\">",
        "<a href=\"https://gist.github.com/spf13/7896402\">img.html (gist spf13/7896402)</a>",
        "<a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">Post by @SanDiegoZoo on X</a>",
        "<a href=\"https://twitter.com/x/status/877500564405444608\">",
        "<a href=\"https://www.instagram.com/p/CxOWiQNP2MO/\">",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
}

#[test]
fn ref_and_relref_in_link_destinations() {
    let (html, warnings) = render(
        "[c]({{< ref \"c\" >}}) [s]({{< relref \"c.md#sec\" >}}) [n]({{<relref community >}})",
    );
    assert_eq!(
        html,
        "<p><a href=\"https://example.org/posts/cee/\">c</a> <a href=\"https://example.org/posts/cee/#sec\">s</a> <a href=\"\">n</a></p>\n"
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("REF_NOT_FOUND"),
        "{warnings:?}"
    );
}

#[test]
fn param_from_the_page_then_the_site() {
    let (html, _) = render("{{< param pageonly >}} / {{% param pageonly %}} / {{< param SiteOnly >}} / {{< param author.name >}}");
    assert_eq!(
        html,
        "<p>a *b* &lt;i&gt;c&lt;/i&gt; &amp; d / a <em>b</em> &lt;i&gt;c&lt;/i&gt; &amp; d / SITE-PARAM / Site Author</p>\n"
    );
    let (_, warnings) = render("{{< param missing >}}");
    assert_eq!(warnings.len(), 1);
}

#[test]
fn comment_is_removed_with_its_content() {
    let (html, warnings) = render(
        "Before\n\n{{< comment >}}\nTODO: a hidden *draft* section\n{{< /comment >}}\n\nAfter\n",
    );
    assert_eq!(html, "<p>Before</p>\n<p>After</p>\n");
    assert!(warnings.is_empty());
}

#[test]
fn details_highlight_and_qr() {
    let (html, _) = render("{{< details summary=\"A **bold** word\" open=true >}}\nB _c_\n{{< /details >}}\n\n{{< highlight go \"linenos=table\" >}}\n  func main() {}\n  // <x>\n{{< /highlight >}}\n\n{{< qr text=\"https://gohugo.io\" />}}\n");
    assert!(html.contains("<details open><summary>A <strong>bold</strong> word</summary><p>B <em>c</em></p>\n</details>"), "{html}");
    assert!(
        html.contains("<pre><code class=\"language-go\">func main() {}\n// &lt;x&gt;</code></pre>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://gohugo.io\">https://gohugo.io</a>"),
        "{html}"
    );
}

#[test]
fn escaped_shortcodes_come_out_literally() {
    let (html, warnings) =
        render("```\n{{</* figure src=\"x.jpg\" */>}}\n```\n\n`{{%/* param x */%}}`\n");
    assert!(
        html.contains("<pre><code>{{&lt; figure src=\"x.jpg\" &gt;}}\n</code></pre>"),
        "{html}"
    );
    assert!(html.contains("<code>{{% param x %}}</code>"), "{html}");
    assert!(warnings.is_empty());
}

#[test]
fn site_shortcodes_keep_their_inner_content_with_a_warning() {
    let (html, warnings) = render("{{% mybox %}}\nInside **bold**\n{{% /mybox %}}\n\nA {{< mybox >}}inline *x*{{< /mybox >}} b {{< gone >}}\n");
    assert_eq!(
        html,
        "<p>Inside <strong>bold</strong></p>\n<p>A inline <em>x</em> b</p>\n"
    );
    let subjects: Vec<&str> = warnings.iter().map(|w| w.subject.as_str()).collect();
    assert_eq!(
        subjects,
        ["shortcode `mybox`", "shortcode `mybox`", "shortcode `gone`"]
    );
    assert_eq!(warnings[2].line, 5);
}

#[test]
fn docsy_tabpane_and_alert() {
    let (html, warnings) = render("{{< tabpane >}}\n{{< tab header=\"Go\" lang=\"go\" >}}\nfmt.Println(\"x\")\n{{< /tab >}}\n{{% tab header=\"Notes\" text=true %}}\nSome *notes*\n{{% /tab %}}\n{{< /tabpane >}}\n\n{{% alert title=\"Warning\" color=\"warning\" %}}\nCareful **now**\n{{% /alert %}}\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(html.contains("<h4>Go</h4><pre><code class=\"language-go\">fmt.Println(&quot;x&quot;)</code></pre><h4>Notes</h4><p>Some <em>notes</em></p>"), "{html}");
    assert!(html.contains("<blockquote><p><strong>Warning</strong></p><p>Careful <strong>now</strong></p>\n</blockquote>"), "{html}");
}

#[test]
fn malformed_tags_are_removed_with_hugos_message() {
    let (html, warnings) = render("A {{< figure src=https://x.org/a.jpg alt=\"x\" b >}} B\n");
    assert_eq!(html, "<p>A  B</p>\n");
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .starts_with("got positional parameter 'b'"),
        "{warnings:?}"
    );
}

#[test]
fn forms_without_spaces_and_self_closing() {
    let (html, warnings) =
        render(": {{<new-in 0.158.0 />}}\n\n{{< new-in 0.140.0 >}}\nText\n{{< /new-in >}}\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(html.contains("<em>New in v0.158.0</em>"), "{html}");
    assert!(
        html.contains("<p><em>New in v0.140.0</em></p><p>Text</p>"),
        "{html}"
    );
}

#[test]
fn inline_shortcodes_render_nothing() {
    let (html, warnings) = render("a {{< t.inline >}}{{ now }}{{< /t.inline >}} b");
    assert_eq!(html, "<p>a  b</p>\n");
    assert_eq!(warnings.len(), 1);
}

#[test]
fn markup_output_keeps_list_indentation() {
    let (html, _) = render("- item\n  {{% mybox %}}\n");
    assert!(html.starts_with("<ul>\n<li>item"), "{html}");
}

#[test]
fn include_never_leaves_the_content_folder() {
    let (html, warnings) = render("{{% include \"../../../../etc/passwd\" %}}");
    assert_eq!(html, "");
    assert!(
        warnings[0].message.contains("leaves the content folder"),
        "{warnings:?}"
    );
}

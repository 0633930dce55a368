use serde_json::json;
use url::Url;

use super::*;
use crate::templates::{PageIndex, SiteContext};

fn site() -> SiteContext {
    let mut site = SiteContext::new(Url::parse("https://jekyllrb.com/").unwrap());
    site.params = json!({"repository": "https://github.com/jekyll/jekyll", "baseurl": "/blog", "title": "Jekyll"});
    site.data = json!({"releases": [{"version": "1.2.0", "size": {"gz": "1.4 MB"}}]});
    let mut pages = PageIndex::new("_posts");
    pages.insert(
        "2013-05-06-jekyll-1-0-0-released.md",
        Url::parse("https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/").unwrap(),
    );
    site.pages = pages;
    site
}

fn render(body: &str) -> (String, Vec<TemplateWarning>) {
    let fm = json!({"title": "Post", "filters": ["where_exp", "find"]});
    crate::templates::render_for_test(
        expand,
        body,
        &site(),
        "2014-05-06-post.md",
        "https://jekyllrb.com/news/2014/05/06/post/",
        fm,
    )
}

#[test]
fn site_page_and_data() {
    let (html, warnings) = render("[#1]({{ site.repository }}/issues/1) {{ page.title }} {{ site.nothing }}x\n\n{% assign release = site.data.releases[0] %}[{{ release.version }}]({{ \"/dl/\" | relative_url }}) {{ release.size.gz }}\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(html, "<p><a href=\"https://github.com/jekyll/jekyll/issues/1\">#1</a> Post x</p>\n<p><a href=\"/blog/dl/\">1.2.0</a> 1.4 MB</p>\n");
}

#[test]
fn highlight_raw_and_links() {
    let (html, warnings) = render("{% highlight ruby %}\n# a comment, not a heading\ndef x; \"<a>\"; end\n{% endhighlight %}\n\n{% raw %}{{ layout }} {% raw %}{% endraw %}\n\n[old]({% post_url 2013-05-06-jekyll-1-0-0-released %})\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(html.contains("<pre><code class=\"language-ruby\"># a comment, not a heading\ndef x; &quot;&lt;a&gt;&quot;; end</code></pre>"), "{html}");
    assert!(html.contains("<p>{{ layout }} {% raw %}</p>"), "{html}");
    assert!(
        html.contains("href=\"https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/\""),
        "{html}"
    );
}

#[test]
fn loops_generate_markdown() {
    let (html, _) = render("{% assign issues = \"1037|1040\" | split: \"|\" %}{% for issue in issues %}\n- [#{{ issue }}]({{ site.repository }}/issues/{{ issue }}){% endfor %}\n\n{% for f in page.filters %}[{{ f | slugify }}]: /docs/#{{ f | slugify }}\n{% endfor %}\nSee [where-exp] and [find].\n");
    assert!(
        html.contains(
            "<li><a href=\"https://github.com/jekyll/jekyll/issues/1040\">#1040</a></li>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/docs/#where-exp\">where-exp</a>"),
        "{html}"
    );
}

#[test]
fn unknown_tags_and_filters_are_removed_with_warnings() {
    let (html, warnings) = render("A {% youtube abc %} B {{ \"x\" | nosuch | upcase }}\n\n{% details Title %}\nInner kept\n{% enddetails %}\n\n{% post_url 1999-01-01-none %}\n");
    assert_eq!(html, "<p>A  B X</p>\n<p>Inner kept</p>\n");
    let subjects: Vec<&str> = warnings.iter().map(|w| w.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Liquid tag `youtube`",
            "Liquid filter `nosuch`",
            "Liquid tag `details`",
            "Liquid tag `post_url`"
        ]
    );
    assert_eq!(warnings[3].line, 7);
}

#[test]
fn a_piece_that_cannot_render_is_removed_alone() {
    let (html, warnings) =
        render("Before {{ 5 + 3 }} after\n\n{% for x in (1..2) %}{{ x }}{% endfor %}\n");
    assert!(html.contains("Before  after"), "{html}");
    assert!(html.contains("12"), "{html}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn a_missing_key_inside_a_loop_renders_as_nil() {
    let (html, warnings) = render(concat!(
        "{% for r in site.data.releases %}- {{ r.version }}{{ r.missing.deep }}",
        "{% if r.nothing == \"x\" %}no{% endif %}{% for i in r.none %}{{ i.x }}{% else %} none{% endfor %}",
        "{%- for n in (1..3) -%} {{ n }}{% if n == 2 %}{% break %}{% endif %}\n{%- endfor %}{% endfor %}\n\n",
        "{% include missing-include.html %}\n",
    ));
    assert_eq!(warnings.len(), 1, "only the include: {warnings:?}");
    assert!(html.contains("<li>1.2.0 none12</li>"), "{html}");
}

#[test]
fn render_with_liquid_false_leaves_the_body() {
    let site = site();
    let url = Url::parse("https://jekyllrb.com/x/").unwrap();
    let fm = json!({"render_with_liquid": false});
    let page = PageContext {
        rel_path: "x.md",
        permalink: &url,
        front_matter: &fm,
        first_line: 1,
    };
    let mut f = Fragments::new();
    let mut w = Vec::new();
    assert_eq!(
        expand("{{ site.title }}", &site, &page, &mut f, &mut w),
        "{{ site.title }}"
    );
}

#[test]
fn tokenizer_follows_ruby_liquid() {
    let tokens = tokenize("a {{ x }}} {% raw %}{% raw %}{% endraw %} {{ y");
    assert!(matches!(tokens[1].1, Token::Output("{{ x }}}", "x")));
    assert!(matches!(tokens[4].1, Token::Raw("{% raw %}")));
    assert!(matches!(tokens.last().unwrap().1, Token::Text(" y")));
    assert!(tokens.iter().any(|(_, t)| matches!(t, Token::Lone("{{"))));
}

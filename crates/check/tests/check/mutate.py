#!/usr/bin/env python3
"""Writes tests/check/agreement/*.xml: the mutated feeds of the W3C agreement
corpus (tests/it/agreement.rs, tests/check/w3c-verdicts.tsv).

Each file is one of two small feeds shaped like `feedwright build` output (an
RSS 2.0 and an Atom 1.0 feed with three posts, HTML content, media and
categories) with one or a few changes of the kind real feeds get wrong: a
required element dropped, a broken date, a duplicated guid, a relative link,
script or style attribute in the content, a wrong namespace, ...  The
unchanged feeds are in the corpus too (`*-base.xml`).

Run from the repository root: python3 crates/check/tests/check/mutate.py
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "agreement")

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Field Notes</title>
    <link>https://notes.example.org/</link>
    <description>Notes on gardening, tools and the weather.</description>
    <language>en</language>
    <managingEditor>jane@example.org (Jane Doe)</managingEditor>
    <pubDate>Mon, 10 Feb 2025 12:00:00 +0000</pubDate>
    <lastBuildDate>Mon, 10 Feb 2025 12:00:00 +0000</lastBuildDate>
    <generator>feedwright 0.1.0</generator>
    <docs>https://www.rssboard.org/rss-specification</docs>
    <atom:link href="https://notes.example.org/FILE" rel="self" type="application/rss+xml"/>
    <!--CHANNEL-->
    <item>
      <title>Pruning apple trees</title>
      <link>https://notes.example.org/posts/pruning/</link>
      <description><![CDATA[When and how to prune an apple tree.]]></description>
      <guid>https://notes.example.org/posts/pruning/</guid>
      <pubDate>Mon, 10 Feb 2025 12:00:00 +0000</pubDate>
      <content:encoded><![CDATA[<p>Prune in <strong>late winter</strong>, before the buds open.</p>
<h2 id="tools">Tools</h2>
<ul>
<li>Secateurs</li>
<li>A <a href="https://notes.example.org/posts/saws/">pruning saw</a></li>
</ul>
<p><img src="https://notes.example.org/img/apple.jpg" alt="An apple tree"></p>
<!--CONTENT1-->
]]></content:encoded>
      <category>garden</category>
      <category>trees</category>
      <media:content medium="image" type="image/jpeg" url="https://notes.example.org/img/apple.jpg"></media:content>
      <dc:creator>Jane Doe</dc:creator>
      <!--ITEM1-->
    </item>
    <item>
      <title>Sharpening secateurs</title>
      <link>https://notes.example.org/posts/sharpening/</link>
      <description><![CDATA[A whetstone and ten minutes.]]></description>
      <guid>https://notes.example.org/posts/sharpening/</guid>
      <pubDate>Sat, 01 Feb 2025 09:30:00 +0000</pubDate>
      <content:encoded><![CDATA[<p>Use a fine whetstone.</p>
<pre><code class="language-sh">echo &quot;sharp&quot;
</code></pre>
<table>
<thead><tr><th>Grit</th><th>Use</th></tr></thead>
<tbody><tr><td>400</td><td>repair</td></tr></tbody>
</table>
<!--CONTENT2-->
]]></content:encoded>
      <category>tools</category>
      <dc:creator>Jane Doe</dc:creator>
      <!--ITEM2-->
    </item>
    <item>
      <title>Frost dates</title>
      <link>https://notes.example.org/posts/frost/</link>
      <description><![CDATA[The last frost is later than you think.]]></description>
      <guid>https://notes.example.org/posts/frost/</guid>
      <pubDate>Wed, 15 Jan 2025 18:00:00 +0000</pubDate>
      <content:encoded><![CDATA[<p>Last frost: mid-April.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup></p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content:encoded>
      <!--ITEM3-->
    </item>
    <!--AFTER-->
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Field Notes</title>
  <id>https://notes.example.org/</id>
  <updated>2025-02-10T12:00:00+00:00</updated>
  <author>
    <name>Jane Doe</name>
    <email>jane@example.org</email>
  </author>
  <generator version="0.1.0">feedwright</generator>
  <link href="https://notes.example.org/FILE" rel="self" type="application/atom+xml"/>
  <link href="https://notes.example.org/" rel="alternate" type="text/html"/>
  <subtitle>Notes on gardening, tools and the weather.</subtitle>
  <!--FEED-->
  <entry>
    <title>Pruning apple trees</title>
    <id>https://notes.example.org/posts/pruning/</id>
    <updated>2025-02-10T12:00:00+00:00</updated>
    <published>2025-02-10T12:00:00+00:00</published>
    <link href="https://notes.example.org/posts/pruning/" rel="alternate" type="text/html"/>
    <summary>When and how to prune an apple tree.</summary>
    <content type="html"><![CDATA[<p>Prune in <strong>late winter</strong>, before the buds open.</p>
<ul>
<li>A <a href="https://notes.example.org/posts/saws/">pruning saw</a></li>
</ul>
<p><img src="https://notes.example.org/img/apple.jpg" alt="An apple tree"></p>
<!--CONTENT1-->
]]></content>
    <category term="garden"/>
    <category term="trees"/>
    <!--ENTRY1-->
  </entry>
  <entry>
    <title>Sharpening secateurs</title>
    <id>https://notes.example.org/posts/sharpening/</id>
    <updated>2025-02-01T09:30:00+00:00</updated>
    <published>2025-02-01T09:30:00+00:00</published>
    <link href="https://notes.example.org/posts/sharpening/" rel="alternate" type="text/html"/>
    <summary>A whetstone and ten minutes.</summary>
    <content type="html"><![CDATA[<p>Use a fine whetstone.</p>
<pre><code class="language-sh">echo &quot;sharp&quot;
</code></pre>
<!--CONTENT2-->
]]></content>
    <category term="tools"/>
    <!--ENTRY2-->
  </entry>
  <entry>
    <title>Frost dates</title>
    <id>https://notes.example.org/posts/frost/</id>
    <updated>2025-01-15T18:00:00+00:00</updated>
    <link href="https://notes.example.org/posts/frost/" rel="alternate" type="text/html"/>
    <summary>The last frost is later than you think.</summary>
    <content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>
    <!--ENTRY3-->
  </entry>
  <!--AFTER-->
</feed>
"""

ITEM_PUB = "<pubDate>Mon, 10 Feb 2025 12:00:00 +0000</pubDate>\n      <content"
CH_TITLE = "    <title>Field Notes</title>\n"
A_UPD = "<updated>2025-02-10T12:00:00+00:00</updated>\n    <published>"

# (name, template, [(old, new), ...]); every `old` must occur in the template,
# and each change replaces its first occurrence.
MUTATIONS = [
    ("base", "rss", []),
    # RSS: required elements
    ("drop-channel-title", "rss", [(CH_TITLE, "")]),
    ("drop-channel-link", "rss", [("    <link>https://notes.example.org/</link>\n", "")]),
    ("drop-channel-description", "rss", [("    <description>Notes on gardening, tools and the weather.</description>\n", "")]),
    ("drop-item-title-description", "rss", [("<title>Frost dates</title>", ""),
                                            ("<description><![CDATA[The last frost is later than you think.]]></description>", "")]),
    ("drop-item-title", "rss", [("<title>Frost dates</title>", "")]),
    ("drop-guids", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", "")]),
    ("drop-description-keep-content", "rss", [("<description><![CDATA[The last frost is later than you think.]]></description>", "")]),
    ("drop-self-link", "rss", [('    <atom:link href="https://notes.example.org/FILE" rel="self" type="application/rss+xml"/>\n', "")]),
    ("drop-version", "rss", [('<rss version="2.0"', "<rss")]),
    ("version-21", "rss", [('<rss version="2.0"', '<rss version="2.1"')]),
    ("version-091", "rss", [('<rss version="2.0"', '<rss version="0.91"')]),
    # RSS: dates
    ("date-iso", "rss", [(ITEM_PUB, "<pubDate>2025-02-10T12:00:00Z</pubDate>\n      <content")]),
    ("date-utc", "rss", [(ITEM_PUB, "<pubDate>Mon, 10 Feb 2025 12:00:00 UTC</pubDate>\n      <content")]),
    ("date-gmt", "rss", [(ITEM_PUB, "<pubDate>Mon, 10 Feb 2025 12:00:00 GMT</pubDate>\n      <content")]),
    ("date-est", "rss", [(ITEM_PUB, "<pubDate>Mon, 10 Feb 2025 07:00:00 EST</pubDate>\n      <content")]),
    ("date-wrong-dow", "rss", [(ITEM_PUB, "<pubDate>Fri, 10 Feb 2025 12:00:00 +0000</pubDate>\n      <content")]),
    ("date-no-dow", "rss", [(ITEM_PUB, "<pubDate>10 Feb 2025 12:00:00 +0000</pubDate>\n      <content")]),
    ("date-no-seconds", "rss", [(ITEM_PUB, "<pubDate>Mon, 10 Feb 2025 12:00 +0000</pubDate>\n      <content")]),
    ("date-two-digit-year", "rss", [(ITEM_PUB, "<pubDate>Mon, 10 Feb 25 12:00:00 +0000</pubDate>\n      <content")]),
    ("date-long-month", "rss", [(ITEM_PUB, "<pubDate>Monday, 10 February 2025 12:00:00 +0000</pubDate>\n      <content")]),
    ("date-lowercase", "rss", [(ITEM_PUB, "<pubDate>mon, 10 feb 2025 12:00:00 +0000</pubDate>\n      <content")]),
    ("date-one-digit-day", "rss", [("<pubDate>Sat, 01 Feb 2025 09:30:00 +0000</pubDate>", "<pubDate>Sat, 1 Feb 2025 09:30:00 +0000</pubDate>")]),
    ("date-offset-colon", "rss", [(ITEM_PUB, "<pubDate>Mon, 10 Feb 2025 12:00:00 +00:00</pubDate>\n      <content")]),
    ("date-future", "rss", [(ITEM_PUB, "<pubDate>Sat, 10 Feb 2livesYEAR 12:00:00 +0000</pubDate>\n      <content".replace("livesYEAR", "099").replace("Sat, ", "Tue, "))]),
    ("date-ancient", "rss", [("<pubDate>Wed, 15 Jan 2025 18:00:00 +0000</pubDate>", "<pubDate>Mon, 15 Jan 1979 18:00:00 +0000</pubDate>")]),
    ("date-empty", "rss", [("<pubDate>Wed, 15 Jan 2025 18:00:00 +0000</pubDate>", "<pubDate></pubDate>")]),
    ("lastbuild-before-item", "rss", [("<lastBuildDate>Mon, 10 Feb 2025 12:00:00", "<lastBuildDate>Sun, 09 Feb 2025 12:00:00")]),
    ("dc-date-bad", "rss", [("<!--ITEM3-->", "<dc:date>15/01/2025</dc:date>")]),
    ("dc-date-good", "rss", [("<!--CHANNEL-->", "<dc:rights>CC BY 4.0</dc:rights>")]),
    # RSS: guids
    ("duplicate-guid", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", "<guid>https://notes.example.org/posts/pruning/</guid>")]),
    ("guid-short-number", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", '<guid isPermaLink="false">3</guid>')]),
    ("guid-relative-permalink", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", "<guid>/posts/frost/</guid>")]),
    ("guid-relative-not-permalink", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", '<guid isPermaLink="false">/posts/frost/</guid>')]),
    ("guid-tag-permalink", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", "<guid>tag:notes.example.org,2025:frost</guid>")]),
    ("guid-bad-boolean", "rss", [("<guid>https://notes.example.org/posts/frost/</guid>", '<guid isPermaLink="no">https://notes.example.org/posts/frost/</guid>')]),
    # RSS: HTML in content
    ("content-relative-link", "rss", [("<!--CONTENT1-->", '<p>See <a href="/posts/saws/">saws</a>.</p>')]),
    ("content-relative-img", "rss", [("<!--CONTENT1-->", '<p><img src="img/pear.jpg" alt="pear"></p>')]),
    ("content-parent-relative-img", "rss", [("<!--CONTENT1-->", '<p><img src="../images/post-img.jpg" alt=""></p>')]),
    ("content-protocol-relative", "rss", [("<!--CONTENT1-->", '<p><img src="//cdn.example.org/a.jpg" alt=""></p>')]),
    ("content-fragment-link", "rss", [("<!--CONTENT1-->", '<p><a href="#tools">up</a></p>')]),
    ("content-link-second-attr", "rss", [("<!--CONTENT1-->", '<p><a class="x" href="/posts/saws/">saws</a></p>')]),
    ("content-script", "rss", [("<!--CONTENT1-->", '<script>alert(1)</script>')]),
    ("content-script-src", "rss", [("<!--CONTENT1-->", '<blockquote class="twitter-tweet"><p>hi</p></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>')]),
    ("content-iframe", "rss", [("<!--CONTENT1-->", '<iframe src="https://www.youtube.com/embed/xyz" allowfullscreen></iframe>')]),
    ("content-style-element", "rss", [("<!--CONTENT1-->", '<style>p { color: red }</style>')]),
    ("content-style-attr", "rss", [("<!--CONTENT1-->", '<p style="color: red">red</p>')]),
    ("content-style-attr-bad", "rss", [("<!--CONTENT1-->", '<p style="position: absolute; top: 0">top</p>')]),
    ("content-onclick", "rss", [("<!--CONTENT1-->", '<p onclick="alert(1)">click</p>')]),
    ("content-aria", "rss", [("<!--CONTENT1-->", '<p aria-hidden="true">x</p>')]),
    ("content-video", "rss", [("<!--CONTENT1-->", '<video controls src="https://notes.example.org/a.mp4"></video>')]),
    ("content-svg", "rss", [("<!--CONTENT1-->", '<svg width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>')]),
    ("content-details", "rss", [("<!--CONTENT1-->", '<details><summary>More</summary><p>x</p></details>')]),
    ("content-input-checkbox", "rss", [("<!--CONTENT1-->", '<ul><li><input type="checkbox" checked disabled> done</li></ul>')]),
    ("content-stray-end-tag", "rss", [("<!--CONTENT1-->", '<p>one</p></p>')]),
    ("content-unclosed-div", "rss", [("<!--CONTENT1-->", '<div><p>one</p>')]),
    ("content-bare-ampersand", "rss", [("<!--CONTENT1-->", '<p>salt & pepper</p>')]),
    ("content-ruby", "rss", [("<!--CONTENT1-->", '<p><ruby>漢<rt>kan</rt></ruby></p>')]),
    ("content-form", "rss", [("<!--CONTENT1-->", '<form action="https://notes.example.org/s"><input name="q"></form>')]),
    ("description-relative-link", "rss", [("<description><![CDATA[When and how to prune an apple tree.]]></description>",
                                           '<description><![CDATA[When and how to <a href="/posts/pruning/">prune</a>.]]></description>')]),
    ("description-script", "rss", [("<description><![CDATA[When and how to prune an apple tree.]]></description>",
                                    '<description><![CDATA[Prune. <script>x()</script>]]></description>')]),
    # RSS: namespaces
    ("ns-content-wrong", "rss", [('xmlns:content="http://purl.org/rss/1.0/modules/content/"', 'xmlns:content="http://purl.org/rss/1.0/modules/content"')]),
    ("ns-atom-wrong", "rss", [('xmlns:atom="http://www.w3.org/2005/Atom"', 'xmlns:atom="http://www.w3.org/2005/Atom/"')]),
    ("ns-media-wrong", "rss", [('xmlns:media="http://search.yahoo.com/mrss/"', 'xmlns:media="http://search.yahoo.com/mrss"')]),
    ("ns-dc-wrong", "rss", [('xmlns:dc="http://purl.org/dc/elements/1.1/"', 'xmlns:dc="http://purl.org/dc/elements/1.1"')]),
    ("ns-unknown", "rss", [("<rss ", '<rss xmlns:x="http://notes.example.org/ns" '), ("<!--ITEM3-->", "<x:mood>calm</x:mood>")]),
    ("ns-default-on-rss", "rss", [('<rss version="2.0"', '<rss version="2.0" xmlns="http://backend.userland.com/rss2"')]),
    ("ns-itunes", "rss", [("<rss ", '<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '), ("<!--CHANNEL-->", "<itunes:author>Jane Doe</itunes:author>")]),
    ("ns-undeclared-prefix", "rss", [("<!--ITEM3-->", "<sy:updatePeriod>daily</sy:updatePeriod>")]),
    # RSS: channel and item elements
    ("language-word", "rss", [("<language>en</language>", "<language>English</language>")]),
    ("language-underscore", "rss", [("<language>en</language>", "<language>en_US</language>")]),
    ("editor-no-name", "rss", [("jane@example.org (Jane Doe)", "jane@example.org")]),
    ("editor-angle", "rss", [("jane@example.org (Jane Doe)", "Jane Doe &lt;jane@example.org&gt;")]),
    ("editor-name-only", "rss", [("jane@example.org (Jane Doe)", "Jane Doe")]),
    ("author-element", "rss", [("<!--ITEM3-->", "<author>jane@example.org (Jane Doe)</author>")]),
    ("author-and-creator", "rss", [("<!--ITEM1-->", "<author>jane@example.org (Jane Doe)</author>")]),
    ("duplicate-channel-title", "rss", [("<!--CHANNEL-->", "<title>Field Notes</title>")]),
    ("duplicate-item-link", "rss", [("<!--ITEM3-->", "<link>https://notes.example.org/posts/frost/</link>")]),
    ("unknown-item-element", "rss", [("<!--ITEM3-->", "<summary>Frost.</summary>")]),
    ("unknown-channel-element", "rss", [("<!--CHANNEL-->", "<updated>2025-02-10</updated>")]),
    ("channel-after-items", "rss", [("<!--AFTER-->", "<ttl>60</ttl>")]),
    ("ttl-word", "rss", [("<!--CHANNEL-->", "<ttl>hourly</ttl>")]),
    ("ttl-ok", "rss", [("<!--CHANNEL-->", "<ttl>60</ttl>")]),
    ("textinput", "rss", [("<!--CHANNEL-->", "<textInput><title>Search</title><description>Search</description><name>q</name><link>https://notes.example.org/search</link></textInput>")]),
    ("image-ok", "rss", [("<!--CHANNEL-->", "<image><url>https://notes.example.org/logo.png</url><title>Field Notes</title><link>https://notes.example.org/</link></image>")]),
    ("image-mismatch", "rss", [("<!--CHANNEL-->", "<image><url>https://notes.example.org/logo.svg</url><title>Logo</title><link>https://notes.example.org/about/</link></image>")]),
    ("image-missing-url", "rss", [("<!--CHANNEL-->", "<image><title>Field Notes</title><link>https://notes.example.org/</link></image>")]),
    ("enclosure-ok", "rss", [("<!--ITEM3-->", '<enclosure url="https://notes.example.org/frost.mp3" length="12345" type="audio/mpeg"/>')]),
    ("enclosure-no-length", "rss", [("<!--ITEM3-->", '<enclosure url="https://notes.example.org/frost.mp3" type="audio/mpeg"/>')]),
    ("enclosure-minus-one", "rss", [("<!--ITEM3-->", '<enclosure url="https://notes.example.org/frost.mp3" length="-1" type="audio/mpeg"/>')]),
    ("enclosure-bad-type", "rss", [("<!--ITEM3-->", '<enclosure url="https://notes.example.org/frost.mp3" length="1" type="mp3"/>')]),
    ("enclosure-relative", "rss", [("<!--ITEM3-->", '<enclosure url="/frost.mp3" length="1" type="audio/mpeg"/>')]),
    ("source-no-url", "rss", [("<!--ITEM3-->", "<source>Elsewhere</source>")]),
    ("comments-relative", "rss", [("<!--ITEM3-->", "<comments>/posts/frost/#comments</comments>")]),
    ("link-space", "rss", [("<link>https://notes.example.org/posts/frost/</link>", "<link>https://notes.example.org/posts/frost dates/</link>")]),
    ("link-non-ascii", "rss", [("<link>https://notes.example.org/posts/frost/</link>", "<link>https://notes.example.org/posts/gel\u00e9e/</link>")]),
    ("link-relative", "rss", [("<link>https://notes.example.org/posts/frost/</link>", "<link>/posts/frost/</link>")]),
    ("category-empty", "rss", [("<category>tools</category>", "<category></category>")]),
    ("category-domain", "rss", [("<category>tools</category>", '<category domain="https://notes.example.org/tags/">tools</category>')]),
    ("title-html", "rss", [("<title>Frost dates</title>", "<title>Frost &lt;em&gt;dates&lt;/em&gt;</title>")]),
    ("title-entity", "rss", [("<title>Frost dates</title>", "<title>Frost &amp;amp; dates</title>")]),
    ("title-ampersand", "rss", [("<title>Frost dates</title>", "<title>Frost &amp; snow</title>")]),
    ("title-cdata-lt", "rss", [("<title>Frost dates</title>", "<title><![CDATA[Vec<T> & frost]]></title>")]),
    ("skiphours-24", "rss", [("<!--CHANNEL-->", "<skipHours><hour>24</hour></skipHours>")]),
    ("skipdays-bad", "rss", [("<!--CHANNEL-->", "<skipDays><day>Funday</day></skipDays>")]),
    ("media-bad-medium", "rss", [('medium="image"', 'medium="picture"')]),
    ("atom-link-in-item", "rss", [("<!--ITEM3-->", '<atom:link href="https://notes.example.org/posts/frost/" rel="related"/>')]),
    ("self-relative", "rss", [('<atom:link href="https://notes.example.org/FILE"', '<atom:link href="FILE"')]),
    ("self-wrong-type", "rss", [('rel="self" type="application/rss+xml"', 'rel="self" type="text/html"')]),
    # RSS: XML level
    ("xml-nbsp-entity", "rss", [("<title>Frost dates</title>", "<title>Frost&nbsp;dates</title>")]),
    ("xml-bare-ampersand", "rss", [("<title>Frost dates</title>", "<title>Frost & snow</title>")]),
    ("xml-unclosed", "rss", [("</channel>", "")]),
    ("xml-c1-control", "rss", [("<title>Frost dates</title>", "<title>Frost\u0080dates</title>")]),
    ("xml-mojibake", "rss", [("<title>Frost dates</title>", "<title>Caf\u00c3\u00a9 frost</title>")]),
    ("xml-version-11", "rss", [('<?xml version="1.0"', '<?xml version="1.1"')]),
    ("xml-no-declaration", "rss", [('<?xml version="1.0" encoding="utf-8"?>\n', "")]),
    ("xml-latin1-declared", "rss", [('encoding="utf-8"', 'encoding="iso-8859-1"'), ("<title>Frost dates</title>", "<title>Gel\u00e9e</title>")]),
    ("xml-doctype", "rss", [('<rss version="2.0"', '<!DOCTYPE rss>\n<rss version="2.0"')]),
    ("combo-relative-and-dup-guid", "rss", [("<!--CONTENT1-->", '<p><a href="/a/">a</a></p>'),
                                            ("<guid>https://notes.example.org/posts/frost/</guid>", "<guid>https://notes.example.org/posts/pruning/</guid>")]),
    ("combo-script-and-date", "rss", [("<!--CONTENT2-->", "<script>x()</script>"), (ITEM_PUB, "<pubDate>2025-02-10</pubDate>\n      <content")]),
    # Atom: required elements
    ("base", "atom", []),
    ("drop-feed-title", "atom", [("  <title>Field Notes</title>\n", "")]),
    ("drop-feed-id", "atom", [("  <id>https://notes.example.org/</id>\n", "")]),
    ("drop-feed-updated", "atom", [("  <updated>2025-02-10T12:00:00+00:00</updated>\n", "")]),
    ("drop-entry-id", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "")]),
    ("drop-entry-updated", "atom", [("<updated>2025-01-15T18:00:00+00:00</updated>", "")]),
    ("drop-entry-title", "atom", [("<title>Frost dates</title>", "")]),
    ("drop-author", "atom", [("  <author>\n    <name>Jane Doe</name>\n    <email>jane@example.org</email>\n  </author>\n", "")]),
    ("author-no-name", "atom", [("    <name>Jane Doe</name>\n", "")]),
    ("author-after-entries", "atom", [("  <author>\n    <name>Jane Doe</name>\n    <email>jane@example.org</email>\n  </author>\n", ""),
                                      ("<!--AFTER-->", "<author><name>Jane Doe</name></author>")]),
    ("entry-author-only", "atom", [("  <author>\n    <name>Jane Doe</name>\n    <email>jane@example.org</email>\n  </author>\n", ""),
                                   ("<!--ENTRY1-->", "<author><name>Jane</name></author>"),
                                   ("<!--ENTRY2-->", "<author><name>Jane</name></author>"),
                                   ("<!--ENTRY3-->", "<author><name>Jane</name></author>")]),
    ("drop-self", "atom", [('  <link href="https://notes.example.org/FILE" rel="self" type="application/atom+xml"/>\n', "")]),
    ("drop-content-and-link", "atom", [('<link href="https://notes.example.org/posts/frost/" rel="alternate" type="text/html"/>', ""),
                                       ("""<content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>""", "")]),
    ("drop-content", "atom", [("""<content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>""", "")]),
    ("drop-content-and-summary", "atom", [("""<content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>""", ""), ("<summary>The last frost is later than you think.</summary>", "")]),
    ("content-src-no-summary", "atom", [("<summary>The last frost is later than you think.</summary>", ""),
                                        ("""<content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>""", '<content type="text/html" src="https://notes.example.org/posts/frost/"/>')]),
    # Atom: dates
    ("date-only", "atom", [(A_UPD, "<updated>2025-02-10</updated>\n    <published>")]),
    ("date-no-seconds", "atom", [(A_UPD, "<updated>2025-02-10T12:00Z</updated>\n    <published>")]),
    ("date-no-zone", "atom", [(A_UPD, "<updated>2025-02-10T12:00:00</updated>\n    <published>")]),
    ("date-space", "atom", [(A_UPD, "<updated>2025-02-10 12:00:00+00:00</updated>\n    <published>")]),
    ("date-lowercase-t", "atom", [(A_UPD, "<updated>2025-02-10t12:00:00z</updated>\n    <published>")]),
    ("date-fraction", "atom", [(A_UPD, "<updated>2025-02-10T12:00:00.123+00:00</updated>\n    <published>")]),
    ("date-rfc822", "atom", [(A_UPD, "<updated>Mon, 10 Feb 2025 12:00:00 +0000</updated>\n    <published>")]),
    ("date-one-digit-hour", "atom", [(A_UPD, "<updated>2025-02-10T8:00:00+00:00</updated>\n    <published>")]),
    ("date-future", "atom", [(A_UPD, "<updated>2099-02-10T12:00:00+00:00</updated>\n    <published>")]),
    ("published-bad", "atom", [("<published>2025-02-10T12:00:00+00:00</published>", "<published>yesterday</published>")]),
    ("entry-newer-than-feed", "atom", [("  <updated>2025-02-10T12:00:00+00:00</updated>\n", "  <updated>2025-02-09T12:00:00+00:00</updated>\n")]),
    ("duplicate-updated", "atom", [("<updated>2025-01-15T18:00:00+00:00</updated>", "<updated>2025-02-01T09:30:00+00:00</updated>")]),
    # Atom: ids
    ("duplicate-id", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>https://notes.example.org/posts/pruning/</id>")]),
    ("id-relative", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>/posts/frost/</id>")]),
    ("id-tag-ok", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>tag:notes.example.org,2025:frost</id>")]),
    ("id-tag-bad", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>tag:notes.example.org:frost</id>")]),
    ("id-uuid-ok", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>")]),
    ("id-uuid-bad", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>urn:uuid:1225c695-cfb8</id>")]),
    ("id-uppercase-host", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>HTTPS://Notes.Example.org/posts/frost/</id>")]),
    ("id-default-port", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>https://notes.example.org:443/posts/frost/</id>")]),
    ("id-whitespace", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id> https://notes.example.org/posts/frost/ </id>")]),
    ("id-space-inside", "atom", [("<id>https://notes.example.org/posts/frost/</id>", "<id>https://notes.example.org/posts/frost dates/</id>")]),
    # Atom: text constructs and content
    ("xhtml-no-div", "atom", [("<summary>The last frost is later than you think.</summary>", '<summary type="xhtml">The last frost is <b xmlns="http://www.w3.org/1999/xhtml">later</b>.</summary>')]),
    ("xhtml-ok", "atom", [("<summary>The last frost is later than you think.</summary>", '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">The last frost is <b>later</b>.</div></summary>')]),
    ("text-type-bad", "atom", [("<summary>The last frost is later than you think.</summary>", '<summary type="plain">The last frost.</summary>')]),
    ("text-type-empty", "atom", [("<summary>The last frost is later than you think.</summary>", '<summary type="">The last frost.</summary>')]),
    ("text-with-html", "atom", [("<summary>The last frost is later than you think.</summary>", "<summary>The last frost is &lt;b&gt;later&lt;/b&gt;.</summary>")]),
    ("summary-empty", "atom", [("<summary>The last frost is later than you think.</summary>", "<summary></summary>")]),
    ("content-script", "atom", [("<!--CONTENT1-->", "<script>alert(1)</script>")]),
    ("content-style-attr", "atom", [("<!--CONTENT1-->", '<p style="color: red">red</p>')]),
    ("content-style-attr-bad", "atom", [("<!--CONTENT1-->", '<p style="position: fixed">x</p>')]),
    ("content-onclick", "atom", [("<!--CONTENT1-->", '<p onclick="x()">x</p>')]),
    ("content-iframe", "atom", [("<!--CONTENT1-->", '<iframe src="https://www.youtube.com/embed/xyz"></iframe>')]),
    ("content-relative-link", "atom", [("<!--CONTENT1-->", '<p><a href="/posts/saws/">saws</a> <img src="img/x.jpg" alt=""></p>')]),
    ("content-stray-end-tag", "atom", [("<!--CONTENT1-->", "<p>one</p></p>")]),
    ("content-svg", "atom", [("<!--CONTENT1-->", '<svg width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>')]),
    ("content-text-html-document", "atom", [("<content type=\"html\"><![CDATA[<p>Last frost", "<content type=\"text/html\"><![CDATA[<p>Last frost")]),
    ("content-xhtml", "atom", [("""<content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>""", '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Last frost: mid-April.</p></div></content>')]),
    ("content-escaped-html", "atom", [("""<content type="html"><![CDATA[<p>Last frost: mid-April.</p>
<blockquote>
<p>Never trust March.</p>
</blockquote>
]]></content>""", '<content type="html">&lt;p&gt;Last frost &amp;amp; snow.&lt;/p&gt;</content>')]),
    # Atom: links and other elements
    ("link-no-href", "atom", [('<link href="https://notes.example.org/posts/frost/" rel="alternate" type="text/html"/>', '<link rel="alternate" type="text/html"/>')]),
    ("link-rel-unknown", "atom", [("<!--ENTRY3-->", '<link href="https://notes.example.org/x/" rel="sidebar"/>')]),
    ("link-rel-next-in-entry", "atom", [("<!--ENTRY3-->", '<link href="https://notes.example.org/page/2/" rel="next"/>')]),
    ("link-rel-next-in-feed", "atom", [("<!--FEED-->", '<link href="https://notes.example.org/page/2/" rel="next" type="application/atom+xml"/>')]),
    ("link-duplicate-alternate", "atom", [("<!--ENTRY3-->", '<link href="https://notes.example.org/posts/frost2/" rel="alternate" type="text/html"/>')]),
    ("link-type-bad", "atom", [('<link href="https://notes.example.org/posts/frost/" rel="alternate" type="text/html"/>', '<link href="https://notes.example.org/posts/frost/" rel="alternate" type="html"/>')]),
    ("link-length-bad", "atom", [("<!--ENTRY3-->", '<link href="https://notes.example.org/a.mp3" rel="enclosure" type="audio/mpeg" length="big"/>')]),
    ("link-hreflang-bad", "atom", [("<!--ENTRY3-->", '<link href="https://notes.example.org/fr/" rel="alternate" type="text/html" hreflang="french"/>')]),
    ("link-relative-href", "atom", [('<link href="https://notes.example.org/posts/frost/" rel="alternate" type="text/html"/>', '<link href="/posts/frost/" rel="alternate" type="text/html"/>')]),
    ("link-href-space", "atom", [('<link href="https://notes.example.org/posts/frost/" rel="alternate" type="text/html"/>', '<link href="https://notes.example.org/posts/frost dates/" rel="alternate" type="text/html"/>')]),
    ("self-relative", "atom", [('<link href="https://notes.example.org/FILE" rel="self"', '<link href="FILE" rel="self"')]),
    ("email-bad", "atom", [("<email>jane@example.org</email>", "<email>jane at example.org</email>")]),
    ("author-uri-relative", "atom", [("<email>jane@example.org</email>", "<email>jane@example.org</email><uri>/about/</uri>")]),
    ("lang-bad", "atom", [('xml:lang="en"', 'xml:lang="english"')]),
    ("lang-underscore", "atom", [('xml:lang="en"', 'xml:lang="en_US"')]),
    ("category-no-term", "atom", [('<category term="tools"/>', '<category label="tools"/>')]),
    ("category-scheme-relative", "atom", [('<category term="tools"/>', '<category term="tools" scheme="/tags/"/>')]),
    ("generator-bad-attr", "atom", [('<generator version="0.1.0">', '<generator version="0.1.0" name="fw">')]),
    ("generator-uri", "atom", [('<generator version="0.1.0">', '<generator uri="https://feedwright.example.org/" version="0.1.0">')]),
    ("icon-and-logo", "atom", [("<!--FEED-->", "<icon>https://notes.example.org/favicon.ico</icon><logo>https://notes.example.org/logo.png</logo>")]),
    ("rights-subtitle-html", "atom", [("<!--FEED-->", '<rights type="html">&lt;b&gt;CC&lt;/b&gt; BY</rights>')]),
    ("unknown-atom-element", "atom", [("<!--ENTRY3-->", "<description>Frost.</description>")]),
    ("unprefixed-foreign", "atom", [("<!--ENTRY3-->", '<x:mood xmlns:x="http://notes.example.org/ns">calm</x:mood>')]),
    ("dc-extension", "atom", [("<!--ENTRY3-->", '<dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">weather</dc:subject>')]),
    ("metadata-after-entries", "atom", [("<!--AFTER-->", "<rights>CC BY</rights>")]),
    ("atom-prefix", "atom", [("<feed ", '<feed xmlns:atom="http://www.w3.org/2005/Atom" ')]),
    ("atom03-namespace", "atom", [('xmlns="http://www.w3.org/2005/Atom"', 'xmlns="http://purl.org/atom/ns#"')]),
    ("no-namespace", "atom", [(' xmlns="http://www.w3.org/2005/Atom"', "")]),
    ("xml-nbsp-entity", "atom", [("<title>Frost dates</title>", "<title>Frost&nbsp;dates</title>")]),
    ("xml-bare-ampersand", "atom", [("<title>Frost dates</title>", "<title>Frost & snow</title>")]),
    ("title-html-type", "atom", [("<title>Frost dates</title>", '<title type="html">Frost &lt;em&gt;dates&lt;/em&gt;</title>')]),
    ("combo-no-id-bad-date", "atom", [("<id>https://notes.example.org/posts/frost/</id>", ""),
                                      ("<updated>2025-01-15T18:00:00+00:00</updated>", "<updated>15 Jan 2025</updated>")]),
]


def apply(text, changes, name):
    for old, new in changes:
        if old not in text:
            raise SystemExit(f"{name}: {old!r} not in template")
        text = text.replace(old, new, 1)
    return text


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".xml"):
            os.remove(os.path.join(OUT, f))
    seen = set()
    for name, template, changes in MUTATIONS:
        fname = f"{template}-{name}.xml"
        if fname in seen:
            raise SystemExit(f"duplicate mutation {fname}")
        seen.add(fname)
        base = RSS if template == "rss" else ATOM
        text = apply(base, changes, fname).replace("FILE", fname)
        with open(os.path.join(OUT, fname), "wb") as f:
            f.write(text.encode("utf-8"))
    print(f"wrote {len(seen)} files to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()

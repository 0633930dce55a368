#!/usr/bin/env python3
"""Writes the fixtures of tests/it/rules.rs: for every rule, a failing file
and a passing one, each a small valid feed with one change, and cases.tsv,
which lists each failing file with the code and line it must produce.

Run from the repository root: python3 crates/check/tests/check/generate.py
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example</title>
    <link>https://example.org/</link>
    <description>An example feed.</description>
    <language>en</language>
    <lastBuildDate>Mon, 10 Feb 2025 12:00:00 +0000</lastBuildDate>
    <atom:link href="https://example.org/FILE" rel="self" type="application/rss+xml"/>
    <!--CHANNEL-->
    <item>
      <title>First post</title>
      <link>https://example.org/first/</link>
      <description>&lt;p&gt;Hello &lt;a href="https://example.org/"&gt;home&lt;/a&gt;.&lt;/p&gt;</description>
      <guid>https://example.org/first/</guid>
      <pubDate>Mon, 10 Feb 2025 12:00:00 +0000</pubDate>
      <!--ITEM-->
    </item>
    <!--AFTER-->
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Example</title>
  <id>https://example.org/</id>
  <updated>2025-02-10T12:00:00Z</updated>
  <author><name>Jane Doe</name><email>jane@example.org</email></author>
  <link href="https://example.org/FILE" rel="self" type="application/atom+xml"/>
  <link href="https://example.org/" rel="alternate" type="text/html"/>
  <!--FEED-->
  <entry>
    <title>First post</title>
    <id>https://example.org/first/</id>
    <updated>2025-02-10T12:00:00Z</updated>
    <link href="https://example.org/first/" rel="alternate" type="text/html"/>
    <summary>A summary.</summary>
    <content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>
    <!--ENTRY-->
  </entry>
  <!--AFTER-->
</feed>
"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://example.org/</loc>
    <lastmod>2025-02-10</lastmod>
    <changefreq>weekly</changefreq>
    <priority>0.5</priority>
  </url>
  <url>
    <loc>https://example.org/about/</loc>
  </url>
</urlset>
"""

SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>https://example.org/sitemap-1.xml</loc>
    <lastmod>2025-02-10T12:00:00Z</lastmod>
    <!--SITEMAP-->
  </sitemap>
</sitemapindex>
"""

JSON = """{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Example",
  "home_page_url": "https://example.org/",
  "feed_url": "https://example.org/FILE",
  "items": [
    {
      "id": "https://example.org/first/",
      "url": "https://example.org/first/",
      "content_html": "<p>Hello.</p>",
      "date_published": "2025-02-10T12:00:00Z"
    }
  ]
}
"""

RDF = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://example.org/">
    <title>Example</title>
    <link>https://example.org/</link>
    <description>An example feed.</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://example.org/first/"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://example.org/first/">
    <title>First post</title>
    <link>https://example.org/first/</link>
  </item>
</rdf:RDF>
"""

RSS091 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="0.91">
  <channel>
    <title>Example</title>
    <link>https://example.org/</link>
    <description>An example feed.</description>
    <language>en</language>
    <item>
      <title>First post</title>
      <link>https://example.org/first/</link>
    </item>
  </channel>
</rss>
"""

TEMPLATES = {
    "rss": (RSS, "xml"),
    "atom": (ATOM, "xml"),
    "sitemap": (SITEMAP, "xml"),
    "index": (SITEMAP_INDEX, "xml"),
    "json": (JSON, "json"),
    "rdf": (RDF, "xml"),
    "rss091": (RSS091, "xml"),
}

OTHER = '<item><title>Second</title><link>https://example.org/second/</link><guid>https://example.org/second/</guid></item>'
ENTRY2 = ('<entry><title>Two</title><id>https://example.org/{id}/</id><updated>{updated}</updated>'
          '<link href="https://example.org/{id}/"/><summary>s</summary></entry>')


def entry2(id="two", updated="2025-02-09T12:00:00Z"):
    return ENTRY2.format(id=id, updated=updated)


def image(title="Example", link="https://example.org/", url="https://example.org/logo.png", extra=""):
    url_part = f"<url>{url}</url>" if url else ""
    return f"<image>{url_part}<title>{title}</title><link>{link}</link>{extra}</image>"


def enclosure(url="https://example.org/a.mp3", length="1234", type="audio/mpeg"):
    return f'<enclosure url="{url}" length="{length}" type="{type}"/>'


# Namespace declarations for the extension cases (declared where used).
NS = {
    "itunes": 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
    "media": 'xmlns:media="http://search.yahoo.com/mrss/"',
    "g": 'xmlns:g="http://base.google.com/ns/1.0"',
    "geo": 'xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#"',
    "georss": 'xmlns:georss="http://www.georss.org/georss"',
    "sy": 'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"',
    "slash": 'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"',
    "wfw": 'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
    "sx": 'xmlns:sx="http://feedsync.org/2007/feedsync"',
    "thr": 'xmlns:thr="http://purl.org/syndication/thread/1.0"',
    "opensearch": 'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"',
    "xhtml": 'xmlns:xhtml="http://www.w3.org/1999/xhtml"',
    "access": 'xmlns:access="http://www.bloglines.com/about/specs/fac-1.0"',
    "dcterms": 'xmlns:dcterms="http://purl.org/dc/terms/"',
    "indexing": 'xmlns:indexing="urn:atom-extension:indexing"',
}


def el(prefix, name, text=None, attrs=""):
    """An extension element with its namespace declared on it."""
    attrs = f" {attrs}" if attrs else ""
    if text is None:
        return f"<{prefix}:{name} {NS[prefix]}{attrs}/>"
    return f"<{prefix}:{name} {NS[prefix]}{attrs}>{text}</{prefix}:{name}>"


def item(markup):
    """A change putting `markup` in the RSS template's item (line 17)."""
    return [("<!--ITEM-->", markup)]


def channel(markup):
    """A change putting `markup` in the RSS template's channel (line 10)."""
    return [("<!--CHANNEL-->", markup)]


# What a podcast channel needs once it uses iTunes elements.
PODCAST = ('<itunes:category text="Technology"/><itunes:explicit>false</itunes:explicit>'
           '<itunes:owner><itunes:email>jane@example.org</itunes:email></itunes:owner>')
PODCAST_NS = ("<rss ", "<rss " + NS["itunes"] + " ")


def podcast(markup="", where="<!--CHANNEL-->", snippet=PODCAST):
    """A podcast: the iTunes namespace, the channel's podcast elements, and `markup`."""
    changes = [PODCAST_NS, ("<!--CHANNEL-->", snippet + (markup if where == "<!--CHANNEL-->" else ""))]
    if where != "<!--CHANNEL-->":
        changes.append((where, markup))
    return changes


def g(name, value):
    """A Google Base attribute in the RSS item."""
    return item(el("g", name, value))


def sync(sync_attrs='id="item1" updates="1"', history='sequence="1" by="jane" when="2025-02-10T12:00:00Z"'):
    return item(f'<sx:sync {NS["sx"]} {sync_attrs}><sx:history {history}/></sx:sync>')


def query(attrs):
    return channel(el("opensearch", "Query", None, attrs))


RDF_ITEM_END = ("<link>https://example.org/first/</link>\n  </item>", "<link>https://example.org/first/</link>{}\n  </item>")


def rdf_item(markup):
    """A change putting `markup` in the RDF template's item (line 11)."""
    return [(RDF_ITEM_END[0], RDF_ITEM_END[1].format(markup))]


NETSCAPE_DTD = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
RSSBOARD_DTD = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://www.rssboard.org/rss-0.91.dtd">'
TEXTINPUT = ('<textinput rdf:about="https://example.org/search"><title>Search</title><description>Search the site</description>'
             '<name>{}</name><link>https://example.org/search</link></textinput>')


# (code, template, line or None, fail changes, pass changes); a change is (old, new).
CASES = [
    # XML and characters
    ("SAXError", "rss", 4, [("<title>Example</title>", "<title>Example</titel>")],
     [("<title>Example</title>", "<title>Example &amp; co</title>")]),
    ("SAXError", "rss", 4, [("<title>Example</title>", "<title>Example&nbsp;</title>")],
     [("<title>Example</title>", "<title>Example&#160;</title>")]),
    ("UnicodeError", "rss", 4, [("<title>Example</title>", b"<title>Caf\xe9</title>")],
     [("<title>Example</title>", b"<title>Caf\xe9</title>"), ('encoding="utf-8"', 'encoding="iso-8859-1"')]),
    ("BadXmlVersion", "rss", 1, [('version="1.0" encoding', 'version="1.1" encoding')], []),
    ("BadCharacters", "rss", 4, [("<title>Example</title>", "<title>Example\u0085</title>")],
     [("<title>Example</title>", "<title>Caf\u00e9</title>")]),
    ("UnknownNamespace", "rss", 2, [("<rss ", '<rss xmlns:foo="http://example.org/ns/foo" ')],
     [("<rss ", '<rss xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" ')]),
    ("MediaRssNamespace", "rss", 2, [("<rss ", '<rss xmlns:media="http://search.yahoo.com/mrss" ')],
     [("<rss ", '<rss xmlns:media="http://search.yahoo.com/mrss/" ')]),
    ("ReservedPrefix", "rss", 2, [('xmlns:dc="http://purl.org/dc/elements/1.1/"', 'xmlns:dc="http://example.org/dc"')], []),
    ("AvoidNamespacePrefix", "atom", 2, [("<feed ", '<feed xmlns:atom="http://www.w3.org/2005/Atom" ')], []),
    ("UnknownFormat", "rss", None, [(RSS, "This is not a feed.\n")], []),
    # RSS structure
    ("InvalidNamespace", "rss", 2, [('<rss version="2.0"', '<rss version="2.0" xmlns="http://example.org/rss"')], []),
    ("MissingAttribute", "rss", 2, [('<rss version="2.0"', "<rss")], []),
    ("InvalidRSSVersion", "rss", 2, [('<rss version="2.0"', '<rss version="3.0"')], []),
    ("UnexpectedText", "rss", 10, [("<!--CHANNEL-->", "stray words")], [("<!--CHANNEL-->", "<!-- a comment -->")]),
    ("UndefinedElement", "rss", 10, [("<!--CHANNEL-->", "<foo>x</foo>")], [("<!--CHANNEL-->", "<ttl>60</ttl>")]),
    ("UndefinedElement", "rss", 1, [(RSS, "<html><body><p>hello</p></body></html>\n")], []),
    ("DuplicateElement", "rss", 10, [("<!--CHANNEL-->", "<language>en</language>")],
     [("<!--CHANNEL-->", "<category>News</category><category>Tech</category>")]),
    ("MisplacedItem", "rss", 19, [("<!--AFTER-->", "<ttl>60</ttl>")], [("<!--CHANNEL-->", "<ttl>60</ttl>")]),
    ("MissingTitle", "rss", 3, [("    <title>Example</title>\n", "")], []),
    ("MissingLink", "rss", 3, [("    <link>https://example.org/</link>\n", "")], []),
    ("MissingDescription", "rss", 3, [("    <description>An example feed.</description>\n", "")], []),
    ("MissingElement", "rss", 10, [("<!--CHANNEL-->", image(url=None))], [("<!--CHANNEL-->", image())]),
    ("NotBlank", "rss", 12, [("<title>First post</title>", "<title> </title>")], []),
    ("ContainsHTML", "rss", 6, [("An example feed.", "An &lt;b&gt;example&lt;/b&gt; feed.")],
     [("An example feed.", "An example feed &#x26; more.")]),
    ("CharacterData", "rss", 12, [("<title>First post</title>", "<title>Vec&lt;T&gt;</title>")],
     [("<title>First post</title>", "<title>Vec&#x3C;T&gt;</title>")]),
    ("InvalidLanguage", "rss", 7, [("<language>en</language>", "<language>english</language>")],
     [("<language>en</language>", "<language>en-GB</language>")]),
    ("InvalidContact", "rss", 10, [("<!--CHANNEL-->", "<managingEditor>Jane Doe</managingEditor>")],
     [("<!--CHANNEL-->", "<managingEditor>jane@example.org (Jane Doe)</managingEditor>")]),
    ("MissingRealName", "rss", 10, [("<!--CHANNEL-->", "<managingEditor>jane@example.org</managingEditor>")],
     [("<!--CHANNEL-->", "<webMaster>jane@example.org (Jane Doe)</webMaster>")]),
    ("EmailFormat", "rss", 10, [("<!--CHANNEL-->", "<managingEditor>Jane Doe &lt;jane@example.org&gt;</managingEditor>")], []),
    ("InvalidRFC2822Date", "rss", 16, [("12:00:00 +0000</pubDate>", "12:00:00 UTC</pubDate>")],
     [("12:00:00 +0000</pubDate>", "12:00:00 GMT</pubDate>")]),
    ("ProblematicalRFC822Date", "rss", 16, [("10 Feb 2025 12:00:00 +0000</pubDate>", "10 Feb 25 12:00:00 +0000</pubDate>")], []),
    ("IncorrectDOW", "rss", 16, [("Mon, 10 Feb 2025 12:00:00 +0000</pubDate>", "Tue, 10 Feb 2025 12:00:00 +0000</pubDate>")], []),
    ("ImplausibleDate", "rss", 16, [("Mon, 10 Feb 2025 12:00:00 +0000</pubDate>", "10 Feb 2031 12:00:00 +0000</pubDate>")],
     [("Mon, 10 Feb 2025 12:00:00 +0000</pubDate>", "10 Feb 2025 12:00:00 +0000</pubDate>")]),
    ("FeedUpdatedBeforeEntry", "rss", 8, [("<lastBuildDate>Mon, 10 Feb", "<lastBuildDate>Sun, 09 Feb")], []),
    ("InvalidFullLink", "rss", 13, [("<link>https://example.org/first/</link>", "<link>/first/</link>")], []),
    ("InvalidUriChar", "rss", 13, [("<link>https://example.org/first/</link>", "<link>https://example.org/a b/</link>")],
     [("<link>https://example.org/first/</link>", "<link>https://example.org/a%20b/</link>")]),
    ("UriNotIri", "rss", 13, [("<link>https://example.org/first/</link>", "<link>https://example.org/caf\u00e9/</link>")],
     [("<link>https://example.org/first/</link>", "<link>https://example.org/caf%C3%A9/</link>")]),
    ("SchemeNotIANARegistered", "rss", 17, [("<!--ITEM-->", "<comments>irc://example.org/chan</comments>")],
     [("<!--ITEM-->", "<comments>https://example.org/first/#comments</comments>")]),
    ("InvalidPositiveInteger", "rss", 10, [("<!--CHANNEL-->", "<ttl>0</ttl>")], [("<!--CHANNEL-->", "<ttl>60</ttl>")]),
    ("AvoidTextInput", "rss", 10, [("<!--CHANNEL-->", "<textInput><title>Search</title><description>d</description><name>q</name><link>https://example.org/search</link></textInput>")], []),
    ("MissingAtomSelfLink", "rss", 3, [('    <atom:link href="https://example.org/FILE" rel="self" type="application/rss+xml"/>\n', "")], []),
    ("UseZeroForMidnight", "rss", 10, [("<!--CHANNEL-->", "<skipHours><hour>24</hour></skipHours>")],
     [("<!--CHANNEL-->", "<skipHours><hour>0</hour></skipHours>")]),
    ("InvalidHour", "rss", 10, [("<!--CHANNEL-->", "<skipHours><hour>25</hour></skipHours>")],
     [("<!--CHANNEL-->", "<skipHours><hour>23</hour></skipHours>")]),
    ("InvalidDay", "rss", 10, [("<!--CHANNEL-->", "<skipDays><day>Mon</day></skipDays>")],
     [("<!--CHANNEL-->", "<skipDays><day>Monday</day></skipDays>")]),
    ("DuplicateSemantics", "rss", 10, [("<!--CHANNEL-->", "<dc:language>en</dc:language>")],
     [("<!--CHANNEL-->", "<dc:publisher>Example</dc:publisher>")]),
    ("InvalidW3CDTFDate", "rss", 10, [("<!--CHANNEL-->", "<dc:date>10/02/2025</dc:date>")],
     [("<!--CHANNEL-->", "<dc:date>2025-02-10T12:00:00Z</dc:date>")]),
    ("ImageTitleDoesntMatch", "rss", 10, [("<!--CHANNEL-->", image(title="Other"))], [("<!--CHANNEL-->", image())]),
    ("ImageLinkDoesntMatch", "rss", 10, [("<!--CHANNEL-->", image(link="https://example.org/other/"))], [("<!--CHANNEL-->", image())]),
    ("ImageUrlFormat", "rss", 10, [("<!--CHANNEL-->", image(url="https://example.org/logo.webp"))], [("<!--CHANNEL-->", image())]),
    ("InvalidWidth", "rss", 10, [("<!--CHANNEL-->", image(extra="<width>200</width>"))], [("<!--CHANNEL-->", image(extra="<width>144</width>"))]),
    ("InvalidHeight", "rss", 10, [("<!--CHANNEL-->", image(extra="<height>500</height>"))], [("<!--CHANNEL-->", image(extra="<height>400</height>"))]),
    ("UnexpectedAttribute", "rss", 12, [("<title>First post</title>", '<title type="html">First post</title>')], []),
    ("UseOfExtensionAttr", "rss", 12, [("<title>First post</title>", '<title xmlns:x="http://example.org/x" x:note="1">First post</title>')], []),
    # RSS items
    ("ItemMustContainTitleOrDescription", "rss", 19, [("<!--AFTER-->", "<item><guid>https://example.org/x/</guid></item>")],
     [("<!--AFTER-->", OTHER)]),
    ("MissingGuid", "rss", 19, [("<!--AFTER-->", "<item><title>Second</title></item>")], [("<!--AFTER-->", OTHER)]),
    ("DuplicateValue", "rss", 19, [("<!--AFTER-->", OTHER.replace("<guid>https://example.org/second/", "<guid>https://example.org/first/"))],
     [("<!--AFTER-->", OTHER)]),
    ("NeedDescriptionBeforeContent", "rss", 19,
     [("<!--AFTER-->", OTHER.replace("</item>", "<content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded></item>"))],
     [("<!--AFTER-->", OTHER.replace("</item>", "<description>x</description><content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded></item>"))]),
    ("DuplicateItemSemantics", "rss", 17, [("<!--ITEM-->", "<dc:date>2025-02-10T12:00:00Z</dc:date>")],
     [("<!--ITEM-->", "<dc:creator>Jane Doe</dc:creator>")]),
    ("DuplicateDescriptionSemantics", "rss", 17, [("<!--ITEM-->", "<atom:title>First post</atom:title>")],
     [("<!--ITEM-->", '<atom:link href="https://example.org/related/" rel="related"/>')]),
    ("DuplicateEnclosure", "rss", 17, [("<!--ITEM-->", enclosure() + enclosure(url="https://example.org/b.mp3"))],
     [("<!--ITEM-->", enclosure())]),
    ("InvalidURLAttribute", "rss", 17, [("<!--ITEM-->", enclosure(url="ftp://example.org/a.mp3"))], [("<!--ITEM-->", enclosure())]),
    ("UseZeroForUnknown", "rss", 17, [("<!--ITEM-->", enclosure(length="-1"))], [("<!--ITEM-->", enclosure(length="0"))]),
    ("InvalidIntegerAttribute", "rss", 17, [("<!--ITEM-->", enclosure(length="big"))], [("<!--ITEM-->", enclosure())]),
    ("InvalidMIMEAttribute", "rss", 17, [("<!--ITEM-->", enclosure(type="mp3"))], [("<!--ITEM-->", enclosure())]),
    ("InvalidBooleanAttribute", "rss", 15, [("<guid>", '<guid isPermaLink="yes">')], [("<guid>", '<guid isPermaLink="true">')]),
    ("InvalidHttpGUID", "rss", 15, [("<guid>https://example.org/first/", "<guid>/first/")], []),
    ("InvalidPermalink", "rss", 15, [("<guid>https://example.org/first/", "<guid>tag:example.org,2025:first")],
     [("<guid>https://example.org/first/", '<guid isPermaLink="false">tag:example.org,2025:first')]),
    ("NotSufficientlyUnique", "rss", 15, [("<guid>https://example.org/first/", '<guid isPermaLink="false">1234')],
     [("<guid>https://example.org/first/", '<guid isPermaLink="false">tag:example.org,2025:1234')]),
    ("InvalidMediaMedium", "rss", 17, [("<!--ITEM-->", '<media:content xmlns:media="http://search.yahoo.com/mrss/" url="https://example.org/a.png" medium="img"/>')],
     [("<!--ITEM-->", '<media:content xmlns:media="http://search.yahoo.com/mrss/" url="https://example.org/a.png" medium="image"/>')]),
    # HTML in descriptions
    ("ContainsRelRef", "rss", 14, [('href="https://example.org/"', 'href="/about/"')], []),
    ("SecurityRisk", "rss", 14, [("&lt;p&gt;Hello", "&lt;script&gt;x()&lt;/script&gt;&lt;p&gt;Hello")],
     [("&lt;p&gt;Hello", "&lt;code&gt;x()&lt;/code&gt;&lt;p&gt;Hello")]),
    ("SecurityRiskAttr", "rss", 14, [("&lt;p&gt;Hello", '&lt;p onclick="x()"&gt;Hello')], [("&lt;p&gt;Hello", '&lt;p class="x"&gt;Hello')]),
    ("DangerousStyleAttr", "rss", 14, [("&lt;p&gt;Hello", '&lt;p style="max-width: 10px"&gt;Hello')],
     [("&lt;p&gt;Hello", '&lt;p style="text-align: center"&gt;Hello')]),
    ("NotHtml", "rss", 14, [("Hello &lt;a", "AT&amp;T &lt;a")], [("Hello &lt;a", "AT&amp;amp;T &lt;a")]),
    # atom:link (in RSS and Atom)
    ("MissingHref", "rss", 10, [("<!--CHANNEL-->", '<atom:link rel="related"/>')],
     [("<!--CHANNEL-->", '<atom:link href="https://example.org/about/" rel="related"/>')]),
    ("UnregisteredAtomLinkRel", "rss", 10, [("<!--CHANNEL-->", '<atom:link href="https://example.org/about/" rel="me"/>')],
     [("<!--CHANNEL-->", '<atom:link href="https://example.org/about/" rel="related"/>')]),
    ("AtomLinkNotEmpty", "rss", 10, [("<!--CHANNEL-->", '<atom:link href="https://example.org/about/" rel="related">x</atom:link>')], []),
    ("InvalidMIMEType", "rss", 10, [("<!--CHANNEL-->", '<atom:link href="https://example.org/about/" rel="related" type="html"/>')],
     [("<!--CHANNEL-->", '<atom:link href="https://example.org/about/" rel="related" type="text/html"/>')]),
    ("InvalidNonNegativeInteger", "rss", 10, [("<!--CHANNEL-->", '<atom:link href="https://example.org/a.mp3" rel="enclosure" length="big"/>')],
     [("<!--CHANNEL-->", '<atom:link href="https://example.org/a.mp3" rel="enclosure" length="1234"/>')]),
    ("SelfNotAtom", "rss", 9, [('rel="self" type="application/rss+xml"', 'rel="self" type="text/xml"')], []),
    ("RelativeSelf", "rss", 9, [('href="https://example.org/FILE"', 'href="/FILE"')], []),
    ("SelfDoesntMatchLocation", "rss", 9, [('href="https://example.org/FILE"', 'href="https://example.org/feed.xml"')], []),
    # RSS 1.0 and 0.91 are recognized
    ("MissingTitle", "rdf", 3, [("    <title>Example</title>\n", "")], []),
    ("MissingDescription", "rss091", 3, [("    <description>An example feed.</description>\n", "")], []),
    # Atom
    ("ObsoleteNamespace", "atom", 2, [('<feed xmlns="http://www.w3.org/2005/Atom"', '<feed version="0.3" xmlns="http://purl.org/atom/ns#"')], []),
    ("MissingElement", "atom", 2, [("  <id>https://example.org/</id>\n", "")], []),
    ("MisplacedMetadata", "atom", 19, [("<!--AFTER-->", "<rights>CC BY</rights>")], [("<!--FEED-->", "<rights>CC BY</rights>")]),
    ("MissingSelf", "atom", 2, [('  <link href="https://example.org/FILE" rel="self" type="application/atom+xml"/>\n', "")], []),
    ("DuplicateAtomLink", "atom", 9, [("<!--FEED-->", '<link href="https://example.org/home/" rel="alternate" type="text/html"/>')],
     [("<!--FEED-->", '<link href="https://example.org/fr/" rel="alternate" type="text/html" hreflang="fr"/>')]),
    ("MissingTextualContent", "atom", 10, [("    <summary>A summary.</summary>\n", ""), ('    <content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>\n', "")],
     [('    <content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>\n', "")]),
    ("MissingContentOrAlternate", "atom", 10,
     [('    <link href="https://example.org/first/" rel="alternate" type="text/html"/>\n', ""), ('    <content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>\n', "")],
     [('    <link href="https://example.org/first/" rel="alternate" type="text/html"/>\n', "")]),
    ("MissingSummary", "atom", 10,
     [("    <summary>A summary.</summary>\n", ""), ('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="application/pdf" src="https://example.org/a.pdf"/>')],
     [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="application/pdf" src="https://example.org/a.pdf"/>')]),
    ("InvalidRFC3339Date", "atom", 13, [("<updated>2025-02-10T12:00:00Z</updated>\n    <link", "<updated>2025-02-10T12:00Z</updated>\n    <link")],
     [("<updated>2025-02-10T12:00:00Z</updated>\n    <link", "<updated>2025-02-10T12:00:00+01:00</updated>\n    <link")]),
    ("ImplausibleDate", "atom", 17, [("<!--ENTRY-->", "<published>2031-01-01T00:00:00Z</published>")],
     [("<!--ENTRY-->", "<published>2025-02-01T00:00:00Z</published>")]),
    ("DuplicateUpdated", "atom", 19, [("<!--AFTER-->", entry2(updated="2025-02-10T12:00:00Z"))], [("<!--AFTER-->", entry2())]),
    ("DuplicateEntries", "atom", 19, [("<!--AFTER-->", entry2(id="first"))], [("<!--AFTER-->", entry2())]),
    ("DuplicateIds", "atom", 2, [("<!--AFTER-->", "".join(entry2(id="first", updated=f"2025-01-0{d}T12:00:00Z") for d in range(1, 10)))],
     [("<!--AFTER-->", "".join(entry2(id=f"p{d}", updated=f"2025-01-0{d}T12:00:00Z") for d in range(1, 10)))]),
    ("NonCanonicalURI", "atom", 4, [("<id>https://example.org/</id>", "<id>https://Example.org</id>")], []),
    ("UnexpectedWhitespace", "atom", 4, [("<id>https://example.org/</id>", "<id> https://example.org/</id>")], []),
    ("InvalidTAG", "atom", 4, [("<id>https://example.org/</id>", "<id>tag:Example.org,2025:feed</id>")],
     [("<id>https://example.org/</id>", "<id>tag:example.org,2025:feed</id>")]),
    ("InvalidURN", "atom", 4, [("<id>https://example.org/</id>", "<id>urn:x</id>")],
     [("<id>https://example.org/</id>", "<id>urn:isbn:0451450523</id>")]),
    ("InvalidUUID", "atom", 4, [("<id>https://example.org/</id>", "<id>urn:uuid:1234</id>")],
     [("<id>https://example.org/</id>", "<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>")]),
    ("InvalidTextType", "atom", 3, [("<title>Example</title>", '<title type="text/plain">Example</title>')],
     [("<title>Example</title>", '<title type="text">Example</title>')]),
    ("AttrNotBlank", "atom", 3, [("<title>Example</title>", '<title type="">Example</title>')], []),
    ("HtmlFragment", "atom", 16, [('<content type="html">', '<content type="text/html">')], []),
    ("NotBlank", "atom", 15, [("<summary>A summary.</summary>", "<summary></summary>")], []),
    ("ContainsUndeclaredHTML", "atom", 11, [("<title>First post</title>", "<title>First &lt;/b&gt; post</title>")],
     [("<title>First post</title>", '<title type="html">First &lt;b&gt;post&lt;/b&gt;</title>')]),
    ("MissingXhtmlDiv", "atom", 16, [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="xhtml">Hello.</content>')],
     [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello.</div></content>')]),
    ("InvalidAddrSpec", "atom", 6, [("<email>jane@example.org</email>", "<email>jane</email>")], []),
    ("ContainsEmail", "atom", 6, [("<name>Jane Doe</name>", "<name>Jane &lt;jane@example.org&gt;</name>")], []),
    ("MissingAttribute", "atom", 17, [("<!--ENTRY-->", '<category label="News"/>')], [("<!--ENTRY-->", '<category term="news" label="News"/>')]),
    ("UnexpectedAttribute", "atom", 9, [("<!--FEED-->", '<generator url="https://example.org/">gen</generator>')],
     [("<!--FEED-->", '<generator uri="https://example.org/" version="1">gen</generator>')]),
    ("UndefinedElement", "atom", 9, [("<!--FEED-->", "<foo>x</foo>")], [("<!--FEED-->", "<subtitle>More</subtitle>")]),
    ("UndeterminableVocabulary", "atom", 9, [("<!--FEED-->", '<foo xmlns="">x</foo>')],
     [("<!--FEED-->", '<dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">News</dc:subject>')]),
    ("MissingNamespace", "atom", 2, [(' xmlns="http://www.w3.org/2005/Atom"', "")], []),
    ("FeedHistoryRelInEntry", "atom", 17, [("<!--ENTRY-->", '<link href="https://example.org/2/" rel="next"/>')],
     [("<!--ENTRY-->", '<link href="https://example.org/2/" rel="related"/>')]),
    ("FeedUpdatedBeforeEntry", "atom", 5, [("<updated>2025-02-10T12:00:00Z</updated>\n  <author>", "<updated>2025-02-09T12:00:00Z</updated>\n  <author>")], []),
    ("InvalidIRI", "atom", 9, [("<!--FEED-->", '<link href="http:example.org/about/" rel="related"/>')],
     [("<!--FEED-->", '<link href="about/" rel="related"/>')]),
    ("InvalidLanguage", "atom", 2, [('xml:lang="en"', 'xml:lang="english"')], [('xml:lang="en"', 'xml:lang="en-US"')]),
    # Sitemaps
    ("InvalidNamespace", "sitemap", 2, [("http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.google.com/schemas/sitemap/0.84")], []),
    ("MissingLoc", "sitemap", 9, [("    <loc>https://example.org/about/</loc>\n", "")], []),
    ("InvalidLoc", "sitemap", 10, [("<loc>https://example.org/about/</loc>", "<loc>/about/</loc>")], []),
    ("LocTooLong", "sitemap", 10, [("<loc>https://example.org/about/</loc>", "<loc>https://example.org/" + "a" * 2100 + "</loc>")],
     [("<loc>https://example.org/about/</loc>", "<loc>https://example.org/" + "a" * 2000 + "</loc>")]),
    ("HostMismatch", "sitemap", 10, [("<loc>https://example.org/about/</loc>", "<loc>https://other.example.org/about/</loc>")],
     [("<loc>https://example.org/about/</loc>", "<loc>https://example.org/about/?page=2&amp;q=x</loc>")]),
    ("DuplicateLoc", "sitemap", 10, [("<loc>https://example.org/about/</loc>", "<loc>https://example.org/</loc>")], []),
    ("LocWhitespace", "sitemap", 10, [("<loc>https://example.org/about/</loc>", "<loc> https://example.org/about/ </loc>")], []),
    ("InvalidLastmod", "sitemap", 5, [("<lastmod>2025-02-10</lastmod>", "<lastmod>2025-2-10</lastmod>")],
     [("<lastmod>2025-02-10</lastmod>", "<lastmod>2025-02-10T12:00:00+05:30</lastmod>")]),
    ("InvalidChangefreq", "sitemap", 6, [("<changefreq>weekly</changefreq>", "<changefreq>often</changefreq>")],
     [("<changefreq>weekly</changefreq>", "<changefreq>never</changefreq>")]),
    ("InvalidPriority", "sitemap", 7, [("<priority>0.5</priority>", "<priority>1.5</priority>")],
     [("<priority>0.5</priority>", "<priority>1.0</priority>")]),
    ("DuplicateElement", "sitemap", 5, [("<lastmod>2025-02-10</lastmod>", "<lastmod>2025-02-10</lastmod><lastmod>2025-02-11</lastmod>")], []),
    ("EmptySitemap", "sitemap", 2, [(SITEMAP, '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n')], []),
    ("UndefinedElement", "index", 6, [("<!--SITEMAP-->", "<changefreq>daily</changefreq>")], []),
    # JSON Feed
    ("JsonSyntax", "json", 12, [('"date_published": "2025-02-10T12:00:00Z"\n    }', '"date_published": "2025-02-10T12:00:00Z",\n    }')], []),
    ("InvalidVersion", "json", None, [("https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/2")],
     [("https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/1")]),
    ("MissingVersion", "json", None, [('  "version": "https://jsonfeed.org/version/1.1",\n', "")], []),
    ("MissingTitle", "json", None, [('  "title": "Example",\n', "")], []),
    ("MissingItems", "json", None, [(JSON[JSON.index('  "items"'):], '  "description": "No items"\n}\n')], []),
    ("MissingHomePageUrl", "json", None, [('  "home_page_url": "https://example.org/",\n', "")], []),
    ("MissingSelf", "json", None, [('  "feed_url": "https://example.org/FILE",\n', "")], []),
    ("UnknownField", "json", None, [('"title": "Example",', '"title": "Example",\n  "foo": 1,')], [('"title": "Example",', '"title": "Example",\n  "_foo": 1,')]),
    ("InvalidType", "json", None, [('"title": "Example",', '"title": "Example",\n  "expired": "yes",')], [('"title": "Example",', '"title": "Example",\n  "expired": false,')]),
    ("DeprecatedAuthor", "json", 8, [('"url": "https://example.org/first/",', '"url": "https://example.org/first/",\n      "author": {"name": "Jane"},')],
     [('"url": "https://example.org/first/",', '"url": "https://example.org/first/",\n      "authors": [{"name": "Jane"}],')]),
    ("InvalidAuthor", "json", 8, [('"url": "https://example.org/first/",', '"url": "https://example.org/first/",\n      "authors": [{}],')], []),
    ("MissingId", "json", None, [('      "id": "https://example.org/first/",\n', "")], []),
    ("IdNotString", "json", 8, [('"id": "https://example.org/first/"', '"id": 1')], []),
    ("DuplicateId", "json", 14, [('"date_published": "2025-02-10T12:00:00Z"\n    }', '"date_published": "2025-02-10T12:00:00Z"\n    },\n    {\n      "id": "https://example.org/first/",\n      "content_text": "again"\n    }')],
     [('"date_published": "2025-02-10T12:00:00Z"\n    }', '"date_published": "2025-02-10T12:00:00Z"\n    },\n    {\n      "id": "https://example.org/second/",\n      "content_text": "again"\n    }')]),
    ("MissingContent", "json", 8, [('      "content_html": "<p>Hello.</p>",\n', "")], [('"content_html": "<p>Hello.</p>"', '"content_text": "Hello."')]),
    ("InvalidUrl", "json", 8, [('"url": "https://example.org/first/"', '"url": "/first/"')], []),
    ("InvalidDate", "json", 8, [('"date_published": "2025-02-10T12:00:00Z"', '"date_published": "2025-02-10"')], []),
    ("MissingAttribute", "json", 8, [('"url": "https://example.org/first/",', '"url": "https://example.org/first/",\n      "attachments": [{"url": "https://example.org/a.mp3"}],')],
     [('"url": "https://example.org/first/",', '"url": "https://example.org/first/",\n      "attachments": [{"url": "https://example.org/a.mp3", "mime_type": "audio/mpeg"}],')]),
    ("ContainsRelRef", "json", 8, [("<p>Hello.</p>", '<p><img src=\\"a.png\\" alt=\\"\\"></p>')], [("<p>Hello.</p>", '<p><img src=\\"https://example.org/a.png\\" alt=\\"\\"></p>')]),
    # More RSS and RDF rules of the W3C service
    ("DeprecatedDTD", "rss091", None, [('?>\n<rss ', '?>' + NETSCAPE_DTD + '\n<rss ')], [('?>\n<rss ', '?>' + RSSBOARD_DTD + '\n<rss ')]),
    ("InvalidDoctype", "rss", 2, [('?>\n<rss ', '?>' + RSSBOARD_DTD + '\n<rss ')], []),
    ("NoBlink", "rss", 10, channel("<blink>now</blink>"), []),
    ("NotInANamespace", "rss", 17, item(el("dcterms", "spatial", "<place>Paris</place>")), item(el("dcterms", "spatial", "<dcterms:place>Paris</dcterms:place>"))),
    ("MisplacedXHTMLContent", "rss", 17, item(el("xhtml", "p", "Hello")), []),
    ("InvalidRDF", "rdf", 11, rdf_item('<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">First <dc:x/></dc:title>'),
     rdf_item('<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:parseType="Literal">First <dc:x/></dc:title>')),
    ("InvalidFormComponentName", "rdf", 13, [("</item>\n", "</item>\n  " + TEXTINPUT.format("1q") + "\n")],
     [("</item>\n", "</item>\n  " + TEXTINPUT.format("q") + "\n")]),
    ("NotEnoughHoursInTheDay", "rss", 10, channel("<skipHours>" + "".join(f"<hour>{h}</hour>" for h in list(range(24)) + [5]) + "</skipHours>"),
     channel("<skipHours>" + "".join(f"<hour>{h}</hour>" for h in range(24)) + "</skipHours>")),
    ("EightDaysAWeek", "rss", 10, channel("<skipDays>" + "".join(f"<day>{d}</day>" for d in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday"]) + "</skipDays>"),
     channel("<skipDays>" + "".join(f"<day>{d}</day>" for d in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) + "</skipDays>")),
    ("InvalidLink", "atom", 9, [("<!--FEED-->", "<icon>https://example.org/logo\u3000x.png</icon>")], [("<!--FEED-->", "<icon>https://example.org/logo.png</icon>")]),
    ("InvalidURIAttribute", "atom", 9, [("<!--FEED-->", '<generator uri="https://example.org/a\u3000b">Gen</generator>')], [("<!--FEED-->", '<generator uri="https://example.org/">Gen</generator>')]),
    ("InvalidYesNo", "atom", 2, [("<feed ", "<feed " + NS["indexing"] + ' indexing:index="maybe" ')], [("<feed ", "<feed " + NS["indexing"] + ' indexing:index="no" ')]),
    ("MissingTypeAttr", "atom", 16, [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content src="https://example.org/first.html"/>')],
     [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content src="https://example.org/first.html" type="text/html"/>')]),
    ("NotInline", "atom", 15, [("<summary>A summary.</summary>", '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">AT&amp;amp;T</div></summary>')],
     [("<summary>A summary.</summary>", '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">AT&amp;T</div></summary>')]),
    ("NotEscaped", "atom", 16, [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="html" mode="escaped"><b>Hello.</b></content>')], []),
    ("NotBase64", "atom", 16, [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="image/png">abc</content>')],
     [('<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content>', '<content type="image/png">aGVsbG8=</content>')]),
    ("MissingSourceElement", "atom", 17, [("<!--ENTRY-->", "<source><title>Elsewhere</title><id>https://example.org/other</id></source>")],
     [("<!--ENTRY-->", "<source><title>Elsewhere</title><id>https://example.org/other</id><updated>2025-02-10T12:00:00Z</updated></source>")]),
    ("NoThrWhen", "atom", 17, [("<!--ENTRY-->", '<link rel="replies" href="https://example.org/first/comments" ' + NS["thr"] + ' thr:when="2025-02-10T12:00:00Z"/>')],
     [("<!--ENTRY-->", '<link rel="replies" href="https://example.org/first/comments" ' + NS["thr"] + ' thr:updated="2025-02-10T12:00:00Z"/>')]),
    # Extensions: Dublin Core terms, OpenSearch, SSE, slash, wfw, sy, access, XHTML meta
    ("InvalidInteger", "rss", 10, channel(el("opensearch", "startIndex", "first")), channel(el("opensearch", "startIndex", "1"))),
    ("TooLong", "rss", 10, query('role="request" title="' + "x" * 300 + '"'), query('role="request" title="Cats"')),
    ("UndeclaredPrefix", "rss", 10, query('role="foo:bar"'), query('role="request"')),
    ("InvalidLocalRole", "rss", 10, query('role="answer"'), query('role="request"')),
    ("NotURLEncoded", "rss", 10, query('role="request" searchTerms="a+b"'), query('role="request" searchTerms="a%2Bb"')),
    ("IntegerOverflow", "rss", 17, sync('id="item1" updates="9999999999"'), sync()),
    ("InvalidNSS", "rss", 17, sync('id="item 1" updates="1"'), sync()),
    ("MissingRecommendedAttribute", "rss", 17, sync(history='sequence="1" when="2025-02-10T12:00:00Z"'), sync()),
    ("MissingByAndWhenAttrs", "rss", 17, sync(history='sequence="1"'), sync()),
    ("InvalidSseType", "rss", 10, channel(f'<sx:sharing {NS["sx"]}><sx:related link="https://example.org/all.xml" type="partial"/></sx:sharing>'),
     channel(f'<sx:sharing {NS["sx"]}><sx:related link="https://example.org/all.xml" type="complete"/></sx:sharing>')),
    ("SinceAfterUntil", "rss", 10, channel(el("sx", "sharing", None, 'since="2025-02-10T12:00:00Z" until="2025-01-01T00:00:00Z"')),
     channel(el("sx", "sharing", None, 'since="2025-01-01T00:00:00Z" until="2025-02-10T12:00:00Z"'))),
    ("CommentRSS", "rss", 17, item(el("wfw", "commentRSS", "https://example.org/first/comments.xml")), item(el("wfw", "commentRss", "https://example.org/first/comments.xml"))),
    ("SlashDate", "rss", 16, [("    <lastBuildDate>Mon, 10 Feb 2025 12:00:00 +0000</lastBuildDate>\n", "")] + item(el("slash", "comments", "3")), item(el("slash", "comments", "3"))),
    ("InvalidCommaSeparatedIntegers", "rss", 17, item(el("slash", "hit_parade", "1;2")), item(el("slash", "hit_parade", "1,2"))),
    ("InvalidUpdatePeriod", "rss", 10, channel(el("sy", "updatePeriod", "often")), channel(el("sy", "updatePeriod", "daily"))),
    ("InvalidAccessRestrictionRel", "rss", 3, [("  <channel>", '  <access:restriction ' + NS["access"] + ' relationship="maybe"/><channel>')],
     [("  <channel>", '  <access:restriction ' + NS["access"] + ' relationship="allow"/><channel>')]),
    ("InvalidMetaName", "rss", 10, channel(el("xhtml", "meta", None, 'name="author" content="noindex"')), channel(el("xhtml", "meta", None, 'name="robots" content="noindex"'))),
    ("InvalidMetaContent", "rss", 10, channel(el("xhtml", "meta", None, 'name="robots" content="never"')), channel(el("xhtml", "meta", None, 'name="robots" content="noindex"'))),
    # Geography
    ("InvalidLatitude", "rss", 17, item(el("geo", "lat", "91")), item(el("geo", "lat", "45.5"))),
    ("InvalidLongitude", "rss", 17, item(el("geo", "long", "181")), item(el("geo", "long", "-73.5"))),
    ("InvalidCoord", "rss", 17, item(el("georss", "point", "45")), item(el("georss", "point", "45 -70"))),
    ("InvalidCoordList", "rss", 17, item(el("georss", "line", "45 -70 46")), item(el("georss", "line", "45 -70 46 -71"))),
    ("CoordComma", "rss", 17, item(el("georss", "point", "45,-70")), item(el("georss", "point", "45 -70"))),
    # Google Base
    ("InvalidISO8601Date", "rss", 17, g("expiration_date", "2025-02"), g("expiration_date", "2025-02-28")),
    ("InvalidISO8601DateTime", "rss", 17, g("expiration_date_time", "tomorrow"), g("expiration_date_time", "2025-02-28T12:00:00Z")),
    ("InvalidTrueFalse", "rss", 17, g("pickup", "maybe"), g("pickup", "true")),
    ("TooMany", "rss", 17, item("".join(el("g", "label", f"l{i}") for i in range(11))), item("".join(el("g", "label", f"l{i}") for i in range(10)))),
    ("InvalidFloatUnit", "rss", 17, g("price", "cheap"), g("price", "10 USD")),
    ("InvalidIntUnit", "rss", 17, g("mileage", "-5 km"), g("mileage", "5 km")),
    ("InvalidPercentage", "rss", 17, g("tax_percent", "150"), g("tax_percent", "8.5")),
    ("InvalidYear", "rss", 17, g("year", "1800"), g("year", "2020")),
    ("InvalidCurrencyUnit", "rss", 17, g("currency", "DOLLAR"), g("currency", "USD")),
    ("InvalidLabel", "rss", 17, g("label", "a,b"), g("label", "a")),
    ("InvalidLocation", "rss", 17, g("from_location", "Paris"), g("from_location", "Paris, France")),
    ("InvalidFullLocation", "rss", 17, g("location", "Paris"), g("location", "1 Rue de Rivoli, Paris, IDF, 75001, France")),
    ("InvalidGender", "rss", 17, g("gender", "X"), g("gender", "F")),
    ("InvalidMaritalStatus", "rss", 17, g("marital_status", "complicated"), g("marital_status", "single")),
    ("InvalidPaymentMethod", "rss", 17, g("payment_accepted", "Bitcoin"), g("payment_accepted", "Cash")),
    ("InvalidPriceType", "rss", 17, g("price_type", "cheap"), g("price_type", "starting")),
    ("InvalidRatingType", "rss", 17, g("rating", "6"), g("rating", "5")),
    ("InvalidReviewerType", "rss", 17, g("reviewer_type", "robot"), g("reviewer_type", "user")),
    ("InvalidSalaryType", "rss", 17, g("salary_type", "high"), g("salary_type", "starting")),
    ("InvalidServiceType", "rss", 17, item(f'<g:shipping {NS["g"]}><g:service>Drone</g:service></g:shipping>'), item(f'<g:shipping {NS["g"]}><g:service>UPS</g:service></g:shipping>')),
    # iTunes
    ("MissingItunesElement", "rss", 3, [PODCAST_NS] + channel("<itunes:author>Jane Doe</itunes:author>"), podcast("<itunes:author>Jane Doe</itunes:author>")),
    ("MissingItunesEmail", "rss", 3, [PODCAST_NS] + channel('<itunes:category text="Technology"/><itunes:explicit>false</itunes:explicit>'), podcast()),
    ("InvalidItunesCategory", "rss", 10, podcast(snippet=PODCAST.replace('"Technology"', '"Cats"')), podcast()),
    ("ObsoleteItunesCategory", "rss", 10, podcast(snippet=PODCAST.replace('"Technology"', '"Talk Radio"')), podcast()),
    ("InvalidItunesChannelType", "rss", 10, podcast("<itunes:type>weekly</itunes:type>"), podcast("<itunes:type>episodic</itunes:type>")),
    ("InvalidKeywords", "rss", 10, podcast("<itunes:keywords>cats dogs</itunes:keywords>"), podcast("<itunes:keywords>cats, dogs</itunes:keywords>")),
    ("InvalidYesNoClean", "rss", 10, podcast("<itunes:block>maybe</itunes:block>"), podcast("<itunes:block>no</itunes:block>")),
    ("InvalidItunesEpisodeType", "rss", 17, podcast("<itunes:episodeType>extra</itunes:episodeType>", "<!--ITEM-->"), podcast("<itunes:episodeType>full</itunes:episodeType>", "<!--ITEM-->")),
    ("InvalidDuration", "rss", 17, podcast("<itunes:duration>ten minutes</itunes:duration>", "<!--ITEM-->"), podcast("<itunes:duration>10:00</itunes:duration>", "<!--ITEM-->")),
    # The service checks an item's enclosures when the item is the first to use iTunes elements.
    ("UnsupportedItunesFormat", "rss", 17, [PODCAST_NS, ("<!--AFTER-->", PODCAST)] + item("<itunes:duration>10:00</itunes:duration>" + enclosure("https://example.org/a.ogg", type="audio/ogg")),
     [PODCAST_NS, ("<!--AFTER-->", PODCAST)] + item("<itunes:duration>10:00</itunes:duration>" + enclosure())),
    ("NotUTF8", "rss", 3, [('encoding="utf-8"', 'encoding="iso-8859-1"')] + podcast(), podcast()),
    # Media RSS
    ("DeprecatedMediaAdult", "rss", 17, item(el("media", "adult", "false")), item(el("media", "rating", "nonadult"))),
    ("MediaGroupWithoutAlternatives", "rss", 17, item(f'<media:group {NS["media"]}><media:content url="https://example.org/a.mp3"/></media:group>'),
     item(f'<media:group {NS["media"]}><media:content url="https://example.org/a.mp3"/><media:content url="https://example.org/a.ogg"/></media:group>')),
    ("InvalidFloat", "rss", 17, item(el("media", "content", None, 'url="https://example.org/a.mp3" bitrate="fast"')), item(el("media", "content", None, 'url="https://example.org/a.mp3" bitrate="128"'))),
    ("InvalidMediaExpression", "rss", 17, item(el("media", "content", None, 'url="https://example.org/a.mp3" expression="partial"')), item(el("media", "content", None, 'url="https://example.org/a.mp3" expression="full"'))),
    ("InvalidMediaHash", "rss", 17, item(el("media", "hash", "abc", 'algo="md5"')), item(el("media", "hash", "d41d8cd98f00b204e9800998ecf8427e", 'algo="md5"'))),
    ("InvalidMediaRating", "rss", 17, item(el("media", "rating", "family")), item(el("media", "rating", "nonadult"))),
    ("InvalidMediaRestriction", "rss", 17, item(el("media", "restriction", "some", 'relationship="allow"')), item(el("media", "restriction", "all", 'relationship="allow"'))),
    ("InvalidMediaRestrictionRel", "rss", 17, item(el("media", "restriction", "all", 'relationship="maybe"')), item(el("media", "restriction", "all", 'relationship="allow"'))),
    ("InvalidMediaRestrictionType", "rss", 17, item(el("media", "restriction", "Paris", 'relationship="allow" type="city"')), item(el("media", "restriction", "FR", 'relationship="allow" type="country"'))),
    ("InvalidCountryCode", "rss", 17, item(el("media", "restriction", "XX", 'relationship="allow" type="country"')), item(el("media", "restriction", "US", 'relationship="allow" type="country"'))),
    ("InvalidMediaTextType", "rss", 17, item(el("media", "title", "Hello", 'type="rich"')), item(el("media", "title", "Hello", 'type="plain"'))),
    ("InvalidCreditRole", "rss", 17, item(el("media", "credit", "Jane Doe", 'role="boss"')), item(el("media", "credit", "Jane Doe", 'role="author"'))),
    ("InvalidNPTTime", "rss", 17, item(el("media", "thumbnail", None, 'url="https://example.org/a.jpg" time="noon"')), item(el("media", "thumbnail", None, 'url="https://example.org/a.jpg" time="12:00:00"'))),
]


def apply(text, changes):
    data = text.encode("utf-8")
    for old, new in changes:
        old_b = old.encode("utf-8")
        new_b = new if isinstance(new, bytes) else new.encode("utf-8")
        if old_b not in data:
            raise SystemExit(f"change not applicable: {old!r}")
        data = data.replace(old_b, new_b, 1)
    return data


def main():
    seen = {}
    lines = []
    for code, template, line, fail, passing in CASES:
        text, ext = TEMPLATES[template]
        n = seen.get((code, template), 0)
        seen[(code, template)] = n + 1
        stem = f"{template}-{code}" + (f"-{n + 1}" if n else "")
        for kind, changes in (("fail", fail), ("pass", passing)):
            name = f"{stem}.{kind}.{ext}"
            data = apply(text, changes).replace(b"FILE", name.encode())
            with open(os.path.join(HERE, name), "wb") as f:
                f.write(data)
        lines.append(f"{stem}.fail.{ext}\t{code}\t{'-' if line is None else line}\n")
    for template, (text, ext) in TEMPLATES.items():
        name = f"{template}-valid.{ext}"
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(text.encode("utf-8").replace(b"FILE", name.encode()))
    with open(os.path.join(HERE, "cases.tsv"), "w") as f:
        f.write("# fixture\tcode\tline ('-': the whole file); written by generate.py\n")
        f.writelines(lines)


if __name__ == "__main__":
    main()

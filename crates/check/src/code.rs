//! Every message the checker can report, as one enum.
//!
//! A code's name is the W3C Feed Validation Service's message class wherever
//! the service has one (its `Error`s are errors here, its `Warning`s
//! warnings), so findings can be compared with the service's; the rest are
//! feedwright's own and say so in their documentation. `docs/check.md`
//! explains each one, and the tests hold every code to a failing fixture and
//! a documentation entry by iterating [`Code::ALL`].

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::Level;

macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $name:ident: $level:ident, )+) => {
        /// What a finding is about: one variant per message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl Code {
            /// Every code, in the order they are declared.
            pub const ALL: &'static [Code] = &[$(Code::$name),+];

            /// The code's name: the W3C validator's message class where it has one.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Code::$name => stringify!($name),)+
                }
            }

            /// Whether a finding with this code makes the file invalid.
            pub const fn level(self) -> Level {
                match self {
                    $(Code::$name => Level::$level,)+
                }
            }
        }
    };
}

codes! {
    // XML, characters and namespaces.
    /// The file is not well-formed XML 1.0.
    SAXError: Error,
    /// The bytes do not decode in the declared encoding.
    UnicodeError: Error,
    /// The XML declaration names another version than 1.0.
    BadXmlVersion: Error,
    /// C1 controls, U+FFFD or UTF-8 read as Latin-1 in the text.
    BadCharacters: Warning,
    /// A feed of more than 5,000,000 bytes, where validators stop.
    ValidatorLimit: Error,
    /// A namespace feed validators do not know.
    UnknownNamespace: Warning,
    /// Media RSS declared without its trailing slash.
    MediaRssNamespace: Error,
    /// A well-known prefix bound to another namespace.
    ReservedPrefix: Warning,
    /// An `atom:` or `xhtml:` prefix where Atom wants the default namespace.
    AvoidNamespacePrefix: Warning,
    /// An element the format does not define in that place.
    UndefinedElement: Error,
    /// Neither XML nor JSON, or no feed or sitemap format at all (*feedwright*).
    UnknownFormat: Error,
    /// The file could not be read, or the URL could not be fetched: no
    /// connection, a timeout, a body that does not decode.
    IOError: Error,

    // RSS.
    /// A required attribute is missing.
    MissingAttribute: Error,
    /// An RSS version other than 0.91, 0.92 or 2.0.
    InvalidRSSVersion: Error,
    /// The root element is in the wrong namespace.
    InvalidNamespace: Error,
    /// A required element is missing.
    MissingElement: Error,
    /// A channel, image or text input without its title.
    MissingTitle: Error,
    /// A channel, image or text input without its link.
    MissingLink: Error,
    /// A channel or text input without its description.
    MissingDescription: Error,
    /// An element that may appear once appears again.
    DuplicateElement: Error,
    /// Text where only elements belong.
    UnexpectedText: Error,
    /// An attribute the element does not take.
    UnexpectedAttribute: Error,
    /// An attribute from an unknown namespace on a core RSS element.
    UseOfExtensionAttr: Warning,
    /// Channel elements after the first item.
    MisplacedItem: Warning,
    /// A blank value where one is expected.
    NotBlank: Warning,
    /// HTML in an element that holds plain text.
    ContainsHTML: Warning,
    /// `&` or `<` in plain text not written as `&#x26;` and `&#x3C;`.
    CharacterData: Warning,
    /// A language code that is not ISO 639.
    InvalidLanguage: Error,
    /// An RSS contact without an e-mail address.
    InvalidContact: Error,
    /// A contact without the person's name in parentheses.
    MissingRealName: Warning,
    /// A contact in another shape than `address (Name)`.
    EmailFormat: Warning,
    /// An RSS date that is not an RFC 822 date.
    InvalidRFC2822Date: Error,
    /// An RFC 822 date in an unusual form.
    ProblematicalRFC822Date: Warning,
    /// A date whose day name does not match it.
    IncorrectDOW: Error,
    /// A date in the future or before 1990.
    ImplausibleDate: Warning,
    /// A date that is not a W3C date-time.
    InvalidW3CDTFDate: Error,
    /// A relative or malformed URL where an absolute one is needed.
    InvalidFullLink: Error,
    /// A character URIs do not allow.
    InvalidUriChar: Error,
    /// Non-ASCII characters where a URI (not an IRI) is needed.
    UriNotIri: Error,
    /// A URI scheme IANA has not registered.
    SchemeNotIANARegistered: Warning,
    /// Not a positive whole number.
    InvalidPositiveInteger: Error,
    /// A `skipHours` hour outside 0 to 23.
    InvalidHour: Error,
    /// A `skipDays` day that is not a day name.
    InvalidDay: Error,
    /// Midnight written 24 instead of 0.
    UseZeroForMidnight: Warning,
    /// A `textInput`, which readers ignore.
    AvoidTextInput: Warning,
    /// An RSS 2.0 channel without an `atom:link rel="self"`.
    MissingAtomSelfLink: Warning,
    /// A channel that says the same thing with two elements.
    DuplicateSemantics: Warning,
    /// A feed updated before its newest entry (*feedwright*).
    FeedUpdatedBeforeEntry: Warning,
    /// An image titled differently from its channel.
    ImageTitleDoesntMatch: Warning,
    /// An image linked elsewhere than its channel.
    ImageLinkDoesntMatch: Warning,
    /// A channel image that is not a JPEG, GIF or PNG.
    ImageUrlFormat: Warning,
    /// An image width outside 1 to 144.
    InvalidWidth: Error,
    /// An image height outside 1 to 400.
    InvalidHeight: Error,
    /// An item with neither title nor description.
    ItemMustContainTitleOrDescription: Error,
    /// An RSS 2.0 item without a guid.
    MissingGuid: Warning,
    /// A boolean attribute that is not `true` or `false`.
    InvalidBooleanAttribute: Error,
    /// A permalink guid that is not a full URL.
    InvalidHttpGUID: Error,
    /// A `tag:` or `urn:uuid:` guid marked as a permalink.
    InvalidPermalink: Error,
    /// A guid too short to be unique.
    NotSufficientlyUnique: Warning,
    /// A value that must be unique used twice.
    DuplicateValue: Error,
    /// `content:encoded` without a description before it.
    NeedDescriptionBeforeContent: Warning,
    /// An item that says the same thing with two elements.
    DuplicateItemSemantics: Warning,
    /// An item with Atom title or content beside its own.
    DuplicateDescriptionSemantics: Warning,
    /// More than one enclosure in an item.
    DuplicateEnclosure: Warning,
    /// A URL attribute that is not an absolute http(s) URL.
    InvalidURLAttribute: Error,
    /// An unknown enclosure length written -1.
    UseZeroForUnknown: Error,
    /// An integer attribute that is not a whole number.
    InvalidIntegerAttribute: Error,
    /// A MIME-type attribute that is not a MIME type.
    InvalidMIMEAttribute: Error,
    /// A `media:content` medium that Media RSS does not define.
    InvalidMediaMedium: Error,

    // HTML inside feeds.
    /// HTML that does not parse, or holds non-HTML elements.
    NotHtml: Warning,
    /// HTML elements readers strip (scripts, frames, styles, ...).
    SecurityRisk: Warning,
    /// HTML event-handler attributes.
    SecurityRiskAttr: Warning,
    /// A `style` attribute beyond the service's CSS whitelist.
    DangerousStyleAttr: Warning,
    /// A relative URL in HTML, which readers cannot resolve.
    ContainsRelRef: Warning,

    // atom:link.
    /// A link without an `href`.
    MissingHref: Error,
    /// A malformed IRI.
    InvalidIRI: Error,
    /// A link element with content.
    AtomLinkNotEmpty: Warning,
    /// A link relation that is neither registered nor an IRI.
    UnregisteredAtomLinkRel: Warning,
    /// A feed-paging relation on an entry.
    FeedHistoryRelInEntry: Warning,
    /// A `type` that is not a MIME type.
    InvalidMIMEType: Error,
    /// Not a whole number.
    InvalidNonNegativeInteger: Error,
    /// A relative self link.
    RelativeSelf: Warning,
    /// A self link whose type is not a feed type.
    SelfNotAtom: Warning,
    /// A self link that is not where the feed is.
    SelfDoesntMatchLocation: Warning,

    // Atom.
    /// The Atom 0.3 namespace.
    ObsoleteNamespace: Error,
    /// An element or attribute in no namespace where one is required.
    MissingNamespace: Error,
    /// Feed metadata after the first entry.
    MisplacedMetadata: Error,
    /// A feed without a self link.
    MissingSelf: Warning,
    /// Two alternate links with the same type and language.
    DuplicateAtomLink: Error,
    /// An entry with neither content nor summary.
    MissingTextualContent: Warning,
    /// An entry with neither content nor an alternate link.
    MissingContentOrAlternate: Error,
    /// An entry whose content is elsewhere, without a summary.
    MissingSummary: Error,
    /// An Atom date that is not RFC 3339.
    InvalidRFC3339Date: Error,
    /// Two entries with the same `updated`.
    DuplicateUpdated: Warning,
    /// Two entries with the same id.
    DuplicateEntries: Warning,
    /// Every one of more than nine entries with the same id.
    DuplicateIds: Error,
    /// An id not in canonical form.
    NonCanonicalURI: Warning,
    /// Whitespace around a value that must have none.
    UnexpectedWhitespace: Error,
    /// A malformed `tag:` URI.
    InvalidTAG: Error,
    /// A malformed URN.
    InvalidURN: Error,
    /// A malformed `urn:uuid:`.
    InvalidUUID: Error,
    /// A text construct typed with a media type.
    InvalidTextType: Error,
    /// An empty attribute.
    AttrNotBlank: Warning,
    /// A fragment of HTML typed as a whole document.
    HtmlFragment: Warning,
    /// HTML in an Atom element typed `text`.
    ContainsUndeclaredHTML: Warning,
    /// XHTML content not wrapped in an XHTML `div`.
    MissingXhtmlDiv: Error,
    /// A malformed e-mail address.
    InvalidAddrSpec: Error,
    /// An e-mail address in a person's name.
    ContainsEmail: Warning,
    /// An element in no namespace in an Atom feed.
    UndeterminableVocabulary: Warning,

    // More of the W3C validator's classes: RSS, Atom, XML.
    /// The Netscape RSS 0.91 DTD, which is gone.
    DeprecatedDTD: Error,
    /// The RSS 0.91 DOCTYPE on a feed of another version.
    InvalidDoctype: Error,
    /// `<blink>`, no RSS element.
    NoBlink: Error,
    /// A child in no namespace inside an RSS 2.0 extension element.
    NotInANamespace: Error,
    /// XHTML elements outside XHTML content.
    MisplacedXHTMLContent: Warning,
    /// RDF that mixes text and elements, or is otherwise not RDF.
    InvalidRDF: Error,
    /// A relative or malformed URI.
    InvalidLink: Error,
    /// A malformed URI in an attribute.
    InvalidURIAttribute: Error,
    /// `skipHours` with more than 24 hours.
    NotEnoughHoursInTheDay: Error,
    /// `skipDays` with more than 7 days.
    EightDaysAWeek: Error,
    /// An HTML form control name that is not a name.
    InvalidFormComponentName: Error,
    /// An ISO 8601 date that is not `YYYY-MM-DD`.
    InvalidISO8601Date: Error,
    /// A date-time that is not ISO 8601.
    InvalidISO8601DateTime: Error,
    /// Not a whole number.
    InvalidInteger: Error,
    /// A whole number beyond its limit.
    IntegerOverflow: Error,
    /// `true` or `false` expected.
    InvalidTrueFalse: Error,
    /// `yes` or `no` expected.
    InvalidYesNo: Error,
    /// Longer than allowed.
    TooLong: Error,
    /// An element repeated more often than allowed.
    TooMany: Error,
    /// Content with `src` but no `type`.
    MissingTypeAttr: Warning,
    /// HTML markup in XHTML content's text.
    NotInline: Warning,
    /// `mode="escaped"` content holding markup.
    NotEscaped: Error,
    /// Binary content that is not base64.
    NotBase64: Error,
    /// An entry's `source` without a title, id or update time.
    MissingSourceElement: Warning,
    /// `thr:when`, which the threading extension does not define.
    NoThrWhen: Error,
    /// A recommended attribute left out.
    MissingRecommendedAttribute: Warning,
    /// A prefix in a value that no namespace declaration binds.
    UndeclaredPrefix: Error,

    // Extensions.
    /// `wfw:commentRSS`, a misspelling of `wfw:commentRss`.
    CommentRSS: Warning,
    /// `slash:comments` in a channel without a `lastBuildDate`.
    SlashDate: Warning,
    /// A `sy:updatePeriod` that is not hourly to yearly.
    InvalidUpdatePeriod: Error,
    /// Numbers that are not separated by commas.
    InvalidCommaSeparatedIntegers: Error,
    /// Keywords not separated by commas.
    InvalidKeywords: Warning,
    /// A latitude outside -90 to 90.
    InvalidLatitude: Error,
    /// A longitude outside -180 to 180.
    InvalidLongitude: Error,
    /// A GML position that is not two numbers.
    InvalidCoord: Error,
    /// A GML list of positions that is not pairs of numbers.
    InvalidCoordList: Error,
    /// GML coordinates separated by commas.
    CoordComma: Warning,
    /// Not a decimal number.
    InvalidFloat: Error,
    /// Not a number with a unit.
    InvalidFloatUnit: Error,
    /// Not a whole number with a unit.
    InvalidIntUnit: Error,
    /// Not a percentage.
    InvalidPercentage: Error,
    /// Not a plausible year.
    InvalidYear: Error,
    /// Not an ISO 3166 country code.
    InvalidCountryCode: Error,
    /// Not an ISO 4217 currency code.
    InvalidCurrencyUnit: Error,
    /// A Google Base label with commas.
    InvalidLabel: Error,
    /// A Google Base location that is not two or three parts.
    InvalidLocation: Error,
    /// A Google Base full location that is not five parts.
    InvalidFullLocation: Error,
    /// A Google Base gender that is not Male, M, Female or F.
    InvalidGender: Error,
    /// A Google Base marital status it does not define.
    InvalidMaritalStatus: Error,
    /// A Google Base payment method it does not define.
    InvalidPaymentMethod: Error,
    /// A Google Base price type it does not define.
    InvalidPriceType: Error,
    /// A Google Base rating that is not 1 to 5.
    InvalidRatingType: Error,
    /// A Google Base reviewer type it does not define.
    InvalidReviewerType: Error,
    /// A Google Base salary type it does not define.
    InvalidSalaryType: Error,
    /// A Google Base shipping service it does not define.
    InvalidServiceType: Error,
    /// An iTunes category Apple does not list.
    InvalidItunesCategory: Error,
    /// An iTunes category Apple has retired.
    ObsoleteItunesCategory: Warning,
    /// An `itunes:type` that is not episodic or serial.
    InvalidItunesChannelType: Error,
    /// An `itunes:episodeType` that is not full, trailer or bonus.
    InvalidItunesEpisodeType: Error,
    /// An `itunes:block` that is not yes, no or clean.
    InvalidYesNoClean: Error,
    /// An `itunes:duration` that is not seconds or `h:mm:ss`.
    InvalidDuration: Error,
    /// A podcast without its language, category or explicit flag.
    MissingItunesElement: Warning,
    /// A podcast without its owner's e-mail.
    MissingItunesEmail: Warning,
    /// A podcast episode in a format Apple does not play.
    UnsupportedItunesFormat: Warning,
    /// A podcast feed in another encoding than UTF-8.
    NotUTF8: Warning,
    /// `media:adult`, which Media RSS deprecates.
    DeprecatedMediaAdult: Warning,
    /// A `media:group` with fewer than two `media:content`.
    MediaGroupWithoutAlternatives: Error,
    /// A `media:content` expression other than sample, full or nonstop.
    InvalidMediaExpression: Error,
    /// A `media:hash` that is not an MD5 or SHA-1 digest.
    InvalidMediaHash: Error,
    /// A `media:rating` its scheme does not define.
    InvalidMediaRating: Error,
    /// A `media:restriction` that is not all or none.
    InvalidMediaRestriction: Error,
    /// A `media:restriction` relationship other than allow or deny.
    InvalidMediaRestrictionRel: Error,
    /// A `media:restriction` type other than country or uri.
    InvalidMediaRestrictionType: Error,
    /// A Media RSS text type other than plain or html.
    InvalidMediaTextType: Error,
    /// A `media:credit` role its scheme does not define.
    InvalidCreditRole: Error,
    /// A time that is not in Normal Play Time.
    InvalidNPTTime: Error,
    /// An `access:restriction` relationship other than allow or deny.
    InvalidAccessRestrictionRel: Error,
    /// An SSE `sx:sync` or history value that is not a URN string.
    InvalidNSS: Error,
    /// An SSE `sx:history` with neither `by` nor `when`.
    MissingByAndWhenAttrs: Error,
    /// An SSE `sx:related` type other than complete or aggregated.
    InvalidSseType: Error,
    /// An SSE `sx:sharing` whose `since` is after its `until`.
    SinceAfterUntil: Error,
    /// An OpenSearch query role it does not define.
    InvalidLocalRole: Error,
    /// OpenSearch search terms that are not URL-encoded.
    NotURLEncoded: Error,
    /// An XHTML `meta` name other than robots.
    InvalidMetaName: Error,
    /// An XHTML `meta` content that is no robots directive.
    InvalidMetaContent: Error,

    // JSON Feed (all feedwright's own).
    /// Not valid JSON (*feedwright*).
    JsonSyntax: Error,
    /// No `version` (*feedwright*).
    MissingVersion: Error,
    /// An unknown JSON Feed version (*feedwright*).
    InvalidVersion: Error,
    /// No `items` array (*feedwright*).
    MissingItems: Error,
    /// No `home_page_url` (*feedwright*).
    MissingHomePageUrl: Warning,
    /// A field the specification does not define (*feedwright*).
    UnknownField: Warning,
    /// A field of the wrong JSON type (*feedwright*).
    InvalidType: Error,
    /// A URL field that is not an absolute http(s) URL (*feedwright*).
    InvalidUrl: Error,
    /// `author` in a 1.1 feed, which uses `authors` (*feedwright*).
    DeprecatedAuthor: Warning,
    /// An author with no name, URL or avatar (*feedwright*).
    InvalidAuthor: Error,
    /// An item without an id (*feedwright*).
    MissingId: Error,
    /// An id that is not a string (*feedwright*).
    IdNotString: Warning,
    /// Two items with the same id (*feedwright*).
    DuplicateId: Error,
    /// An item with neither `content_html` nor `content_text` (*feedwright*).
    MissingContent: Error,
    /// A JSON Feed date that is not RFC 3339 (*feedwright*).
    InvalidDate: Error,

    // Sitemaps (all feedwright's own).
    /// A sitemap entry without a `loc` (*feedwright*).
    MissingLoc: Error,
    /// A `loc` that is not an absolute, encoded http(s) URL (*feedwright*).
    InvalidLoc: Error,
    /// A `loc` longer than 2,048 characters (*feedwright*).
    LocTooLong: Error,
    /// A `loc` on another host than the first (*feedwright*).
    HostMismatch: Error,
    /// URLs on another origin than the sitemap's own, where it was fetched
    /// from; search engines ignore them (*feedwright*).
    LocOffSitemapHost: Warning,
    /// A URL listed twice (*feedwright*).
    DuplicateLoc: Warning,
    /// Whitespace around a `loc` (*feedwright*).
    LocWhitespace: Warning,
    /// A `lastmod` that is not a W3C datetime (*feedwright*).
    InvalidLastmod: Error,
    /// A `changefreq` the protocol does not define (*feedwright*).
    InvalidChangefreq: Error,
    /// A `priority` outside 0.0 to 1.0 (*feedwright*).
    InvalidPriority: Error,
    /// More than 50,000 entries (*feedwright*).
    TooManyUrls: Error,
    /// More than 50 MiB (*feedwright*).
    SitemapTooLarge: Error,
    /// A sitemap without entries (*feedwright*).
    EmptySitemap: Warning,

    // Served over HTTP: `check_url` (feature `http`).
    /// An error status, a redirect that leads nowhere, or too many redirects.
    HttpError: Error,
    /// A permanent redirect (301, 308): subscribers should update to the new
    /// URL (*feedwright*).
    PermanentRedirect: Warning,
    /// A `Content-Type` that is not an XML or feed media type, or names
    /// another format than the document's.
    UnexpectedContentType: Warning,
    /// `text/xml` or `application/xml` for a feed that does not show its kind
    /// in its first 512 bytes.
    NonSpecificMediaType: Warning,
    /// A `charset` parameter that disagrees with the document's encoding.
    EncodingMismatch: Warning,
    /// A `text/` media type without a `charset` (an info for the service).
    TextXml: Warning,
    /// Neither `Last-Modified` nor `ETag`: every poll downloads the whole
    /// document (*feedwright*).
    NoConditionalGet: Warning,
    /// A repeated request with `If-None-Match` or `If-Modified-Since` not
    /// answered `304 Not Modified` (*feedwright*).
    ConditionalGetIgnored: Warning,
    /// No `Content-Encoding` although the request offered gzip (an info for
    /// the service).
    Uncompressed: Warning,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The error for a name that is no [`Code`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a feedwright check code", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.name() == name)
            .ok_or_else(|| UnknownCode(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for code in Code::ALL {
            assert_eq!(code.name().parse::<Code>(), Ok(*code));
        }
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert!("NoSuchCode".parse::<Code>().is_err());
    }

    #[test]
    fn serializes_as_its_name() {
        let json = serde_json::to_string(&Code::MissingGuid).expect("serializes");
        assert_eq!(json, "\"MissingGuid\"");
    }
}

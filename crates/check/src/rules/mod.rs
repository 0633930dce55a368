//! The small value rules the formats share: dates, URIs, MIME types and
//! contacts, each as the W3C validator reads them.

pub(crate) mod contact;
pub(crate) mod dates;
pub(crate) mod mime;
pub(crate) mod uris;

/// Compiles every pattern of these rules now rather than at its first use.
pub(crate) fn compile_patterns() {
    crate::spec::compile_patterns();
    dates::compile_patterns();
    mime::compile_patterns();
    uris::compile_patterns();
}

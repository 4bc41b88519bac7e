//! Seller-center adapters: where on a marketplace's page the messages are.
//!
//! Marketplaces rename their CSS classes with every release, so selectors are
//! data (`data/adapters/<marketplace>.json`), never code: when a page
//! changes, one reviewed data file changes. This module parses and validates
//! them and decides which adapter, if any, serves a URL; the content script
//! only applies the selectors it is handed.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;

/// Built-in adapters. Adding a marketplace: write `data/adapters/<id>.json`,
/// add it here, and add a fixture page under `tests/fixtures/`; the build
/// derives the manifest's match patterns and host permissions from the files.
const BUILTIN: &[(&str, &str)] = &[("shopee", include_str!("../data/adapters/shopee.json"))];

/// One marketplace's message page, described by CSS selectors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adapter {
    /// Stable id, also the key of the per-marketplace on/off setting.
    pub id: String,
    /// Name shown to the seller.
    pub name: String,
    /// Extension match patterns of the pages (`https://seller.shopee.co.id/*`).
    pub matches: Vec<String>,
    /// Path prefixes, within those hosts, that are message pages.
    pub paths: Vec<String>,
    /// A bubble the buyer wrote.
    pub buyer_message: String,
    /// A bubble the seller wrote: never badged, used to tell the two apart.
    pub seller_message: String,
    /// Inside a bubble, the element holding the words (the bubble itself if empty).
    #[serde(default)]
    pub text: String,
    /// The open conversation's buyer name, if the page shows it.
    #[serde(default)]
    pub buyer_name: String,
    /// The open conversation's order id, if the page shows it.
    #[serde(default)]
    pub order_id: String,
    /// The reply box the panel's "Insert" fills (a textarea or contenteditable).
    pub reply_box: String,
    /// The page's send button: recorded so that nothing ever clicks it by mistake.
    #[serde(default)]
    pub send_button: String,
}

/// Why an adapter file was refused, naming the file and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdapterError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for AdapterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "adapter {}: {}", self.file, self.message)
    }
}

impl std::error::Error for AdapterError {}

impl Adapter {
    /// Parses and validates one adapter file.
    pub fn parse(file: &str, json: &str) -> Result<Adapter, AdapterError> {
        let error = |message: String| AdapterError {
            file: file.to_string(),
            message,
        };
        let adapter: Adapter =
            serde_json::from_str(json).map_err(|e| error(format!("not a valid adapter: {e}")))?;
        if adapter.id.is_empty()
            || !adapter
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(error(format!(
                "id {:?} must be lowercase letters, digits or _",
                adapter.id
            )));
        }
        if adapter.matches.is_empty() {
            return Err(error("\"matches\" lists no pages".into()));
        }
        for pattern in &adapter.matches {
            MatchPattern::parse(pattern)
                .map_err(|e| error(format!("match pattern {pattern:?}: {e}")))?;
        }
        for (field, value) in [
            ("buyer_message", &adapter.buyer_message),
            ("seller_message", &adapter.seller_message),
            ("reply_box", &adapter.reply_box),
        ] {
            if value.trim().is_empty() {
                return Err(error(format!("\"{field}\" needs a CSS selector")));
            }
        }
        if adapter.paths.iter().any(|p| !p.starts_with('/')) {
            return Err(error("every entry of \"paths\" starts with /".into()));
        }
        Ok(adapter)
    }

    /// Whether `url` is one of this adapter's message pages.
    pub fn serves(&self, url: &str) -> bool {
        let Some((scheme, host, path)) = split_url(url) else {
            return false;
        };
        self.matches
            .iter()
            .any(|p| MatchPattern::parse(p).is_ok_and(|p| p.matches(scheme, host, path)))
            && (self.paths.is_empty() || self.paths.iter().any(|p| path.starts_with(p.as_str())))
    }
}

/// The built-in adapters, validated by the tests.
pub fn builtin() -> &'static [Adapter] {
    static ADAPTERS: LazyLock<Vec<Adapter>> = LazyLock::new(|| {
        BUILTIN
            .iter()
            .map(|(id, json)| {
                Adapter::parse(&format!("data/adapters/{id}.json"), json)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect()
    });
    &ADAPTERS
}

/// The built-in adapter for `url`, if one serves it.
pub fn for_url(url: &str) -> Option<&'static Adapter> {
    builtin().iter().find(|a| a.serves(url))
}

/// A WebExtension match pattern: `scheme://host/path` with `*` wildcards.
struct MatchPattern<'a> {
    scheme: &'a str,
    host: &'a str,
    path: &'a str,
}

impl<'a> MatchPattern<'a> {
    fn parse(p: &'a str) -> Result<Self, &'static str> {
        let (scheme, rest) = p.split_once("://").ok_or("missing ://")?;
        if !matches!(scheme, "https" | "http" | "*") {
            return Err("scheme must be https, http or *");
        }
        let (host, path) = rest.split_once('/').ok_or("missing a path such as /*")?;
        let bare = host.strip_prefix("*.").unwrap_or(host);
        if bare.is_empty() || bare.contains('*') || bare.contains(':') {
            return Err("host must be a name, optionally starting with *.");
        }
        Ok(MatchPattern { scheme, host, path })
    }

    fn matches(&self, scheme: &str, host: &str, path: &str) -> bool {
        let scheme_ok =
            self.scheme == scheme || (self.scheme == "*" && matches!(scheme, "http" | "https"));
        let host_ok = match self.host.strip_prefix("*.") {
            Some(base) => host == base || host.ends_with(&format!(".{base}")),
            None => host == self.host,
        };
        scheme_ok && host_ok && glob(self.path, path.trim_start_matches('/'))
    }
}

/// `(scheme, host without port, path)` of an absolute URL.
fn split_url(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?;
    let path = &rest[end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    Some((scheme, host, if path.is_empty() { "/" } else { path }))
}

/// `*` matches any run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            text.starts_with(head)
                && (0..=text.len() - head.len()).any(|i| {
                    text.is_char_boundary(head.len() + i) && glob(tail, &text[head.len() + i..])
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_adapters_are_valid_and_serve_their_pages() {
        assert!(!builtin().is_empty());
        let shopee =
            for_url("https://seller.shopee.co.id/webchat/conversations?x=1").expect("shopee");
        assert_eq!(shopee.id, "shopee");
        assert!(for_url("https://banhang.shopee.vn/new-webchat/conversations").is_some());
        assert!(
            for_url("https://seller.shopee.co.id/portal/product/list").is_none(),
            "not a chat page"
        );
        assert!(for_url("https://evil.example/webchat/conversations").is_none());
        assert!(for_url("https://seller.shopee.co.id.evil.example/webchat/").is_none());
    }

    #[test]
    fn match_patterns_follow_webextension_rules() {
        let p = MatchPattern::parse("https://*.example.com/a/*").unwrap();
        assert!(p.matches("https", "example.com", "/a/b"));
        assert!(p.matches("https", "x.example.com", "/a/"));
        assert!(!p.matches("https", "badexample.com", "/a/b"));
        assert!(!p.matches("http", "example.com", "/a/b"));
        assert!(MatchPattern::parse("https://ex*ample.com/*").is_err());
        assert!(MatchPattern::parse("ftp://example.com/*").is_err());
        assert_eq!(
            split_url("https://u@h.com:8443/p?q#f"),
            Some(("https", "h.com", "/p"))
        );
    }

    #[test]
    fn invalid_adapters_are_refused_with_the_field_to_fix() {
        let base = r#"{"id":"x","name":"X","matches":["https://x.com/*"],"paths":[],"buyer_message":"a","seller_message":"b","reply_box":"c"}"#;
        assert!(Adapter::parse("x.json", base).is_ok());
        let err = Adapter::parse(
            "x.json",
            &base.replace(r#""reply_box":"c""#, r#""reply_box":" ""#),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "adapter x.json: \"reply_box\" needs a CSS selector"
        );
        let err = Adapter::parse("x.json", &base.replace("https://x.com/*", "x.com")).unwrap_err();
        assert!(err.to_string().contains("missing ://"), "{err}");
        let err = Adapter::parse(
            "x.json",
            &base.replace(r#""id":"x""#, r#""id":"x","colour":1"#),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
    }
}

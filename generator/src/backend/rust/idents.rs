//! Rust identifiers for API names: casing with the target's [`Words`],
//! never starting with a digit or empty, and keywords escaped
//! ([`RustIdent`]).

use proc_macro2::{Ident, Span};

use crate::naming::{Words, capitalize};

/// Rust keywords (strict and reserved, edition 2024) that cannot be used as
/// plain identifiers.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers; they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A type or variant name: `UpperCamelCase`, `fallback` when `s` has no
/// letters or digits, a `V` in front when it would start with a digit.
pub fn type_name(words: &Words, s: &str, fallback: &str) -> String {
    let name = words.upper_camel(s);
    if name.is_empty() {
        fallback.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// A field, method or module name: `snake_case`, `fallback` when `s` has no
/// letters or digits, a `v` in front when it would start with a digit. Not
/// yet escaped for keywords (see [`RustIdent`]).
pub fn snake_name(words: &Words, s: &str, fallback: &str) -> String {
    let name = words.snake(s);
    if name.is_empty() {
        fallback.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{name}")
    } else {
        name
    }
}

/// The Rust variant name of an enum value: the value's words minus the
/// `SCREAMING_SNAKE` prefix of the enum's (last dotted) name, in
/// `UpperCamelCase` (`PRIMARY_AUTH_FACTOR_EMAIL` in `PrimaryAuthFactor` ->
/// `Email`). When the remainder would start with a digit the last prefix
/// word is kept (`TLS_VERSION_1_2` in `TlsVersion` -> `Version12`); a value
/// without a prefix that starts with a digit gets a `V` (`2FA` -> `V2Fa`).
/// Nothing is stripped when nothing would remain.
pub fn enum_variant(words: &Words, enum_name: &str, value: &str) -> String {
    let simple = enum_name.rsplit('.').next().unwrap_or(enum_name);
    let prefix: Vec<String> = words
        .split(simple)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let value_words: Vec<String> = words
        .split(value)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let mut keep = value_words.as_slice();
    if !prefix.is_empty() && value_words.len() > prefix.len() && value_words.starts_with(&prefix) {
        let rest = &value_words[prefix.len()..];
        let digit = rest
            .first()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        keep = if digit {
            &value_words[prefix.len() - 1..]
        } else {
            rest
        };
    }
    let name: String = keep.iter().map(|w| capitalize(w)).collect();
    if name.is_empty() {
        "Value".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// A Rust identifier: a keyword becomes a raw identifier (`r#type`), or gets
/// a trailing `_` when it cannot be raw (`self_`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustIdent {
    /// The name without any escaping, e.g. `type` or `self`.
    pub bare: String,
    /// The identifier as written, without `r#`: `type`, `self_`.
    pub name: String,
    /// Written as `r#name`.
    pub raw: bool,
}

impl RustIdent {
    /// Escapes `bare` if it is a keyword.
    pub fn new(bare: &str) -> RustIdent {
        let (name, raw) = if NOT_RAW.contains(&bare) {
            (format!("{bare}_"), false)
        } else if KEYWORDS.contains(&bare) {
            (bare.to_string(), true)
        } else {
            (bare.to_string(), false)
        };
        RustIdent {
            bare: bare.to_string(),
            name,
            raw,
        }
    }

    /// The identifier token.
    pub fn ident(&self) -> Ident {
        if self.raw {
            Ident::new_raw(&self.name, Span::call_site())
        } else {
            Ident::new(&self.name, Span::call_site())
        }
    }

    /// The identifier as source text: `r#type`, `self_`.
    pub fn source(&self) -> String {
        if self.raw {
            format!("r#{}", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// Whether `name` is a Rust keyword (that needs escaping as an identifier).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || NOT_RAW.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_start_with_digits_and_are_never_empty() {
        let w = Words::default();
        assert_eq!(type_name(&w, "3DSecure", "Type"), "V3DSecure");
        assert_eq!(type_name(&w, "$", "Type"), "Type");
        assert_eq!(snake_name(&w, "2fa_enabled", "field"), "v2fa_enabled");
        assert_eq!(snake_name(&w, "@", "field"), "field");
        assert_eq!(snake_name(&w, "@type", "field"), "type");
    }

    #[test]
    fn enum_variants_strip_the_enum_prefix() {
        let words = Words::new(&["API".to_string(), "SCIM".to_string()]);
        let v = |e, n| enum_variant(&words, e, n);
        assert_eq!(v("PrimaryAuthFactor", "PRIMARY_AUTH_FACTOR_EMAIL"), "Email");
        assert_eq!(
            v("PrimaryAuthFactor", "PRIMARY_AUTH_FACTOR_UNSPECIFIED"),
            "Unspecified"
        );
        assert_eq!(
            v(
                "AuditLogEventResourceType",
                "AUDIT_LOG_EVENT_RESOURCE_TYPE_SCIM_API_KEY"
            ),
            "ScimApiKey"
        );
        assert_eq!(
            v("SCIMAPIKeyState", "SCIM_API_KEY_STATE_REVOKED"),
            "Revoked"
        );
        assert_eq!(v("Outer.Color", "COLOR_RED"), "Red");
        // Remainder starting with a digit keeps the last prefix word.
        assert_eq!(v("TlsVersion", "TLS_VERSION_1_2"), "Version12");
        // No prefix and a digit: `V`.
        assert_eq!(v("Factor", "2FA"), "V2Fa");
        // Nothing would remain: keep everything.
        assert_eq!(v("Color", "COLOR"), "Color");
        // No prefix at all (OpenAPI string enums).
        assert_eq!(v("Status", "in-progress"), "InProgress");
        assert_eq!(v("Status", "+"), "Value");
        // A value whose prefix only partly matches is kept whole.
        assert_eq!(v("Color", "COLORFUL_RED"), "ColorfulRed");
    }

    #[test]
    fn keywords_are_escaped() {
        let t = RustIdent::new("type");
        assert_eq!((t.source().as_str(), t.bare.as_str()), ("r#type", "type"));
        assert_eq!(t.ident().to_string(), "r#type");
        assert_eq!(RustIdent::new("self").source(), "self_");
        assert_eq!(RustIdent::new("super").source(), "super_");
        assert_eq!(RustIdent::new("crate").source(), "crate_");
        assert_eq!(RustIdent::new("Self").source(), "Self_");
        assert_eq!(RustIdent::new("gen").source(), "r#gen");
        assert_eq!(RustIdent::new("async").source(), "r#async");
        assert_eq!(RustIdent::new("match").source(), "r#match");
        assert_eq!(RustIdent::new("union").source(), "union");
        assert_eq!(RustIdent::new("name").source(), "name");
        assert!(is_keyword("try") && is_keyword("self") && !is_keyword("union"));
    }
}

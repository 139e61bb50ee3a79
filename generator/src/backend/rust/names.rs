//! Rust names for API names: splitting into words, casing, keywords and
//! collision-free assignment.
//!
//! Words are split at separators (anything not an ASCII letter or digit),
//! at lower-to-upper boundaries, and before the last letter of an uppercase
//! run followed by lowercase (`SAMLConnection` -> `SAML` + `Connection`). An
//! uppercase run followed by a lone plural `s` keeps it (`TenantIDs` ->
//! `Tenant` + `IDs`), an uppercase run made entirely of [`ACRONYMS`] splits
//! into them (`SCIMAPIKey` -> `SCIM` + `API` + `Key`), and digits stay with
//! the word before them (`Base64Encoded` -> `Base64` + `Encoded`).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span};

/// Acronyms an uppercase run is split into when it consists of nothing else
/// (`SCIMAPI` -> `SCIM` + `API`). A run that is not entirely made of these
/// stays one word (`HTTPS` stays `HTTPS`).
pub const ACRONYMS: &[&str] = &[
    "ACS", "API", "CSV", "DNS", "HTTP", "HTTPS", "ID", "IDP", "IP", "JSON", "JWKS", "JWT", "MFA",
    "OIDC", "OTP", "RBAC", "SAML", "SCIM", "SDK", "SMS", "SSO", "TLS", "TOTP", "TTL", "UI", "URI",
    "URL", "UUID", "XML",
];

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

/// Splits an identifier into words (see the module documentation).
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        split_chunk(chunk.as_bytes(), &mut out);
    }
    out
}

/// Splits one run of ASCII letters and digits.
fn split_chunk(chunk: &[u8], out: &mut Vec<String>) {
    let at = |i: usize| chunk.get(i).copied().unwrap_or(b'\0');
    let mut i = 0;
    while i < chunk.len() {
        let start = i;
        if at(i).is_ascii_uppercase() {
            let mut j = i;
            while at(j).is_ascii_uppercase() {
                j += 1;
            }
            if j - i == 1 {
                // A capitalized word: `Connection`, `V1`.
                while at(j).is_ascii_lowercase() || at(j).is_ascii_digit() {
                    j += 1;
                }
                out.push(text(&chunk[start..j]));
                i = j;
            } else if at(j).is_ascii_lowercase() {
                if at(j) == b's' && !at(j + 1).is_ascii_lowercase() {
                    // A plural acronym: `IDs`, `URLs`.
                    let mut end = j + 1;
                    while at(end).is_ascii_digit() {
                        end += 1;
                    }
                    push_acronyms(&chunk[start..j], &chunk[j..end], out);
                    i = end;
                } else {
                    // `SAMLConnection`: the last capital starts the next word.
                    push_acronyms(&chunk[start..j - 1], b"", out);
                    i = j - 1;
                }
            } else {
                let mut end = j;
                while at(end).is_ascii_digit() {
                    end += 1;
                }
                push_acronyms(&chunk[start..j], &chunk[j..end], out);
                i = end;
            }
        } else {
            // A lowercase word or one starting with digits: `display`, `v1beta`, `2fa`.
            let mut j = i;
            while at(j).is_ascii_digit() {
                j += 1;
            }
            while at(j).is_ascii_lowercase() || at(j).is_ascii_digit() {
                j += 1;
            }
            out.push(text(&chunk[start..j]));
            i = j;
        }
    }
}

fn text(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Pushes an uppercase run, split into [`ACRONYMS`] when it is made of them;
/// `tail` (a plural `s`, digits) stays with the last piece.
fn push_acronyms(run: &[u8], tail: &[u8], out: &mut Vec<String>) {
    let run = text(run);
    let mut pieces = segment(&run).unwrap_or_else(|| vec![run.clone()]);
    if pieces.len() < 2 {
        pieces = vec![run];
    }
    if let Some(last) = pieces.last_mut() {
        last.push_str(&text(tail));
    }
    out.extend(pieces);
}

/// Splits `run` entirely into acronyms, longest first, or `None`.
fn segment(run: &str) -> Option<Vec<String>> {
    if run.is_empty() {
        return Some(Vec::new());
    }
    let mut candidates: Vec<&str> = ACRONYMS
        .iter()
        .copied()
        .filter(|a| run.starts_with(a))
        .collect();
    candidates.sort_by_key(|a| std::cmp::Reverse(a.len()));
    for a in candidates {
        if let Some(mut rest) = segment(&run[a.len()..]) {
            rest.insert(0, a.to_string());
            return Some(rest);
        }
    }
    None
}

fn capitalize(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `UpperCamelCase` of `s`, without keyword or digit handling.
pub fn upper_camel(s: &str) -> String {
    words(s).iter().map(|w| capitalize(w)).collect()
}

/// `snake_case` of `s`, without keyword or digit handling.
pub fn snake(s: &str) -> String {
    let w: Vec<String> = words(s).iter().map(|w| w.to_ascii_lowercase()).collect();
    w.join("_")
}

/// `SCREAMING_SNAKE_CASE` of `s`.
pub fn screaming(s: &str) -> String {
    let w: Vec<String> = words(s).iter().map(|w| w.to_ascii_uppercase()).collect();
    w.join("_")
}

/// A type or variant name: `UpperCamelCase`, `fallback` when `s` has no
/// letters or digits, a `V` in front when it would start with a digit.
pub fn type_name(s: &str, fallback: &str) -> String {
    let name = upper_camel(s);
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
pub fn snake_name(s: &str, fallback: &str) -> String {
    let name = snake(s);
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
pub fn enum_variant(enum_name: &str, value: &str) -> String {
    let simple = enum_name.rsplit('.').next().unwrap_or(enum_name);
    let prefix: Vec<String> = words(simple)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let value_words: Vec<String> = words(value)
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

/// Gives every key a distinct name from its candidate. Keys sharing a
/// candidate are ordered by key: the first keeps the candidate, the others
/// get the first free `suffix(candidate, n)` for n = 2, 3, ... Names in
/// `taken` (and every candidate) are never handed out as suffixed names, and
/// a candidate in `taken` is always suffixed.
pub fn assign_unique<K: Ord + Clone>(
    items: &[(K, String)],
    taken: &BTreeSet<String>,
    suffix: impl Fn(&str, u32) -> String,
) -> BTreeMap<K, String> {
    let mut by_candidate: BTreeMap<&str, Vec<&K>> = BTreeMap::new();
    for (key, candidate) in items {
        by_candidate.entry(candidate).or_default().push(key);
    }
    let mut used: BTreeSet<String> = taken.clone();
    used.extend(items.iter().map(|(_, c)| c.clone()));
    let mut out = BTreeMap::new();
    for (candidate, mut keys) in by_candidate {
        keys.sort();
        let mut rest = keys.as_slice();
        if !taken.contains(candidate) {
            if let Some((first, others)) = keys.split_first() {
                out.insert((*first).clone(), candidate.to_string());
                rest = others;
            }
        }
        for key in rest {
            let mut n = 2;
            let name = loop {
                let name = suffix(candidate, n);
                if !used.contains(&name) {
                    break name;
                }
                n += 1;
            };
            used.insert(name.clone());
            out.insert((*key).clone(), name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn splits_words() {
        assert_eq!(w("display_name"), ["display", "name"]);
        assert_eq!(w("displayName"), ["display", "Name"]);
        assert_eq!(w("SAMLConnection"), ["SAML", "Connection"]);
        assert_eq!(w("TenantIDs"), ["Tenant", "IDs"]);
        assert_eq!(w("URLs"), ["URLs"]);
        assert_eq!(w("SCIMAPIKey"), ["SCIM", "API", "Key"]);
        assert_eq!(w("SCIMAPIKeys"), ["SCIM", "API", "Keys"]);
        assert_eq!(w("ListSCIMAPIs"), ["List", "SCIM", "APIs"]);
        assert_eq!(w("HTTPSConnection"), ["HTTPS", "Connection"]);
        assert_eq!(w("Base64Encoded"), ["Base64", "Encoded"]);
        assert_eq!(w("v1beta1"), ["v1beta1"]);
        assert_eq!(w("HTTP2Client"), ["HTTP2", "Client"]);
        assert_eq!(w("kebab-case name"), ["kebab", "case", "name"]);
        assert_eq!(w("Outer.Inner"), ["Outer", "Inner"]);
        assert_eq!(
            w("PRIMARY_AUTH_FACTOR_EMAIL"),
            ["PRIMARY", "AUTH", "FACTOR", "EMAIL"]
        );
        assert_eq!(w("IDsFor"), ["IDs", "For"]);
        assert_eq!(w("ThisIsA"), ["This", "Is", "A"]);
        assert_eq!(w("2fa"), ["2fa"]);
        assert_eq!(w("__"), Vec::<String>::new());
        assert_eq!(w("Größe"), ["Gr", "e"]);
    }

    #[test]
    fn cases() {
        assert_eq!(upper_camel("SAMLConnection"), "SamlConnection");
        assert_eq!(upper_camel("SCIMAPIKey"), "ScimApiKey");
        assert_eq!(
            upper_camel("GetOrganizationMicrosoftTenantIDsRequest"),
            "GetOrganizationMicrosoftTenantIdsRequest"
        );
        assert_eq!(
            snake("GetOrganizationMicrosoftTenantIDs"),
            "get_organization_microsoft_tenant_ids"
        );
        assert_eq!(snake("ListSCIMAPIKeys"), "list_scim_api_keys");
        assert_eq!(snake("AuthenticateAPIKey"), "authenticate_api_key");
        assert_eq!(snake("logInWithOIDC"), "log_in_with_oidc");
        assert_eq!(screaming("GetOrganization"), "GET_ORGANIZATION");
        assert_eq!(screaming("get_api_key"), "GET_API_KEY");
        assert_eq!(
            upper_camel("tesseral.backend.v1.Foo"),
            "TesseralBackendV1Foo"
        );
    }

    #[test]
    fn names_never_start_with_digits_and_are_never_empty() {
        assert_eq!(type_name("3DSecure", "Type"), "V3DSecure");
        assert_eq!(type_name("$", "Type"), "Type");
        assert_eq!(snake_name("2fa_enabled", "field"), "v2fa_enabled");
        assert_eq!(snake_name("@", "field"), "field");
        assert_eq!(snake_name("@type", "field"), "type");
    }

    #[test]
    fn enum_variants_strip_the_enum_prefix() {
        let v = |e, n| enum_variant(e, n);
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

    #[test]
    fn unique_names_are_deterministic_and_distinct() {
        let items = vec![
            ("ApiKey".to_string(), "ApiKey".to_string()),
            ("APIKey".to_string(), "ApiKey".to_string()),
            ("ApiKey2".to_string(), "ApiKey2".to_string()),
            ("Client".to_string(), "Client".to_string()),
        ];
        let taken: BTreeSet<String> = ["Client".to_string()].into();
        let out = assign_unique(&items, &taken, |c, n| format!("{c}{n}"));
        assert_eq!(out["APIKey"], "ApiKey");
        assert_eq!(out["ApiKey"], "ApiKey3");
        assert_eq!(out["ApiKey2"], "ApiKey2");
        assert_eq!(out["Client"], "Client2");
        // Input order does not matter.
        let mut reversed = items.clone();
        reversed.reverse();
        assert_eq!(
            assign_unique(&reversed, &taken, |c, n| format!("{c}{n}")),
            out
        );
    }
}

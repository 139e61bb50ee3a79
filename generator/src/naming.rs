//! Naming, shared by the front-ends and the back-end: splitting names into
//! words ([`Words`]), casing them, and handing out distinct names in one
//! scope ([`Namespace`]).
//!
//! Words are split at separators (anything not an ASCII letter or digit),
//! at lower-to-upper boundaries, and before the last letter of an uppercase
//! run followed by lowercase (`SAMLConnection` -> `SAML` + `Connection`). An
//! uppercase run followed by a lone plural `s` keeps it (`TenantIDs` ->
//! `Tenant` + `IDs`), an uppercase run made entirely of the target's
//! acronyms splits into them (`SCIMAPIKey` -> `SCIM` + `API` + `Key` when
//! `SCIM` and `API` are listed), and digits stay with the word before them
//! (`Base64Encoded` -> `Base64` + `Encoded`).

use std::collections::{BTreeMap, BTreeSet};

/// The word splitter, with the acronyms of one target (`SCIM`, `API`):
/// project-specific words come from the target's settings, not from here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    acronyms: Vec<String>,
}

impl Words {
    /// A splitter that also splits uppercase runs made of these acronyms.
    pub fn new(acronyms: &[String]) -> Words {
        Words {
            acronyms: acronyms.to_vec(),
        }
    }

    /// Splits an identifier into words (see the module documentation).
    pub fn split(&self, s: &str) -> Vec<String> {
        let s = ascii(s);
        let mut out = Vec::new();
        for chunk in s.split(|c: char| !c.is_ascii_alphanumeric()) {
            self.split_chunk(chunk.as_bytes(), &mut out);
        }
        out
    }

    /// Whether `word` is one of the acronyms (in any case).
    pub fn is_acronym(&self, word: &str) -> bool {
        self.acronyms.iter().any(|a| a.eq_ignore_ascii_case(word))
    }

    /// `UpperCamelCase`.
    pub fn upper_camel(&self, s: &str) -> String {
        self.split(s).iter().map(|w| capitalize(w)).collect()
    }

    /// `snake_case`.
    pub fn snake(&self, s: &str) -> String {
        let w: Vec<String> = self
            .split(s)
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect();
        w.join("_")
    }

    /// `SCREAMING_SNAKE_CASE`.
    pub fn screaming(&self, s: &str) -> String {
        let w: Vec<String> = self
            .split(s)
            .iter()
            .map(|w| w.to_ascii_uppercase())
            .collect();
        w.join("_")
    }

    /// Splits one run of ASCII letters and digits.
    fn split_chunk(&self, chunk: &[u8], out: &mut Vec<String>) {
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
                        self.push_acronyms(&chunk[start..j], &chunk[j..end], out);
                        i = end;
                    } else {
                        // `SAMLConnection`: the last capital starts the next word.
                        self.push_acronyms(&chunk[start..j - 1], b"", out);
                        i = j - 1;
                    }
                } else {
                    let mut end = j;
                    while at(end).is_ascii_digit() {
                        end += 1;
                    }
                    self.push_acronyms(&chunk[start..j], &chunk[j..end], out);
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

    /// Pushes an uppercase run, split into acronyms when it is made of them;
    /// `tail` (a plural `s`, digits) stays with the last piece.
    fn push_acronyms(&self, run: &[u8], tail: &[u8], out: &mut Vec<String>) {
        let run = text(run);
        let mut pieces = self.segment(&run).unwrap_or_else(|| vec![run.clone()]);
        if pieces.len() < 2 {
            pieces = vec![run];
        }
        if let Some(last) = pieces.last_mut() {
            last.push_str(&text(tail));
        }
        out.extend(pieces);
    }

    /// Splits `run` entirely into acronyms, longest first, or `None`.
    fn segment(&self, run: &str) -> Option<Vec<String>> {
        if run.is_empty() {
            return Some(Vec::new());
        }
        let mut candidates: Vec<&str> = self
            .acronyms
            .iter()
            .map(String::as_str)
            .filter(|a| !a.is_empty() && run.starts_with(a))
            .collect();
        candidates.sort_by_key(|a| std::cmp::Reverse(a.len()));
        for a in candidates {
            if let Some(mut rest) = self.segment(&run[a.len()..]) {
                rest.insert(0, a.to_string());
                return Some(rest);
            }
        }
        None
    }
}

/// `s` in ASCII: non-ASCII characters transliterated with `deunicode`, a
/// letter with case in place (`Pét` -> `Pet`), any other character as a
/// word of its own (`名称` -> ` Ming  Cheng `); one without a
/// transliteration becomes a separator.
pub fn ascii(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let word = deunicode::deunicode_char(c).unwrap_or("").trim();
        let cased = c.is_lowercase() || c.is_uppercase();
        if !word.chars().all(|w| w.is_ascii_alphanumeric()) || word.is_empty() {
            out.push(' ');
        } else if cased {
            out.push_str(word);
        } else {
            out.push(' ');
            out.push_str(word);
            out.push(' ');
        }
    }
    std::borrow::Cow::Owned(out)
}

fn text(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `word` with its first letter upper-cased and the rest lower-cased.
pub fn capitalize(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The words of `raw` between separators (anything but ASCII letters,
/// digits and `_`), joined with only their first letter upper-cased: the
/// rest is kept as written (`pet-owner` -> `PetOwner`, `Foo_bar` ->
/// `Foo_bar`). For names that must stay close to the source's spelling.
pub fn join_capitalized(raw: &str) -> String {
    ascii(raw)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A name that had to change: what the hook of [`Namespace::claim`] hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed<'a> {
    pub wanted: &'a str,
    pub given: &'a str,
}

/// The names handed out in one scope (the types of a description, the
/// fields of a message, ...): every name is distinct, a clashing one gets
/// the first free numeric suffix (`Pet2`, `pet_2`).
#[derive(Debug, Clone)]
pub struct Namespace {
    /// Put between a name and its number (`""` or `"_"`).
    separator: &'static str,
    taken: BTreeSet<String>,
}

impl Namespace {
    pub fn new(separator: &'static str) -> Namespace {
        Namespace {
            separator,
            taken: BTreeSet::new(),
        }
    }

    /// Marks names as taken without handing them out (reserved words).
    pub fn reserve<S: AsRef<str>>(mut self, names: impl IntoIterator<Item = S>) -> Namespace {
        for n in names {
            self.take(n.as_ref());
        }
        self
    }

    /// Whether a name is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    fn take(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    fn numbered(&self, name: &str, n: u32) -> String {
        format!("{name}{}{n}", self.separator)
    }

    /// Takes `wanted`, or the first free numbered name from 2; `renamed`
    /// hears about it when the name had to change (a front-end warns).
    pub fn claim(&mut self, wanted: &str, renamed: impl FnOnce(Renamed)) -> String {
        let mut name = wanted.to_string();
        let mut n = 1;
        while self.is_taken(&name) {
            n += 1;
            name = self.numbered(wanted, n);
        }
        if n > 1 {
            renamed(Renamed {
                wanted,
                given: &name,
            });
        }
        self.take(&name);
        name
    }

    /// Gives every key a distinct name from its candidate, whatever the
    /// order of `items`. Keys sharing a candidate are ordered by key: the
    /// first keeps the candidate, the others get the first free numbered
    /// name. A candidate taken before the call is always numbered, and no
    /// numbered name is any item's candidate.
    pub fn assign<K: Ord + Clone>(&mut self, items: &[(K, String)]) -> BTreeMap<K, String> {
        let mut by_candidate: BTreeMap<&str, Vec<&K>> = BTreeMap::new();
        for (key, candidate) in items {
            by_candidate.entry(candidate).or_default().push(key);
        }
        let before = self.clone();
        let candidates: BTreeSet<String> = items.iter().map(|(_, c)| c.clone()).collect();
        let mut out = BTreeMap::new();
        for (candidate, mut keys) in by_candidate {
            keys.sort();
            let mut rest = keys.as_slice();
            if !before.is_taken(candidate) {
                if let Some((first, others)) = keys.split_first() {
                    out.insert((*first).clone(), candidate.to_string());
                    self.take(candidate);
                    rest = others;
                }
            }
            for key in rest {
                let mut n = 2;
                let name = loop {
                    let name = self.numbered(candidate, n);
                    if !self.is_taken(&name) && !candidates.contains(&name) {
                        break name;
                    }
                    n += 1;
                };
                self.take(&name);
                out.insert((*key).clone(), name);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tesseral() -> Words {
        let acronyms: Vec<String> = ["API", "ID", "OIDC", "SAML", "SCIM"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        Words::new(&acronyms)
    }

    #[test]
    fn non_ascii_names_are_transliterated() {
        let w = Words::default();
        assert_eq!(w.split("名称"), ["Ming", "Cheng"]);
        assert_eq!(w.snake("名称"), "ming_cheng");
        assert_eq!(w.snake("创建时间"), "chuang_jian_shi_jian");
        assert_eq!(w.upper_camel("Pét"), "Pet");
        assert_eq!(w.snake("straßeName"), "strasse_name");
        assert_eq!(w.snake("prix_€"), "prix_eur");
        assert_eq!(w.snake("größe–max"), "grosse_max");
        assert_eq!(join_capitalized("Pét"), "Pet");
        assert_eq!(join_capitalized("名称"), "MingCheng");
        // Stable: the same text, the same name.
        assert_eq!(w.snake("名称"), w.snake("名称"));
    }

    #[test]
    fn words() {
        let w = |s| tesseral().split(s);
        assert_eq!(w("SAMLConnection"), ["SAML", "Connection"]);
        assert_eq!(w("SCIMAPIKey"), ["SCIM", "API", "Key"]);
        assert_eq!(w("TenantIDs"), ["Tenant", "IDs"]);
        assert_eq!(w("Base64Encoded"), ["Base64", "Encoded"]);
        assert_eq!(w("display_name"), ["display", "name"]);
        assert_eq!(w("HTTPS"), ["HTTPS"]);
        assert_eq!(w("IDsFor"), ["IDs", "For"]);
        assert_eq!(w("ThisIsA"), ["This", "Is", "A"]);
        assert_eq!(w("2fa"), ["2fa"]);
        assert_eq!(w("__"), Vec::<String>::new());
        assert_eq!(w("Größe"), ["Grosse"]);
        // Without acronyms a run stays one word.
        assert_eq!(Words::default().split("SCIMAPIKey"), ["SCIMAPI", "Key"]);
    }

    #[test]
    fn cases() {
        let w = tesseral();
        assert_eq!(w.upper_camel("SAMLConnection"), "SamlConnection");
        assert_eq!(w.upper_camel("SCIMAPIKey"), "ScimApiKey");
        assert_eq!(
            w.upper_camel("GetOrganizationMicrosoftTenantIDsRequest"),
            "GetOrganizationMicrosoftTenantIdsRequest"
        );
        assert_eq!(w.snake("ListSCIMAPIKeys"), "list_scim_api_keys");
        assert_eq!(w.snake("logInWithOIDC"), "log_in_with_oidc");
        assert_eq!(w.screaming("get_api_key"), "GET_API_KEY");
        assert_eq!(
            w.upper_camel("tesseral.backend.v1.Foo"),
            "TesseralBackendV1Foo"
        );
    }

    #[test]
    fn join_capitalized_keeps_the_spelling() {
        assert_eq!(join_capitalized("pet-owner"), "PetOwner");
        assert_eq!(join_capitalized("com.example.Pet"), "ComExamplePet");
        assert_eq!(join_capitalized("Foo_bar"), "Foo_bar");
        assert_eq!(join_capitalized("<>"), "");
    }

    #[test]
    fn claims_are_first_come_and_heard() {
        let mut ns = Namespace::new("");
        let mut heard = Vec::new();
        assert_eq!(ns.claim("Pet", |_| panic!("no clash")), "Pet");
        assert_eq!(
            ns.claim("Pet", |r| heard.push(r.wanted.to_string())),
            "Pet2"
        );
        assert_eq!(ns.claim("Pet", |_| {}), "Pet3");
        assert_eq!(ns.claim("pet", |_| panic!("no clash")), "pet");
        assert_eq!(heard, ["Pet"]);
        assert!(ns.is_taken("Pet3") && !ns.is_taken("PET"));
        let mut exact = Namespace::new("_").reserve(["new"]);
        assert_eq!(exact.claim("new", |_| {}), "new_2");
        assert_eq!(exact.claim("New", |_| {}), "New");
    }

    #[test]
    fn assignments_are_deterministic_and_distinct() {
        let items = vec![
            ("ApiKey".to_string(), "ApiKey".to_string()),
            ("APIKey".to_string(), "ApiKey".to_string()),
            ("ApiKey2".to_string(), "ApiKey2".to_string()),
            ("Client".to_string(), "Client".to_string()),
        ];
        let ns = Namespace::new("").reserve(["Client"]);
        let out = ns.clone().assign(&items);
        assert_eq!(out["APIKey"], "ApiKey");
        assert_eq!(out["ApiKey"], "ApiKey3");
        assert_eq!(out["ApiKey2"], "ApiKey2");
        assert_eq!(out["Client"], "Client2");
        // Input order does not matter.
        let mut reversed = items.clone();
        reversed.reverse();
        assert_eq!(ns.clone().assign(&reversed), out);
    }
}

//! Doc comments: API descriptions (Markdown) made safe for rustdoc and clippy.
//!
//! rustdoc must neither warn nor run anything: bare URLs become autolinks,
//! brackets and `<` that are not links are escaped, indented blocks and
//! untagged or Rust fences (which rustdoc would compile as doctests) become
//! ```` ```text ```` fences, and list continuation lines are indented the way
//! clippy's `doc_lazy_continuation`/`doc_overindented_list_items` expect.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line of `text` (already sanitized or
/// generated).
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Generated prose (no Markdown blocks) broken into lines of at most
/// `width` characters at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` as an inline code span: longer fences around backticks, and
/// `""` for an empty name.
pub fn code(text: &str) -> String {
    if text.is_empty() {
        "`\"\"`".to_string()
    } else if text.contains('`') {
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        format!("{fence} {text} {fence}")
    } else {
        format!("`{text}`")
    }
}

/// The lines of an API description, sanitized for rustdoc.
pub fn sanitize(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\t', "    ");
    let raw: Vec<String> = text
        .split('\n')
        .map(|l| {
            l.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    // The marker width of the list item the previous line belongs to.
    let mut list: Option<usize> = None;
    let mut quote_block = false;
    while i < raw.len() {
        let line = &raw[i];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(fence) = fence_marker(trimmed) {
            i = copy_fence(&raw, i, fence, &mut out);
            list = None;
            quote_block = false;
            continue;
        }
        if line.is_empty() {
            out.push(String::new());
            // A following indented line continues the item (or is code).
            quote_block = false;
            i += 1;
            continue;
        }
        let after_blank = out.last().is_none_or(|l| l.is_empty());
        if indent >= 4 && after_blank && list.is_none() {
            i = copy_indented_block(&raw, i, &mut out);
            continue;
        }
        if let Some(width) = list_marker(trimmed) {
            list = Some(width);
            quote_block = false;
            out.push(inline(trimmed));
        } else if trimmed.starts_with('>') {
            quote_block = true;
            list = None;
            out.push(inline(trimmed));
        } else if let (Some(width), false) = (list, after_blank) {
            // A continuation line of a list item: exactly the marker width.
            out.push(format!("{}{}", " ".repeat(width), inline(trimmed)));
        } else if quote_block && !after_blank {
            out.push(format!("> {}", inline(trimmed)));
        } else if let (Some(width), true) = (list, indent >= 2) {
            // A later paragraph of a list item.
            out.push(format!("{}{}", " ".repeat(width), inline(trimmed)));
        } else {
            list = None;
            out.push(inline(trimmed));
        }
        i += 1;
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// The fence string (```` ``` ```` or `~~~`, possibly longer) a line opens with.
fn fence_marker(trimmed: &str) -> Option<String> {
    for c in ['`', '~'] {
        let n = trimmed.chars().take_while(|&x| x == c).count();
        if n >= 3 {
            return Some(c.to_string().repeat(n));
        }
    }
    None
}

/// Copies a fenced block starting at `start`, retagging fences rustdoc would
/// compile; closes an unclosed one. Returns the index after the block.
fn copy_fence(raw: &[String], start: usize, fence: String, out: &mut Vec<String>) -> usize {
    let info = raw[start].trim_start()[fence.len()..].trim();
    let rustish = info.is_empty()
        || info.split([',', ' ']).any(|t| {
            matches!(
                t,
                "rust" | "no_run" | "ignore" | "should_panic" | "compile_fail" | "test_harness"
            ) || t.starts_with("edition")
        });
    out.push(if rustish {
        format!("{fence}text")
    } else {
        format!("{fence}{info}")
    });
    let mut i = start + 1;
    while i < raw.len() {
        let line = &raw[i];
        i += 1;
        if line.trim_start().starts_with(fence.as_str()) && line.trim()[fence.len()..].is_empty() {
            out.push(fence);
            return i;
        }
        out.push(line.clone());
    }
    out.push(fence);
    i
}

/// Copies an indented block (which rustdoc would run as a doctest) into a
/// `text` fence, dedented. Returns the index after the block.
fn copy_indented_block(raw: &[String], start: usize, out: &mut Vec<String>) -> usize {
    let mut end = start;
    let mut last_code = start;
    while end < raw.len() {
        let line = &raw[end];
        if line.is_empty() {
            end += 1;
            continue;
        }
        if line.len() - line.trim_start().len() < 4 {
            break;
        }
        last_code = end;
        end += 1;
    }
    let block = &raw[start..=last_code];
    let dedent = block
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    out.push("```text".to_string());
    for l in block {
        out.push(l.get(dedent..).unwrap_or("").to_string());
    }
    out.push("```".to_string());
    last_code + 1
}

/// The width of a list item marker (`- `, `* `, `+ `, `1. `, `2) `) the line
/// starts with.
fn list_marker(trimmed: &str) -> Option<usize> {
    let bytes = trimmed.as_bytes();
    match bytes {
        [b'-' | b'*' | b'+', b' ', ..] => Some(2),
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let rest = &bytes[digits..];
            if (1..=9).contains(&digits) && matches!(rest, [b'.' | b')', b' ', ..]) {
                Some(digits + 2)
            } else {
                None
            }
        }
    }
}

/// Escapes one line of prose outside code spans: bare URLs become
/// autolinks, `[`/`]` that are not part of an inline link and `<` that does
/// not open an autolink are escaped.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(tick) = rest.strip_prefix('`') {
            // A code span: copied as is up to the matching run of backticks.
            let run = 1 + tick.chars().take_while(|&c| c == '`').count();
            let ticks = "`".repeat(run);
            if let Some(close) = rest[run..].find(&ticks) {
                let end = run + close + run;
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            } else {
                out.push_str(&ticks);
                rest = &rest[run..];
            }
            continue;
        }
        if let Some(len) = inline_link_len(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if let Some(len) = autolink_len(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if let Some(len) = url_len(rest) {
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => {
                // Keep existing escapes as they are.
                out.push(c);
                if let Some(next) = chars.clone().next() {
                    if next.is_ascii_punctuation() {
                        out.push(next);
                        chars.next();
                    }
                }
            }
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// Length of an inline link `[text](target)` at the start of `s`.
fn inline_link_len(s: &str) -> Option<usize> {
    if !s.starts_with('[') {
        return None;
    }
    let close = s.find("](")?;
    let text = &s[1..close];
    if text.is_empty() || text.contains(['[', ']']) {
        return None;
    }
    let target_start = close + 2;
    let target_len = s[target_start..].find(')')?;
    let target = &s[target_start..target_start + target_len];
    if target.is_empty() || target.contains(char::is_whitespace) {
        return None;
    }
    Some(target_start + target_len + 1)
}

/// Length of an autolink `<https://...>` at the start of `s`.
fn autolink_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('<')?;
    if !(inner.starts_with("http://") || inner.starts_with("https://")) {
        return None;
    }
    let end = inner.find('>')?;
    if inner[..end].contains(char::is_whitespace) {
        return None;
    }
    Some(end + 2)
}

/// Length of a bare URL at the start of `s`, without trailing punctuation.
fn url_len(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let mut len = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len());
    loop {
        let url = &s[..len];
        let last = url.chars().last()?;
        let unbalanced_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        let unbalanced_bracket = last == ']' && url.matches('[').count() < url.matches(']').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_')
            || unbalanced_paren
            || unbalanced_bracket
        {
            len -= last.len_utf8();
        } else {
            break;
        }
    }
    let scheme = if s.starts_with("https://") { 8 } else { 7 };
    (len > scheme).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        sanitize(text).join("\n")
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            s("See https://tesseral.com/docs."),
            "See <https://tesseral.com/docs>."
        );
        assert_eq!(s("(see https://x.io/a_(b))"), "(see <https://x.io/a_(b)>)");
        assert_eq!(
            s("Already <https://x.io> linked"),
            "Already <https://x.io> linked"
        );
        assert_eq!(s("A [link](https://x.io/y)."), "A [link](https://x.io/y).");
        assert_eq!(s("Code `https://x.io` stays"), "Code `https://x.io` stays");
        assert_eq!(s("just https:// here"), "just https:// here");
    }

    #[test]
    fn brackets_and_angles_are_escaped() {
        assert_eq!(
            s("ids[0] and [Organization]"),
            r"ids\[0\] and \[Organization\]"
        );
        assert_eq!(s("a list<string> of <id>"), r"a list\<string> of \<id>");
        assert_eq!(s("`Vec<T>` and `[x]`"), "`Vec<T>` and `[x]`");
        assert_eq!(s(r"escaped \[ stays"), r"escaped \[ stays");
        assert_eq!(s("a `` code ` span `` end"), "a `` code ` span `` end");
        assert_eq!(s("unclosed ` tick [x]"), r"unclosed ` tick \[x\]");
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        assert_eq!(
            s("Example:\n\n    let x = 1;\n      y\n\nAfter."),
            "Example:\n\n```text\nlet x = 1;\n  y\n```\n\nAfter."
        );
        assert_eq!(s("```\nfn main() {}\n```"), "```text\nfn main() {}\n```");
        assert_eq!(s("```rust\nx\n```"), "```text\nx\n```");
        assert_eq!(
            s("```json\n{\"a\": [1]}\n```"),
            "```json\n{\"a\": [1]}\n```"
        );
        assert_eq!(s("```\nunclosed"), "```text\nunclosed\n```");
        assert_eq!(s("~~~~\n[x]\n~~~~"), "~~~~text\n[x]\n~~~~");
    }

    #[test]
    fn list_continuations_are_indented() {
        assert_eq!(
            s("Items:\n- first\ncontinued\n- second\n      overindented"),
            "Items:\n- first\n  continued\n- second\n  overindented"
        );
        assert_eq!(s("1. one\ntwo"), "1. one\n   two");
        assert_eq!(s("- item\n\n    more of it"), "- item\n\n  more of it");
        assert_eq!(s("- item\n\nafter"), "- item\n\nafter");
        assert_eq!(s("> quoted\nlazy"), "> quoted\n> lazy");
    }

    #[test]
    fn code_spans() {
        assert_eq!(code("a_b"), "`a_b`");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code("a`b``c"), "``` a`b``c ```");
    }

    #[test]
    fn whitespace_is_normalized() {
        assert_eq!(s("\n\n a\r\n\tb \n\n"), "a\nb");
        assert_eq!(s("bell\u{7}"), "bell");
        assert!(sanitize("").is_empty());
    }
}

//! Doc comments: the leading comments protox records in source info.

use std::collections::HashMap;

use protox::prost_reflect::DescriptorPool;

/// Leading comments of every element of every file, by file name and
/// source-info path.
pub(super) struct Comments {
    by_file: HashMap<String, HashMap<Vec<i32>, String>>,
}

impl Comments {
    /// Collects the leading comments of every file in `pool`.
    pub(super) fn new(pool: &DescriptorPool) -> Comments {
        let by_file = pool
            .files()
            .map(|file| {
                let proto = file.file_descriptor_proto();
                let comments = proto
                    .source_code_info
                    .iter()
                    .flat_map(|info| &info.location)
                    .filter_map(|loc| {
                        let text = normalize(loc.leading_comments.as_deref()?);
                        (!text.is_empty()).then(|| (loc.path.clone(), text))
                    })
                    .collect();
                (file.name().to_string(), comments)
            })
            .collect();
        Comments { by_file }
    }

    /// The doc of the element at `path` in `file`; empty when it has none.
    pub(super) fn doc(&self, file: &str, path: &[i32]) -> String {
        self.by_file
            .get(file)
            .and_then(|c| c.get(path))
            .cloned()
            .unwrap_or_default()
    }
}

/// Drops the one space after `//` on each line and trailing spaces, and
/// trims blank lines at both ends; blank lines inside (paragraph breaks) stay.
/// (protox already strips the ` * ` margin of block comments.)
pub(super) fn normalize(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line).trim_end())
        .collect();
    // Blank at the ends, including the `*` left by a `/**` opener.
    let blank = |l: &&str| l.chars().all(|c| c == '*');
    let start = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !blank(l))
        .map_or(start, |i| i + 1);
    lines.get(start..end).unwrap_or_default().join("\n")
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn comments_are_normalized() {
        assert_eq!(normalize(" One.\n"), "One.");
        assert_eq!(
            normalize("\n First.\n\n Second:\n   indented  \n\n"),
            "First.\n\nSecond:\n  indented"
        );
        assert_eq!(normalize("\n \n"), "");
        assert_eq!(normalize("no space"), "no space");
        assert_eq!(normalize("*\n Block.\n\n More.\n"), "Block.\n\nMore.");
        assert_eq!(normalize(" a\n *\n b"), "a\n*\nb");
    }
}

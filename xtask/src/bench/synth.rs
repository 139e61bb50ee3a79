//! Synthetic APIs for the growth benchmark: `factor` renamed copies of a
//! real description (every operation, group, path and type), so the
//! generator meets N times the work with the same shapes.

use codegen::ir::{Api, PathSegment};

/// `api` replicated `factor` times. Copy 1 is `api` itself; copy k > 1
/// suffixes every type, operation and group with `Copy{k}` (`UserCopy2`,
/// `GetUserCopy2`, `users_copy2`) and prefixes its paths with `/c{k}`.
pub fn replicate(api: &Api, factor: usize) -> Api {
    let mut out = api.clone();
    for k in 2..=factor {
        let rename = |name: &str| format!("{name}Copy{k}");
        for op in &api.operations {
            let mut op = op.clone();
            op.name = rename(&op.name);
            op.group = format!("{}_copy{k}", op.group);
            op.request = rename(&op.request);
            op.response = op.response.as_deref().map(rename);
            if let Some(PathSegment::Literal(first)) = op.path.segments.first_mut() {
                *first = format!("/c{k}{first}");
            } else {
                op.path
                    .segments
                    .insert(0, PathSegment::Literal(format!("/c{k}")));
            }
            out.operations.push(op);
        }
        for ty in &api.types {
            let mut ty = ty.clone();
            let name = rename(ty.name());
            *ty.name_mut() = name;
            for member in ty.member_types_mut() {
                member.visit_named_mut(&mut |n| *n = rename(n));
            }
            out.types.push(ty);
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::ir::TypeDef;

    fn sdk_api() -> Api {
        let dir = crate::workspace_root().join("schema");
        codegen::schema::Schema::read(&dir)
            .expect("schema/ reads")
            .api
    }

    #[test]
    fn copies_are_renamed_and_self_contained() {
        let api = sdk_api();
        let big = replicate(&api, 3);
        assert_eq!(big.operations.len(), 3 * api.operations.len());
        assert_eq!(big.types.len(), 3 * api.types.len());
        // Every reference of copy 3 stays inside copy 3.
        for ty in big.types.iter().filter(|t| t.name().ends_with("Copy3")) {
            let mut names = Vec::new();
            for member in ty.member_types() {
                member.visit_named(&mut |n| names.push(n.to_string()));
            }
            assert!(names.iter().all(|n| n.ends_with("Copy3")), "{names:?}");
        }
        let op = big
            .operations
            .iter()
            .find(|o| o.name == "GetUserCopy3")
            .expect("copied operation");
        assert_eq!(op.request, "GetUserRequestCopy3");
        assert_eq!(op.group, "users_copy3");
        assert!(
            op.path.to_string().starts_with("/c3/v1/users/"),
            "{}",
            op.path
        );
        assert!(matches!(
            big.type_def("UserCopy2"),
            Some(TypeDef::Message(_))
        ));
    }

    #[test]
    fn a_replicated_api_generates() {
        let big = replicate(&sdk_api(), 2);
        let files = codegen::backend::rust::generate(&big).expect("generates");
        let text: String = files.iter().map(|f| f.contents.as_str()).collect();
        assert!(text.contains("pub struct UserCopy2"));
        assert!(text.contains("\"/c2/v1/users/\""));
    }
}

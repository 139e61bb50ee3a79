//! Proto front-end: compiles every `.proto` file under a root with protox and
//! lowers the RPCs that carry a `google.api.http` option, and the types they
//! reach, to an [`Api`].

mod comments;
mod compile;
mod http;
mod short_names;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use protox::prost_reflect::{DescriptorPool, MessageDescriptor, MethodDescriptor};

use super::{ImportOptions, Imported, common};
use crate::ir::{Api, Auth, Message, Operation, Type, TypeDef, WireFormat};
use crate::schema::{Source, SourceFormat};
use crate::{Error, Result};
use comments::Comments;

/// Imports the proto root at `root`.
pub fn import(root: &Path) -> Result<Imported> {
    import_with(root, &ImportOptions::default())
}

/// Imports the proto root at `root`: every `.proto` file under it is the
/// API's own (its services are the API); imports are found under `root`,
/// then in `options.include`, then among the generator's own `google/api`
/// and `google/rpc` files and protox's well-known types.
pub fn import_with(root: &Path, options: &ImportOptions) -> Result<Imported> {
    let shown = root.display().to_string();
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(Error::new(
                &shown,
                "not a directory: a proto root is a directory of .proto files",
            ));
        }
        Err(e) => {
            return Err(Error::new(
                &shown,
                format!("cannot read the proto root directory: {e}"),
            ));
        }
    }
    let files = compile::find_protos(root)?;
    if files.is_empty() {
        return Err(Error::new(&shown, "no .proto files under this directory"));
    }
    let pool = compile::compile(root, &options.include, &files)?;
    let comments = Comments::new(&pool);
    let mut warnings = Vec::new();

    let own: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let services = lower_services(&pool, &own, &comments, &mut warnings)?;
    if services.operations.is_empty() {
        return Err(Error::new(
            &shown,
            "no RPC has a google.api.http option, so there is no HTTP API to import",
        ));
    }

    let mut api = Api {
        name: services.name,
        doc: services.doc,
        wire: WireFormat::Protojson,
        servers: Vec::new(),
        // Protos do not say; `codegen.toml` may.
        auth: Auth::None,
        operations: services.operations,
        types: all_types(&pool, &comments, &services.synthetic),
        skipped: Vec::new(),
    };
    api.sort();
    let reachable: BTreeSet<String> = common::reachable_types(&api).into_iter().collect();
    api.types.retain(|t| reachable.contains(t.name()));
    short_names::assign(&mut api, &origins(&pool), &mut warnings)?;
    common::detect_pagination(&mut api);
    api.sort();

    Ok(Imported {
        api,
        source: Source {
            format: SourceFormat::Proto,
            path: shown,
            upstream_commit: None,
            files,
        },
        warnings,
    })
}

/// What the services contribute.
struct Services {
    name: String,
    doc: String,
    operations: Vec<Operation>,
    /// Well-known messages used whole as a request or response (`Empty`,
    /// `Struct`), which then need a type definition of their own.
    synthetic: BTreeSet<String>,
}

/// Every HTTP-annotated RPC of the services declared in `own` files.
fn lower_services(
    pool: &DescriptorPool,
    own: &BTreeSet<&str>,
    comments: &Comments,
    warnings: &mut Vec<String>,
) -> Result<Services> {
    let http = pool.get_extension_by_name("google.api.http");
    let mut services: Vec<_> = pool
        .services()
        .filter(|s| own.contains(s.parent_file().name()))
        .collect();
    services.sort_by(|a, b| a.full_name().cmp(b.full_name()));

    let mut operations: Vec<Operation> = Vec::new();
    let mut defined_by: BTreeMap<String, String> = BTreeMap::new();
    let mut synthetic = BTreeSet::new();
    let mut http_services = Vec::new();
    for service in &services {
        let Some(http) = &http else { break };
        let file = service.parent_file();
        let mut any = false;
        for method in service.methods() {
            let location = format!("{}: {}", file.name(), method.full_name());
            let rule = http::rule(&method, http).map_err(|m| Error::new(&location, m))?;
            let Some(rule) = rule else { continue };
            let op = lower_method(
                &method,
                &rule,
                &location,
                comments,
                &mut synthetic,
                warnings,
            )?;
            if let Some(other) = defined_by.insert(op.name.clone(), method.full_name().to_string())
            {
                return Err(Error::new(
                    &location,
                    format!(
                        "operation name `{}` is also used by `{other}`; \
                         HTTP operations need unique RPC names",
                        op.name
                    ),
                ));
            }
            operations.push(op);
            any = true;
        }
        if any {
            http_services.push(service);
        }
    }

    let (name, doc) = match http_services.as_slice() {
        [one] => (
            one.full_name().to_string(),
            comments.doc(one.parent_file().name(), one.path()),
        ),
        // Several services: named after their common package.
        many => {
            let common = common_package(many.iter().map(|s| s.package_name()));
            let name = if common.is_empty() {
                "api".to_string()
            } else {
                common
            };
            (name, String::new())
        }
    };
    Ok(Services {
        name,
        doc,
        operations,
        synthetic,
    })
}

/// The longest dotted prefix shared by every package.
fn common_package<'a>(mut packages: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = packages.next() else {
        return String::new();
    };
    let mut common: Vec<&str> = first.split('.').collect();
    for p in packages {
        let n = common
            .iter()
            .zip(p.split('.'))
            .take_while(|(a, b)| *a == b)
            .count();
        common.truncate(n);
    }
    common.join(".")
}

fn lower_method(
    method: &MethodDescriptor,
    rule: &http::Rule,
    location: &str,
    comments: &Comments,
    synthetic: &mut BTreeSet<String>,
    warnings: &mut Vec<String>,
) -> Result<Operation> {
    let fail = |m: String| Error::new(location, m);
    if method.is_client_streaming() || method.is_server_streaming() {
        return Err(fail(
            "streaming RPCs cannot be called as one HTTP+JSON request".to_string(),
        ));
    }
    if !rule.response_body.is_empty() {
        return Err(fail(format!(
            "`response_body: \"{}\"` is not supported: the response must be the whole message",
            rule.response_body
        )));
    }
    if rule.additional > 0 {
        warnings.push(format!(
            "{location}: {} additional_bindings ignored; the primary binding is used",
            rule.additional
        ));
    }
    let request = message_name(&method.input(), "request", synthetic).map_err(fail)?;
    let response = message_name(&method.output(), "response", synthetic).map_err(fail)?;
    let binding = http::bind(&method.input(), rule, location, warnings).map_err(fail)?;
    Ok(Operation {
        name: method.name().to_string(),
        group: common::group_for_path(&binding.path),
        doc: comments.doc(method.parent_file().name(), method.path()),
        method: rule.method,
        path: binding.path,
        request,
        response: Some(response),
        params: binding.params,
        body: binding.body,
        pagination: None,
    })
}

/// The type name of a request or response message. `Empty` and `Struct`
/// become messages of their own; other well-known types are not JSON objects.
fn message_name(
    m: &MessageDescriptor,
    role: &str,
    synthetic: &mut BTreeSet<String>,
) -> Result<String, String> {
    match types::well_known(m.full_name()) {
        None => Ok(m.full_name().to_string()),
        Some(Type::Empty | Type::Struct) => {
            synthetic.insert(m.full_name().to_string());
            Ok(m.full_name().to_string())
        }
        Some(t) => Err(format!(
            "the {role} type `{}` (`{t}`) is not a JSON object, so it cannot be an HTTP {role}",
            m.full_name()
        )),
    }
}

/// Every message and enum of the pool, by full name, plus the synthetic ones.
fn all_types(
    pool: &DescriptorPool,
    comments: &Comments,
    synthetic: &BTreeSet<String>,
) -> Vec<TypeDef> {
    let messages = pool
        .all_messages()
        .filter(types::is_defined_message)
        .map(|m| TypeDef::Message(types::message_def(&m, comments)));
    let enums = pool
        .all_enums()
        .filter(types::is_defined_enum)
        .map(|e| TypeDef::Enum(types::enum_def(&e, comments)));
    let synthetic = synthetic.iter().map(|name| {
        let is_struct = name == "google.protobuf.Struct";
        TypeDef::Message(Message {
            name: name.clone(),
            doc: if is_struct {
                "Any JSON object (`google.protobuf.Struct`).".to_string()
            } else {
                "An empty JSON object (`google.protobuf.Empty`).".to_string()
            },
            fields: Vec::new(),
            oneofs: Vec::new(),
            additional: is_struct.then_some(Type::Value),
        })
    });
    messages.chain(enums).chain(synthetic).collect()
}

/// Package and file of every message and enum that is defined as a type of
/// its own (so not the synthetic `google.protobuf.Empty`, which keeps its name).
fn origins(pool: &DescriptorPool) -> BTreeMap<String, short_names::Origin> {
    let messages = pool
        .all_messages()
        .filter(types::is_defined_message)
        .map(|m| {
            let origin = short_names::Origin {
                package: m.package_name().to_string(),
                file: m.parent_file().name().to_string(),
            };
            (m.full_name().to_string(), origin)
        });
    let enums = pool.all_enums().map(|e| {
        let origin = short_names::Origin {
            package: e.package_name().to_string(),
            file: e.parent_file().name().to_string(),
        };
        (e.full_name().to_string(), origin)
    });
    messages.chain(enums).collect()
}

#[cfg(test)]
mod tests {
    use super::common_package;

    #[test]
    fn common_package_is_the_shared_dotted_prefix() {
        let common = |ps: &[&str]| common_package(ps.iter().copied());
        assert_eq!(common(&["a.b.v1", "a.b.v1"]), "a.b.v1");
        assert_eq!(common(&["a.b.v1", "a.c.v1"]), "a");
        assert_eq!(common(&["ab.v1", "a.v1"]), "");
        assert_eq!(common(&[]), "");
    }
}

//! The `google.api.http` rule of an RPC as an IR HTTP binding: method, path
//! template, path and query params, body.

use protox::prost_reflect::{
    DynamicMessage, ExtensionDescriptor, Kind, MessageDescriptor, MethodDescriptor, Value,
};

use super::types::{self, NULL_VALUE};
use crate::ir::{
    Body, HttpMethod, Param, ParamLocation, PathSegment, PathTemplate, PathTemplateError, Type,
};

/// The parts of an `HttpRule` the generator reads.
pub(super) struct Rule {
    /// The standard method the rule uses.
    pub method: HttpMethod,
    /// The path template as written.
    pub template: String,
    /// `""` (no body), `"*"` or a field name.
    pub body: String,
    /// The response field to return instead of the whole response, if set.
    pub response_body: String,
    /// How many `additional_bindings` were ignored.
    pub additional: usize,
}

/// The method's `google.api.http` rule, `None` when it has none.
/// Errors are messages; the caller adds the location.
pub(super) fn rule(
    method: &MethodDescriptor,
    http: &ExtensionDescriptor,
) -> Result<Option<Rule>, String> {
    let options = method.options();
    if !options.has_extension(http) {
        return Ok(None);
    }
    let Value::Message(rule) = options.get_extension(http).into_owned() else {
        return Err("the google.api.http option is not a message".to_string());
    };
    let text = |name: &str| match rule.get_field_by_name(name).as_deref() {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let set = |name: &str| rule.has_field_by_name(name);
    let standard = [
        ("get", HttpMethod::Get),
        ("put", HttpMethod::Put),
        ("post", HttpMethod::Post),
        ("delete", HttpMethod::Delete),
        ("patch", HttpMethod::Patch),
    ];
    let Some((name, method)) = standard.into_iter().find(|(name, _)| set(name)) else {
        if set("custom") {
            return Err(format!(
                "custom HTTP method `{}` is not supported (only GET, PUT, POST, DELETE and PATCH)",
                custom_kind(&rule)
            ));
        }
        return Err("the google.api.http rule sets no HTTP method".to_string());
    };
    let additional = match rule.get_field_by_name("additional_bindings").as_deref() {
        Some(Value::List(list)) => list.len(),
        _ => 0,
    };
    Ok(Some(Rule {
        method,
        template: text(name),
        body: text("body"),
        response_body: text("response_body"),
        additional,
    }))
}

fn custom_kind(rule: &DynamicMessage) -> String {
    match rule.get_field_by_name("custom").as_deref() {
        Some(Value::Message(custom)) => match custom.get_field_by_name("kind").as_deref() {
            Some(Value::String(kind)) => kind.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// A resolved binding.
pub(super) struct Binding {
    /// The template with every variable written `{field}`.
    pub path: PathTemplate,
    /// Path params in template order, then query params in field order.
    pub params: Vec<Param>,
    /// What the body holds, if there is one.
    pub body: Option<Body>,
}

/// Binds `rule` to the fields of `request`. Errors are messages; warnings
/// are pushed with `location` in front.
pub(super) fn bind(
    request: &MessageDescriptor,
    rule: &Rule,
    location: &str,
    warnings: &mut Vec<String>,
) -> Result<Binding, String> {
    let mut template = parse_template(&rule.template)?;
    let mut params = Vec::new();
    let mut bound: Vec<Vec<String>> = Vec::new();
    for var in template.vars() {
        let dotted = var.name.clone();
        let field: Vec<String> = var.field_path().into_iter().map(str::to_string).collect();
        check_path_field(request, &field)?;
        if bound.contains(&field) {
            return Err(format!("path template binds field `{dotted}` twice"));
        }
        params.push(Param {
            name: dotted,
            location: ParamLocation::Path,
            field: field.clone(),
        });
        bound.push(field);
    }
    // `{field=*}` is `{field}`; other patterns are kept: the value is checked
    // against them and keeps its `/`.
    for s in &mut template.segments {
        if let PathSegment::Var(v) = s {
            if v.pattern.as_deref() == Some("*") {
                v.pattern = None;
            }
        }
    }
    let body = match rule.body.as_str() {
        "" => None,
        "*" => Some(Body::All),
        name => {
            if request.get_field_by_name(name).is_none() {
                return Err(format!("body names unknown field `{name}`"));
            }
            // A path variable may name a field inside the body field
            // (AIP-134's `{book.name=...}` with `body: "book"`): it is sent
            // in the path only.
            if bound.iter().any(|b| b.len() == 1 && b[0] == name) {
                return Err(format!(
                    "body field `{name}` is also bound to the path template"
                ));
            }
            Some(Body::Field(name.to_string()))
        }
    };
    if body != Some(Body::All) {
        let mut query = Query {
            bound: &bound,
            body: rule.body.as_str(),
            location,
            warnings,
            out: &mut params,
            stack: vec![request.full_name().to_string()],
        };
        query.flatten(request, &[], &[]);
    }
    Ok(Binding {
        path: template,
        params,
        body,
    })
}

/// The rule's template: a [`PathTemplate`] whose literals have no wildcard
/// and whose variables name field paths.
fn parse_template(template: &str) -> Result<PathTemplate, String> {
    if template.is_empty() {
        return Err("empty path in the google.api.http rule".to_string());
    }
    let parsed: PathTemplate = template.parse().map_err(|e: PathTemplateError| e.0)?;
    for s in &parsed.segments {
        match s {
            PathSegment::Literal(text) if text.contains('*') => {
                return Err(format!(
                    "path template `{template}` has a wildcard outside a variable; \
                     only `{{field}}` and `{{field=pattern}}` can be filled in"
                ));
            }
            PathSegment::Var(v) if !v.field_path().iter().all(|f| is_ident(f)) => {
                return Err(format!(
                    "path template `{template}` has a variable `{{{}}}` that is not a field path",
                    v.name
                ));
            }
            _ => {}
        }
    }
    Ok(parsed)
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks that `path` names a singular scalar or enum field, through
/// singular message fields.
fn check_path_field(request: &MessageDescriptor, path: &[String]) -> Result<(), String> {
    let dotted = path.join(".");
    let mut message = request.clone();
    for (i, name) in path.iter().enumerate() {
        let Some(field) = message.get_field_by_name(name) else {
            return Err(format!("path template names unknown field `{dotted}`"));
        };
        let last = i + 1 == path.len();
        match field.kind() {
            Kind::Message(m) if !last && !field.is_list() && types::is_defined_message(&m) => {
                message = m;
            }
            _ if !last => {
                return Err(format!(
                    "path template field `{dotted}`: `{name}` is not a singular message field"
                ));
            }
            Kind::Message(_) => {
                return Err(format!(
                    "path template field `{dotted}` must be a scalar or enum field, not a message"
                ));
            }
            _ if field.is_list() => {
                return Err(format!(
                    "path template field `{dotted}` must be a singular field, not a repeated one"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Collects query params: every leaf field not bound to the path or the body.
struct Query<'a> {
    bound: &'a [Vec<String>],
    body: &'a str,
    location: &'a str,
    warnings: &'a mut Vec<String>,
    out: &'a mut Vec<Param>,
    /// Full names of the messages being flattened, outermost first.
    stack: Vec<String>,
}

impl Query<'_> {
    fn flatten(&mut self, message: &MessageDescriptor, fields: &[String], json: &[String]) {
        let declared: Vec<u32> = message
            .descriptor_proto()
            .field
            .iter()
            .filter_map(|f| u32::try_from(f.number()).ok())
            .collect();
        for field in declared.into_iter().filter_map(|n| message.get_field(n)) {
            let mut path = fields.to_vec();
            path.push(field.name().to_string());
            let mut name = json.to_vec();
            name.push(field.json_name().to_string());
            if self.bound.contains(&path) || (fields.is_empty() && field.name() == self.body) {
                continue;
            }
            let kind = field.kind();
            let skip = |why: &str| {
                format!(
                    "{}: query parameter `{}` (field `{}`) is skipped: {why}",
                    self.location,
                    name.join("."),
                    path.join(".")
                )
            };
            if field.is_map() {
                let w = skip("a map cannot be encoded in a query string");
                self.warnings.push(w);
                continue;
            }
            match &kind {
                Kind::Message(m) => match types::well_known(m.full_name()) {
                    Some(Type::Timestamp | Type::Duration | Type::FieldMask | Type::Wrapper(_)) => {
                    }
                    Some(t) => {
                        let w = skip(&format!("`{t}` values cannot be encoded in a query string"));
                        self.warnings.push(w);
                        continue;
                    }
                    None if field.is_list() => {
                        let w = skip("a repeated message cannot be encoded in a query string");
                        self.warnings.push(w);
                        continue;
                    }
                    None if self.stack.iter().any(|s| s == m.full_name()) => {
                        let w = skip(&format!(
                            "message `{}` contains itself, so its query parameters never end",
                            m.full_name()
                        ));
                        self.warnings.push(w);
                        continue;
                    }
                    None => {
                        self.stack.push(m.full_name().to_string());
                        self.flatten(m, &path, &name);
                        self.stack.pop();
                        continue;
                    }
                },
                Kind::Enum(e) if e.full_name() == NULL_VALUE => {
                    let w = skip("`null` values cannot be encoded in a query string");
                    self.warnings.push(w);
                    continue;
                }
                _ => {}
            }
            self.out.push(Param {
                name: name.join("."),
                location: ParamLocation::Query,
                field: path,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_template;

    #[test]
    fn templates_parse() {
        let t = parse_template("/v1/{name=shelves/*}/books/{book.id}:archive").unwrap();
        assert_eq!(
            t.to_string(),
            "/v1/{name=shelves/*}/books/{book.id}:archive"
        );
        let vars: Vec<_> = t.vars().collect();
        assert_eq!(vars[0].field_path(), ["name"]);
        assert_eq!(vars[0].pattern.as_deref(), Some("shelves/*"));
        assert_eq!(vars[1].field_path(), ["book", "id"]);
        assert_eq!(vars[1].pattern, None);
    }

    #[test]
    fn bad_templates_are_errors() {
        for (t, msg) in [
            ("", "empty path"),
            ("v1/x", "does not start with `/`"),
            ("/v1/{id", "unmatched `{`"),
            ("/v1/id}", "unmatched `}`"),
            ("/v1/*/x", "wildcard outside a variable"),
            ("/v1/{a{b}}", "nests"),
            ("/v1/{}", "without a name"),
            ("/v1/{a..b}", "not a field path"),
            ("/v1/{1a}", "not a field path"),
            ("/v1/{a=}", "empty pattern"),
        ] {
            let err = parse_template(t).err().unwrap_or_default();
            assert!(err.contains(msg), "{t:?}: {err:?}");
        }
    }
}

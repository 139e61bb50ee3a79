//! Bad descriptions give an error naming the operation, type or field, never
//! a panic; odd but valid names still give code that parses. Every error
//! comes from the plan (`Plan::new`): once it is made, printing cannot fail.

use std::path::Path;

use codegen::backend::rust::plan::Plan;
use codegen::backend::rust::{Options, generate};
use codegen::ir::{Api, Body, Field, HttpMethod, Param, ParamLocation, Type, TypeDef};

fn load(name: &str) -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ir")
        .join(format!("{name}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn op<'a>(api: &'a mut Api, name: &str) -> &'a mut codegen::ir::Operation {
    api.operations.iter_mut().find(|o| o.name == name).unwrap()
}

fn message<'a>(api: &'a mut Api, name: &str) -> &'a mut codegen::ir::Message {
    match api.types.iter_mut().find(|t| t.name() == name).unwrap() {
        TypeDef::Message(m) => m,
        _ => panic!("{name} is not a message"),
    }
}

/// Plans and expects an error at `location` whose message contains `text`;
/// generating gives the same error.
fn expect_error(api: &Api, location: &str, text: &str) {
    let e = Plan::new(api, &Options::default()).expect_err("planning should fail");
    assert_eq!(e.location, location, "{e}");
    assert!(e.message.contains(text), "{e:?} should mention {text:?}");
    assert_eq!(generate(api).expect_err("generation should fail"), e);
}

#[test]
fn unknown_field_type() {
    let mut api = load("basics");
    message(&mut api, "Organization").fields[1].ty = "list<Nope>".parse().unwrap();
    expect_error(
        &api,
        "type `Organization`, field `display_name`",
        "unknown type `Nope`",
    );
}

#[test]
fn map_keys_must_be_scalars() {
    let mut api = load("basics");
    message(&mut api, "Organization").fields[0].ty = "map<double, string>".parse().unwrap();
    expect_error(
        &api,
        "type `Organization`, field `id`",
        "map key type `double`",
    );
}

#[test]
fn missing_request_or_response_type() {
    let mut api = load("basics");
    op(&mut api, "GetOrganization").request = "Missing".into();
    expect_error(
        &api,
        "operation `GetOrganization`",
        "unknown request type `Missing`",
    );

    let mut api = load("basics");
    op(&mut api, "GetOrganization").response = Some("Gone".into());
    expect_error(
        &api,
        "operation `GetOrganization`",
        "unknown response type `Gone`",
    );
}

#[test]
fn request_must_be_a_message() {
    let mut api = load("basics");
    op(&mut api, "GetOrganization").request = "PrimaryAuthFactor".into();
    expect_error(
        &api,
        "operation `GetOrganization`",
        "request type `PrimaryAuthFactor` is not a message",
    );
}

#[test]
fn param_naming_an_unknown_field() {
    let mut api = load("basics");
    op(&mut api, "ListOrganizations").params[0].field = vec!["page_tokn".into()];
    expect_error(
        &api,
        "operation `ListOrganizations`, parameter `pageToken`",
        "request type `ListOrganizationsRequest` has no field `page_tokn`",
    );

    let mut api = load("params");
    let p = op(&mut api, "SearchNotes")
        .params
        .iter_mut()
        .find(|p| p.name == "filter.author")
        .unwrap();
    p.field = vec!["filter".into(), "writer".into()];
    expect_error(
        &api,
        "operation `SearchNotes`, parameter `filter.author`",
        "request type `SearchFilter` has no field `writer`",
    );
}

#[test]
fn nested_param_through_a_non_message() {
    let mut api = load("params");
    let p = op(&mut api, "SearchNotes")
        .params
        .iter_mut()
        .find(|p| p.name == "query")
        .unwrap();
    p.field = vec!["tags".into(), "x".into()];
    expect_error(
        &api,
        "operation `SearchNotes`, parameter `query`",
        "field `tags` of `SearchNotesRequest` has type `list<string>`: only a singular message field",
    );
}

#[test]
fn message_fields_cannot_be_query_params() {
    let mut api = load("params");
    let p = op(&mut api, "SearchNotes")
        .params
        .iter_mut()
        .find(|p| p.name == "query")
        .unwrap();
    p.field = vec!["filter".into()];
    expect_error(
        &api,
        "operation `SearchNotes`, parameter `query`",
        "a field of type `SearchFilter` cannot be sent",
    );
}

#[test]
fn body_field_that_does_not_exist() {
    let mut api = load("basics");
    op(&mut api, "CreateOrganization").body = Some(Body::Field("org".into()));
    expect_error(
        &api,
        "operation `CreateOrganization`, body",
        "request type `CreateOrganizationRequest` has no body field `org`",
    );
}

#[test]
fn oneof_member_as_body() {
    let mut api = load("params");
    op(&mut api, "SearchNotes").body = Some(Body::Field("by_title".into()));
    expect_error(
        &api,
        "operation `SearchNotes`, body",
        "body field `by_title` is a oneof member",
    );
}

#[test]
fn invalid_path_templates_are_refused_when_the_description_is_read() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ir/basics.yaml"),
    )
    .unwrap();
    let good = "path: /v1/organizations/{id}\n";
    assert!(text.contains(good));
    for (path, message) in [
        ("v1/organizations/{id}", "does not start with `/`"),
        ("/v1/organizations/{id", "has an unmatched `{`"),
        ("/v1/organizations/id}", "has an unmatched `}`"),
        ("/v1/organizations/{}", "has a variable `{}` without a name"),
        ("/v1/organizations/{a{id}}", "nests `{`"),
    ] {
        let bad = text.replacen(good, &format!("path: '{path}'\n"), 1);
        let e = serde_yaml::from_str::<Api>(&bad).expect_err(path);
        assert!(e.to_string().contains(message), "{path}: {e}");
    }
}

#[test]
fn path_placeholders_and_path_params_must_match() {
    let mut api = load("basics");
    op(&mut api, "GetOrganization").path = "/v1/organizations/{name}".parse().unwrap();
    expect_error(
        &api,
        "operation `GetOrganization`",
        "path placeholder `{name}` has no path parameter",
    );

    let mut api = load("basics");
    op(&mut api, "GetOrganization").params.push(Param {
        name: "extra".into(),
        location: ParamLocation::Path,
        field: vec!["id".into()],
    });
    expect_error(
        &api,
        "operation `GetOrganization`, parameter `extra`",
        "path parameter is not in the path template",
    );
}

#[test]
fn pagination_fields_are_checked() {
    let mut api = load("basics");
    op(&mut api, "ListOrganizations")
        .pagination
        .as_mut()
        .unwrap()
        .items = "next_page_token".into();
    expect_error(
        &api,
        "operation `ListOrganizations`, pagination",
        "items field `next_page_token` is not a list",
    );

    let mut api = load("basics");
    op(&mut api, "ListOrganizations")
        .pagination
        .as_mut()
        .unwrap()
        .page_token = "token".into();
    expect_error(
        &api,
        "operation `ListOrganizations`, pagination",
        "type `ListOrganizationsRequest` has no field `token`",
    );

    let mut api = load("basics");
    op(&mut api, "ListOrganizations").response = None;
    expect_error(
        &api,
        "operation `ListOrganizations`, pagination",
        "needs a response",
    );
}

#[test]
fn two_operations_paging_one_message_differently() {
    let mut api = load("basics");
    let mut copy = op(&mut api, "ListOrganizations").clone();
    copy.name = "ListMoreOrganizations".into();
    copy.pagination.as_mut().unwrap().page_token = "other_token".into();
    message(&mut api, "ListOrganizationsRequest")
        .fields
        .push(Field {
            name: "other_token".into(),
            json_name: "otherToken".into(),
            number: Some(2),
            ty: Type::String,
            optional: false,
            oneof: None,
            required: false,
            input_only: false,
            output_only: false,
            deprecated: false,
            doc: String::new(),
        });
    api.operations.push(copy);
    api.sort();
    expect_error(
        &api,
        "operation `ListOrganizations`, pagination",
        "another operation pages the same message with other fields",
    );
}

#[test]
fn duplicates_and_unknown_oneofs() {
    let mut api = load("basics");
    let dup = api.types[0].clone();
    api.types.push(dup);
    expect_error(
        &api,
        "type `AuthenticateAPIKeyRequest`",
        "the type is defined twice",
    );

    let mut api = load("basics");
    let dup = api.operations[0].clone();
    api.operations.push(dup);
    expect_error(
        &api,
        "operation `AuthenticateAPIKey`",
        "the operation is defined twice",
    );

    let mut api = load("basics");
    let m = message(&mut api, "Organization");
    let dup = m.fields[0].clone();
    m.fields.push(dup);
    expect_error(
        &api,
        "type `Organization`, field `id`",
        "the field is defined twice",
    );

    let mut api = load("basics");
    message(&mut api, "Organization").fields[0].oneof = Some("nope".into());
    expect_error(
        &api,
        "type `Organization`, field `id`",
        "unknown oneof `nope`",
    );
}

/// Renames a type and every reference to it.
fn rename_type(api: &mut Api, old: &str, new: &str) {
    fn retype(t: &mut Type, old: &str, new: &str) {
        match t {
            Type::Named(n) if n == old => *n = new.to_string(),
            Type::List(t) | Type::Wrapper(t) => retype(t, old, new),
            Type::Map(k, v) => {
                retype(k, old, new);
                retype(v, old, new);
            }
            _ => {}
        }
    }
    for def in &mut api.types {
        match def {
            TypeDef::Message(m) => {
                if m.name == old {
                    m.name = new.to_string();
                }
                for f in &mut m.fields {
                    retype(&mut f.ty, old, new);
                }
                if let Some(t) = &mut m.additional {
                    retype(t, old, new);
                }
            }
            TypeDef::Enum(e) if e.name == old => e.name = new.to_string(),
            TypeDef::Enum(_) => {}
            TypeDef::Union(u) => {
                if u.name == old {
                    u.name = new.to_string();
                }
                for v in &mut u.variants {
                    retype(&mut v.ty, old, new);
                }
            }
        }
    }
    for o in &mut api.operations {
        if o.request == old {
            o.request = new.to_string();
        }
        if o.response.as_deref() == Some(old) {
            o.response = Some(new.to_string());
        }
    }
}

/// Fields an operation binds (params, body, pagination): left alone by the
/// mutations that would make the description invalid.
fn bound_fields(api: &Api) -> Vec<String> {
    let mut out = Vec::new();
    for o in &api.operations {
        for p in &o.params {
            out.extend(p.field.iter().cloned());
        }
        if let Some(Body::Field(f)) = &o.body {
            out.push(f.clone());
        }
        if let Some(p) = &o.pagination {
            out.extend([
                p.page_token.clone(),
                p.next_page_token.clone(),
                p.items.clone(),
            ]);
        }
    }
    out
}

/// Odd names, types and bindings, applied consistently to every fixture:
/// `generate` returns (never panics), what it returns parses, and almost
/// every such description generates.
#[test]
fn mutations_never_panic() {
    const NAMES: &[&str] = &[
        "",
        "_",
        "1",
        "2fa",
        "self",
        "Self",
        "type",
        "Client",
        "a.b.c",
        "∂x",
        "UNKNOWN_VALUE",
        "Other",
        "with_x",
        "r#x",
        " spaced name ",
        "APIKey",
        "ApiKey",
    ];
    const TYPES: &[&str] = &[
        "string",
        "wrapper<list<int64>>",
        "list<list<bytes>>",
        "map<string, map<int32, value>>",
        "empty",
        "any",
    ];
    let mut runs = 0;
    let mut generated = 0;
    for fixture in [
        "basics",
        "types",
        "enums",
        "params",
        "recursion",
        "oneofs",
        "unions",
        "collisions",
    ] {
        let base = load(fixture);
        let bound = bound_fields(&base);
        let mut variants: Vec<Api> = Vec::new();
        for (i, name) in NAMES.iter().enumerate() {
            // Rename a type everywhere it is used (it may collide).
            let mut api = base.clone();
            let old = api.types[i % api.types.len()].name().to_string();
            if !api.types.iter().any(|t| t.name() == *name) {
                rename_type(&mut api, &old, name);
            }
            variants.push(api);

            // Rename free fields, oneofs, values, variants, groups, operations.
            let mut api = base.clone();
            for def in &mut api.types {
                match def {
                    TypeDef::Message(m) => {
                        let at = i % m.fields.len().max(1);
                        let taken = m.fields.iter().any(|f| f.name == *name);
                        if let Some(f) = m.fields.get_mut(at) {
                            if !bound.contains(&f.name) && !taken {
                                f.name = name.to_string();
                                f.json_name = name.to_string();
                            }
                        }
                        if let Some(o) = m.oneofs.first_mut() {
                            let old = std::mem::replace(&mut o.name, name.to_string());
                            for f in &mut m.fields {
                                if f.oneof.as_deref() == Some(old.as_str()) {
                                    f.oneof = Some(name.to_string());
                                }
                            }
                        }
                    }
                    TypeDef::Enum(e) => {
                        let taken = e.values.iter().any(|v| v.name == *name);
                        if let (Some(v), false) = (e.values.last_mut(), taken) {
                            v.name = name.to_string();
                        }
                    }
                    TypeDef::Union(u) => {
                        if let Some(v) = u.variants.first_mut() {
                            v.name = name.to_string();
                            v.tags = vec![name.to_string()];
                        }
                    }
                }
            }
            let count = api.operations.len();
            let taken = api.operations.iter().any(|o| o.name == *name);
            if let Some(o) = api.operations.get_mut(i % count) {
                o.group = name.to_string();
                if !taken {
                    o.name = name.to_string();
                }
                o.method = HttpMethod::Patch;
            }
            variants.push(api);

            // Retype a free field.
            let mut api = base.clone();
            for def in &mut api.types {
                if let TypeDef::Message(m) = def {
                    if let Some(f) = m.fields.iter_mut().find(|f| !bound.contains(&f.name)) {
                        if f.oneof.is_none() || !TYPES[i % TYPES.len()].contains('<') {
                            f.ty = TYPES[i % TYPES.len()].parse().unwrap();
                            f.optional = i % 2 == 0;
                        }
                    }
                }
            }
            variants.push(api);

            // Docs full of Markdown hazards.
            let mut api = base.clone();
            api.doc = format!("{name}\n    indented\n```\n{name}\n[{name}](");
            for o in &mut api.operations {
                o.doc = format!("<{name}> https://x.y/{name} [x] `a` ``` ");
            }
            variants.push(api);
        }
        for api in variants {
            runs += 1;
            match generate(&api) {
                Ok(files) => {
                    generated += 1;
                    for f in files {
                        syn::parse_file(&f.contents).unwrap_or_else(|e| {
                            panic!("{fixture}: {}: {e}\n{}", f.path, f.contents)
                        });
                    }
                }
                Err(e) => println!("{fixture}: {e}"),
            }
        }
    }
    assert_eq!(runs, 8 * NAMES.len() * 4);
    println!("{generated} of {runs} mutated descriptions generated");
    assert!(generated * 100 >= runs * 95, "{generated} of {runs}");
}

/// Settings that cannot go into the generated client are errors naming the
/// setting, and a bad title or server from the description too.
#[test]
fn bad_client_settings() {
    use codegen::backend::rust::{Options, generate_with};
    let api = load("basics");
    let cases = [
        (
            Options {
                base_url: Some("api.example.com".into()),
                ..Options::default()
            },
            "base_url",
            "not an absolute http(s) URL",
        ),
        (
            Options {
                api_key_env: vec!["MY-KEY".into()],
                ..Options::default()
            },
            "api_key_env",
            "`MY-KEY` is not an environment variable name",
        ),
        (
            Options {
                user_agent: Some("my sdk".into()),
                ..Options::default()
            },
            "user_agent",
            "not a User-Agent product name",
        ),
        (
            Options {
                title: Some(" ".into()),
                ..Options::default()
            },
            "title",
            "empty",
        ),
    ];
    for (options, location, text) in cases {
        let e = generate_with(&api, &options).expect_err(location);
        assert_eq!(e.location, location, "{e}");
        assert!(e.message.contains(text), "{e:?} should mention {text:?}");
    }
    let mut api = load("basics");
    api.servers = vec!["ftp://files.example.com".into()];
    let e = generate(&api).expect_err("an ftp server");
    assert_eq!(e.location, "base_url", "{e}");
}

/// What the client is told comes from the description unless the options
/// say otherwise.
#[test]
fn client_settings_come_from_the_description_and_the_options() {
    use codegen::backend::rust::{ClientSettings, Options};
    use codegen::ir::Auth;
    let mut api = load("basics");
    api.servers = vec![
        "https://a.example.com".into(),
        "https://b.example.com".into(),
    ];
    api.auth = Auth::Bearer;
    let options = Options {
        crate_name: "shop_sdk".into(),
        ..Options::default()
    };
    let s = ClientSettings::new(&api, &options).unwrap();
    assert_eq!(s.title, "BackendService API");
    assert_eq!(s.base_url.as_deref(), Some("https://a.example.com"));
    assert_eq!(s.auth, Auth::Bearer);
    assert_eq!(s.api_key_env, ["SHOP_SDK_API_KEY"]);
    assert_eq!(s.user_agent, None);
    let options = Options {
        title: Some("Shop API".into()),
        base_url: Some("https://shop.example.com".into()),
        auth: Some(Auth::None),
        api_key_env: vec!["SHOP_KEY".into()],
        user_agent: Some("shop-rust".into()),
        ..options
    };
    let s = ClientSettings::new(&api, &options).unwrap();
    assert_eq!(s.title, "Shop API");
    assert_eq!(s.base_url.as_deref(), Some("https://shop.example.com"));
    assert_eq!(s.auth, Auth::None);
    assert_eq!(s.api_key_env, ["SHOP_KEY"]);
    assert_eq!(s.user_agent.as_deref(), Some("shop-rust"));
}

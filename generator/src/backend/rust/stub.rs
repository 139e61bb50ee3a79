//! `testing.rs`: the API's `Stub`, for testing code that uses the client
//! without HTTP. It wraps the runtime's `testing::Stub` with one setter per
//! operation (named like the client method, taking that operation's
//! handler), `client()` and `calls()`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::plan::{Detail, OpPlan, Plan};
use super::types::Cx;
use crate::ir::{HttpMethod, ParamLocation};

/// The file's items.
pub fn stub(cx: &mut Cx) -> TokenStream {
    let plan = cx.plan;
    let client = cx.client();
    // Named in full: an API type may be called `Error`.
    let error = quote!(crate::rt::Error);
    let title = &plan.client.title;
    let mut setters = Vec::new();
    for op in &plan.ops {
        let name = op.method.ident();
        let request = cx.named(&op.op.request);
        let response = match &op.op.response {
            Some(r) => {
                let r = cx.named(r);
                quote!(#r)
            }
            None => {
                let e = cx.wkt("Empty");
                quote!(#e)
            }
        };
        let wire_name = &op.op.name;
        let doc = docs::attrs(&docs::wrap(
            &format!(
                "Answers [`Client::{}`] with `handler`: it gets each request, and \
                 what it returns is the call's result.",
                op.method.name
            ),
            76,
        ));
        setters.push(quote! {
            #doc
            pub fn #name(
                self,
                handler: impl Fn(&#request) -> Result<#response, #error> + Send + Sync + 'static,
            ) -> Self {
                Self(self.0.on(#wire_name, handler))
            }
        });
    }
    let mut doc = docs::wrap(
        &format!(
            "Answers the operations of the {title} with handlers a test sets, instead of HTTP."
        ),
        76,
    );
    doc.push(String::new());
    doc.extend(docs::wrap(
        "[`Stub::client`] is a [`Client`] like any other for the code under test: \
         each call goes to the handler of its operation (set with the setter named \
         like the client method), whose result is the call's. Requests are still \
         encoded first, so one the real client refuses (an empty ID in the path) \
         fails the same way. Per-request options, pagination, `with_metadata()` and \
         blocking calls work as usual; a call of an operation without a handler \
         fails with an error naming its setter. Clones share the handlers and the \
         record of [`calls`](Stub::calls).",
        76,
    ));
    doc.extend(example(cx));
    let doc = docs::attrs(&doc);
    quote! {
        #doc
        #[derive(Clone, Debug, Default)]
        pub struct Stub(crate::rt::testing::Stub);

        impl Stub {
            /// A stub answering nothing yet: set a handler for each operation the
            /// code under test calls.
            pub fn new() -> Self {
                Self::default()
            }

            /// A client whose calls this stub answers; nothing is sent over the
            /// network.
            pub fn client(&self) -> #client {
                self.0.client()
            }

            /// The operations called so far through this stub's clients, by their
            /// names in the API (`"GetUser"`), in order, answered or not.
            pub fn calls(&self) -> Vec<&'static str> {
                self.0.calls()
            }

            #(#setters)*
        }
    }
}

/// The doc example: one operation answered, called, and checked.
fn example(cx: &Cx) -> Vec<String> {
    let plan = cx.plan;
    let krate = &cx.options.crate_name;
    let model = &cx.options.model_module;
    let Some((op, response)) = pick(plan) else {
        return Vec::new();
    };
    let (answer, import) = match response {
        Some(rust) => (format!("Ok({rust}::new())"), Some(rust.to_string())),
        None => (format!("Ok({krate}::wkt::Empty)"), None),
    };
    let request = &op.request;
    let imports = match import {
        Some(response) if &response != request => format!("{{{request}, {response}}}"),
        _ => request.clone(),
    };
    let method = op.method.source();
    let bind = if op.op.response.is_some() {
        "let response = "
    } else {
        ""
    };
    vec![
        String::new(),
        "# Example".to_string(),
        "```no_run".to_string(),
        format!("# async fn example() -> Result<(), {krate}::Error> {{"),
        format!("use {krate}::{model}::{imports};"),
        format!("use {krate}::testing::Stub;"),
        String::new(),
        format!("let stub = Stub::new().{method}(|_request| {answer});"),
        "let client = stub.client();".to_string(),
        "// The code under test calls the client as usual:".to_string(),
        format!(
            "{bind}client.{method}({request}::new(){}).await?;",
            op.example_setters()
        ),
        format!("assert_eq!(stub.calls(), [{:?}]);", op.op.name),
        "# Ok(())".to_string(),
        "# }".to_string(),
        "```".to_string(),
    ]
}

/// The operation of the example, with its response's Rust name: among those
/// whose response is a message (built with `new()`) or nothing, a `GET`
/// without path parameters if there is one, else any `GET`, else the first.
fn pick<'p, 'a>(plan: &'p Plan<'a>) -> Option<(&'p OpPlan<'a>, Option<&'p str>)> {
    let candidates: Vec<(&OpPlan, Option<&str>)> = plan
        .ops
        .iter()
        .filter_map(|op| match &op.op.response {
            None => Some((op, None)),
            Some(r) => match plan.types.get(r.as_str()) {
                Some(info) if matches!(info.detail, Detail::Message(_)) => {
                    Some((op, Some(info.rust.as_str())))
                }
                _ => None,
            },
        })
        .collect();
    let get = |op: &OpPlan| op.op.method == HttpMethod::Get;
    let no_path = |op: &OpPlan| {
        !op.op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Path)
    };
    candidates
        .iter()
        .find(|(op, _)| get(op) && no_path(op))
        .or_else(|| candidates.iter().find(|(op, _)| get(op)))
        .or_else(|| candidates.first())
        .copied()
}

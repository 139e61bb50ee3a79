//! `client.rs`: the API's own `Client` type, a wrapper of the runtime's
//! client core that carries what is specific to this API (its name, default
//! base URL, authentication, API-key variables, `User-Agent`) and, in the
//! other files, one method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use super::docs;
use crate::ir::{Api, Auth};
use crate::{Error, Result};

/// What the client of one API is told, from the description and the
/// [`Options`] that override it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// The API's name in docs and messages.
    pub title: String,
    /// The default base URL, if any.
    pub base_url: Option<String>,
    pub auth: Auth,
    /// Where the API key is read from (bearer auth only).
    pub api_key_env: Vec<String>,
    /// The `User-Agent` product name; `None`: the crate's package name.
    pub user_agent: Option<String>,
}

impl ClientSettings {
    /// The description's settings overridden by `options`; checked.
    pub fn new(api: &Api, options: &Options) -> Result<ClientSettings> {
        let title = options
            .title
            .clone()
            .unwrap_or_else(|| default_title(&api.name));
        if title.trim().is_empty() {
            return Err(Error::new("title", "the API's title is empty"));
        }
        let base_url = options
            .base_url
            .clone()
            .or_else(|| api.servers.first().cloned());
        if let Some(url) = &base_url {
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"));
            if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
                return Err(Error::new(
                    "base_url",
                    format!("`{url}` is not an absolute http(s) URL"),
                ));
            }
        }
        let auth = options.auth.unwrap_or(api.auth);
        let api_key_env = if options.api_key_env.is_empty() {
            vec![format!(
                "{}_API_KEY",
                options.crate_name.to_ascii_uppercase()
            )]
        } else {
            options.api_key_env.clone()
        };
        for name in &api_key_env {
            let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(Error::new(
                    "api_key_env",
                    format!("`{name}` is not an environment variable name (A-Z, 0-9, _)"),
                ));
            }
        }
        if let Some(agent) = &options.user_agent {
            let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if agent.is_empty() || !agent.chars().all(token) {
                return Err(Error::new(
                    "user_agent",
                    format!("`{agent}` is not a User-Agent product name (letters, digits, `-._`)"),
                ));
            }
        }
        Ok(ClientSettings {
            title,
            base_url,
            auth,
            api_key_env,
            user_agent: options.user_agent.clone(),
        })
    }

    /// `TESSERAL_API_KEY`, `A or B`, `A, B or C`.
    pub fn env_list(&self) -> String {
        let names: Vec<String> = self.api_key_env.iter().map(|n| format!("`{n}`")).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [first @ .., last] => format!("{} or {last}", first.join(", ")),
        }
    }
}

/// The API's name as a title: a proto service's full name
/// (`example.v1.LibraryService`) becomes `LibraryService API`, as gnostic
/// titles its OpenAPI documents; other names stay as they are.
fn default_title(name: &str) -> String {
    let proto_name = name.contains('.')
        && name
            .split('.')
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    match name.rsplit_once('.') {
        Some((_, service)) if proto_name => format!("{service} API"),
        _ => name.to_string(),
    }
}

/// The lines creating a client in an example: from the environment, or
/// with a base URL for an API without a default one.
pub fn example_client(krate: &str, settings: &ClientSettings) -> Vec<String> {
    match (&settings.base_url, settings.auth) {
        (Some(_), Auth::Bearer) => vec![
            format!("// The API key comes from {}.", settings.env_list()),
            format!("let client = {krate}::Client::from_env()?;"),
        ],
        (Some(_), Auth::None) => vec![format!("let client = {krate}::Client::new()?;")],
        (None, auth) => {
            let mut lines = Vec::new();
            if auth == Auth::Bearer {
                lines.push(format!(
                    "// The API key comes from {}.",
                    settings.env_list()
                ));
            }
            lines.extend([
                format!("let client = {krate}::Client::builder()"),
                "    .base_url(\"https://api.example.com\")".to_string(),
                "    .build()?;".to_string(),
            ]);
            lines
        }
    }
}

/// The items of `client.rs` and the module's doc.
pub fn client(options: &Options, settings: &ClientSettings) -> TokenStream {
    let krate = &options.crate_name;
    let title = &settings.title;
    let mut doc = vec![
        format!("A client of the {title}."),
        String::new(),
        "Cheap to clone (clones share one connection pool and configuration) and".to_string(),
        "safe to share between tasks and threads. Every operation is a method".to_string(),
        "returning a [`Call`](crate::rt::Call): await it to send the request.".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("# fn demo() -> Result<(), {krate}::Error> {{"),
    ];
    if settings.base_url.is_some() {
        doc.extend(example_client(krate, settings));
        doc.push("// Or with options:".to_string());
    }
    doc.push(format!("let client = {krate}::Client::builder()"));
    if settings.auth == Auth::Bearer {
        doc.push("    .api_key(\"...\")".to_string());
    }
    let url = settings
        .base_url
        .as_deref()
        .unwrap_or("https://api.example.com");
    doc.extend([
        format!("    .base_url({url:?})"),
        "    .max_retries(4)".to_string(),
        "    .timeout(std::time::Duration::from_secs(20))".to_string(),
        "    .build()?;".to_string(),
        "# let _ = client;".to_string(),
        "# Ok(()) }".to_string(),
        "```".to_string(),
        String::new(),
    ]);
    let mut prose = Vec::new();
    prose.push(match &settings.base_url {
        Some(url) => format!(
            "Requests go to {} unless the builder's `base_url` says otherwise.",
            docs::code(url)
        ),
        None => {
            "The API's description names no server: give the base URL to the builder.".to_string()
        }
    });
    prose.push(match settings.auth {
        Auth::Bearer => format!(
            "The API key is sent as a bearer token; without one given to the builder it is read from {} (the first one set).",
            settings.env_list()
        ),
        Auth::None => "Requests carry no credentials.".to_string(),
    });
    prose.push(
        "Retries, timeouts and the other settings are described at [`ClientBuilder`].".to_string(),
    );
    doc.extend(docs::wrap(&prose.join(" "), 76));
    doc.extend([
        String::new(),
        "# Testing code that uses the client".to_string(),
        String::new(),
        "Point the client at a local mock server (the `wiremock` crate, say) with".to_string(),
        "`ClientBuilder::for_testing`: no retries, no environment lookup.".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("# fn demo() -> Result<(), {krate}::Error> {{"),
        format!(
            "let client = {krate}::ClientBuilder::for_testing(\"http://127.0.0.1:8080\").build()?;"
        ),
        "# let _ = client;".to_string(),
        "# Ok(()) }".to_string(),
        "```".to_string(),
    ]);
    let doc = docs::attrs(&doc);

    let mut config = quote!(rt::ClientConfig::new(#title, USER_AGENT));
    if let Some(url) = &settings.base_url {
        config = quote!(#config.base_url(#url));
    }
    if settings.auth == Auth::Bearer {
        let env = &settings.api_key_env;
        config = quote!(#config.bearer(&[#(#env),*]));
    }
    let user_agent = match &settings.user_agent {
        Some(product) => {
            let prefix = format!("{product}/");
            quote!(concat!(#prefix, env!("CARGO_PKG_VERSION")))
        }
        None => quote!(concat!(
            env!("CARGO_PKG_NAME"),
            "/",
            env!("CARGO_PKG_VERSION")
        )),
    };

    let constructors = match (&settings.base_url, settings.auth) {
        (Some(_), Auth::Bearer) => {
            let from_env = docs::wrap(
                &format!(
                    "A client whose key comes from {} (empty variables count as unset).",
                    settings.env_list()
                ),
                72,
            );
            let from_env = docs::attrs(&from_env);
            quote! {
                /// A client with this API key (other settings default).
                ///
                /// Fails if the key is empty or cannot be sent in a header
                /// (whitespace, control or non-ASCII characters).
                pub fn new(api_key: impl Into<String>) -> Result<Client, rt::Error> {
                    Client::builder().api_key(api_key).build()
                }

                #from_env
                pub fn from_env() -> Result<Client, rt::Error> {
                    Client::builder().build()
                }
            }
        }
        (Some(_), Auth::None) => quote! {
            /// A client with every default.
            pub fn new() -> Result<Client, rt::Error> {
                Client::builder().build()
            }
        },
        (None, _) => TokenStream::new(),
    };
    let builder_doc = format!(" Configures and builds a [`Client`] of the {title}.");

    quote! {
        //! The API's client: what is specific to this API, and how to build one.

        use crate::rt;

        /// The `User-Agent` every request carries.
        const USER_AGENT: &str = #user_agent;

        /// What the runtime is told about this API.
        const CONFIG: rt::ClientConfig = #config;

        #doc
        #[derive(Clone)]
        pub struct Client(rt::Client);

        #[doc = #builder_doc]
        pub type ClientBuilder = rt::ClientBuilder<Client>;

        impl Client {
            #constructors

            /// A builder to configure a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new()
            }

            /// The base URL requests go to, without a trailing slash.
            pub fn base_url(&self) -> &str {
                self.0.base_url()
            }
        }

        impl rt::ApiClient for Client {
            const CONFIG: rt::ClientConfig = CONFIG;

            fn from_client(client: rt::Client) -> Self {
                Client(client)
            }

            fn client(&self) -> &rt::Client {
                &self.0
            }
        }

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::default_title;

    #[test]
    fn proto_service_names_become_titles() {
        assert_eq!(
            default_title("example.v1.LibraryService"),
            "LibraryService API"
        );
        assert_eq!(default_title("Pet Shelter API"), "Pet Shelter API");
        assert_eq!(default_title("API v2.1"), "API v2.1");
        assert_eq!(default_title("Service"), "Service");
    }
}

//! Testing code that uses an API client, without HTTP: a [`Stub`] answers
//! each operation with what a test says.
//!
//! A generated crate wraps it in its own `testing::Stub`, with one setter
//! per operation taking the handler of that operation (`stub.get_user(|request|
//! Ok(GetUserResponse::new()))`), and `client()`, a client of the API that
//! sends nothing over the network: every call goes to the handler of its
//! operation. Requests are still encoded first, so a request the real API
//! client would refuse (an empty ID in the path) fails the same way.
//! Per-request options, [`Call::with_metadata`](crate::Call::with_metadata),
//! pagination and the blocking calls work as with a real client; an
//! operation without a handler fails with an error that names the setter.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use reqwest::header::HeaderValue;

use super::client::{ApiClient, Backend, Client, ClientInner, Settings};
use super::error::Error;
use super::request::Operation;

/// A handler, type-erased: takes `&Req`, returns `Resp`.
type Handler = Arc<dyn Fn(&dyn Any) -> Answer + Send + Sync>;

/// What the handler of one call returned (the response, type-erased).
pub(crate) type Answer = Result<Box<dyn Any + Send + Sync>, Error>;

/// Stubbed answers by operation name, and the calls made; shared by a stub
/// and the clients it made.
#[derive(Default)]
pub(crate) struct Routes {
    handlers: RwLock<HashMap<&'static str, Handler>>,
    calls: Mutex<Vec<&'static str>>,
}

impl Routes {
    /// Runs the handler of `operation` on `request`, and records the call.
    pub(crate) fn answer<Req: 'static>(&self, operation: &Operation<Req>, request: &Req) -> Answer {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(operation.name);
        let handler = self
            .handlers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(operation.name)
            .cloned();
        match handler {
            Some(handler) => handler(request),
            None => Err(Error::config(format!(
                "the stub has no answer for {}: set one with Stub::{}",
                operation.name, operation.client_method
            ))),
        }
    }
}

/// Answers an API's operations with handlers a test sets, instead of HTTP.
///
/// Generated crates wrap it (`testing::Stub`) with a typed setter per
/// operation; this is the part every API shares. Clones share the handlers
/// and the record of calls.
#[derive(Clone, Default)]
pub struct Stub {
    routes: Arc<Routes>,
}

impl Stub {
    /// A stub answering nothing yet.
    pub fn new() -> Self {
        Stub::default()
    }

    /// Answers the operation named `operation` with `handler` (replacing an
    /// earlier one), also for clients made before. Used by the generated
    /// setters, which fix the types.
    pub fn on<Req, Resp, F>(self, operation: &'static str, handler: F) -> Self
    where
        Req: 'static,
        Resp: Send + Sync + 'static,
        F: Fn(&Req) -> Result<Resp, Error> + Send + Sync + 'static,
    {
        let erased: Handler = Arc::new(move |request: &dyn Any| {
            let request = request.downcast_ref::<Req>().ok_or_else(|| {
                Error::config(format!(
                    "the stub's handler of {operation} takes another request type"
                ))
            })?;
            handler(request).map(|response| Box::new(response) as Box<dyn Any + Send + Sync>)
        });
        self.routes
            .handlers
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(operation, erased);
        self
    }

    /// A client of the API `C` whose calls this stub answers. Cheap: nothing
    /// is connected.
    pub fn client<C: ApiClient>(&self) -> C {
        C::from_client(Client {
            inner: Arc::new(ClientInner {
                backend: Backend::Stub(Arc::clone(&self.routes)),
                base_url: "http://stub.invalid".to_owned(),
                authorization: None,
                user_agent: HeaderValue::from_static("stub"),
                api: C::CONFIG.api(),
                settings: Settings::default(),
            }),
        })
    }

    /// The operations its clients called so far, by API name (`"GetUser"`),
    /// in order, answered or not.
    pub fn calls(&self) -> Vec<&'static str> {
        self.routes
            .calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl fmt::Debug for Stub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut answered: Vec<&str> = self
            .routes
            .handlers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .copied()
            .collect();
        answered.sort_unstable();
        f.debug_struct("Stub")
            .field("answers", &answered)
            .field("calls", &self.calls())
            .finish()
    }
}

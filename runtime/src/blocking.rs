//! Synchronous calls, for programs without an async runtime (feature
//! `blocking`).
//!
//! ```no_run
//! use rest_sdk_runtime::pagination::{PageRequest, PageResponse};
//! use rest_sdk_runtime::{Call, Error};
//!
//! // `one` and `list` are what generated methods return, e.g.
//! // `client.get_organization(request)` and `client.list_users(request)`.
//! fn example<R, O, L>(one: Call<R, O>, list: Call<R, L>) -> Result<(), Error>
//! where
//!     R: PageRequest + Send + 'static,
//!     O: serde::de::DeserializeOwned + std::fmt::Debug + Send + 'static,
//!     L: PageResponse + serde::de::DeserializeOwned + Send + 'static,
//!     L::Item: std::fmt::Debug,
//! {
//!     println!("{:?}", one.send_blocking()?);
//!     for item in list.items_blocking() {
//!         println!("{:?}", item?);
//!     }
//!     Ok(())
//! }
//! ```
//!
//! The runtime runs these calls on a runtime of its own: one background worker
//! thread, started on first use and shared by every client. The calling
//! thread waits for the result.
//!
//! Calling them from inside a tokio runtime (an `async fn`, a
//! `#[tokio::main]` program) would block that runtime's thread, so it is
//! refused: they return an [`ErrorKind::Config`](super::error::ErrorKind::Config)
//! error instead of panicking. Use `.await` there, or
//! `tokio::task::spawn_blocking`.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::call::Call;
use super::error::Error;
use super::metadata::ResponseMetadata;
use super::pagination::{Items, PageRequest, PageResponse, Pages};

/// The SDK's own runtime, or why it could not be started.
fn runtime() -> Result<&'static tokio::runtime::Runtime, Error> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("rest-sdk-blocking")
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
    });
    runtime
        .as_ref()
        .map_err(|e| Error::config(format!("the blocking runtime cannot start: {e}")))
}

/// Runs `future` to completion on the SDK's runtime; refuses to inside an
/// async context, where blocking would stall (or panic) the caller's runtime.
fn block_on<F: Future>(future: F) -> Result<F::Output, Error> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::config(
            "blocking calls cannot be made inside an async runtime; use `.await` \
             (or tokio::task::spawn_blocking)",
        ));
    }
    Ok(runtime()?.block_on(future))
}

impl<Req: 'static, Resp> Call<Req, Resp>
where
    Resp: DeserializeOwned + Send + 'static,
{
    /// Sends the request and waits for the response on the current thread.
    ///
    /// Returns a configuration error (never panics) when called inside an
    /// async runtime.
    pub fn send_blocking(self) -> Result<Resp, Error> {
        let operation = self.operation.names();
        let future = self.send();
        block_on(future)
            .map_err(|error| error.with_operation(operation))
            .and_then(|result| result)
    }

    /// [`Call::with_metadata`], waiting on the current thread.
    pub fn send_blocking_with_metadata(self) -> Result<(Resp, ResponseMetadata), Error> {
        let operation = self.operation.names();
        let future = self.with_metadata();
        block_on(future)
            .map_err(|error| error.with_operation(operation))
            .and_then(|result| result)
    }
}

impl<Req, Resp> Call<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    /// Every page of the listing, as a blocking iterator; see [`Call::pages`].
    pub fn pages_blocking(self) -> BlockingIter<Pages<Req, Resp>> {
        BlockingIter::new(self.pages())
    }

    /// Every item of the listing, as a blocking iterator; see [`Call::items`].
    pub fn items_blocking(self) -> BlockingIter<Items<Req, Resp>> {
        BlockingIter::new(self.items())
    }
}

/// A stream of results read one at a time on the current thread.
///
/// The next page is still fetched in the background while the current one
/// is consumed. Inside an async runtime the iterator yields one
/// configuration error and ends.
#[derive(Debug)]
pub struct BlockingIter<S> {
    stream: S,
    done: bool,
}

impl<S> BlockingIter<S> {
    fn new(stream: S) -> Self {
        BlockingIter {
            stream,
            done: false,
        }
    }
}

impl<S, T> Iterator for BlockingIter<S>
where
    S: Stream<Item = Result<T, Error>> + Unpin,
{
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let stream = &mut self.stream;
        let next = block_on(std::future::poll_fn(|cx| {
            Pin::new(&mut *stream).poll_next(cx)
        }));
        let item = match next {
            Ok(item) => item,
            Err(error) => Some(Err(error)),
        };
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        item
    }
}

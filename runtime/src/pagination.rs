//! Listing across pages: [`Call::items`] and [`Call::pages`].
//!
//! List operations take a `page_token` and answer with a `next_page_token`
//! (empty on the last page). The streams here follow the tokens for you:
//!
//! ```no_run
//! use rest_sdk_runtime::pagination::{PageRequest, PageResponse};
//! use rest_sdk_runtime::{Call, Error};
//!
//! // `list` is what a generated list method returns, e.g.
//! // `client.list_users(ListUsersRequest::new())`.
//! async fn every_item<Req, Resp>(list: Call<Req, Resp>) -> Result<Vec<Resp::Item>, Error>
//! where
//!     Req: PageRequest + Send + 'static,
//!     Resp: PageResponse + serde::de::DeserializeOwned + Send + 'static,
//! {
//!     list.items().try_collect().await
//! }
//! ```
//!
//! Both streams are lazy (nothing is sent until the first poll), fetch the
//! next page in the background while the current one is consumed (so they
//! need a tokio runtime: the fetch is a spawned task, cancelled when the
//! stream is dropped), stop after the page with an empty token, and end with
//! an [`ErrorKind::Pagination`](super::error::ErrorKind::Pagination) error
//! if the server sends a token it sent before (instead of looping forever).
//! An error ends the stream.
//!
//! They are `futures` streams ([`futures_core::Stream`]), and also have
//! `try_next()` and `try_collect()` of their own, so that iterating needs no
//! other crate.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;
use tokio::task::JoinHandle;

use super::call::{self, Call, RequestOptions};
use super::client::Client;
use super::error::Error;
use super::request::Operation;

/// A list request: one that takes a page token.
pub trait PageRequest {
    /// Sets the token of the page to fetch.
    fn set_page_token(&mut self, token: String);
}

/// A list response: one page of items and the token of the next page.
pub trait PageResponse {
    /// What the list holds.
    type Item;
    /// The token of the next page; empty on the last page.
    fn next_page_token(&self) -> &str;
    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

impl<Req, Resp> Call<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    /// Every page of the listing, starting from the request's page token, as
    /// a stream of whole responses.
    pub fn pages(self) -> Pages<Req, Resp> {
        Pages {
            client: self.client,
            operation: self.operation,
            request: self.request,
            options: self.options,
            state: State::NotStarted,
            seen: HashSet::new(),
            pages: 0,
        }
    }

    /// Every item of the listing, across all pages, as a stream.
    pub fn items(self) -> Items<Req, Resp> {
        Items {
            pages: self.pages(),
            current: Vec::new().into_iter(),
        }
    }
}

/// The stream of pages of a listing; see [`Call::pages`].
#[must_use = "streams do nothing unless polled"]
pub struct Pages<Req: 'static, Resp> {
    client: Client,
    operation: &'static Operation<Req>,
    request: Req,
    options: RequestOptions,
    state: State<Resp>,
    seen: HashSet<String>,
    pages: usize,
}

enum State<Resp> {
    NotStarted,
    Fetching(JoinHandle<Result<Resp, Error>>),
    Failed(Error),
    Done,
}

// No field is ever pinned: the task handle is polled through `Pin::new`.
impl<Req, Resp> Unpin for Pages<Req, Resp> {}

impl<Req, Resp> Pages<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    /// Starts fetching the page the request currently points at.
    fn start_fetch(&mut self) -> State<Resp> {
        let operation = self.operation.names();
        let prepared =
            match call::prepare(&self.client, self.operation, &self.request, &self.options) {
                Ok(prepared) => prepared,
                Err(error) => return State::Failed(error.with_operation(operation)),
            };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return State::Failed(
                Error::config("listing needs a tokio runtime (or use the `blocking` feature)")
                    .with_operation(operation),
            );
        };
        let client = self.client.clone();
        State::Fetching(runtime.spawn(async move { call::fetch::<Resp>(&client, prepared).await }))
    }

    /// What follows a fetched page: done, a repeated-token error, or the
    /// prefetch of the next page.
    fn after_page(&mut self, page: &Resp) -> State<Resp> {
        let token = page.next_page_token();
        if token.is_empty() {
            return State::Done;
        }
        if !self.seen.insert(token.to_owned()) {
            return State::Failed(
                Error::pagination(format!(
                    "the server repeated a page token after {} pages; stopping instead of looping",
                    self.pages
                ))
                .with_operation(self.operation.names()),
            );
        }
        self.request.set_page_token(token.to_owned());
        self.start_fetch()
    }
}

impl<Req, Resp> Pages<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    /// The next page; `None` after the last. The same as
    /// `futures::TryStreamExt::try_next`, without needing that crate.
    pub async fn try_next(&mut self) -> Result<Option<Resp>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// Every remaining page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<Resp>, Error> {
        let mut pages = Vec::new();
        while let Some(page) = self.try_next().await? {
            pages.push(page);
        }
        Ok(pages)
    }
}

impl<Req, Resp> Stream for Pages<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    type Item = Result<Resp, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::NotStarted => this.state = this.start_fetch(),
                State::Fetching(mut task) => match Pin::new(&mut task).poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(task);
                        return Poll::Pending;
                    }
                    Poll::Ready(Ok(Ok(page))) => {
                        this.pages += 1;
                        this.state = this.after_page(&page);
                        return Poll::Ready(Some(Ok(page)));
                    }
                    Poll::Ready(Ok(Err(error))) => return Poll::Ready(Some(Err(error))),
                    Poll::Ready(Err(join_error)) => {
                        return Poll::Ready(Some(Err(Error::pagination(format!(
                            "the page fetch task failed: {join_error}"
                        ))
                        .with_operation(this.operation.names()))));
                    }
                },
                State::Failed(error) => return Poll::Ready(Some(Err(error))),
                State::Done => return Poll::Ready(None),
            }
        }
    }
}

impl<Req, Resp> Drop for Pages<Req, Resp> {
    fn drop(&mut self) {
        if let State::Fetching(task) = &self.state {
            task.abort();
        }
    }
}

impl<Req, Resp> fmt::Debug for Pages<Req, Resp> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("operation", &self.operation.name)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

/// The stream of items of a listing, across pages; see [`Call::items`].
#[must_use = "streams do nothing unless polled"]
pub struct Items<Req: 'static, Resp: PageResponse> {
    pages: Pages<Req, Resp>,
    current: std::vec::IntoIter<Resp::Item>,
}

// No field is ever pinned.
impl<Req, Resp: PageResponse> Unpin for Items<Req, Resp> {}

impl<Req, Resp> Items<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    /// The next item; `None` after the last. The same as
    /// `futures::TryStreamExt::try_next`, without needing that crate:
    ///
    /// ```no_run
    /// # use rest_sdk_runtime::{Call, Error, pagination::{PageRequest, PageResponse}};
    /// # async fn example<Req, Resp>(list: Call<Req, Resp>) -> Result<(), Error>
    /// # where Req: PageRequest + Send + 'static,
    /// #       Resp: PageResponse + serde::de::DeserializeOwned + Send + 'static,
    /// #       Resp::Item: std::fmt::Debug {
    /// // `list` is what a list method returns, e.g. `client.list_users(request)`.
    /// let mut items = list.items();
    /// while let Some(item) = items.try_next().await? {
    ///     println!("{item:?}");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn try_next(&mut self) -> Result<Option<Resp::Item>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// Every remaining item, across pages, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<Resp::Item>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.try_next().await? {
            items.push(item);
        }
        Ok(items)
    }
}

impl<Req, Resp> Stream for Items<Req, Resp>
where
    Req: PageRequest + Send + 'static,
    Resp: PageResponse + DeserializeOwned + Send + 'static,
{
    type Item = Result<Resp::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(page))) => this.current = page.into_items().into_iter(),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
            }
        }
    }
}

impl<Req, Resp: PageResponse> fmt::Debug for Items<Req, Resp> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.current.len())
            .finish()
    }
}

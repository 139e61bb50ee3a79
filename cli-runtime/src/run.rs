//! Running one command: the request read as the SDK's type, the call sent
//! (or shown, with `--dry-run`), the response written.

use std::future::Future;
use std::io;
use std::pin::Pin;

use rest_sdk_runtime::pagination::{PageRequest, PageResponse};
use rest_sdk_runtime::{ApiClient, Call};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::app::Command;
use crate::failure::Failure;
use crate::ordered::Json;
use crate::output::{Format, Output};
use crate::request;

/// What a command's `run` returns: the running command.
pub type Dispatched = Pin<Box<dyn Future<Output = Result<(), Failure>>>>;

/// One command ready to run: the client, the request's JSON and the output
/// settings. Generated code hands it the client method to call.
pub struct Run<C: 'static> {
    pub(crate) command: &'static Command<C>,
    pub(crate) client: C,
    pub(crate) request: serde_json::Value,
    pub(crate) settings: Settings,
    pub(crate) stdout: crate::Stream,
    pub(crate) stderr: crate::Stream,
    /// A progress line is on stderr (to be cleared before more output).
    pub(crate) progress_shown: bool,
}

/// How a command runs and writes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    /// `--output`, if given.
    pub format: Option<Format>,
    /// stdout is a terminal.
    pub pretty: bool,
    pub dry_run: bool,
    /// `--all`.
    pub all: bool,
    /// Show a progress line on stderr.
    pub progress: bool,
}

impl<C: ApiClient + 'static> Run<C> {
    /// Calls one operation (`r.call(Client::get_organization)`) and writes
    /// its response.
    pub fn call<Req, Resp, F>(self, method: F) -> Dispatched
    where
        F: FnOnce(&C, Req) -> Call<Req, Resp> + 'static,
        Req: DeserializeOwned + 'static,
        Resp: Serialize + DeserializeOwned + Send + 'static,
    {
        Box::pin(async move {
            let mut run = self;
            let call = method(&run.client, request::decode(&run.request)?);
            if run.settings.dry_run {
                return run.dry_run(&call);
            }
            let response = call.await?;
            let json = run.to_json(&response)?;
            let format = run.settings.format.unwrap_or(Format::Json);
            run.write(format, |o| o.response(&json, None)).map(drop)
        })
    }

    /// Calls a list operation (`r.list(Client::list_users)`): one page, or
    /// with `--all` every item of every page, streamed as JSON Lines.
    pub fn list<Req, Resp, F>(self, method: F) -> Dispatched
    where
        F: FnOnce(&C, Req) -> Call<Req, Resp> + 'static,
        Req: PageRequest + DeserializeOwned + Send + 'static,
        Resp: PageResponse + Serialize + DeserializeOwned + Send + 'static,
        Resp::Item: Serialize,
    {
        Box::pin(async move {
            let mut run = self;
            let call = method(&run.client, request::decode(&run.request)?);
            if run.settings.dry_run {
                return run.dry_run(&call);
            }
            if !run.settings.all {
                let page = call.await?;
                let json = run.to_json(&page)?;
                let items = page
                    .into_items()
                    .iter()
                    .map(|item| run.to_json(item))
                    .collect::<Result<Vec<_>, _>>()?;
                let format = run.settings.format.unwrap_or(Format::Json);
                return run
                    .write(format, |o| o.response(&json, Some(&items)))
                    .map(drop);
            }
            let result = run.all(call).await;
            if run.progress_shown {
                // Clear the progress line, whatever happened.
                run.clear_progress();
            }
            result
        })
    }

    /// `--all`: pages one after the other, each page's items written (or
    /// collected) before the next is awaited.
    async fn all<Req, Resp>(&mut self, call: Call<Req, Resp>) -> Result<(), Failure>
    where
        Req: PageRequest + Send + 'static,
        Resp: PageResponse + Serialize + DeserializeOwned + Send + 'static,
        Resp::Item: Serialize,
    {
        let format = self.settings.format.unwrap_or(Format::Jsonl);
        let mut pages = call.pages();
        let mut collected = Vec::new();
        let (mut items, mut count) = (0usize, 0usize);
        while let Some(page) = next(&mut pages).await {
            let page = page?;
            count += 1;
            let more = !page.next_page_token().is_empty();
            let values = page
                .into_items()
                .iter()
                .map(|item| self.to_json(item))
                .collect::<Result<Vec<_>, _>>()?;
            items += values.len();
            if self.progress_shown {
                // Items never follow the progress text on a shared terminal.
                self.clear_progress();
            }
            if format == Format::Jsonl {
                if !self.write(format, |o| o.lines(&values))? {
                    // The reader went away (`| head`): stop listing.
                    return Ok(());
                }
            } else {
                collected.extend(values);
            }
            if self.settings.progress && more {
                let pages = if count == 1 { "page" } else { "pages" };
                let mut stderr = self.stderr.borrow_mut();
                let _ = write!(stderr, "listed {items} items ({count} {pages})…");
                let _ = stderr.flush();
                drop(stderr);
                self.progress_shown = true;
            }
        }
        if format != Format::Jsonl {
            self.write(format, |o| o.items(collected))?;
        }
        Ok(())
    }

    /// Erases the progress line.
    fn clear_progress(&mut self) {
        let mut stderr = self.stderr.borrow_mut();
        let _ = write!(stderr, "\r\x1b[K");
        let _ = stderr.flush();
        self.progress_shown = false;
    }

    /// `--dry-run`: the request the call would send, on stdout.
    fn dry_run<Req, Resp>(&mut self, call: &Call<Req, Resp>) -> Result<(), Failure> {
        let request = call.dry_run()?;
        let text = format!("{request}\n");
        let mut stdout = self.stdout.borrow_mut();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                Err(Failure::other(format!("cannot write the output: {e}")))
            }
            _ => Ok(()),
        }
    }

    fn to_json<T: Serialize>(&self, value: &T) -> Result<Json, Failure> {
        Json::of(value).map_err(|e| {
            Failure::other(format!(
                "{}: the response cannot be written as JSON: {e}",
                self.command.operation
            ))
        })
    }

    /// Writes with `format`; `false` when stdout was closed by its reader.
    fn write(
        &mut self,
        format: Format,
        f: impl FnOnce(&mut Output) -> io::Result<()>,
    ) -> Result<bool, Failure> {
        let mut stdout = self.stdout.borrow_mut();
        let mut output = Output {
            out: &mut *stdout,
            format,
            pretty: self.settings.pretty,
        };
        match f(&mut output) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(Failure::other(format!("cannot write the output: {e}"))),
        }
    }
}

/// The next item of a stream.
async fn next<S: futures_core::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

//! Running the binary against a mock server, and checking what the server
//! received.

use std::path::Path;

use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::received::Sent;
pub use crate::received::header;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_tesseral");

/// The API key every run gets (through `TESSERAL_API_KEY`).
pub const API_KEY: &str = "tesseral_secret_key_cli_4f9c2a7d";

/// The error body the server answers a missing thing with.
pub const NOT_FOUND_BODY: &str = r#"{"code":5,"message":"not_found","details":[{"@type":"type.googleapis.com/tesseral.common.v1.ErrorDetail","description":"organization not found"}]}"#;

/// A local mock server.
pub struct Server {
    pub mock: MockServer,
}

impl Server {
    pub async fn start() -> Server {
        Server {
            mock: MockServer::start().await,
        }
    }

    /// Clears the server and makes it answer everything with `response`.
    pub async fn answer(&self, response: ResponseTemplate) {
        self.mock.reset().await;
        Mock::given(any())
            .respond_with(response)
            .mount(&self.mock)
            .await;
    }

    /// Answers everything with 200 and `body` as JSON.
    pub async fn answer_json(&self, body: &Value) {
        self.answer(json_response(body)).await;
    }

    pub async fn requests(&self) -> Vec<Request> {
        self.mock
            .received_requests()
            .await
            .expect("the mock server records requests")
    }

    /// The one request received, or a panic naming `at`.
    pub async fn only_request(&self, at: &str) -> Request {
        let mut received = self.requests().await;
        assert_eq!(
            received.len(),
            1,
            "{at}: expected one request, got {}",
            received.len()
        );
        received.remove(0)
    }

    /// A run of the binary against this server with the test key.
    pub fn tesseral<S: AsRef<str>>(&self, args: &[S]) -> Run {
        Run::new(args)
            .env("TESSERAL_BASE_URL", &self.mock.uri())
            .env("TESSERAL_API_KEY", API_KEY)
    }
}

/// 200 with a JSON body.
pub fn json_response(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/json")
        .set_body_string(body.to_string())
}

/// One run of the binary: arguments, environment (nothing else is
/// inherited), stdin.
pub struct Run {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Vec<u8>,
    dir: Option<std::path::PathBuf>,
}

/// What a run ended with.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn new<S: AsRef<str>>(args: &[S]) -> Run {
        Run {
            args: args.iter().map(|a| a.as_ref().to_owned()).collect(),
            env: Vec::new(),
            stdin: Vec::new(),
            dir: None,
        }
    }

    pub fn env(mut self, name: &str, value: &str) -> Run {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn without_env(mut self, name: &str) -> Run {
        self.env.retain(|(n, _)| n != name);
        self
    }

    pub fn stdin(mut self, input: &str) -> Run {
        self.stdin = input.as_bytes().to_vec();
        self
    }

    pub fn dir(mut self, dir: &Path) -> Run {
        self.dir = Some(dir.to_owned());
        self
    }

    /// Runs the binary (on a blocking thread, so the mock server keeps
    /// answering).
    pub async fn run(self) -> Outcome {
        self.run_program(BIN).await
    }

    /// Runs `program` with this run's arguments and environment.
    pub async fn run_program(self, program: &str) -> Outcome {
        let program = program.to_owned();
        tokio::task::spawn_blocking(move || {
            let mut command = assert_cmd::Command::new(&program);
            command.env_clear().args(&self.args).write_stdin(self.stdin);
            for (name, value) in &self.env {
                command.env(name, value);
            }
            if let Some(dir) = &self.dir {
                command.current_dir(dir);
            }
            let output = command.output().expect("the binary runs");
            Outcome {
                code: output.status.code().expect("exited, not killed"),
                stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
                stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            }
        })
        .await
        .expect("the run's thread")
    }
}

impl Outcome {
    /// Asserts exit 0 and an empty stderr; returns stdout.
    pub fn success(&self, at: &str) -> &str {
        assert_eq!(self.code, 0, "{at}: exit code; stderr: {}", self.stderr);
        assert_eq!(self.stderr, "", "{at}: stderr");
        &self.stdout
    }

    /// Asserts the exit code, nothing on stdout and one line on stderr;
    /// returns that line.
    pub fn failure(&self, code: i32, at: &str) -> &str {
        assert_eq!(self.code, code, "{at}: exit code; stderr: {}", self.stderr);
        assert_eq!(self.stdout, "", "{at}: stdout");
        self.stderr
            .strip_suffix('\n')
            .unwrap_or_else(|| panic!("{at}: stderr must end a line: {:?}", self.stderr))
    }

    /// stdout as one compact JSON value.
    pub fn json(&self, at: &str) -> Value {
        let stdout = self.success(at);
        let line = stdout
            .strip_suffix('\n')
            .unwrap_or_else(|| panic!("{at}: stdout must end a line: {stdout:?}"));
        assert!(
            !line.contains('\n'),
            "{at}: piped JSON is compact: {stdout}"
        );
        serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{at}: stdout is not JSON ({e}): {stdout}"))
    }
}

/// What one operation must send.
#[derive(Debug, Clone)]
pub struct Expect {
    pub method: &'static str,
    /// Raw (percent-encoded).
    pub path: String,
    /// Percent-decoded, in any order.
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl Expect {
    pub fn new(method: &'static str, path: &str) -> Expect {
        Expect {
            method,
            path: path.to_owned(),
            query: Vec::new(),
            body: None,
        }
    }

    pub fn query(mut self, pairs: &[(&str, &str)]) -> Expect {
        self.query = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self
    }

    pub fn body(mut self, body: Value) -> Expect {
        self.body = Some(body);
        self
    }

    /// Asserts that `request` is this one, sent with the test key.
    pub fn verify(&self, request: &Request, at: &str) {
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Sent {
            method: self.method,
            path: &self.path,
            query: &query,
            body: self.body.as_ref(),
            api_key: API_KEY,
        }
        .assert(at, request);
    }
}

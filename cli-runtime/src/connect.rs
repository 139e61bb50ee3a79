//! The API client a command runs with: the API key (from the API's
//! environment variables, `--api-key-file`, or `--api-key` with a warning),
//! the base URL, timeouts and retries.

use std::time::Duration;

use rest_sdk_runtime::{ApiClient, Auth, ClientBuilder};

use crate::failure::Failure;

/// The connection settings from the command line.
#[derive(Clone, Debug, Default)]
pub(crate) struct Connection {
    pub base_url: Option<String>,
    pub api_key_file: Option<String>,
    pub api_key: Option<String>,
    pub timeout: Option<Duration>,
    pub max_retries: Option<u32>,
    /// The variable `--base-url` is also read from, for messages.
    pub base_url_env: String,
}

/// The warning `--api-key` prints.
pub(crate) fn api_key_warning(env: &[&str]) -> String {
    let variable = env.first().copied().unwrap_or("the API key variable");
    format!(
        "warning: --api-key puts the key in the process list and the shell history, where \
         other users and programs can read it; prefer {variable} or --api-key-file"
    )
}

/// The API key: `--api-key`, else `--api-key-file`, else the first of the
/// API's variables that is set and not empty.
fn api_key<C: ApiClient>(
    connection: &Connection,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<String, Failure> {
    if let Some(key) = &connection.api_key {
        return Ok(key.clone());
    }
    if let Some(path) = &connection.api_key_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("--api-key-file {path}: cannot read: {e}")))?;
        let key = text.trim();
        if key.is_empty() {
            return Err(Failure::usage(format!(
                "--api-key-file {path}: the file is empty"
            )));
        }
        return Ok(key.to_owned());
    }
    let names = C::CONFIG.api_key_env();
    for name in names {
        if let Some(key) = env(name).filter(|k| !k.is_empty()) {
            return Ok(key);
        }
    }
    let names = match names {
        [] => "the API key variable".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (or {})", rest.join(", ")),
    };
    Err(Failure::usage(format!(
        "no API key: set {names}, or pass --api-key-file FILE"
    )))
}

/// Builds the client.
pub(crate) fn client<C: ApiClient>(
    connection: &Connection,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<C, Failure> {
    let mut builder = ClientBuilder::<C>::new();
    if C::CONFIG.auth() == Auth::Bearer {
        builder = builder.api_key(api_key::<C>(connection, env)?);
    }
    match (&connection.base_url, C::CONFIG.default_base_url()) {
        (Some(url), _) => builder = builder.base_url(url),
        (None, Some(_)) => {}
        (None, None) => {
            return Err(Failure::usage(format!(
                "no base URL: the {} has no default one; pass --base-url URL or set {}",
                C::CONFIG.api(),
                connection.base_url_env
            )));
        }
    }
    if let Some(timeout) = connection.timeout {
        builder = builder.timeout(timeout).total_timeout(timeout);
    }
    if let Some(retries) = connection.max_retries {
        builder = builder.max_retries(retries);
    }
    builder.build().map_err(Failure::from)
}

/// `--timeout`: `30s`, `500ms`, `2m`, `1m 30s`; a bare number is seconds.
pub(crate) fn parse_timeout(text: &str) -> Result<Duration, String> {
    let duration = match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => {
            Duration::try_from_secs_f64(seconds).map_err(|e| e.to_string())?
        }
        Ok(_) => return Err("expected a duration such as 30s, 500ms or 2m".to_owned()),
        Err(_) => humantime::parse_duration(text)
            .map_err(|e| format!("{e}; expected a duration such as 30s, 500ms or 2m"))?,
    };
    if duration.is_zero() {
        return Err("the timeout must be more than zero".to_owned());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_timeout("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("1m 30s"), Ok(Duration::from_secs(90)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("-1").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}

//! (to be written) The API client.

/// The Tesseral Backend API client (stub).
pub struct Client;
/// Builds a [`Client`] (stub).
pub struct ClientBuilder;

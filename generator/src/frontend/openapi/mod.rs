//! OpenAPI front-end (to be written).

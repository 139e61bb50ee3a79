//! Cross-check of two descriptions of one API (to be written).

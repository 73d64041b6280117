//! Transports: how bytes reach a [`crate::Connection`] and answers leave it.

#[cfg(feature = "http")]
pub mod http;
pub mod lines;
#[cfg(feature = "stdio")]
pub mod stdio;

//! Transports: how bytes reach a [`crate::Connection`] and answers leave it.

pub mod lines;
#[cfg(feature = "stdio")]
pub mod stdio;

//! Transports: how bytes reach a [`crate::Connection`].

#[cfg(feature = "stdio")]
pub mod stdio;

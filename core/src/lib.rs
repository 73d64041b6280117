//! ferromcp-core: the Model Context Protocol implemented once, for every binding.
//!
//! Transports turn bytes into [`jsonrpc::Message`]s and hand them to a [`connection::Connection`],
//! which asks the [`server::Server`] to dispatch them. Handlers are supplied by bindings (Python,
//! Node) or by Rust code through the [`handler::Handler`] trait. The crate creates no runtime and
//! never writes to stdout except through the stdio transport.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod capabilities;
pub mod connection;
pub mod dispatch;
pub mod driver;
pub mod era;
pub mod error;
pub mod guards;
pub mod handler;
pub mod intercept;
pub mod jsonrpc;
mod lifecycle;
pub mod listen;
pub mod options;
pub mod policy;
pub mod protocol;
pub mod registry;
pub mod request_state;
mod router;
pub mod schema;
pub mod server;
pub mod session;
mod sessionless;
pub mod sessions;
mod tools;
pub mod transport;
pub mod versions;

/// The maps looked up on every request (handlers, tools, requests in flight): foldhash, seeded
/// per process, instead of SipHash, which cost more than the lookups themselves.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

pub use connection::{Connection, Dispatch};
pub use error::{Error, ErrorCode, ErrorData, ErrorKind};
pub use handler::{Handler, HandlerError, RequestContext};
pub use jsonrpc::{Message, RequestId};
pub use options::ServerOptions;
pub use policy::{Flavor, Policy, Raised};
pub use protocol::Revision;
pub use server::{Server, ServerBuilder};
pub use session::{Outbound, Route, Session};

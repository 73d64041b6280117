//! ferromcp-node: the native module behind the `ferromcp` npm package. It converts values,
//! calls the script's handlers on the JS thread and maps what they throw; the protocol is the
//! core's ([`ferromcp_core`]).

// The module's allocator (mimalloc).
use ferromcp_alloc as _;

#[macro_use]
extern crate napi_derive;

mod auth;
mod convert;
mod error;
mod events;
mod handler;
mod http;
mod runtime;
mod server;

//! The tokio stdio transport at end of input: a last request the client wrote without its
//! newline before closing is still answered. Every wait is bounded by a timeout.

use ferromcp_core::server::{ServerBuilder, ServerOptions};
use ferromcp_core::transport::stdio::serve;
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn answers_to(input: &[u8]) -> Vec<Value> {
    let server = ServerBuilder::new(ServerOptions {
        name: "test".into(),
        version: "1.0".into(),
        ..ServerOptions::default()
    })
    .build();
    let (mut client, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, mut client_out) = tokio::io::duplex(1 << 16);
    let serving = tokio::spawn(serve(server, server_in, server_out));
    client.write_all(input).await.unwrap();
    drop(client);
    let mut out = String::new();
    tokio::time::timeout(Duration::from_secs(5), client_out.read_to_string(&mut out))
        .await
        .expect("the server did not finish within 5 s")
        .unwrap();
    tokio::time::timeout(Duration::from_secs(5), serving)
        .await
        .expect("serve did not return within 5 s")
        .unwrap()
        .unwrap();
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[tokio::test]
async fn a_last_request_without_a_newline_is_answered() {
    let answers = answers_to(
        br#"{"jsonrpc":"2.0","id":1,"method":"ping"}
{"jsonrpc":"2.0","id":2,"method":"ping"}"#,
    )
    .await;
    assert_eq!(
        answers,
        vec![
            json!({"jsonrpc": "2.0", "id": 1, "result": {}}),
            json!({"jsonrpc": "2.0", "id": 2, "result": {}})
        ]
    );
}

#[tokio::test]
async fn a_blank_tail_adds_nothing() {
    let answers = answers_to(b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n  \r").await;
    assert_eq!(
        answers,
        vec![json!({"jsonrpc": "2.0", "id": 1, "result": {}})]
    );
}

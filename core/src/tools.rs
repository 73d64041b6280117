//! The `tools/call` pipeline, one for both kinds of server: arguments checked against the tool's
//! `inputSchema` before the handler runs (a failure is an `isError` result naming the path, per
//! SEP-1303), the handler's failure answered by the policy, `structuredContent` checked against
//! the `outputSchema` after. Registered tools carry their compiled schemas; a low-level server's
//! are learned from its own `tools/list` answers.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling>

use serde_json::{Map, Value, json};
use std::sync::Arc;

use crate::connection::Dispatch;
use crate::error::ErrorData;
use crate::handler::{HandlerResult, Reply};
use crate::jsonrpc::{Message, RequestId};
use crate::policy::{Policy, is_error_result};
use crate::protocol::methods;
use crate::registry::ToolEntry;
use crate::schema::CompiledSchema;
use crate::server::Server;
use crate::session::Session;

/// The schemas of a low-level server's tool, learned from its `tools/list` answer.
pub(crate) struct LearnedTool {
    input: Option<CompiledSchema>,
    output: Option<CompiledSchema>,
}

/// Makes absent or null `params.arguments` `{}` (the shape was checked before).
fn arguments_object(params: &mut Value) {
    if params.get("arguments").is_none_or(Value::is_null) {
        params["arguments"] = Value::Object(Map::new());
    }
}

/// Checks the arguments against the input schema: the `isError` result to answer with when
/// they fail.
fn check_arguments(schema: &CompiledSchema, arguments: &Value) -> Result<(), Value> {
    schema
        .validate(arguments)
        .map_err(|issue| is_error_result(format!("Input validation error: {issue}")))
}

impl Server {
    /// `tools/call` of a registered tool.
    pub(crate) fn call_registered_tool(
        self: &Arc<Self>,
        session: &Arc<Session>,
        id: &RequestId,
        mut params: Value,
        entry: Arc<ToolEntry>,
    ) -> Dispatch {
        arguments_object(&mut params);
        if let Some(schema) = &entry.input {
            if entry.lax {
                schema.coerce_lax(&mut params["arguments"]);
            }
            if let Err(answer) = check_arguments(schema, &params["arguments"]) {
                return Dispatch::Done(Some(Message::response(id.clone(), answer)));
            }
        }
        let method = crate::router::method_name(methods::TOOLS_CALL);
        let ctx = match self.context(session, id, &method, &params) {
            Ok(ctx) => ctx,
            Err(d) => return d,
        };
        let name = entry.definition.get("name").and_then(Value::as_str);
        let timeout = self.options.guards.timeout_for(name.unwrap_or(""));
        let fut = entry.handler.call(ctx.clone(), params);
        let policy = self.options.policy;
        let modern = session.is_modern();
        self.run(&ctx, async move {
            let name = entry.definition.get("name").and_then(Value::as_str);
            let reported = entry.reported.as_deref().or(name);
            finish_tool(
                within(fut, timeout, name.unwrap_or("")).await,
                entry.output.as_ref(),
                &policy,
                reported.unwrap_or(""),
                modern,
            )
        })
    }

    /// `tools/call` served by a low-level handler; the tool's schemas are learned from the
    /// server's own `tools/list`.
    pub(crate) fn call_tool(
        self: &Arc<Self>,
        session: &Arc<Session>,
        id: RequestId,
        params: Value,
    ) -> Dispatch {
        let Some(registered) = self.handlers.get(methods::TOOLS_CALL) else {
            return Dispatch::Done(Some(Message::error(
                Some(id),
                ErrorData::method_not_found(methods::TOOLS_CALL),
            )));
        };
        if let Some(e) = registered.policy.malformed_tool_call(&params) {
            return Dispatch::Done(Some(Message::error(Some(id), e)));
        }
        let tool = params["name"].as_str().unwrap_or_default().to_owned();
        let ctx = match self.context(session, &id, &registered.method, &params) {
            Ok(ctx) => ctx,
            Err(d) => return d,
        };
        let server = self.clone();
        let handler = registered.handler.clone();
        let policy = registered.policy;
        let modern = session.is_modern();
        let run_ctx = ctx.clone();
        self.run(&run_ctx, async move {
            let mut entry = server.learned_tool(&tool);
            if entry.is_none()
                && let Some(list) = server.handlers.get(methods::TOOLS_LIST)
            {
                // Unknown to the cache: list once so its schema can be checked (mcp 1.x does
                // the same).
                let mut list_ctx = ctx.clone();
                list_ctx.method = list.method.clone();
                if let Ok(Ok(v)) = list
                    .handler
                    .call(list_ctx, json!({}))
                    .await
                    .map(Reply::into_value)
                {
                    server.learn_tools(&v);
                }
                entry = server.learned_tool(&tool);
            }
            if server.options.validate_input
                && let Some(schema) = entry.as_ref().and_then(|e| e.input.as_ref())
            {
                let empty = Value::Object(Map::new());
                let args = match params.get("arguments") {
                    Some(a @ Value::Object(_)) => a,
                    _ => &empty,
                };
                if let Err(answer) = check_arguments(schema, args) {
                    return Ok(answer.into());
                }
            }
            let timeout = server.options.guards.timeout_for(&tool);
            let result: HandlerResult = within(handler.call(ctx, params), timeout, &tool).await;
            let output = entry.as_ref().and_then(|e| e.output.as_ref());
            finish_tool(result, output, &policy, &tool, modern)
        })
    }

    /// Remembers the schemas of the tools in a `tools/list` result, compiling each distinct
    /// schema once.
    pub(crate) fn learn_tools(&self, result: &Value) {
        let Some(tools) = result.get("tools").and_then(Value::as_array) else {
            return;
        };
        let mut cache = self.tools.write().unwrap_or_else(|p| p.into_inner());
        for tool in tools {
            let Some(name) = tool.get("name").and_then(Value::as_str) else {
                continue;
            };
            let input = tool.get("inputSchema");
            let output = tool.get("outputSchema");
            let same = |have: &Option<CompiledSchema>, want: Option<&Value>| match (have, want) {
                (None, None) => true,
                (Some(h), Some(w)) => h.source() == w,
                _ => false,
            };
            if let Some(e) = cache.get(name)
                && same(&e.input, input)
                && same(&e.output, output)
            {
                continue;
            }
            let compile = |s: Option<&Value>, what: &str| {
                s.and_then(|s| match CompiledSchema::compile(s) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        tracing::warn!(tool = name, "{what} does not compile, not checked: {e}");
                        None
                    }
                })
            };
            let entry = LearnedTool {
                input: compile(input, "inputSchema"),
                output: compile(output, "outputSchema"),
            };
            cache.insert(name.to_owned(), Arc::new(entry));
        }
    }

    /// The `inputSchema` a `tools/list` result showed for `name`.
    pub(crate) fn learned_input_schema(&self, name: &str) -> Option<Value> {
        let tool = self.learned_tool(name)?;
        tool.input.as_ref().map(|s| s.source().clone())
    }

    fn learned_tool(&self, name: &str) -> Option<Arc<LearnedTool>> {
        self.tools
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(name)
            .cloned()
    }
}

/// A tool handler's outcome as the `tools/call` answer: failures answered by the policy,
/// structured output checked.
/// `fut`, given at most `timeout`: then it is dropped (the handler is cancelled) and the client
/// is told the tool timed out ([`crate::guards`]).
async fn within(
    fut: impl Future<Output = HandlerResult>,
    timeout: Option<std::time::Duration>,
    tool: &str,
) -> HandlerResult {
    let Some(after) = timeout else {
        return fut.await;
    };
    let work = std::pin::pin!(fut);
    let timer = std::pin::pin!(crate::guards::sleep(after));
    match futures::future::select(work, timer).await {
        futures::future::Either::Left((r, _)) => r,
        futures::future::Either::Right(_) => {
            tracing::warn!(tool, ?after, "tool call timed out");
            Err(crate::handler::HandlerError::Rpc(crate::guards::timed_out(
                tool, after,
            )))
        }
    }
}

/// A tool's answer; `modern`: the request is of the 2026-07-28 era, where a 2.x low-level
/// tool's unexpected exception is a generic -32603 ([`Policy::failure_in`]).
fn finish_tool(
    result: HandlerResult,
    output: Option<&CompiledSchema>,
    policy: &Policy,
    tool: &str,
    modern: bool,
) -> Result<Reply, ErrorData> {
    match result {
        Ok(r) => {
            let r = if policy.flavor.typescript_sdk() {
                fill_content(r)
            } else {
                r
            };
            Ok(match output {
                Some(out) => check_output(out, r),
                None => r,
            })
        }
        Err(e) if modern && policy.flavor == crate::policy::Flavor::LowLevelV2 => {
            Err(policy.failure_in(e, true))
        }
        Err(e) => policy.tool_failure(tool, e).map(Reply::Value),
    }
}

/// A result without `content` as the TypeScript SDKs answer it: with an empty one (1.x parses
/// results with `content` defaulting to `[]`; 2.x fills it in), unless it is another kind of
/// answer (a task created, a request for input).
fn fill_content(r: Reply) -> Reply {
    const OTHER_KINDS: [&str; 4] = ["content", "task", "inputRequests", "requestState"];
    match r {
        Reply::Value(Value::Object(mut o)) if !OTHER_KINDS.iter().any(|k| o.contains_key(*k)) => {
            o.insert("content".into(), Value::Array(Vec::new()));
            Reply::Value(Value::Object(o))
        }
        Reply::Object(mut o) if OTHER_KINDS.iter().all(|k| o.get(k).is_none()) => {
            o.push("content", "[]");
            Reply::Object(o)
        }
        r => r,
    }
}

/// Checks `structuredContent` against the tool's `outputSchema`. Of a written object, only the
/// structured content becomes a value.
fn check_output(schema: &CompiledSchema, result: Reply) -> Reply {
    let verdict = match &result {
        Reply::Value(v) => {
            // An error, or a request for input (2026-07-28), has no structured output.
            if v.get("isError").and_then(Value::as_bool) == Some(true)
                || crate::era::is_input_required(v)
            {
                return result;
            }
            match v.get("structuredContent") {
                None | Some(Value::Null) => None,
                Some(s) => Some(schema.validate(s)),
            }
        }
        Reply::Object(o) => {
            if o.get("isError") == Some("true") || o.get("resultType") == Some("\"input_required\"")
            {
                return result;
            }
            match o.get("structuredContent") {
                None | Some("null") => None,
                Some(raw) => match serde_json::from_str::<Value>(raw) {
                    Ok(s) => Some(schema.validate(&s)),
                    Err(_) => return result,
                },
            }
        }
    };
    match verdict {
        None => is_error_result(
            "Output validation error: outputSchema defined but no structured output returned",
        )
        .into(),
        Some(Ok(())) => result,
        Some(Err(issue)) => is_error_result(format!("Output validation error: {issue}")).into(),
    }
}

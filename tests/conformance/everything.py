"""The "everything" server of the official MCP conformance suite, on ferromcp's 2.x decorator API.

It serves Streamable HTTP at ``http://127.0.0.1:PORT/mcp`` and offers every tool, resource,
resource template, prompt and completion that the suite's 2025-11-25 server scenarios ask for
(``@modelcontextprotocol/conformance``, ``src/scenarios/server/``), and those of the 2026-07-28
scenarios: input-required results, a capability the client must declare, listens fed by tools
that change the lists. It is written the way a user of
``mcp`` 2.x writes a server: ``tests/conformance/run.py --official`` runs a copy of this file with
``ferromcp`` replaced by ``mcp`` in the imports, under the official SDK.

Run: ``python tests/conformance/everything.py --port 3001``.
"""

import argparse
import asyncio
import base64
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from ferromcp.server.mcpserver import (
    Audio,
    Context,
    Image,
    MCPServer,
    RequestStateSecurity,
    UserMessage,
)
from ferromcp.server.mcpserver.exceptions import ToolError
from ferromcp.shared.exceptions import MCPError
from ferromcp.types import (
    MISSING_REQUIRED_CLIENT_CAPABILITY,
    Completion,
    CompletionArgument,
    CompletionContext,
    CreateMessageRequest,
    CreateMessageRequestParams,
    CreateMessageResult,
    ElicitRequest,
    ElicitRequestFormParams,
    ElicitResult,
    EmbeddedResource,
    EmptyResult,
    ImageContent,
    InputRequiredResult,
    ListRootsRequest,
    ListRootsResult,
    ListToolsResult,
    PaginatedRequestParams,
    PromptReference,
    ResourceTemplateReference,
    SamplingMessage,
    SetLevelRequestParams,
    SubscribeRequestParams,
    TextContent,
    TextResourceContents,
    Tool,
    UnsubscribeRequestParams,
)

# A 1x1 red PNG and a minimal WAV file.
PNG_BASE64 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)
WAV_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA="

# Every replica of a deployment shares the key that seals requestState; a fixture key here.
mcp = MCPServer(
    "mcp-conformance-test-server",
    version="1.0.0",
    request_state_security=RequestStateSecurity(keys=[b"conformance-fixture-request-state-key!"]),
)


# --- tools ---------------------------------------------------------------------------------------

@mcp.tool()
def test_simple_text() -> str:
    """Tests simple text content response"""
    return "This is a simple text response for testing."


@mcp.tool()
def test_custom_header(
    region: Annotated[str, Field(json_schema_extra={"x-mcp-header": "Region"})],
) -> str:
    """Tests an argument carried in a custom Mcp-Param header"""
    return f"region {region}"


@mcp.tool()
def test_image_content() -> Image:
    """Tests image content response"""
    return Image(data=base64.b64decode(PNG_BASE64), format="png")


@mcp.tool()
def test_audio_content() -> Audio:
    """Tests audio content response"""
    return Audio(data=base64.b64decode(WAV_BASE64), format="wav")


@mcp.tool()
def test_embedded_resource() -> EmbeddedResource:
    """Tests embedded resource content response"""
    return EmbeddedResource(
        type="resource",
        resource=TextResourceContents(
            uri="test://embedded-resource",
            mime_type="text/plain",
            text="This is an embedded resource content.",
        ),
    )


@mcp.tool()
def test_multiple_content_types() -> list[TextContent | ImageContent | EmbeddedResource]:
    """Tests response with multiple content types (text, image, resource)"""
    return [
        TextContent(type="text", text="Multiple content types test:"),
        ImageContent(type="image", data=PNG_BASE64, mime_type="image/png"),
        EmbeddedResource(
            type="resource",
            resource=TextResourceContents(
                uri="test://mixed-content-resource",
                mime_type="application/json",
                text=json.dumps({"test": "data", "value": 123}),
            ),
        ),
    ]


@mcp.tool()
async def test_tool_with_logging(ctx: Context) -> str:
    """Tests tool that emits log messages during execution"""
    await ctx.info("Tool execution started")
    await asyncio.sleep(0.05)
    await ctx.info("Tool processing data")
    await asyncio.sleep(0.05)
    await ctx.info("Tool execution completed")
    return "Tool with logging executed successfully"


@mcp.tool()
async def test_tool_with_progress(ctx: Context) -> str:
    """Tests tool that reports progress notifications"""
    for step in (0, 50, 100):
        if step:
            await asyncio.sleep(0.05)
        await ctx.report_progress(step, 100, f"Completed step {step} of 100")
    return "Tool with progress executed successfully"


@mcp.tool()
def test_error_handling() -> str:
    """Tests error response handling"""
    raise ToolError("This tool intentionally returns an error for testing")


@mcp.tool()
async def test_sampling(
    prompt: Annotated[str, Field(description="The prompt to send to the LLM")], ctx: Context
) -> str:
    """Tests server-initiated sampling (LLM completion request)"""
    try:
        result = await ctx.session.create_message(
            messages=[SamplingMessage(role="user", content=TextContent(type="text", text=prompt))],
            max_tokens=100,
            related_request_id=ctx.request_id,
        )
    except Exception as exc:
        raise ToolError(f"Sampling not supported or error: {exc}") from exc
    reply = result.content.text if result.content.type == "text" else "No response"
    return f"LLM response: {reply}"


class UserDetails(BaseModel):
    username: str = Field(description="User's response")
    email: str = Field(description="User's email address")


@mcp.tool()
async def test_elicitation(
    message: Annotated[str, Field(description="The message to show the user")], ctx: Context
) -> str:
    """Tests server-initiated elicitation (user input request)"""
    try:
        result = await ctx.elicit(message, schema=UserDetails)
    except Exception as exc:
        raise ToolError(f"Elicitation not supported or error: {exc}") from exc
    content = result.data.model_dump_json() if result.action == "accept" else "{}"
    return f"User response: action={result.action}, content={content}"


class ProfileWithDefaults(BaseModel):
    """SEP-1034: a default for every primitive type."""

    name: str = Field(default="John Doe", description="User name")
    age: int = Field(default=30, description="User age")
    score: float = Field(default=95.5, description="User score")
    status: Literal["active", "inactive", "pending"] = Field(
        default="active", description="User status"
    )
    verified: bool = Field(default=True, description="Verification status")


@mcp.tool()
async def test_elicitation_sep1034_defaults(ctx: Context) -> str:
    """Tests elicitation with default values per SEP-1034"""
    result = await ctx.elicit(
        "Please review and update the form fields with defaults", schema=ProfileWithDefaults
    )
    content = result.data.model_dump_json() if result.action == "accept" else "{}"
    return f"Elicitation completed: action={result.action}, content={content}"


class EnumChoices(BaseModel):
    """SEP-1330: the five enum shapes, none of them required."""

    untitledSingle: Literal["option1", "option2", "option3"] | None = Field(
        default=None, description="Select one option"
    )
    titledSingle: str | None = Field(
        default=None,
        description="Select one option with titles",
        json_schema_extra={
            "oneOf": [
                {"const": "value1", "title": "First Option"},
                {"const": "value2", "title": "Second Option"},
                {"const": "value3", "title": "Third Option"},
            ]
        },
    )
    legacyEnum: Literal["opt1", "opt2", "opt3"] | None = Field(
        default=None,
        description="Select one option (legacy)",
        json_schema_extra={"enumNames": ["Option One", "Option Two", "Option Three"]},
    )
    untitledMulti: list[Literal["option1", "option2", "option3"]] | None = Field(
        default=None, description="Select multiple options", min_length=1, max_length=3
    )
    titledMulti: list[str] | None = Field(
        default=None,
        description="Select multiple options with titles",
        min_length=1,
        max_length=3,
        json_schema_extra={
            "items": {
                "anyOf": [
                    {"const": "value1", "title": "First Choice"},
                    {"const": "value2", "title": "Second Choice"},
                    {"const": "value3", "title": "Third Choice"},
                ]
            }
        },
    )


@mcp.tool()
async def test_elicitation_sep1330_enums(ctx: Context) -> str:
    """Tests elicitation with enum schema improvements per SEP-1330"""
    result = await ctx.elicit("Please select options from the enum fields", schema=EnumChoices)
    content = result.data.model_dump_json() if result.action == "accept" else "{}"
    return f"Elicitation completed: action={result.action}, content={content}"


class Address(BaseModel):
    street: str | None = None
    city: str | None = None


@mcp.tool()
def json_schema_2020_12_tool(name: str | None = None, address: Address | None = None,
                             contactMethod: str | None = None,  # noqa: N803 - the wire name
                             phone: str | None = None, email: str | None = None) -> str:
    """Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613, SEP-2106)"""
    given = {"name": name, "address": address.model_dump() if address else None,
             "contactMethod": contactMethod, "phone": phone, "email": email}
    given = {k: v for k, v in given.items() if v is not None}
    return f"JSON Schema 2020-12 tool called with: {json.dumps(given)}"


@mcp.tool()
async def test_reconnection(ctx: Context) -> str:
    """Tests SSE stream disconnection and client reconnection (SEP-1699): the server closes the
    stream mid-call and sends the result after the client reconnects."""
    await ctx.close_sse_stream()
    await asyncio.sleep(0.1)
    return "Reconnection test completed successfully"


# SEP-1613 and SEP-2106 ask for an input schema that uses 2020-12 keywords as written ($schema,
# $defs with an $anchor, allOf/anyOf, if/then/else, additionalProperties). Schemas derived from a
# signature do not carry them, so `tools/list` is served here with that one schema given
# literally, as the reference server does.
JSON_SCHEMA_2020_12 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "$defs": {
        "address": {
            "$anchor": "addressDef",
            "type": "object",
            "properties": {"street": {"type": "string"}, "city": {"type": "string"}},
        }
    },
    "properties": {
        "name": {"type": "string"},
        "address": {"$ref": "#/$defs/address"},
        "contactMethod": {"type": "string", "enum": ["phone", "email"]},
        "phone": {"type": "string"},
        "email": {"type": "string"},
    },
    "allOf": [{"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]}],
    "if": {"properties": {"contactMethod": {"const": "phone"}}, "required": ["contactMethod"]},
    "then": {"required": ["phone"]},
    "else": {"required": ["email"]},
    "additionalProperties": False,
}


async def list_tools(ctx, params: PaginatedRequestParams | None) -> ListToolsResult:
    tools = []
    for tool in await mcp.list_tools():
        if tool.name == "json_schema_2020_12_tool":
            tool = Tool(
                name=tool.name, description=tool.description, input_schema=JSON_SCHEMA_2020_12
            )
        tools.append(tool)
    return ListToolsResult(tools=tools)


mcp._lowlevel_server.add_request_handler("tools/list", PaginatedRequestParams, list_tools)


# --- resources -----------------------------------------------------------------------------------

@mcp.resource(
    "test://static-text",
    name="static-text",
    title="Static Text Resource",
    description="A static text resource for testing",
    mime_type="text/plain",
)
def static_text() -> str:
    return "This is the content of the static text resource."


@mcp.resource(
    "test://static-binary",
    name="static-binary",
    title="Static Binary Resource",
    description="A static binary resource (image) for testing",
    mime_type="image/png",
)
def static_binary() -> bytes:
    return base64.b64decode(PNG_BASE64)


@mcp.resource(
    "test://template/{id}/data",
    name="template",
    title="Resource Template",
    description="A resource template with parameter substitution",
    mime_type="application/json",
)
def template_data(id: str) -> str:
    return json.dumps({"id": id, "templateTest": True, "data": f"Data for ID: {id}"})


@mcp.resource(
    "test://watched-resource",
    name="watched-resource",
    title="Watched Resource",
    description="A resource clients may subscribe to",
    mime_type="text/plain",
)
def watched_resource() -> str:
    return "Watched resource content"


# `MCPServer` has no decorator for subscriptions or the log level; the low-level server takes them.
subscriptions: set[str] = set()


async def subscribe(ctx, params: SubscribeRequestParams) -> EmptyResult:
    subscriptions.add(str(params.uri))
    return EmptyResult()


async def unsubscribe(ctx, params: UnsubscribeRequestParams) -> EmptyResult:
    subscriptions.discard(str(params.uri))
    return EmptyResult()


async def set_logging_level(ctx, params: SetLevelRequestParams) -> EmptyResult:
    return EmptyResult()


mcp._lowlevel_server.add_request_handler("resources/subscribe", SubscribeRequestParams, subscribe)
mcp._lowlevel_server.add_request_handler(
    "resources/unsubscribe", UnsubscribeRequestParams, unsubscribe
)
mcp._lowlevel_server.add_request_handler(
    "logging/setLevel", SetLevelRequestParams, set_logging_level
)


# --- prompts -------------------------------------------------------------------------------------

@mcp.prompt(title="Simple Test Prompt")
def test_simple_prompt() -> str:
    """A simple prompt without arguments"""
    return "This is a simple prompt for testing."


@mcp.prompt(title="Prompt With Arguments")
def test_prompt_with_arguments(
    arg1: Annotated[str, Field(description="First test argument")],
    arg2: Annotated[str, Field(description="Second test argument")],
) -> str:
    """A prompt with required arguments"""
    return f"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'"


@mcp.prompt(title="Prompt With Embedded Resource")
def test_prompt_with_embedded_resource(
    resourceUri: Annotated[str, Field(description="URI of the resource to embed")],
) -> list[UserMessage]:
    """A prompt that includes an embedded resource"""
    return [
        UserMessage(
            EmbeddedResource(
                type="resource",
                resource=TextResourceContents(
                    uri=resourceUri,
                    mime_type="text/plain",
                    text="Embedded resource content for testing.",
                ),
            )
        ),
        UserMessage("Please process the embedded resource above."),
    ]


@mcp.prompt(title="Prompt With Image")
def test_prompt_with_image() -> list[UserMessage]:
    """A prompt that includes image content"""
    return [
        UserMessage(ImageContent(type="image", data=PNG_BASE64, mime_type="image/png")),
        UserMessage("Please analyze the image above."),
    ]


# --- completion ----------------------------------------------------------------------------------

SUGGESTIONS = {
    "arg1": ["paris", "park", "party", "test", "testing"],
    "arg2": ["alpha", "beta", "gamma"],
    "resourceUri": ["test://static-text", "test://static-binary", "test://watched-resource"],
    "id": ["1", "2", "3", "123"],
}


@mcp.completion()
async def complete(
    ref: PromptReference | ResourceTemplateReference,
    argument: CompletionArgument,
    context: CompletionContext | None,
) -> Completion:
    values = [v for v in SUGGESTIONS.get(argument.name, []) if v.startswith(argument.value)]
    return Completion(values=values, total=len(values), has_more=False)


# --- 2026-07-28: input-required results, capabilities, listens ----------------------------------


def _ask(message: str, field: str, kind: str = "string") -> ElicitRequest:
    schema = {"type": "object", "properties": {field: {"type": kind}}, "required": [field]}
    return ElicitRequest(params=ElicitRequestFormParams(message=message, requested_schema=schema))


def _sample(prompt: str, max_tokens: int) -> CreateMessageRequest:
    message = SamplingMessage(role="user", content=TextContent(type="text", text=prompt))
    return CreateMessageRequest(
        params=CreateMessageRequestParams(messages=[message], max_tokens=max_tokens))


def _accepted(ctx: Context, key: str, field: str) -> str | None:
    """The ``field`` of the accepted elicitation answered under ``key``, if there is one."""
    answer = (ctx.input_responses or {}).get(key)
    if isinstance(answer, ElicitResult) and answer.action == "accept" and answer.content:
        value = answer.content.get(field)
        return value if isinstance(value, str) else None
    return None


@mcp.tool()
async def test_input_required_result_elicitation(ctx: Context) -> str | InputRequiredResult:
    """Asks the user's name through an input-required result, then greets them"""
    name = _accepted(ctx, "user_name", "name")
    if name is not None:
        return f"Hello, {name}!"
    return InputRequiredResult(input_requests={"user_name": _ask("What is your name?", "name")})


@mcp.tool()
async def test_input_required_result_sampling(ctx: Context) -> str | InputRequiredResult:
    """Asks the client's model a question through an input-required result"""
    answer = (ctx.input_responses or {}).get("capital_question")
    if isinstance(answer, CreateMessageResult):
        text = getattr(answer.content, "text", "?")
        return f"The model answered: {text}"
    return InputRequiredResult(
        input_requests={"capital_question": _sample("What is the capital of France?", 100)})


@mcp.tool()
async def test_input_required_result_list_roots(ctx: Context) -> str | InputRequiredResult:
    """Asks the client for its roots through an input-required result"""
    answer = (ctx.input_responses or {}).get("client_roots")
    if isinstance(answer, ListRootsResult):
        return f"{len(answer.roots)} root(s)"
    return InputRequiredResult(input_requests={"client_roots": ListRootsRequest()})


@mcp.tool()
async def test_input_required_result_request_state(ctx: Context) -> str | InputRequiredResult:
    """Carries state across an input-required round trip"""
    answer = (ctx.input_responses or {}).get("confirm")
    if isinstance(answer, ElicitResult) and ctx.request_state == "awaiting-confirmation":
        return f"state-ok: {answer.action}"
    return InputRequiredResult(input_requests={"confirm": _ask("Please confirm", "ok", "boolean")},
                               request_state="awaiting-confirmation")


@mcp.tool()
async def test_input_required_result_multiple_inputs(ctx: Context) -> str | InputRequiredResult:
    """Asks for an elicitation, a sampling and the roots in one input-required result"""
    if {"user_name", "greeting", "client_roots"} <= (ctx.input_responses or {}).keys():
        return "Received every input."
    return InputRequiredResult(
        input_requests={"user_name": _ask("What is your name?", "name"),
                        "greeting": _sample("Generate a greeting", 50),
                        "client_roots": ListRootsRequest()},
        request_state="multiple-inputs")


@mcp.tool()
async def test_input_required_result_multi_round(ctx: Context) -> str | InputRequiredResult:
    """Asks two questions in two rounds, the state carrying the first answer"""
    state = json.loads(ctx.request_state) if ctx.request_state else {}
    if state.get("round") == 1:
        name = _accepted(ctx, "step1", "name")
        if name is not None:
            return InputRequiredResult(
                input_requests={"step2": _ask("Step 2: What is your favorite color?", "color")},
                request_state=json.dumps({"round": 2, "name": name}))
    if state.get("round") == 2:
        color = _accepted(ctx, "step2", "color")
        if color is not None:
            return f"{state['name']} likes {color}"
    # The first round, or an answer that does not fit the round: ask from the start.
    return InputRequiredResult(input_requests={"step1": _ask("Step 1: What is your name?", "name")},
                               request_state=json.dumps({"round": 1}))


@mcp.tool()
async def test_input_required_result_tampered_state(ctx: Context) -> str | InputRequiredResult:
    """Hands out state that ferromcp seals; a tampered echo never reaches this function"""
    if ctx.request_state is None:
        return InputRequiredResult(
            input_requests={"confirm": _ask("Please confirm", "ok", "boolean")},
            request_state="round-1")
    return f"state-ok: {ctx.request_state}"


@mcp.tool()
async def test_input_required_result_capabilities(ctx: Context) -> str | InputRequiredResult:
    """Asks only for the kinds of input the client declared it can give"""
    caps = ctx.client_capabilities
    requests: dict[str, Any] = {}
    if caps.sampling is not None:
        requests["sample"] = _sample("Say hello", 50)
    if caps.elicitation is not None:
        requests["ask"] = _ask("What is your name?", "name")
    if caps.roots is not None:
        requests["roots"] = ListRootsRequest()
    if not requests:
        return "The client declared no way to give input."
    return InputRequiredResult(input_requests=requests, request_state="capability-gated")


@mcp.tool()
async def test_missing_capability(ctx: Context) -> str:
    """Needs the client's sampling capability; without it, a -32021 error names it"""
    if ctx.client_capabilities.sampling is None:
        raise MCPError(code=MISSING_REQUIRED_CLIENT_CAPABILITY,
                       message="This tool needs the client's sampling capability",
                       data={"requiredCapabilities": {"sampling": {}}})
    return "The client can sample."


@mcp.tool()
async def test_streaming_elicitation(ctx: Context) -> str:
    """Answers without asking the client anything on the response stream"""
    await ctx.report_progress(1, 1, "answering")
    return "Nothing to ask: sessionless clients are asked through input-required results."


@mcp.tool()
async def test_logging_tool(ctx: Context) -> str:
    """Logs; the client gets the logs only when its request names a log level"""
    await ctx.info("test_logging_tool ran")
    return "Logged."


@mcp.tool()
def test_x_mcp_header(
    region: Annotated[str, Field(json_schema_extra={"x-mcp-header": "Region"})],
) -> str:
    """Takes its argument in an Mcp-Param-Region header too, which ferromcp checks"""
    return f"region={region}"


def _dynamic() -> str:
    return "dynamic"


@mcp.tool()
async def test_trigger_tool_change(ctx: Context) -> str:
    """Adds and removes a tool, announcing the change to open listens"""
    mcp.add_tool(_dynamic, name="test_dynamic_tool")
    mcp.remove_tool("test_dynamic_tool")
    await ctx.notify_tools_changed()
    return "tool list changed"


@mcp.tool()
async def test_trigger_prompt_change(ctx: Context) -> str:
    """Announces a change of the prompt list to open listens"""
    await ctx.notify_prompts_changed()
    return "prompt list changed"


@mcp.prompt()
async def test_input_required_result_prompt(
    ctx: Context,
) -> list[UserMessage] | InputRequiredResult:
    """Asks for context through an input-required result before rendering"""
    context = _accepted(ctx, "user_context", "context")
    if context is not None:
        return [UserMessage(content=TextContent(type="text",
                                                text=f"Use the following context: {context}"))]
    return InputRequiredResult(
        input_requests={"user_context": _ask("What context should the prompt use?", "context")})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=3001, help="port on 127.0.0.1 (default 3001)")
    args = parser.parse_args()
    mcp.run(transport="streamable-http", host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()

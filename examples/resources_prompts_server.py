# resources_prompts_server.py
# The seed tutorial's "Resources", "Prompts" and "Error Handling" sections, joined into one
# server. The section code below is the tutorial's, with `mcp` renamed to `ferromcp`; only the
# imports above each section and the definitions the sections assume are added here.
import asyncio
import json
import sys
from typing import List
from ferromcp.server import Server, NotificationOptions
from ferromcp.server.models import InitializationOptions
import ferromcp.server.stdio
import ferromcp.types as types

server = Server("tutorial-resources-prompts")


def perform_risky_operation(arguments: dict) -> str:
    """The operation the tutorial's error-handling section calls."""
    if arguments.get("required_param") == "deny":
        raise PermissionError("denied")
    if arguments.get("required_param") == "missing":
        raise FileNotFoundError(2, "No such file or directory", "missing")
    if arguments.get("required_param") == "boom":
        raise RuntimeError("boom")
    return f"processed {arguments['required_param']}"


@server.list_tools()
async def handle_list_tools() -> List[types.Tool]:
    return [
        types.Tool(
            name="risky_operation",
            description="Demonstrates the tutorial's error handling",
            inputSchema={
                "type": "object",
                "properties": {"required_param": {"type": "string"}},
            },
        )
    ]


# --- Resources (tutorial section) ---
@server.list_resources()
async def handle_list_resources() -> List[types.Resource]:
    return [
        types.Resource(
            uri="file://logs/app.log",
            name="Application Logs",
            description="Current application log file",
            mimeType="text/plain"
        ),
        types.Resource(
            uri="config://settings.json", 
            name="App Configuration",
            description="Application configuration settings",
            mimeType="application/json"
        )
    ]

@server.read_resource()
async def handle_read_resource(uri: str) -> str:
    if uri == "file://logs/app.log":
        with open("/var/logs/app.log", "r") as f:
            return f.read()
    elif uri == "config://settings.json":
        return json.dumps({
            "database_url": "postgresql://localhost/myapp",
            "debug_mode": True,
            "max_connections": 100
        }, indent=2)
    else:
        raise ValueError(f"Unknown resource: {uri}")


# --- Prompts (tutorial section) ---
@server.list_prompts()
async def handle_list_prompts() -> List[types.Prompt]:
    return [
        types.Prompt(
            name="analyze_code",
            description="Analyze code for potential issues",
            arguments=[
                types.PromptArgument(
                    name="code",
                    description="Code to analyze",
                    required=True
                ),
                types.PromptArgument(
                    name="language", 
                    description="Programming language",
                    required=False
                )
            ]
        )
    ]

@server.get_prompt()
async def handle_get_prompt(name: str, arguments: dict) -> types.GetPromptResult:
    if name == "analyze_code":
        code = arguments.get("code")
        language = arguments.get("language", "unknown")
        
        prompt_text = f"""Please analyze the following {language} code for potential issues:

```{language}
{code}
```

Look for:
1. Potential bugs or logic errors
2. Security vulnerabilities  
3. Performance issues
4. Code style and best practices
5. Suggestions for improvement

Provide detailed explanations and specific recommendations."""

        return types.GetPromptResult(
            description=f"Code analysis for {language} code",
            messages=[
                types.PromptMessage(
                    role="user",
                    content=types.TextContent(
                        type="text", 
                        text=prompt_text
                    )
                )
            ]
        )
    else:
        raise ValueError(f"Unknown prompt: {name}")

# --- Error handling (tutorial section) ---
from ferromcp.types import McpError, ErrorCode

@server.call_tool()
async def handle_call_tool(name: str, arguments: dict) -> List[types.TextContent]:
    try:
        if name == "risky_operation":
            # Validate inputs
            if not arguments.get("required_param"):
                raise McpError(
                    ErrorCode.InvalidParams,
                    "Missing required parameter: required_param"
                )
            
            # Perform operation
            result = perform_risky_operation(arguments)
            return [types.TextContent(type="text", text=str(result))]
        else:
            raise McpError(
                ErrorCode.MethodNotFound,
                f"Unknown tool: {name}"
            )
            
    except PermissionError:
        raise McpError(
            ErrorCode.InternalError,
            "Permission denied: insufficient privileges"
        )
    except FileNotFoundError as e:
        raise McpError(
            ErrorCode.InvalidParams, 
            f"File not found: {str(e)}"
        )
    except Exception as e:
        # Log the error for debugging
        print(f"Unexpected error: {str(e)}", file=sys.stderr)
        raise McpError(
            ErrorCode.InternalError,
            "An unexpected error occurred"
        )


async def main():
    async with ferromcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(
            read_stream,
            write_stream,
            InitializationOptions(
                server_name="tutorial-resources-prompts",
                server_version="0.1.0",
                capabilities=server.get_capabilities(
                    notification_options=NotificationOptions(),
                    experimental_capabilities={},
                ),
            ),
        )

if __name__ == "__main__":
    asyncio.run(main())

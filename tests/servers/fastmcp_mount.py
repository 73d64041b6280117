"""fastmcp server composition, unmodified fastmcp 4 style: ``mount`` with a namespace, without
one, with ``tool_names``, nested, live (a tool the child registers after the mount), the
parent's own components winning a name, and a mounted server's lifespan running inside the
parent's. Runs on the real fastmcp and under ``python -m ferromcp run``;
``tests/python/test_fastmcp_mount.py`` compares them.
"""

from contextlib import asynccontextmanager

from fastmcp import FastMCP

EVENTS: list[str] = []


@asynccontextmanager
async def weather_life(server):
    EVENTS.append("weather up")
    yield {}


weather = FastMCP("weather", lifespan=weather_life)
tools = FastMCP("tools")
deep = FastMCP("deep")
main = FastMCP("main")


@weather.tool
def forecast(city: str, days: int = 1) -> str:
    """The forecast for a city."""
    return f"{city}: sunny for {days} day(s)"


@weather.tool(tags={"alerts"})
def alert(city: str) -> dict:
    """Raises for an unknown city."""
    if city != "Paris":
        raise ValueError(f"no station in {city}")
    return {"city": city, "level": 0}


@weather.resource("weather://stations")
def stations() -> list[str]:
    return ["Paris", "Lyon"]


@weather.resource("weather://station/{name}/today")
def station(name: str) -> str:
    return f"{name} today: 21C"


@weather.prompt
def ask(city: str) -> str:
    """Asks for weather."""
    return f"What is the weather in {city}?"


@deep.tool
def depth() -> str:
    return "three levels down"


@deep.resource("deep://core")
def core() -> str:
    return "the core"


weather.mount(deep, namespace="deep")


@tools.tool
def shout(text: str) -> str:
    return text.upper()


@tools.tool
def hello() -> str:
    return "hello from tools"


@main.tool
def hello() -> str:  # noqa: F811 - the parent's own wins over the mounted one
    return "hello from main"


@main.tool
def events() -> list[str]:
    """What happened at start."""
    return EVENTS


main.mount(weather, namespace="weather")
main.mount(tools, tool_names={"shout": "yell"})


@weather.tool
def later() -> str:
    """Registered after the mount: served all the same."""
    return "late but here"


if __name__ == "__main__":
    main.run()

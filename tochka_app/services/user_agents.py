"""A browser's User-Agent header as a person names the device: "Chrome 131 · Linux",
"Mobile Safari 17 · iOS 17 · iPhone" — parsed with ua-parser (the maintained uap-core rules)."""

from functools import lru_cache

from ua_parser import parse

MAX_AGENT = 300


@lru_cache(maxsize=2048)
def describe(user_agent: str | None) -> str:
    """Browser with its major version, system, and the device when it has a model; "" when the
    header says nothing recognisable (a script, an empty header)."""
    agent = (user_agent or "").strip()[:MAX_AGENT]
    if not agent:
        return ""
    result = parse(agent)
    parts = []
    if result.user_agent and result.user_agent.family != "Other":
        browser = result.user_agent
        parts.append(f"{browser.family} {browser.major}" if browser.major else browser.family)
    if result.os and result.os.family != "Other":
        system = result.os
        parts.append(f"{system.family} {system.major}" if system.major else system.family)
    if (
        result.device
        and result.device.family not in ("Other", "Spider")
        and result.device.family not in " ".join(parts)
    ):
        parts.append(result.device.family)
    return " · ".join(parts)

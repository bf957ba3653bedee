"""Who is on the other end of a request: the one function every per-address limit relies on.

Behind a reverse proxy every request arrives from the proxy's address, and the client's own
address is only in `X-Forwarded-For`, a header anyone can send. So that header is believed only
as far as trusted hops vouch for it: starting from the connected peer, while the current hop is in
`TRUSTED_PROXIES`, step one entry to the left in `X-Forwarded-For`. The first untrusted address is
the client. With no trusted proxies (the default) the header is ignored entirely.
"""

import ipaddress
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=32)
def parse_networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    """CIDRs (or single addresses) as networks; a malformed entry is a configuration error."""
    return tuple(ipaddress.ip_network(c.strip(), strict=False) for c in cidrs if c.strip())


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # "203.0.113.5:1234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted(address: str | None, networks: tuple[Network, ...]) -> bool:
    parsed = _address(address or "")
    return parsed is not None and any(parsed in network for network in networks)


def client_address(
    peer: str | None, forwarded_for: str | None, trusted_proxies: tuple[str, ...] | list[str]
) -> str | None:
    """The client's address for a connection from `peer` carrying `X-Forwarded-For`."""
    networks = parse_networks(tuple(trusted_proxies))
    if not peer or not networks or not is_trusted(peer, networks):
        return peer or None
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    current = peer
    while hops and is_trusted(current, networks):
        candidate = _address(hops.pop())
        if candidate is None:  # garbage from an untrusted source: stop at the last good hop
            break
        current = str(candidate)
    return current

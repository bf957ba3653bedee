"""DNS lookups for custom-domain verification, behind a small interface so tests use a fake."""

from typing import Protocol

import dns.exception
import dns.resolver

from tochka_app.integrations.errors import IntegrationError


class DnsResolver(Protocol):
    def txt(self, name: str) -> list[str]: ...

    def cname(self, name: str) -> list[str]: ...


class SystemDnsResolver:
    """dnspython against the configured nameservers (or resolv.conf). NXDOMAIN / no answer give
    an empty list; a timeout or a broken server raises IntegrationError."""

    def __init__(
        self, nameservers: list[str] | None = None, timeout_s: float = 5.0, port: int = 53
    ):
        self._resolver = dns.resolver.Resolver(configure=not nameservers)
        if nameservers:
            self._resolver.nameservers = nameservers
            self._resolver.port = port
        self._resolver.lifetime = timeout_s

    def _query(self, name: str, rdtype: str) -> list:
        try:
            return list(self._resolver.resolve(name, rdtype))
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return []
        except dns.exception.DNSException as exc:
            raise IntegrationError("dns_failed", f"{rdtype} {name}: {type(exc).__name__}") from exc

    def txt(self, name: str) -> list[str]:
        return [b"".join(r.strings).decode("utf-8", "replace") for r in self._query(name, "TXT")]

    def cname(self, name: str) -> list[str]:
        return [r.target.to_text().rstrip(".").lower() for r in self._query(name, "CNAME")]


def resolver_from_settings(settings) -> DnsResolver:
    return SystemDnsResolver(settings.dns_nameservers, settings.dns_timeout_s, settings.dns_port)

"""A tiny authoritative DNS server on 127.0.0.1 (UDP) answering TXT and CNAME from a dict.

It speaks the real wire protocol (dnspython builds the replies), so the app's resolver is tested
as it runs in production: NXDOMAIN for unknown names, NOERROR with no answer for other types,
and SERVFAIL for names listed in `failing`.
"""

import socketserver
import threading

import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class FakeDns:
    def __init__(self):
        self.records: dict[tuple[str, str], list[str]] = {}  # (name, "TXT"|"CNAME") -> values
        self.failing: set[str] = set()
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                data, sock = self.request
                sock.sendto(fake.answer(data), self.client_address)

        self._server = socketserver.ThreadingUDPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]

    def set(self, name: str, kind: str, *values: str) -> None:
        self.records[(name.lower().rstrip("."), kind)] = list(values)

    def answer(self, data: bytes) -> bytes:
        query = dns.message.from_wire(data)
        reply = dns.message.make_response(query)
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        kind = dns.rdatatype.to_text(question.rdtype)
        if name in self.failing:
            reply.set_rcode(dns.rcode.SERVFAIL)
        elif not any(key[0] == name for key in self.records):
            reply.set_rcode(dns.rcode.NXDOMAIN)
        else:
            values = self.records.get((name, kind), [])
            if values:
                texts = [f'"{v}"' if kind == "TXT" else f"{v}." for v in values]
                reply.answer.append(dns.rrset.from_text(question.name, 60, "IN", kind, *texts))
        return reply.to_wire()

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

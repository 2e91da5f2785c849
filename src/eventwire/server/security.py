"""Security and limits of the HTTP app: body and batch sizes, the bearer token for writes, response headers."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response

from eventwire.server.responses import error_response

MAX_TEXT_CHARS = 1_000_000
MAX_BATCH = 500
# A request body larger than this is refused with 413 before it is read into memory.
MAX_BODY_BYTES = 16 * 1024 * 1024
TOKEN_ENV = "EVENTWIRE_TOKEN"
# The dashboard loads only its own files; inline scripts and remote hosts are refused by the browser as well.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def authorise(request: Request) -> None:
    """Refuse a write without the app's bearer token (``app.state.token``; None leaves writes open)."""
    token: str | None = request.app.state.token
    if token is None:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a bearer token is required to ingest (Authorization: Bearer <token>)")


async def security_headers(request: Request, call_next: Any) -> Response:
    """No content sniffing anywhere; the dashboard's pages get the content security policy."""
    response: Response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    path = request.url.path
    if not (path.startswith("/docs") or path.startswith("/api/")):
        response.headers.setdefault("Content-Security-Policy", CSP)
    return response


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``, by Content-Length or while it streams in.

    The body is read here (at most ``max_bytes`` of it) and replayed to the app, so no handler ever
    holds more than the limit in memory.
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Pass the request on with its body read, or answer 413."""
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = error_response(413, f"request body larger than {self.max_bytes} bytes")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await too_big(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await too_big(scope, receive, send)
                return
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

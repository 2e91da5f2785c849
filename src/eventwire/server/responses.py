"""Response bodies of the HTTP app: JSON of store rows, and every error as ``{"status": …, "message": …}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

# The logger keeps the name it had before the app became a package, so logging configurations still match it.
log = logging.getLogger("eventwire.api")


def error_response(status: int, message: str, **extra: Any) -> JSONResponse:
    """The JSON body of every error: a status and a message."""
    return JSONResponse({"status": status, "message": message, **extra}, status_code=status)


def json_response(data: Any) -> JSONResponse:
    """JSON of store rows (dates as ISO strings)."""
    return JSONResponse(jsonable_encoder(data))


def _problems(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Each validation error as where it is and what is wrong."""
    return [
        {"where": "body", "problem": "not valid JSON"}
        if e.get("type") == "json_invalid"
        else {"where": ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body", "problem": e.get("msg")}
        for e in exc.errors()
    ]


def add_error_handlers(app: FastAPI) -> None:
    """Every error is ``{"status": …, "message": …}``; internal errors are logged, never sent."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's words for a body its JSON parser gave up on (for example, nested too deeply).
            return error_response(
                422, "body: not valid JSON", problems=[{"where": "body", "problem": "not valid JSON"}]
            )
        response = error_response(exc.status_code, str(exc.detail))
        if exc.status_code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = _problems(exc)
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        return error_response(422, message, problems=problems)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return error_response(400, str(exc).splitlines()[0] if str(exc) else "invalid value")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error; the server log has the details")

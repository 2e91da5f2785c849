"""The static dashboard at ``/`` and the interactive API page at ``/docs``, both served from local files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwire.server.responses import error_response


def web_dir() -> Path | None:
    """The built dashboard inside the package, or None when it was not built."""
    path = Path(str(resources.files("eventwire").joinpath("web")))
    return path if (path / "index.html").is_file() else None


def _docs_static() -> Path | None:
    """Swagger UI files shipped by the ``fastapi-offline`` package, when it is installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).parent / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def add_docs(app: FastAPI) -> None:
    """OpenAPI at /docs with Swagger UI served from local files, so it works offline."""
    from fastapi.openapi.docs import get_swagger_ui_html

    static = _docs_static()
    if static is not None:
        app.mount("/docs-static", StaticFiles(directory=static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if static is None:
            # Without a local Swagger UI there is still the machine-readable schema; never a CDN.
            body = (
                "<!doctype html><title>eventwire API</title><p>The interactive API page needs the "
                "<code>fastapi-offline</code> package. The OpenAPI schema is at "
                '<a href="/openapi.json">/openapi.json</a>.</p>'
            )
            return HTMLResponse(body)
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )


def add_dashboard(app: FastAPI) -> None:
    """The static dashboard at / and its files at /static (or a 404 that says how to build it)."""
    root = web_dir()
    if root is None:

        @app.get("/", include_in_schema=False)
        def no_dashboard() -> Response:
            return error_response(
                404, "the dashboard was not built into this installation (run `make web`); the API is at /api"
            )

        return

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=root), name="static")

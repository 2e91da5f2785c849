"""Start-up cost: a command imports only what it uses (every CLI call and every worker pays for its imports)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# What ``extract`` never uses: the store and its database drivers, the HTTP server, Parquet and Dask, the scorers.
NOT_FOR_EXTRACT = (
    "duckdb",
    "psycopg",
    "fastapi",
    "uvicorn",
    "starlette",
    "pyarrow",
    "dask",
    "distributed",
    "eventwire.store",
    "eventwire.server",
    "eventwire.scale",
    "eventwire.evaluate",
)

_LOADED = f"[m for m in {NOT_FOR_EXTRACT!r} if m in sys.modules]"


def _loaded_after(code: str) -> list[str]:
    """The modules of NOT_FOR_EXTRACT that a fresh interpreter has imported after running ``code``."""
    script = f"import sys\n{code}\nprint('LOADED=' + __import__('json').dumps({_LOADED}))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("LOADED="))
    return json.loads(line.removeprefix("LOADED="))


def test_importing_the_command_line_imports_no_command_dependency():
    assert _loaded_after("import eventwire.cli") == []


def test_extract_imports_neither_the_store_nor_the_server(tmp_path: Path):
    text = tmp_path / "one.txt"
    text.write_text("Police arrested 12 protesters in Nairobi on Monday.\n", encoding="utf-8")
    code = (
        "import contextlib, io, runpy\n"
        f"sys.argv = ['eventwire', 'extract', {str(text)!r}, '--published', '2024-05-08']\n"
        "out = io.StringIO()\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(out):\n"
        "    runpy.run_module('eventwire', run_name='__main__')\n"
        "assert '\"COERCE\"' in out.getvalue(), out.getvalue()[:2000]\n"
    )
    assert _loaded_after(code) == []

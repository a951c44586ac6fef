"""``tacit doctor``: is everything Tacit needs here and working? One line per check.

Exit code 0 when every check passes, 1 when any fails: scripts and CI can rely on it.
Nothing is changed: the stores are opened and probed with a write that is removed at once.
"""

from __future__ import annotations

import platform
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from assistant.errors import StoreError, TacitError
from assistant.settings import Settings

PACKAGES = ("tacit", "llama-cpp-python", "chromadb", "onnxruntime", "langgraph", "sqlmodel",
            "textual")


def _chat_model(settings: Settings) -> str:
    from assistant.models.llamacpp import resolve_model_path

    spec = settings.chat
    backend = spec.resolved_backend()
    if backend == "llamacpp":
        return f"{resolve_model_path(spec.model)} (llama.cpp)"
    if backend == "fake":
        return "fake (the scripted test model)"
    return f"{spec.model} ({backend}; a remote model is not contacted by this check)"


def _writable(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
        pass  # created and removed: the folder takes writes
    return str(folder)


def _database(settings: Settings) -> str:
    from sqlalchemy import text

    from memory.db import open_engine

    engine = open_engine(settings.db_url)
    try:
        with engine.begin() as db:  # a write, rolled back: proves the file takes writes
            db.execute(text("CREATE TEMP TABLE doctor_probe (x INTEGER)"))
            db.execute(text("DROP TABLE doctor_probe"))
    finally:
        engine.dispose()
    return settings.db_url


def _vectors(settings: Settings) -> str:
    if settings.chroma_url:
        return f"{settings.chroma_url} (a server; not contacted by this check)"
    return _writable(settings.vector_path)


def _embedder(settings: Settings) -> str:
    from memory.embedder import Embedder

    embedder = Embedder(cache_dir=settings.cache_dir)
    vector = embedder.embed(["Tacit checks that the embedder loads."])
    return f"{embedder.name}, {vector.shape[1]} dimensions"


def _crisis_reader(settings: Settings) -> str:
    from agents.safety_encoder import MODEL_FILE, encoder

    reader = encoder()
    if reader is None:
        raise StoreError(f"The crisis reader data/{MODEL_FILE} is missing: crises are read by "
                         "the cues and the smaller classifier only.",
                         fix="Reinstall Tacit with `pip install -e .`.")
    row = reader.crisis(["Tacit checks that the crisis reader loads."])[0]
    return f"{len(row)} classes, calm {row[0]:.2f} on a test sentence"


def _versions(settings: Settings) -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return f"Python {platform.python_version()}; " + ", ".join(found)


CHECKS: tuple[tuple[str, Callable[[Settings], str]], ...] = (
    ("chat model", _chat_model),
    ("data directory", lambda s: _writable(s.data_dir)),
    ("database", _database),
    ("vectors", _vectors),
    ("embedder", _embedder),
    ("crisis reader", _crisis_reader),
    ("versions", _versions),
)


def checks(settings: Settings) -> list[dict[str, Any]]:
    """Every check as {name, ok, detail}; a failure's detail says what is wrong and the fix."""
    results = []
    for name, check in CHECKS:
        try:
            results.append({"name": name, "ok": True, "detail": check(settings)})
        except TacitError as exc:
            results.append({"name": name, "ok": False, "detail": str(exc)})
        except Exception as exc:  # a check must report, never end the run
            results.append({"name": name, "ok": False,
                            "detail": f"{type(exc).__name__}: {exc}"})
    return results


def run_checks(settings: Settings) -> int:
    results = checks(settings)
    for row in results:
        print(f"{'ok  ' if row['ok'] else 'FAIL'}  {row['name']:<15} {row['detail']}")
    failed = [r["name"] for r in results if not r["ok"]]
    if failed:
        print(f"{len(failed)} check(s) failed: {', '.join(failed)}.", file=sys.stderr)
        return 1
    print("Everything Tacit needs is in place.")
    return 0

"""The README's safety commands: the country setting, listing and exporting sensitive memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.service import Tacit
from assistant.settings import load_settings


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_USER", "ana")
    return tmp_path / "data"


def _keep_sensitive(text: str) -> str:
    tacit = Tacit(load_settings())
    try:
        return tacit.memory.add("ana", text, kind="sensitive").id
    finally:
        tacit.close()


def test_the_country_is_a_setting(env: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TACIT_SAFETY__COUNTRY", "PT")
    assert load_settings().safety.country == "PT"
    assert main(["config"]) == 0
    assert "safety.country" in capsys.readouterr().out
    monkeypatch.setenv("TACIT_SAFETY__COUNTRY", "Portugal")
    assert main(["config"]) == 2  # a two-letter code, or a clear error
    assert "safety.country" in capsys.readouterr().err


def test_sensitive_items_are_listed_only_when_asked_and_masked_in_exports(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "hello"]) == 0
    kept = _keep_sensitive("age: under 18")
    capsys.readouterr()
    assert main(["memory", "list"]) == 0
    assert kept not in capsys.readouterr().out
    assert main(["memory", "list", "--sensitive"]) == 0
    assert "age: under 18" in capsys.readouterr().out
    assert main(["memory", "export"]) == 0
    out = capsys.readouterr().out
    assert "under 18" not in out and kept in out
    assert main(["memory", "export", "--include-sensitive"]) == 0
    assert "age: under 18" in capsys.readouterr().out
    assert main(["memory", "search", "under 18"]) == 0
    assert kept not in capsys.readouterr().out
    assert main(["memory", "forget", kept]) == 0
    capsys.readouterr()
    assert main(["memory", "list", "--sensitive"]) == 0
    assert "under 18" not in capsys.readouterr().out
    data = json.loads(_export(capsys))
    assert all(i["kind"] != "sensitive" for i in data["memory_items"])


def _export(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["memory", "export", "--include-sensitive"]) == 0
    return capsys.readouterr().out

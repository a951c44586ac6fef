"""`tacit keys` and `tacit serve` as a person types them, and the README's curl examples."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _keys(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["keys", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_add_prints_the_key_alone_last_and_keeps_only_its_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    code, out, _ = _keys(capsys, "add", "--user", "ana")
    key = out.strip().splitlines()[-1]
    assert code == 0 and re.fullmatch(r"tacit-[\w-]{40,}", key)
    assert key.encode() not in (tmp_path / "data" / "tacit.db").read_bytes()

    code, listed, _ = _keys(capsys, "list")
    assert code == 0 and "ana" in listed and "active" in listed and key not in listed
    key_id = listed.split()[0]

    code, out, _ = _keys(capsys, "revoke", key_id)
    assert code == 0 and "Revoked" in out
    assert "revoked" in _keys(capsys, "list", "--user", "ana")[1]

    code, _, err = _keys(capsys, "revoke", "nosuchkey")
    assert code == 2 and "tacit keys list" in err
    code, _, err = _keys(capsys, "add", "--user", "  ")
    assert code == 2 and "--user" in err


def test_serve_refuses_a_port_that_is_not_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """`tacit serve` in a process of its own, embedded mode, the fake chat model."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "tacit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m assistant.cli "$@"\n')
    shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", PYTHONPATH=str(ROOT),
               TACIT_DATA_DIR=str(tmp_path / "data"), TACIT_CHAT__MODEL="fake",
               TACIT_CONFIG_FILE=str(tmp_path / "none.toml"))
    port = _free_port()
    server = subprocess.Popen(["tacit", "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(600):  # readiness: until it answers (a refusal counts) or it dies
            if server.poll() is not None:
                raise AssertionError(f"tacit serve exited: {server.stdout.read()}")  # type: ignore[union-attr]
            try:
                httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=1)
                break
            except httpx.TransportError:
                subprocess.run(["sleep", "0.2"], check=True)
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def _readme_curl_block() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Server mode", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    return next(b for b in blocks if "curl" in b)


def test_the_readme_curl_examples_work_as_written(served: tuple[int, dict[str, str]],
                                                  tmp_path: Path) -> None:
    port, env = served
    script = _readme_curl_block().replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    # Each command's output on a line of its own, to read them back one by one.
    script = "set -e\n" + "\n".join(
        line + ("" if line.endswith("\\") else "\necho")
        for line in script.splitlines())
    run = subprocess.run(["bash", "-c", script], env=env, cwd=tmp_path, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    models, reply = json.loads(lines[0]), json.loads(lines[1])
    assert models["data"][0]["id"] == "tacit"
    # Told only about the person: said back by code, not by the (fake) model.
    assert reply["choices"][0]["message"]["content"] == (
        "Thanks for telling me. I'll remember that your cat is Miso.")
    streamed = "".join(json.loads(line[len("data: "):])["choices"][0]["delta"].get("content", "")
                       for line in lines if line.startswith("data: {"))
    assert streamed == "Thanks for telling me. I'll remember that your dog is Pepper."
    found = json.loads(next(line for line in lines if line.startswith('{"object":"list"')
                            and "Miso" in line))
    assert "Miso" in found["data"][0]["text"]
    exported = json.loads((tmp_path / "ana.json").read_text("utf-8"))
    assert exported["user_id"] == "ana" and len(exported["turns"]) == 2
    deleted = json.loads(lines[-1])
    assert deleted["deleted"] is True

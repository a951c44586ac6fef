"""The LiteLLM backend against a real OpenAI-compatible server.

llama-cpp-python's server runs the bundled SmolLM2 on 127.0.0.1, started here and stopped
afterwards. Every socket this process opens is checked: nothing may leave the machine.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from agents.llm import GenerationStats
from assistant.errors import ModelError
from assistant.models.llamacpp import bundled_model_path
from assistant.models.remote import LiteLLMModel, tiktoken_cache_dir
from assistant.service import Tacit
from assistant.settings import ModelSettings, Settings

pytestmark = pytest.mark.integration

MODEL = "openai/smollm2"  # the server serves one model whatever it is called
START_DEADLINE_S = 60.0


# No network beyond loopback -------------------------------------------------------------
def _is_loopback(host: Any) -> bool:
    if host in (None, "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="module", autouse=True)
def loopback_only() -> Iterator[list[str]]:
    """Refuse, and report, any lookup or connection beyond 127.0.0.1 from this process.

    Libraries that fetch (litellm's price list, tiktoken's encodings) fall back quietly when
    the fetch fails, so refusing is not enough: the attempts are collected and must be none.
    """
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def allowed(sock: socket.socket, address: Any) -> bool:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return True  # Unix sockets stay on the machine
        return _is_loopback(address[0])

    def connect(sock: socket.socket, address: Any) -> None:
        if not allowed(sock, address):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"test refused a connection to {address}")
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        if not allowed(sock, address):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"test refused a connection to {address}")
        return real_connect_ex(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            attempts.append(f"lookup {host}")
            raise socket.gaierror(f"test refused to look up {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "getaddrinfo", getaddrinfo)
        # A developer's HTTP proxy would otherwise carry even 127.0.0.1 requests away.
        for name in ("NO_PROXY", "no_proxy"):
            mp.setenv(name, "127.0.0.1,localhost")
        yield attempts
    assert not attempts, f"something reached beyond 127.0.0.1: {attempts}"


# The server -----------------------------------------------------------------------------
@dataclass
class LlamaServer:
    url: str  # the OpenAI base URL, ending in /v1
    log: Path

    def chat_requests(self) -> int:
        """Chat completions the server has answered so far (from its access log)."""
        return self.log.read_text("utf-8", "replace").count("POST /v1/chat/completions")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text("utf-8", "replace").splitlines()[-lines:])


def _wait_until_up(server: LlamaServer, process: subprocess.Popen[bytes]) -> None:
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + START_DEADLINE_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llama_cpp.server exited with {process.returncode}:\n"
                        f"{_tail(server.log)}")
        try:
            with no_proxy.open(f"{server.url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"llama_cpp.server did not answer within {START_DEADLINE_S:.0f} s:\n"
                f"{_tail(server.log)}")


@contextmanager
def llama_server(log: Path) -> Iterator[LlamaServer]:
    """The bundled model behind an OpenAI-compatible API on a free loopback port."""
    port = _free_port()
    server = LlamaServer(f"http://127.0.0.1:{port}/v1", log)
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_model_path()),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    with llama_server(tmp_path_factory.mktemp("llama-server") / "server.log") as running:
        yield running


def remote_model(url: str, **settings: Any) -> LiteLLMModel:
    return LiteLLMModel.from_settings(
        ModelSettings(model=MODEL, api_base=url, api_key="none", timeout_s=30, **settings))


@pytest.fixture(scope="module")
def model(server: LlamaServer) -> LiteLLMModel:
    return remote_model(server.url, max_tokens=64)


# Tests ----------------------------------------------------------------------------------
def test_streamed_reply_is_the_whole_reply_token_by_token(model: LiteLLMModel) -> None:
    messages = [{"role": "user", "content": "Name three colours."}]
    # llama.cpp evaluates a prompt it has cached differently from a cold one, which can tip
    # a greedy choice; warm the cache so the calls compared below start from the same state.
    model.complete(messages, max_tokens=24, temperature=0.0)

    streamed = GenerationStats()
    chunks = list(model.stream(messages, max_tokens=24, temperature=0.0, stats=streamed))
    assert 1 < len(chunks) <= 24
    assert streamed.completion_tokens == len(chunks)
    assert 0 < streamed.first_token_s <= streamed.total_s

    whole = model.complete(messages, max_tokens=24, temperature=0.0)
    assert whole.strip()
    assert "".join(chunks) == whole

    counted = GenerationStats()
    short = model.complete(messages, max_tokens=5, temperature=0.0, stats=counted)
    assert counted.completion_tokens <= 5
    assert short and whole.startswith(short) and len(short) < len(whole)


class Capital(BaseModel):
    city: str


def test_structured_reply_is_held_to_the_schema(model: LiteLLMModel) -> None:
    # The prompt never mentions JSON: only the server's grammar can make the reply parse.
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    plain = model.complete(messages, temperature=0.0)
    with pytest.raises(json.JSONDecodeError):
        json.loads(plain)

    result = model.structured(messages, Capital)

    assert result.ok, (result.error, result.raw)
    assert result.attempts == 1
    assert isinstance(result.value, Capital) and result.value.city.strip()
    assert set(json.loads(result.raw)) == {"city"}  # the schema's key, not one of its own


def test_a_whole_turn_runs_on_the_remote_model(server: LlamaServer, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", user="ana", chat={
        "model": MODEL, "api_base": server.url, "api_key": "none", "n_ctx": 2048,
        "max_tokens": 48,
    })
    tacit = Tacit(settings)
    try:
        before = server.chat_requests()
        # (a city of no guide: Porto's sights are written by code, data/cities.yaml)
        message = "My sister Lena lives in Braga. What should I see there?"
        done = tacit.ask("ana", message)

        assert done.reply
        assert tacit.history("ana", done.session_id) == [(message, done.shown)]
        assert done.trace["model"] == MODEL
        assert done.trace["respond"]["model"] == MODEL
        assert done.trace["respond"]["reply_tokens"] > 0
        assert server.chat_requests() > before
    finally:
        tacit.close()


def test_a_stopped_server_is_a_clear_error(tmp_path: Path) -> None:
    messages = [{"role": "user", "content": "Hello!"}]
    with llama_server(tmp_path / "server.log") as running:
        model = remote_model(running.url, max_tokens=8)
        assert model.complete(messages, temperature=0.0)

    with pytest.raises(ModelError) as err:
        model.complete(messages, temperature=0.0)
    assert "Cannot reach the model" in err.value.message
    assert running.url in err.value.message
    assert err.value.fix and "TACIT_CHAT__API_BASE" in err.value.fix


def test_token_counts_are_cl100k_from_the_bundled_encoding(
    model: LiteLLMModel, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tiktoken_cache_dir()))
    import tiktoken

    cl100k = tiktoken.get_encoding("cl100k_base")
    for text in ("hello world", "Lena lives in Porto — ünïcödé, 東京, 🙂",
                 "<|endoftext|> is only text here", "def f(x):\n    return x * 2\n"):
        assert model.count_tokens(text) == len(cl100k.encode(text, disallowed_special=()))
    assert model.count_tokens("hello world") == 2
    assert model.count_tokens("") == 0

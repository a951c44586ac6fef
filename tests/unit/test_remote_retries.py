"""Remote models try again after a passing failure, within a time limit, per call."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.errors import ModelError
from assistant.models import create_model
from assistant.settings import ModelSettings, load_settings


class Flaky:
    """A loopback OpenAI-style endpoint that fails ``failures`` times, then answers."""

    def __init__(self, failures: int, status: int = 503, delay_s: float = 0.0) -> None:
        self.failures, self.status, self.delay_s = failures, status, delay_s
        self.calls = 0
        flaky = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                asked = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                flaky.calls += 1
                if flaky.calls <= flaky.failures:
                    time.sleep(flaky.delay_s)
                    body = json.dumps({"error": {"message": "busy", "type": "server"}})
                    self._send(flaky.status, body)
                    return
                if asked.get("stream"):
                    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0,
                             "model": "local", "choices": [{"index": 0, "finish_reason": None,
                                                            "delta": {"content": "pong"}}]}
                    self._send(200, f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n",
                               "text/event-stream")
                    return
                self._send(200, json.dumps({
                    "id": "x", "object": "chat.completion", "created": 0, "model": "local",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": "pong"}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}))

            def _send(self, status: int, body: str, kind: str = "application/json") -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body.encode())
                except (BrokenPipeError, ConnectionResetError):  # the client gave up first
                    pass

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture
def flaky() -> Iterator[Flaky]:
    made: list[Flaky] = []

    def make(*args: object, **kwargs: object) -> Flaky:
        server = Flaky(*args, **kwargs)  # type: ignore[arg-type]
        threading.Thread(target=server.server.serve_forever, daemon=True).start()
        made.append(server)
        return server

    yield make  # type: ignore[misc]
    for server in made:
        server.server.shutdown()


def _model(url: str, **extra: object) -> object:
    return create_model(ModelSettings(model="openai/local", api_base=url, api_key="none",
                                      **extra))  # type: ignore[arg-type]


def test_a_passing_server_error_is_retried_until_the_answer_comes(flaky: object) -> None:
    server = flaky(failures=2)  # type: ignore[operator]
    model = _model(server.url, retries=2)
    assert model.complete([{"role": "user", "content": "ping"}]) == "pong"  # type: ignore[attr-defined]
    assert server.calls == 3


def test_with_no_retries_the_first_failure_is_a_clear_error(flaky: object) -> None:
    server = flaky(failures=1)  # type: ignore[operator]
    model = _model(server.url, retries=0)
    with pytest.raises(ModelError) as err:
        model.complete([{"role": "user", "content": "ping"}])  # type: ignore[attr-defined]
    assert server.calls == 1
    assert "local" in str(err.value)


def test_a_slow_server_is_given_up_on_after_the_timeout(flaky: object) -> None:
    server = flaky(failures=5, delay_s=3.0)  # type: ignore[operator]
    model = _model(server.url, retries=0, timeout_s=0.5)
    with pytest.raises(ModelError) as err:
        model.complete([{"role": "user", "content": "ping"}])  # type: ignore[attr-defined]
    assert "Cannot reach" in str(err.value)


def test_retry_policy_stays_with_each_model_not_in_litellm_globals(flaky: object) -> None:
    import litellm

    before = (litellm.num_retries, litellm.request_timeout)
    server = flaky(failures=1)  # type: ignore[operator]
    patient, hasty = _model(server.url, retries=1), _model(server.url, retries=0)
    assert patient.complete([{"role": "user", "content": "a"}]) == "pong"  # type: ignore[attr-defined]
    assert hasty.complete([{"role": "user", "content": "b"}]) == "pong"  # type: ignore[attr-defined]
    assert (litellm.num_retries, litellm.request_timeout) == before


def test_settings_changed_at_run_time_reach_the_next_model(
        flaky: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = flaky(failures=0), flaky(failures=0)  # type: ignore[operator]
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "openai/local")
    monkeypatch.setenv("TACIT_CHAT__API_KEY", "none")
    for server in (first, second):  # the same process, litellm imported once
        monkeypatch.setenv("TACIT_CHAT__API_BASE", server.url)
        model = create_model(load_settings().chat)
        assert model.complete([{"role": "user", "content": "ping"}]) == "pong"  # type: ignore[attr-defined]
    assert (first.calls, second.calls) == (1, 1)


def test_the_offline_environment_is_set_once_from_one_place() -> None:
    code = ("import json, os, sys\n"
            "from assistant.models import create_model\n"
            "from assistant.models.remote import OFFLINE_ENVIRONMENT, tiktoken_cache_dir\n"
            "from assistant.settings import ModelSettings\n"
            "assert not set(OFFLINE_ENVIRONMENT) & set(os.environ)\n"
            "model = create_model(ModelSettings(model='openai/local', api_base='http://127.0.0.1:9'))\n"
            "assert model.count_tokens('hello world') == 2\n"
            "print(json.dumps({k: os.environ.get(k) for k in OFFLINE_ENVIRONMENT}))\n"
            "print(json.dumps(str(tiktoken_cache_dir())))\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("LITELLM_LOCAL_MODEL_COST_MAP", "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS",
                        "TIKTOKEN_CACHE_DIR")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, timeout=300).stdout.splitlines()
    held, bundled = json.loads(out[-2]), json.loads(out[-1])
    assert held == {"LITELLM_LOCAL_MODEL_COST_MAP": "True",
                    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
                    "TIKTOKEN_CACHE_DIR": bundled}


def test_nothing_but_settings_and_the_offline_environment_touches_the_environment() -> None:
    root = Path(__file__).resolve().parents[2]
    touching = sorted(str(p.relative_to(root)) for layer in ("agents", "assistant", "memory", "tui")
                      for p in (root / layer).rglob("*.py")
                      if re.search(r"os\.(environ|getenv|putenv)", p.read_text("utf-8")))
    assert touching == ["assistant/models/remote.py", "assistant/settings.py"]
    remote = (root / "assistant/models/remote.py").read_text("utf-8")
    assert remote.count("os.environ") == 2  # both inside offline_environment

"""`tacit serve` on the bundled model and real stores, spoken to by the openai client."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    data = tmp_path_factory.mktemp("served")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(PYTHONPATH=str(ROOT), TACIT_DATA_DIR=str(data), TACIT_CHAT__MAX_TOKENS="40",
               TACIT_CHAT__TEMPERATURE="0", TACIT_CONFIG_FILE=str(data / "none.toml"))
    keys = {}
    for user in ("ana", "bo"):
        made = subprocess.run([sys.executable, "-m", "assistant.cli", "keys", "add", "--user",
                               user], env=env, capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        keys[user] = made.stdout.strip().splitlines()[-1]
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(1200):  # readiness: the model loads first
            assert server.poll() is None, "tacit serve exited"
            try:
                httpx.get(f"{url}/models", timeout=1)
                break
            except httpx.TransportError:
                subprocess.run(["sleep", "0.25"], check=True)
        yield url, keys
    finally:
        server.terminate()
        server.wait(timeout=60)


def _stored(url: str, key: str, session: str) -> list[dict[str, str]]:
    got = httpx.get(f"{url}/sessions/{session}", headers={"Authorization": f"Bearer {key}"})
    return list(got.json()["turns"])


def test_two_people_at_once_each_get_a_reply_that_is_the_one_stored(
        served: tuple[str, dict[str, str]]) -> None:
    url, keys = served
    results: dict[str, tuple[str, str]] = {}
    errors: list[BaseException] = []

    def plain() -> None:
        try:
            client = openai.OpenAI(base_url=url, api_key=keys["ana"], max_retries=0,
                                   timeout=600)
            raw = client.chat.completions.with_raw_response.create(
                model="tacit", messages=[{"role": "user", "content": "My cat is called Miso."}])
            results["ana"] = (raw.parse().choices[0].message.content or "",
                              raw.headers["X-Tacit-Session"])
        except BaseException as exc:
            errors.append(exc)

    def streamed() -> None:
        try:
            client = openai.OpenAI(base_url=url, api_key=keys["bo"], max_retries=0,
                                   timeout=600)
            with client.chat.completions.with_streaming_response.create(
                    model="tacit", stream=True,
                    messages=[{"role": "user", "content": "My dog is called Pepper."}]) as raw:
                session = raw.headers["X-Tacit-Session"]
                text = "".join(c.choices[0].delta.content or "" for c in raw.parse()
                               if c.choices)
            results["bo"] = (text, session)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=plain), threading.Thread(target=streamed)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    for user, said in (("ana", "My cat is called Miso."), ("bo", "My dog is called Pepper.")):
        reply, session = results[user]
        assert reply.strip()
        assert _stored(url, keys[user], session) == [{"user": said, "assistant": reply}]
    anas_session = results["ana"][1]
    assert httpx.get(f"{url}/sessions/{anas_session}",
                     headers={"Authorization": f"Bearer {keys['bo']}"}).status_code == 404
    found = httpx.get(f"{url}/memory/search", params={"q": "cat Miso"},
                      headers={"Authorization": f"Bearer {keys['ana']}"}).json()["data"]
    assert any("Miso" in h["text"] for h in found)
    assert not any("Pepper" in h["text"] for h in found)

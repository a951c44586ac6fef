"""Server load: what ``tacit serve`` adds to a turn, and how it holds up with several people.

The fake chat model (so the model costs nothing and what is measured is Tacit around it), the
real embedder, SQLite and Chroma in a fresh data directory per method:

- ``direct``: turns through the service facade in this process, one after another.
- ``http``: the same turns through ``tacit serve`` (a process of its own, loopback) with the
  official ``openai`` client, ``--clients`` people at once, each in a conversation of their own.

Reported: requests/s, p50/p95 latency, and the added latency: per request, the time the client
waited minus the time the turn itself took in the server (``X-Tacit-Turn-Ms``), so it holds
authentication, finding the conversation, waiting for the person's earlier turn, JSON and the
loopback, and is not blurred by run-to-run noise. The fake model echoes each message, so a
reply that does not start with the person's own message is cross-talk, and is counted.

    python bench/server_load.py [--out FILE] [--limit [N]] [--methods direct,http]
                                [--clients 1,4] [--requests 24]

``--limit`` is the quick mode: 6 requests per run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import Row, machine, now_iso, parser, percentile, pick_methods, table, watch, write_json

ROOT = Path(__file__).resolve().parents[1]
METHODS = ("direct", "http")
THINGS = ("green tea", "the sea", "old maps", "jazz", "chess", "kites", "figs", "trains")


def message(n: int) -> str:
    """A statement (not a request), so the turn answers rather than asks."""
    return f"Note {n}: my colleague number {n} collects {THINGS[n % len(THINGS)]}."


def direct(requests: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from assistant.models.fake import FakeModel
    from assistant.server import shared_model
    from assistant.service import Tacit
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), chat={"model": "fake"})
        tacit = Tacit(settings, model=shared_model(FakeModel(context_window=4096), "fake"))
        tacit.warm_up()
        session = tacit.new_session("u0").id
        tacit.ask("u0", "Warm-up note: my cat is called Miso.", session)
        took = []
        for n in range(requests):
            start = time.perf_counter()
            tacit.ask("u0", message(n), session)
            took.append(time.perf_counter() - start)
        tacit.close()
    return took


def http(requests: int, clients: int) -> tuple[list[float], list[float], float, int]:
    """Latencies, what HTTP added to each, wall seconds, and replies to another person's
    message."""
    import httpx
    import openai

    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
        env.update(PYTHONPATH=str(ROOT), TACIT_DATA_DIR=tmp, TACIT_CHAT__MODEL="fake",
                   TACIT_CONFIG_FILE=str(Path(tmp) / "none.toml"))
        keys = [subprocess.run([sys.executable, "-m", "assistant.cli", "keys", "add", "--user",
                                f"u{c}"], env=env, capture_output=True, text=True, check=True
                               ).stdout.strip().splitlines()[-1] for c in range(clients)]
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port",
                                   str(port)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/v1"
        try:
            while True:
                try:
                    httpx.get(f"{url}/models", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            took: list[float] = []
            added: list[float] = []  # client-observed time minus the turn's own time
            wrong = 0
            lock = threading.Lock()
            ready = threading.Barrier(clients + 1)

            def person(c: int) -> None:
                nonlocal wrong
                client = openai.OpenAI(base_url=url, api_key=keys[c], max_retries=0,
                                       timeout=600)
                history = [{"role": "user", "content": f"Warm-up {c}: my cat is Miso."}]
                first = client.chat.completions.create(model="tacit", messages=history)
                history.append({"role": "assistant",
                                "content": first.choices[0].message.content or ""})
                ready.wait()  # everyone warmed up: the clock starts now
                for n in range(c, requests, clients):
                    history.append({"role": "user", "content": message(n)})
                    start = time.perf_counter()
                    raw = client.chat.completions.with_raw_response.create(
                        model="tacit", messages=history)
                    spent = time.perf_counter() - start
                    reply = raw.parse()
                    in_turn = float(raw.headers["X-Tacit-Turn-Ms"]) / 1000
                    text = reply.choices[0].message.content or ""
                    history.append({"role": "assistant", "content": text})
                    with lock:
                        took.append(spent)
                        added.append(spent - in_turn)
                        # The fake model echoes the message: another's text is cross-talk.
                        wrong += not text.startswith(f"You said: {message(n)}")

            workers = [threading.Thread(target=person, args=(c,)) for c in range(clients)]
            for worker in workers:
                worker.start()
            ready.wait()
            start = time.perf_counter()
            for worker in workers:
                worker.join()
            wall = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=60)
    return took, added, wall, wrong


def main() -> None:
    p = parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--clients", default="1,4", help="people at once, comma-separated")
    p.add_argument("--requests", type=int, default=24, help="requests per run")
    args = p.parse_args()
    methods = pick_methods(args.methods, METHODS)
    requests = 6 if args.limit is not None else args.requests
    started, rows = now_iso(), []
    base: list[float] = []
    if "direct" in methods:
        base = direct(requests)
        rows += [Row("direct", "1 client", "requests_per_s", len(base) / sum(base)),
                 Row("direct", "1 client", "p50_ms", percentile(base, 50) * 1000),
                 Row("direct", "1 client", "p95_ms", percentile(base, 95) * 1000)]
    if "http" in methods:
        for clients in watch([int(c) for c in args.clients.split(",")], "loads"):
            took, added, wall, wrong = http(requests, clients)
            name = f"{clients} client{'s' if clients > 1 else ''}"
            rows += [Row("tacit", name, "requests_per_s", len(took) / wall),
                     Row("tacit", name, "p50_ms", percentile(took, 50) * 1000),
                     Row("tacit", name, "p95_ms", percentile(took, 95) * 1000),
                     Row("tacit", name, "added_p50_ms", percentile(added, 50) * 1000),
                     Row("tacit", name, "added_p95_ms", percentile(added, 95) * 1000),
                     Row("tacit", name, "replies_not_their_own", wrong)]
    print(table(rows))
    if args.out:
        write_json(args.out, benchmark="server_load", data=f"synthetic, {requests} requests",
                   machine=machine(["fastapi", "uvicorn", "openai"]), started=started,
                   rows=rows)


if __name__ == "__main__":
    main()

"""Memory at scale: one user with 100k turns in 2k sessions (generated text), plus neighbours.

Ingestion goes through the facade's import path (``Memory.import_sessions``: per session one
transaction and batched embedding in ``Memory.record_turns``, then the session is closed into
the tree: extractive summaries, incremental topic placement, periodic re-clustering; the next
session is embedded in a worker thread meanwhile). Then recall runs TaciTree
descent (method ``tacit``) and, side by side on the same queries, the flat hybrid search
(``hybrid``): latency p50/p95, and recall@10 of planted needles (a unique fact in one session,
asked about later). Peak RSS of the process is reported, and the CPU seconds ingestion took
(all threads), which other processes sharing the machine do not inflate as they do wall time.

    python bench/memory_scale.py [--out FILE] [--limit [N]] [--methods tacit,hybrid]

``--limit N`` ingests N turns (bare: 10,000) instead of 100,000; sessions hold 50 turns.
Two other users get a twentieth as many turns each, so every query filters a shared store.
"""

from __future__ import annotations

import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import Row, machine, now_iso, parser, percentile, pick_methods, table, watch
from common import write_json as save

BENCHMARK = "memory_scale"
METHODS = ("tacit", "hybrid")
TURNS_PER_SESSION = 50
QUERIES = 200
BUDGET = 900
TOPICS = {
    "garden": "roses compost tulips lettuce pruning seedlings greenhouse soil hedge",
    "running": "marathon intervals trail shoes pace tempo hills stretching race",
    "cooking": "risotto sourdough curry lentils oven spices dough simmer broth",
    "work": "deadline manager spreadsheet meeting budget client report review launch",
    "travel": "flight hostel passport museum train itinerary luggage beach visa",
    "music": "guitar chords concert playlist vinyl rehearsal drums melody choir",
    "health": "dentist vitamins sleep allergy physio appointment checkup knee",
    "family": "sister nephew birthday grandparents wedding cousins reunion kids",
    "money": "savings mortgage taxes pension invoice refund insurance rent",
    "reading": "novel library chapter poetry author bookclub essay biography",
    "tech": "laptop router backup python server keyboard update battery",
    "pets": "puppy vet leash kitten aquarium treats grooming walk",
}
OPENERS = ["Today I", "Yesterday I", "This week I", "I finally", "I want to", "I think I",
           "Last night I", "Tomorrow I will"]
VERBS = ["talked about", "worked on", "read about", "planned", "worried about", "enjoyed",
         "sorted out", "looked into"]


@dataclass
class InThread:
    """The embedder kept in this process (no ``process_spec``): history import then embeds
    in a thread beside the writes, the earlier design, for comparison."""

    inner: Any

    def __post_init__(self) -> None:
        self.dimensions = self.inner.dimensions

    def embed(self, texts: list[str]) -> Any:
        return self.inner.embed(texts)


def children_cpu() -> float:
    """CPU seconds of this process's ended child processes (the embedding process)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def sentence(rng: random.Random, topic: str) -> tuple[str, str]:
    words = TOPICS[topic].split()
    picked = rng.sample(words, 3)
    user = f"{rng.choice(OPENERS)} {rng.choice(VERBS)} the {picked[0]} and the {picked[1]}, " \
           f"also some {picked[2]}."
    reply = f"Noted about the {picked[0]}."
    return user, reply


def needle(rng: random.Random, n: int) -> tuple[str, str, str]:
    code = f"{rng.choice(['quokka', 'zebu', 'okapi', 'tapir', 'kiwi'])}-{rng.randint(100, 999)}"
    things = ["locker", "bike lock", "storage unit", "garage", "mailbox", "safe"]
    thing = things[n % len(things)]
    place = rng.choice(["gym", "office", "station", "harbour", "campus", "airport"])
    said = f"The {thing} code at the {place} number {n} is {code}, please remember it."
    return said, f"What is the {thing} code at the {place} number {n}?", code


def ingest(memory: Any, user: str, turns: int, rng: random.Random, needles: int,
           start: datetime) -> tuple[list[tuple[str, str]], int]:
    """Sessions of generated turns; returns (question, expected turn id) for the needles."""
    from memory.facade import ImportedSession

    sessions = max(1, turns // TURNS_PER_SESSION)
    planted = set(rng.sample(range(sessions), min(needles, sessions)))
    asked: list[tuple[str, str]] = []
    plans: list[tuple[str, int]] = []  # (question, index of the needle turn) per session

    def generated() -> Iterator[ImportedSession]:
        for s in range(sessions):
            when = start + timedelta(days=s // 3, hours=8 * (s % 3))
            topics = rng.sample(list(TOPICS), 2)
            pairs = [sentence(rng, topics[i % 2] if rng.random() < 0.8
                              else rng.choice(list(TOPICS))) for i in range(TURNS_PER_SESSION)]
            code_at, question = -1, ""
            if s in planted:
                said, question, _ = needle(rng, s)
                code_at = rng.randrange(TURNS_PER_SESSION)
                pairs[code_at] = (said, "I will remember that.")
            plans.append((question, code_at))
            yield ImportedSession(pairs, [when + timedelta(minutes=i) for i in range(len(pairs))])

    # Memory.import_sessions: record_turns and the tree's close per session, with the next
    # session embedded while the current one is written (two cores overlap).
    for n, (_, stored) in enumerate(memory.import_sessions(user, generated())):
        question, code_at = plans[n]
        if code_at >= 0:
            asked.append((question, stored[code_at].id))
    return asked, sessions


def main() -> int:
    p = parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--embed-in", choices=("process", "thread"), default="process",
                   help="where history import runs the model: a process of its own (as Tacit "
                   "does) or a thread beside the writes (the earlier design), for comparison")
    args = p.parse_args()
    methods = pick_methods(args.methods, METHODS)
    turns = 100_000 if args.limit is None else (args.limit or 10_000)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from memory.embedder import Embedder
    from memory.facade import Memory
    from memory.vectors import VectorIndex

    started_at = now_iso()
    clock = time.perf_counter()
    rng = random.Random(7)
    scratch = Path(tempfile.mkdtemp(prefix="tacit-scale-"))
    rows: list[Row] = []
    try:
        model = Embedder()
        model.embed(["warm up"])
        embedder = model if args.embed_in == "process" else InThread(model)
        memory = Memory.open(f"sqlite:///{scratch / 'tacit.db'}",
                             VectorIndex(embedder, path=scratch / "chroma"))  # type: ignore[arg-type]
        start = datetime(2022, 1, 1, tzinfo=UTC)
        for other in ("neighbour-1", "neighbour-2"):
            ingest(memory, other, max(TURNS_PER_SESSION, turns // 20), rng, 0, start)
        t0, cpu0, child0 = time.perf_counter(), time.process_time(), children_cpu()
        asked, sessions = ingest(memory, "scale", turns, rng, QUERIES // 2, start)
        ingest_s = time.perf_counter() - t0
        worker_cpu = children_cpu() - child0  # the embedding process, when there is one
        # all threads and the embedding process: what the work costs, load aside
        ingest_cpu = time.process_time() - cpu0 + worker_cpu
        label = f"N={turns // 1000}k"
        rows += [Row("tacit", label, "ingest_s", ingest_s),
                 Row("tacit", label, "turns_per_s", turns / ingest_s),
                 Row("tacit", label, "ingest_cpu_s", ingest_cpu),
                 Row("tacit", label, "embed_worker_cpu_s", worker_cpu),
                 Row("tacit", label, "turns_per_cpu_s", turns / ingest_cpu),
                 Row("tacit", label, "sessions", float(sessions))]
        levels = memory.tree.levels("scale")
        rows.append(Row("tacit", label, "topic_nodes", float(len(levels.get(2, [])))))
        topic_queries = [f"What did I say about the {w}?" for t in TOPICS.values()
                         for w in t.split()][: QUERIES - len(asked)]
        queries = [q for q, _ in asked] + topic_queries
        expected = dict(asked)

        from memory.facade import TURN

        def run(method: str, query: str) -> list[str]:
            if method == "tacit":
                found = memory.tree.descend("scale", query, BUDGET)
                return [e.id for e in found.leaves]
            return [h.id for h in memory.search("scale", query, k=10, kinds=[TURN])]

        for method in methods:
            for q in queries[:5]:
                run(method, q)  # warm caches
        for method in watch(methods, "methods"):
            ms, hits = [], 0
            for q in queries:
                t = time.perf_counter()
                got = run(method, q)
                ms.append((time.perf_counter() - t) * 1000)
                if q in expected and expected[q] in got[:10]:
                    hits += 1
            rows += [Row(method, label, "p50_ms", percentile(ms, 50)),
                     Row(method, label, "p95_ms", percentile(ms, 95)),
                     Row(method, label, "needle_recall@10", hits / max(len(expected), 1))]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(Row("tacit", label, "peak_rss_mb", peak_mb))
        if worker_cpu:
            worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            rows.append(Row("tacit", label, "embed_worker_peak_rss_mb", worker_mb))
        memory.engine.dispose()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    where = machine(["onnxruntime", "chromadb", "networkx"])
    print(f"{BENCHMARK} on {where}")
    print(table(rows))
    print(f"- {turns:,} turns for the measured user in sessions of {TURNS_PER_SESSION}, plus two "
          f"users with {max(TURNS_PER_SESSION, turns // 20):,} each; {QUERIES} queries "
          f"({len(asked)} about planted needles); tacit budget {BUDGET} tokens (words)")
    print(f"- embedder matmuls: {model.compute}; ingestion through "
          f"Memory.import_sessions (next session embedded in a {args.embed_in} while the "
          f"current one is written)")
    print(f"- took {time.perf_counter() - clock:.0f} s")
    if args.out:
        save(args.out, benchmark=BENCHMARK, data="synthetic (generated turns)", machine=where,
             started=started_at, rows=rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

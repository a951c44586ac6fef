"""LoCoMo: find the evidence for questions about very long multi-session conversations.

Each conversation is ingested (its ``conversation`` field only: sessions of utterances with
their dates) as one user's history through the memory facade, one utterance per turn, with
the real MiniLM embedder, SQLite FTS5 and Chroma. Then every question is asked of every
method, all over the same stores:

- ``dense``: flat top-k by embedding; ``bm25``: flat top-k by FTS5; ``hybrid``: the facade's
  flat hybrid search (dense + BM25, RRF) — each hands the model its top 10 turns;
- ``tacit``: TaciTree descent within ``--budget`` tokens (turns ranked first, then facts and
  the summaries on the path);
- ``full-context``: the whole conversation.

Metrics per slice (``cat1`` .. ``cat5``, ``cat1-4``, ``all``): turn-level evidence recall@5
and @10 (the first k turns retrieved), session-level recall@5 (the first 5 distinct sessions),
context tokens per question (the bundled model's tokenizer), retrieval latency p50/p95 (wall
time, and CPU time of the process, which other programs on the machine do not inflate), and
on a subset answer F1 (normalised token F1, Porter-stemmed) with the configured chat model.
Ingestion time is reported with extractive summaries (all sessions) and with model-written
summaries (``--model-sessions`` sessions, timed the same way). ``--pool`` also reports how much
evidence tacit's ranking holds at depths 20, 40 and 80 with the budget lifted
(``pool_recall@N``): the ceiling that a better reordering of its candidates could reach.

    python bench/locomo.py [--data FILE] [--out FILE] [--limit [N]] [--methods a,b]
                           [--budget 1200] [--f1-questions 40] [--model-sessions 3] [--pool]

``--limit N`` keeps the first N conversations (bare: 1).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import string
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import Row, machine, now_iso, parser, percentile, pick_methods, table, watch
from common import write_json as save
from tuning_flag import add_tuning, recall_tuning

BENCHMARK = "locomo"
METHODS = ("dense", "bm25", "hybrid", "tacit", "full-context")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "locomo" \
    / "locomo_dev.json"
FLAT_K = 10
POOL_DEPTHS = (20, 40, 80)
UNBUDGETED = 10**6
EVIDENCE = re.compile(r"D(\d+):(\d+)")
SLICES = ("cat1", "cat2", "cat3", "cat4", "cat5", "cat1-4", "all")


@dataclass
class Asked:
    """One question's outcome for one method."""

    category: int
    recall5: float | None
    recall10: float | None
    session5: float | None
    tokens: int
    ms: float
    cpu_ms: float = 0.0   # CPU time of the process (all threads): other load does not inflate it
    f1: float | None = None
    pool: dict[int, float | None] = field(default_factory=dict)  # depth -> recall, no budget


@dataclass
class Store:
    memory: Any
    user: str
    turn_of: dict[str, str] = field(default_factory=dict)      # dia_id -> turn id
    dia_of: dict[str, str] = field(default_factory=dict)       # turn id -> dia_id
    lines: list[str] = field(default_factory=list)             # the whole conversation


def load(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text("utf-8"))
    return data if isinstance(data, list) else [data]


def parse_date(text: str) -> datetime:
    """LoCoMo's ``1:56 pm on 8 May, 2023``."""
    return datetime.strptime(text.strip(), "%I:%M %p on %d %B, %Y").replace(tzinfo=UTC)


def utterance(turn: dict[str, Any]) -> str:
    said = f"{turn['speaker']}: {turn['text']}"
    if turn.get("blip_caption"):
        said += f" [shares a photo: {turn['blip_caption']}]"
    return said


def ingest(memory: Any, sample: dict[str, Any]) -> tuple[Store, float, list[str]]:
    """The conversation into the stores (sessions in order); seconds; session ids."""
    from datetime import timedelta

    conv = sample["conversation"]  # the only field read besides qa
    user = str(sample.get("sample_id", "conv"))
    store = Store(memory, user)
    numbers = sorted(int(k.split("_")[1]) for k in conv
                     if re.fullmatch(r"session_\d+", k) and conv[k])
    started = time.perf_counter()
    session_ids = []
    for n in numbers:
        when = parse_date(conv[f"session_{n}_date_time"])
        session = memory.start_session(user, at=when)
        turns = conv[f"session_{n}"]
        pairs = [(utterance(t), "") for t in turns]
        dates = [when + timedelta(seconds=30 * i) for i in range(len(turns))]
        stored = memory.record_turns(user, session.id, pairs, at=dates)
        for t, row in zip(turns, stored, strict=True):
            store.turn_of[t["dia_id"]] = row.id
            store.dia_of[row.id] = t["dia_id"]
            store.lines.append(f"[{when:%d %B %Y}] {utterance(t)}")
        session_ids.append(session.id)
    for sid in session_ids:
        memory.tree.close_session(user, sid, recluster=False)
    memory.tree.recluster(user)
    return store, time.perf_counter() - started, session_ids


def evidence_of(qa: dict[str, Any]) -> list[str]:
    return [f"D{a}:{b}" for a, b in EVIDENCE.findall(" ".join(map(str, qa.get("evidence", []))))]


def session_of(dia: str) -> str:
    return dia.split(":")[0]


def recall_at(ranked: list[str], gold: list[str], k: int) -> float | None:
    if not gold:
        return None
    return len(set(ranked[:k]) & set(gold)) / len(set(gold))


def session_recall(ranked: list[str], gold: list[str], k: int = 5) -> float | None:
    if not gold:
        return None
    sessions: list[str] = []
    for dia in ranked:
        s = session_of(dia)
        if s not in sessions:
            sessions.append(s)
    wanted = {session_of(g) for g in gold}
    return len(set(sessions[:k]) & wanted) / len(wanted)


def retrieve(method: str, store: Store, question: str, budget: int,
             count: Any) -> tuple[list[str], list[str]]:
    """(ranked dia ids, context lines handed to the model)."""
    from memory import lexical

    memory, user = store.memory, store.user
    if method == "tacit":
        found = memory.tree.descend(user, question, budget, count_tokens=count)
        leaves = [store.dia_of[e.id] for e in found.leaves if e.id in store.dia_of]
        return leaves, [e.text for e in found.entries]
    if method == "full-context":
        return [], store.lines
    if method == "dense":
        ids = [h.id for h in memory.vectors.query(user, question, FLAT_K, ["turn"])]
    elif method == "bm25":
        with memory.stores.read() as db:
            ids = [d for d, _ in lexical.search(db, user, question, FLAT_K, ["turn"])]
    else:
        ids = [h.id for h in memory.search(user, question, k=FLAT_K, kinds=["turn"])]
    dias = [store.dia_of[i] for i in ids if i in store.dia_of]
    index = {d: i for i, d in enumerate(store.turn_of)}
    return dias, [store.lines[index[d]] for d in dias]


# Answer F1 ----------------------------------------------------------------------------------
_STEM: Any = None


def _tokens(text: str) -> list[str]:
    global _STEM
    if _STEM is None:
        from nltk.stem import PorterStemmer

        _STEM = PorterStemmer()
    text = str(text).lower().translate(str.maketrans("", "", string.punctuation))
    return [_STEM.stem(w) for w in text.split() if w not in ("a", "an", "the", "and")]


def token_f1(prediction: str, gold: str) -> float:
    pred, want = _tokens(prediction), _tokens(gold)
    if not pred or not want:
        return float(pred == want)
    common = sum((Counter(pred) & Counter(want)).values())
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(want)
    return 2 * precision * recall / (precision + recall)


def answer_f1(prediction: str, gold: Any, category: int) -> float:
    """Category 1 answers are lists: each gold part scored against the prediction."""
    if category == 1:
        parts = [p for p in str(gold).split(",") if p.strip()]
        return sum(token_f1(prediction, p) for p in parts) / max(len(parts), 1)
    return token_f1(prediction, str(gold))


def answer(model: Any, context: list[str], question: str) -> str:
    system = ("Answer the question from these memories of a conversation, in a few words. "
              "Memories:\n" + "\n".join(context))
    return model.complete([{"role": "system", "content": system},
                           {"role": "user", "content": question}], max_tokens=24,
                          temperature=0.0).strip()


# Main ---------------------------------------------------------------------------------------
def main() -> int:
    p = parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--budget", type=int, default=1200, help="tacit's token budget")
    p.add_argument("--f1-questions", type=int, default=40,
                   help="questions (categories 1-4, spread over the run) answered by the model")
    p.add_argument("--model-sessions", type=int, default=3,
                   help="sessions summarized by the model to time model-written summaries")
    p.add_argument("--pool", action="store_true",
                   help="also report tacit's evidence recall at depths 20/40/80, budget lifted")
    add_tuning(p)
    args = p.parse_args()
    tuning = recall_tuning(args.tuning)
    data = args.data / "locomo_dev.json" if args.data.is_dir() else args.data
    if not data.is_file():
        print(f"locomo: skipped, no data at {data} (pass --data FILE)")
        return 0
    methods = pick_methods(args.methods, METHODS)
    samples = load(data)
    if args.limit is not None:
        samples = samples[: args.limit or 1]

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from turn_overhead import count_tokens as tokens_of

    count_tokens = functools.lru_cache(maxsize=None)(tokens_of)  # lines repeat across questions

    from memory.embedder import Embedder
    from memory.facade import Memory
    from memory.vectors import VectorIndex

    started = now_iso()
    clock = time.perf_counter()
    embedder = Embedder()
    embedder.embed(["warm up"])
    results: dict[str, list[Asked]] = defaultdict(list)
    ingest_s, turns_total, sessions_total = 0.0, 0, 0
    scratch = Path(tempfile.mkdtemp(prefix="tacit-locomo-"))
    memory = Memory.open(f"sqlite:///{scratch / 'tacit.db'}",
                         VectorIndex(embedder, path=scratch / "chroma"), tuning)
    stores: list[tuple[Store, list[dict[str, Any]], list[str]]] = []
    for sample in watch(samples, "conversations stored"):
        store, seconds, session_ids = ingest(memory, sample)
        ingest_s += seconds
        turns_total += len(store.turn_of)
        sessions_total += len(session_ids)
        stores.append((store, sample["qa"], session_ids))

    for store, qas, _ in watch(stores, "conversations asked"):
        for method in methods:
            retrieve(method, store, "warm up the caches", args.budget, count_tokens)
        for qa in qas:
            gold = evidence_of(qa)
            for method in methods:
                t0, c0 = time.perf_counter(), time.process_time()
                ranked, context = retrieve(method, store, qa["question"], args.budget,
                                           count_tokens)
                ms = (time.perf_counter() - t0) * 1000
                cpu_ms = (time.process_time() - c0) * 1000
                tokens = sum(count_tokens(line) for line in context)
                full = method == "full-context"
                results[method].append(Asked(
                    int(qa["category"]), None if full else recall_at(ranked, gold, 5),
                    None if full else recall_at(ranked, gold, 10),
                    None if full else session_recall(ranked, gold), tokens, ms, cpu_ms))
            if args.pool and "tacit" in methods:
                deep, _ = retrieve("tacit", store, qa["question"], UNBUDGETED, count_tokens)
                results["tacit"][-1].pool = {n: recall_at(deep, gold, n) for n in POOL_DEPTHS}

    rows: list[Row] = []
    notes: list[str] = []
    f1_methods = [m for m in methods if m != "full-context"]
    if args.f1_questions and f1_methods:
        notes.append(score_answers(stores, results, f1_methods, args, count_tokens))
    for method in methods:
        rows.extend(summarize(method, results[method]))
    rows.append(Row("tacit", "summaries=extractive", "ingest_s", ingest_s))
    rows.append(Row("tacit", "summaries=extractive", "turns_per_s", turns_total / ingest_s))
    if args.model_sessions:
        rows.extend(model_summary_timing(memory, stores, args.model_sessions, embedder))
    where = machine(["llama-cpp-python", "onnxruntime", "chromadb", "networkx"])
    print(f"{BENCHMARK} on {where}")
    print(f"data: {data} ({len(samples)} conversations, {sessions_total} sessions, "
          f"{turns_total} turns, {sum(len(q) for _, q, _ in stores)} questions)")
    print(table(rows))
    notes.append(f"flat methods hand over their top {FLAT_K} turns; tacit spends up to "
                 f"{args.budget} tokens; full-context holds every turn")
    if args.tuning:
        notes.append(f"recall tuning overridden: {', '.join(args.tuning)}")
    for note in notes:
        print(f"- {note}")
    print(f"- took {time.perf_counter() - clock:.0f} s")
    if args.out:
        save(args.out, benchmark=BENCHMARK, data=str(data), machine=where, started=started,
             rows=rows)
    memory.engine.dispose()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def in_slice(category: int, name: str) -> bool:
    if name == "all":
        return True
    if name == "cat1-4":
        return 1 <= category <= 4
    return name == f"cat{category}"


def summarize(method: str, asked: list[Asked]) -> list[Row]:
    rows: list[Row] = []
    for name in SLICES:
        chosen = [a for a in asked if in_slice(a.category, name)]
        if not chosen:
            continue

        def mean(values: list[float | None]) -> float:
            kept = [v for v in values if v is not None]
            return sum(kept) / len(kept) if kept else float("nan")

        if method != "full-context":
            rows.append(Row(method, name, "recall@5", mean([a.recall5 for a in chosen])))
            rows.append(Row(method, name, "recall@10", mean([a.recall10 for a in chosen])))
            rows.append(Row(method, name, "session_recall@5",
                            mean([a.session5 for a in chosen])))
            for n in POOL_DEPTHS:
                if any(a.pool for a in chosen):
                    rows.append(Row(method, name, f"pool_recall@{n}",
                                    mean([a.pool.get(n) for a in chosen])))
        rows.append(Row(method, name, "context_tokens", mean([float(a.tokens) for a in chosen])))
        f1 = [a.f1 for a in chosen if a.f1 is not None]
        if f1:
            rows.append(Row(method, name, "f1", sum(f1) / len(f1)))
            rows.append(Row(method, name, "f1_questions", float(len(f1))))
        if name == "all":
            ms = [a.ms for a in chosen]
            rows.append(Row(method, name, "p50_ms", percentile(ms, 50)))
            rows.append(Row(method, name, "p95_ms", percentile(ms, 95)))
            cpu = [a.cpu_ms for a in chosen]
            rows.append(Row(method, name, "p50_cpu_ms", percentile(cpu, 50)))
            rows.append(Row(method, name, "p95_cpu_ms", percentile(cpu, 95)))
    return rows


def score_answers(stores: list[tuple[Store, list[dict[str, Any]], list[str]]],
                  results: dict[str, list[Asked]], methods: list[str], args: Any,
                  count: Any) -> str:
    """Answer a spread of category 1-4 questions with the configured chat model."""
    from assistant.models import create_model
    from assistant.settings import load_settings

    spec = load_settings().chat.model_copy(update={"temperature": 0.0, "n_ctx": 4096})
    model = create_model(spec)
    flat: list[tuple[Store, dict[str, Any], int]] = []
    position = 0
    for store, qas, _ in stores:
        for qa in qas:
            flat.append((store, qa, position))
            position += 1
    eligible = [f for f in flat if 1 <= int(f[1]["category"]) <= 4]
    step = max(1, len(eligible) // max(args.f1_questions, 1))
    chosen = eligible[::step][: args.f1_questions]
    for store, qa, pos in chosen:
        for method in methods:
            _, context = retrieve(method, store, qa["question"], args.budget, count)
            reply = answer(model, context, qa["question"])
            results[method][pos].f1 = answer_f1(reply, qa["answer"], int(qa["category"]))
    return (f"answer F1: {len(chosen)} category 1-4 questions, evenly spread, answered by "
            f"{model.name} at temperature 0 (max 24 tokens); full-context is not answered "
            "(the conversation exceeds the model's context window)")


def model_summary_timing(memory: Any, stores: list[tuple[Store, Any, list[str]]], n: int,
                         embedder: Any) -> list[Row]:
    """Seconds per session to close it with extractive vs model-written summaries."""
    from agents.summarize import make_summarizer
    from assistant.models import create_model
    from assistant.settings import load_settings

    store, _, session_ids = stores[0]
    chosen = session_ids[:n]
    spec = load_settings().role("summarizer").model_copy(update={"temperature": 0.0,
                                                                 "n_ctx": 4096,
                                                                 "max_tokens": 96})
    model = create_model(spec)
    summarizer = make_summarizer(model)
    rows = []
    failures = 0
    for label, chosen_summarizer in (("extractive", None), ("model", summarizer)):
        t0 = time.perf_counter()
        for sid in chosen:
            node = memory.tree.close_session(store.user, sid, recluster=False,
                                             summarizer=chosen_summarizer)
            if label == "model" and node is not None and node.meta.get("method") != "model":
                failures += 1
        per = (time.perf_counter() - t0) / len(chosen)
        rows.append(Row("tacit", f"summaries={label}", "s_per_session", per))
    rows.append(Row("tacit", "summaries=model", "fallbacks", float(failures)))
    rows.append(Row("tacit", "summaries=model", "sessions_timed", float(len(chosen))))
    return rows


if __name__ == "__main__":
    sys.exit(main())

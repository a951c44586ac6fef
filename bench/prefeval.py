"""PrefEval: does a preference stated long ago still reach the responder?

Per item a fresh user states a preference, in one of three forms: ``explicit`` (the statement
itself), ``implicit-choice`` (a choice among options the assistant offered) or
``implicit-persona`` (mentioned in passing in a chat about something else). Then N unrelated
turns from ``filtered_inter_turns.json`` follow (N = 0, 10, 50, 100, 300), stored the way an
imported history is (``Memory.record_turns`` per session: SQL, FTS5, Chroma, the bundled
embedder), with rule-based capture and facts on the turns where the rules find something and
the memory tree kept current, and the question is asked. The preference turns themselves go
through the full memorize path. Measured:

- ``recall@5`` / ``recall@10``: is the preference turn (or a memory item derived from it) among
  the first k entries recall hands the responder (method ``tacit``), or among the first k turns
  by plain cosine similarity to the question (method ``dense``);
- ``mcq_accuracy`` (method ``mcq``): the default model picks among the four shuffled MCQ
  answers, with Tacit's recall at the largest N (rows ``tacit``) and without any memory (rows
  ``no-memory``);
- ``handover`` (method ``tacit``, ``asked=own``): right after the preference is stated, how
  often a preference is handed over for the item's own question (a floor under recall@5 at
  any N: a preference handed over comes first);
- ``false_handover`` (method ``tacit``): right after the preference is stated, how often some
  preference is handed over for requests it does not bear on: the first user message of each
  distractor conversation (slice ``...,asked=distractors``) and one question of every other
  PrefEval topic (``asked=other-topics``; personal requests in other areas, some of which a
  preference may well bear on); ``false_handover_firm`` leaves out the closest preference
  handed over, marked as maybe, to a request for the person when none clears the bar;
- ``mentions`` (methods ``tacit,mentions``, bundled model, greedy): right after the
  preference is stated, the model answers the item's own question and its first two
  other-topic requests twice, with the prompt respond writes and with no memory; the share of
  requests where memory brings a content word of the preference into the reply (one neither
  the request nor the reply without memory holds). Over other topics it is
  over-personalization end to end; over the own question only a rough sign of use (a
  preference against something can prime it: the word counts either way);
- capture on the explicit statements, with the default model as extractor: ``faithful`` (one
  item kept that carries the statement's words and sense), ``ungrounded`` (stored items with
  words the user did not say, or a negation lost; target 0), and latency ``p50_ms``/``p95_ms``.

    python bench/prefeval.py [--data DIR] [--out FILE] [--limit N | --per-topic N]
                             [--methods ...] [--ns 0,10] [--forms explicit] [--misses]

``--limit N`` takes the first N items of each topic, ``--per-topic N`` N items spread evenly
over each topic. A full run stores 300 distractor turns for each of 2,076 item-forms: they are
stored in batches (one per session and checkpoint, through ``Memory.record_turns``), each item
is its own user, and the throw-away stores live in ``/dev/shm`` when there is one, about 1-3 s
per item-form on two shared cores.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import (  # noqa: E402
    Row,
    machine,
    now_iso,
    parser,
    percentile,
    pick_methods,
    table,
    watch,
    write_json,
)
from tuning_flag import add_tuning, recall_tuning, turn_tuning  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "prefeval"
METHODS = ("tacit", "dense", "mcq", "capture", "mentions")
FORMS = ("explicit", "implicit-choice", "implicit-persona")
ACK = "Understood."
SHM = Path("/dev/shm")


class CachedEmbedder:
    """The bundled embedder, remembering vectors: distractor turns repeat for every item."""

    def __init__(self) -> None:
        from memory.embedder import Embedder

        self.inner = Embedder()
        self.cache: dict[str, Any] = {}
        self.name, self.dimensions = self.inner.name, self.inner.dimensions

    def embed(self, texts: list[str]) -> Any:
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self.cache[text] = vector
        return np.vstack([self.cache[t] for t in texts]) if texts else self.inner.embed([])


def load(data: Path, limit: int | None, topics: int | None = None,
         per_topic: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Items per form; each carries its topic, question, preference and MCQ options.

    ``limit`` keeps the first items of each topic; ``per_topic`` keeps that many spread
    evenly over each topic's list (a stratified sample: same items in every form).
    """
    forms: dict[str, list[dict[str, Any]]] = {f: [] for f in FORMS}
    folders = {"explicit": data / "explicit_preference",
               "implicit-choice": data / "implicit_preference" / "choice-based",
               "implicit-persona": data / "implicit_preference" / "persona-driven"}
    for form, folder in folders.items():
        for file in sorted(folder.glob("*.json"))[: topics or None]:
            items = json.loads(file.read_text("utf-8"))[: limit or None]
            if per_topic and per_topic < len(items):
                step = len(items) / per_topic
                items = [items[int(i * step)] for i in range(per_topic)]
            options = {}
            mcq = data / "mcq_options" / file.name
            if mcq.exists():
                options = {m["question"]: m["classification_task_options"]
                           for m in json.loads(mcq.read_text("utf-8"))}
            for item in items:
                forms[form].append({**item, "topic": file.stem,
                                    "options": options.get(item["question"])})
    return forms


def preference_turns(item: dict[str, Any], form: str,
                     embedder: Any = None) -> tuple[list[tuple[str, str]], list[int]]:
    """The turns that state or reveal the preference, and which of them reveal it.

    A persona chat does not mark the turn that reveals the preference: two proxies name it,
    the user turn sharing the most words with the preference and (given an embedder) the one
    closest to it in meaning; the first is the strict gold (``*_word_gold`` rows).
    """
    if form == "explicit":
        return [(item["preference"], ACK)], [0]
    conv = item["conversation"]
    if form == "implicit-choice":
        return [(conv["query"], conv["assistant_options"]),
                (conv["user_selection"], conv["assistant_acknowledgment"])], [1]
    ordered = sorted(conv.items(), key=lambda kv: int(kv[0]))
    turns = [(t["user"], t["assistant"]) for _, t in ordered]
    wanted = _words(item["preference"])
    best = max(range(len(turns)), key=lambda i: len(wanted & _words(turns[i][0])))
    reveal = [best]
    if embedder is not None:
        vectors = embedder.embed([item["preference"], *(u for u, _ in turns)])
        closest = int((vectors[1:] @ vectors[0]).argmax())
        if closest != best:
            reveal.append(closest)
    return turns, reveal


def unrelated_requests(data: Path, pairs: list[tuple[str, str, int]]
                       ) -> dict[str, dict[str, list[str]]]:
    """Requests a user's one preference should mostly not bear on, by the item's topic.

    ``distractors``: the first user message of each distractor conversation (the same for
    every topic, key ""); ``other-topics``: the first question of every other topic.
    """
    firsts: dict[int, str] = {}
    for user_text, _reply, conv in pairs:
        firsts.setdefault(conv, user_text)
    questions = {}
    for file in sorted((data / "explicit_preference").glob("*.json")):
        items = json.loads(file.read_text("utf-8"))
        if items:
            questions[file.stem] = items[0]["question"]
    return {"distractors": {"": list(firsts.values())},
            "other-topics": {topic: [q for t, q in questions.items() if t != topic]
                             for topic in questions}}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


def distractors(data: Path) -> list[tuple[str, str, int]]:
    """(user, assistant, conversation number) pairs in order."""
    pairs = []
    for n, conv in enumerate(json.loads((data / "filtered_inter_turns.json").read_text("utf-8"))):
        msgs = conv["conversation"]
        for a, b in zip(msgs[::2], msgs[1::2], strict=False):
            if a["role"] == "user" and b["role"] == "assistant":
                pairs.append((a["content"], b["content"], n))
    return pairs


Batch = tuple[int, int, list[tuple[str, str]]]  # conversation, index of its first pair, pairs


def segments(pairs: list[tuple[str, str, int]], ns: list[int]) -> list[list[Batch]]:
    """For each checkpoint, the distractor turns stored since the one before, in batches.

    A batch is a run of turns of one conversation (one session): it is stored with one
    transaction and one vector upsert, as an imported history is.
    """
    plan: list[list[Batch]] = []
    done = 0
    for n in ns:
        batches: list[Batch] = []
        while done < min(n, len(pairs)):
            u, a, conv = pairs[done]
            if batches and batches[-1][0] == conv:
                batches[-1][2].append((u, a))
            else:
                batches.append((conv, done, [(u, a)]))
            done += 1
        plan.append(batches)
    return plan


def notable_turns(pairs: list[tuple[str, str, int]],
                  tuning: Any = None) -> dict[int, tuple[bool, bool]]:
    """Distractor turns in which memorize finds something (capture, facts), by index.

    Both readings are rule-based and depend only on the turn and the reply before it, so they
    are the same for every user: the other turns store nothing beyond themselves.
    """
    from agents.capture import capture
    from memory.facts import find_facts

    out: dict[int, tuple[bool, bool]] = {}
    for i, (u, _a, conv) in enumerate(pairs):
        before = pairs[i - 1][1] if i and pairs[i - 1][2] == conv else ""
        found = capture(u, previous_reply=before, tuning=tuning)
        noted = bool(found.candidates or found.rejected)
        facts = bool(find_facts(u))
        if noted or facts:
            out[i] = (noted, facts)
    return out


class Stores:
    """Stores for the run's users: each item is its own user, isolated by ``user_id``.

    A store is dropped whole after ``every`` users (deleting a user row by row costs more than
    the user's turns took to store); ``every=0`` keeps one store and forgets each user.
    """

    def __init__(self, embedder: Any, every: int, under: Path | None,
                 tuning: Any = None) -> None:
        self.embedder, self.every, self.under = embedder, every, under
        self.tuning = tuning
        self.current: Any = None
        self.users = 0
        self.folder: Path | None = None

    def memory(self) -> Any:
        from memory.facade import Memory
        from memory.vectors import VectorIndex

        if self.current is None:
            self.folder = Path(tempfile.mkdtemp(prefix="tacit-prefeval-", dir=self.under))
            self.current = Memory.open(f"sqlite:///{self.folder / 'tacit.db'}",
                                       VectorIndex(self.embedder, path=self.folder / "v"),
                                       self.tuning)
        return self.current

    def done(self, user: str) -> None:
        self.users += 1
        if self.every <= 0:
            self.current.forget_user(user)
        elif self.users % self.every == 0:
            self.close()

    def close(self) -> None:
        if self.current is None:
            return
        self.current.engine.dispose()
        self.current = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def main() -> int:
    p = parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--ns", default="0,10,50,100,300", help="distractor counts")
    p.add_argument("--forms", default=",".join(FORMS))
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--topics", type=int, help="only the first N topics (alphabetical)")
    p.add_argument("--per-topic", type=int,
                   help="a stratified sample: N items per topic, spread evenly over its list")
    p.add_argument("--store-every", type=int, default=25,
                   help="users per store before it is dropped (0: one store, forget each user)")
    p.add_argument("--tmp", type=Path, default=SHM if SHM.is_dir() else None,
                   help="folder for the throw-away stores (default: /dev/shm when there is "
                        "one: the stores are real, only the disk syncs are spared)")
    p.add_argument("--split", action="store_true",
                   help="also report the first 7 topics by name (on which recall's floors "
                        "were set) and the other 7 (held out) apart")
    p.add_argument("--shard", help="I/N: run every N-th item from the I-th (0-based), to split "
                   "a full run over N processes; pool the rows by their item counts")
    p.add_argument("--misses", action="store_true",
                   help="print what recall returned when the preference is not in the top 5")
    add_tuning(p)
    args = p.parse_args()
    tuning, turn = recall_tuning(args.tuning), turn_tuning(args.tuning)
    if not (args.data / "explicit_preference").exists():
        print(f"prefeval: no data at {args.data}; skipping.")
        return 0
    methods = pick_methods(args.methods, METHODS)
    ns = sorted(int(n) for n in args.ns.split(","))
    forms_wanted = [f for f in args.forms.split(",") if f]
    data = load(args.data, args.limit, args.topics, args.per_topic)
    if args.shard:  # "I/N": every N-th item from the I-th, so N processes share a full run
        part, parts = (int(x) for x in args.shard.split("/"))
        data = {form: items[part::parts] for form, items in data.items()}
    pairs = distractors(args.data)
    started = now_iso()

    from agents.preference_recall import preferences_for
    from agents.recall import recall
    from agents.state import TurnContext
    from assistant.models.fake import FakeModel

    embedder = CachedEmbedder()
    stores = Stores(embedder, every=args.store_every, under=args.tmp, tuning=tuning)
    counter = FakeModel(context_window=4096)  # counts tokens for recall's budget
    model = None
    if "mcq" in methods or "capture" in methods or "mentions" in methods:
        from assistant.models import create_model
        from assistant.settings import load_settings

        model = create_model(load_settings().chat)

    unrelated = unrelated_requests(args.data, pairs)
    handed: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    tuned = set(sorted({i["topic"] for f in data.values() for i in f})[:7])
    plan = segments(pairs, ns)
    notable = notable_turns(pairs, turn)
    rows: list[Row] = []
    hits: dict[tuple[str, str, int, int], list[float]] = defaultdict(list)
    mcq: dict[tuple[str, str], list[float]] = defaultdict(list)
    mentioned: dict[tuple[str, str], list[float]] = defaultdict(list)
    rng = random.Random(args.seed)
    ingest_ms: list[float] = []
    recall_ms: list[float] = []
    item_s: list[float] = []
    want_retrieval = "tacit" in methods or "dense" in methods or "mcq" in methods
    for form in forms_wanted if want_retrieval else []:
        for idx, item in watch(list(enumerate(data[form])), f"{form} items"):
            t_item = time.perf_counter()
            memory = stores.memory()
            user = f"{form}-{idx}"
            ctx = TurnContext(model=counter, memory=memory, tuning=turn)
            first = memory.start_session(user)
            turns, reveal = preference_turns(item, form, embedder)
            previous = ""
            stored: list[str] = []
            for u, a in turns:
                stored.append(_store(ctx, user, first.id, u, a, previous))
                previous = a
            golds = [stored[n] for n in reveal]  # the strict gold first
            if "tacit" in methods:
                half = ""
                if args.split:
                    half = ",topics=tune" if item["topic"] in tuned else ",topics=held-out"
                asking = {"own": {"": [item["question"]]}, **unrelated}
                for asked, requests in asking.items():
                    for request in requests.get(item["topic"], requests.get("", [])):
                        given = preferences_for(memory, user, request, counter.count_tokens)
                        firm = any(g.matched_by != ["closest"] for g in given)
                        for where in {form, form + half}:
                            handed[(where, asked, "")].append(float(bool(given)))
                            handed[(where, asked, "_firm")].append(float(firm))
                    if "mentions" in methods:
                        for asked, request in _mention_requests(item, unrelated):
                            said = _mentions(model, memory, user, request, counter)
                            for where in {form, form + half}:
                                mentioned[(where, asked)].append(said)
            sessions: dict[int, str] = {}
            for n, batches in zip(ns, plan, strict=True):
                t0 = time.perf_counter()
                for conv, start, batch in batches:
                    if conv not in sessions:
                        sessions[conv] = memory.start_session(user).id
                    _store_batch(ctx, user, sessions[conv], start, batch, pairs, notable)
                ingest_ms.append((time.perf_counter() - t0) * 1000)
                ask = memory.start_session(user)
                state = {"user_id": user, "session_id": ask.id, "message": item["question"]}
                t0 = time.perf_counter()
                update = recall(state, SimpleNamespace(context=ctx))  # type: ignore[arg-type]
                recall_ms.append((time.perf_counter() - t0) * 1000)
                ids = [r.id for r in update["recalled"]]
                found_by: dict[str, list[str]] = {}
                if "tacit" in methods:
                    found_by["tacit"] = ids
                if "dense" in methods:
                    found_by["dense"] = [h.id for h in memory.vectors.query(
                        user, item["question"], 10, ["turn"])]
                for method, got in found_by.items():
                    rank = _rank(memory, user, got, golds)
                    strict = _rank(memory, user, got, golds[:1])
                    halves = [""]
                    if args.split:
                        halves.append(",topics=tune" if item["topic"] in tuned
                                      else ",topics=held-out")
                    for k in (5, 10):
                        for half in halves:
                            hits[(method, form + half, n, k)].append(
                                float(rank is not None and rank < k))
                        if form == "implicit-persona":
                            hits[(method, form + "*", n, k)].append(
                                float(strict is not None and strict < k))
                    if method == "tacit" and args.misses and n == ns[-1] and \
                            (rank is None or rank >= 5):
                        _show_miss(form, item, update)
                if n == ns[-1] and model is not None and item.get("options") and \
                        "mcq" in methods:
                    mcq[("tacit", form)].append(_mcq(model, item, update, rng))
                    mcq[("no-memory", form)].append(_mcq(model, item, None, rng))
            stores.done(user)
            item_s.append(time.perf_counter() - t_item)
            print(f"{form} {idx + 1}/{len(data[form])} {item_s[-1]:.2f}s", file=sys.stderr,
                  flush=True)
    stores.close()

    for (method, form, n, k), values in sorted(hits.items()):
        metric = f"recall@{k}_word_gold" if form.endswith("*") else f"recall@{k}"
        form, _, half = form.partition(",")
        rows.append(Row(method, f"form={form.rstrip('*')},N={n}" + (f",{half}" if half else ""),
                        metric,
                        round(sum(values) / len(values), 4)))
        if k == 5 and not form.endswith("*"):  # counts let shards be pooled
            rows.append(Row(method, f"form={form},N={n}" + (f",{half}" if half else ""),
                            "items", len(values)))
    for (form, asked, firm), values in sorted(handed.items()):
        form, _, half = form.partition(",")
        metric = ("handover" if asked == "own" else "false_handover") + firm
        rows.append(Row("tacit", f"form={form},asked={asked}" + (f",{half}" if half else ""),
                        metric, round(sum(values) / len(values), 4)))
    for (form, asked), values in sorted(mentioned.items()):
        form, _, half = form.partition(",")
        rows.append(Row("tacit", f"form={form},asked={asked}" + (f",{half}" if half else ""),
                        "mentions", round(sum(values) / len(values), 4)))
    for (method, form), values in sorted(mcq.items()):
        rows.append(Row(method, f"form={form},N={ns[-1]}", "mcq_accuracy",
                        round(sum(values) / len(values), 4)))
        rows.append(Row(method, f"form={form},N={ns[-1]}", "mcq_items", len(values)))
    if "capture" in methods and model is not None:
        rows.extend(_capture_quality(stores.memory(), model, data["explicit"], turn))
        stores.close()
    print(table(rows))
    print(f"items per form: {', '.join(f'{f}={len(data[f])}' for f in forms_wanted)}; "
          f"ingest p50 per checkpoint {percentile(ingest_ms, 50):.0f} ms; recall p50/p95 "
          f"{percentile(recall_ms, 50):.0f}/{percentile(recall_ms, 95):.0f} ms; "
          f"per item {percentile(item_s, 50):.2f} s p50, {sum(item_s):.0f} s in all")
    if args.out:
        write_json(args.out, benchmark="prefeval", data=str(args.data),
                   machine=machine(["chromadb", "onnxruntime", "llama_cpp_python"]),
                   started=started, rows=rows)
    return 0


def _store(ctx: Any, user: str, session_id: str, user_text: str, reply: str,
           previous_reply: str) -> str:
    """One turn, stored as memorize stores it (capture by rules; facts; the tree)."""
    from agents.memory_upkeep import update_memory
    from agents.noting import prepare

    noting = prepare(ctx.memory, user, user_text, previous_reply=previous_reply,
                     tuning=ctx.tuning)
    turn = ctx.memory.record_turn(user, session_id, user_text, reply, {})
    noting.commit(ctx.memory, user, turn.id)
    update_memory(ctx, {"user_id": user, "session_id": session_id, "message": user_text,
                        "reply": reply}, turn.id)
    return str(turn.id)


def _store_batch(ctx: Any, user: str, session_id: str, start: int,
                 batch: list[tuple[str, str]], pairs: list[tuple[str, str, int]],
                 notable: dict[int, tuple[bool, bool]]) -> None:
    """Distractor turns of one session, stored as memorize stores them, in one batch.

    One transaction and one vector upsert for the turns; capture and facts only for the
    turns where the rules find something; the memory tree is brought up to date once.
    """
    from agents.learn_facts import learn_facts
    from agents.noting import prepare

    memory = ctx.memory
    notings: dict[int, Any] = {}
    replies = []
    for offset, (u, a) in enumerate(batch):
        i = start + offset
        noted, _facts = notable.get(i, (False, False))
        if noted:
            before = pairs[i - 1][1] if i and pairs[i - 1][2] == pairs[i][2] else ""
            notings[offset] = prepare(memory, user, u, previous_reply=before,
                                      tuning=ctx.tuning)
            a += notings[offset].note()
        replies.append((u, a))
    turns = memory.record_turns(user, session_id, replies)
    for offset, turn in enumerate(turns):
        i = start + offset
        if offset in notings:
            notings[offset].commit(memory, user, turn.id)
        if notable.get(i, (False, False))[1]:
            learn_facts(memory, {"user_id": user, "session_id": session_id,
                                 "message": turn.user_text}, turn.id, None)
    memory.tree.reopen(user, session_id)
    memory.tree.close_open(user, keep=session_id)


def _show_miss(form: str, item: dict[str, Any], update: dict[str, Any]) -> None:
    print(f"MISS {form} [{item['topic']}] pref={item['preference']!r}\n"
          f"  question={item['question']!r}", file=sys.stderr)
    for r in update["recalled"][:5]:
        print(f"   - {r.kind} {r.matched_by} {r.text[:110]!r}", file=sys.stderr)


def _rank(memory: Any, user: str, ids: list[str], golds: list[str]) -> int | None:
    """The rank of the first entry that is a gold turn or a memory item derived from one."""
    for rank, doc in enumerate(ids):
        if doc in golds:
            return rank
        found = memory.get(user, doc)
        if found is not None and set(golds) & set(getattr(found, "provenance", None) or []):
            return rank
    return None


def _mcq(model: Any, item: dict[str, Any], update: dict[str, Any] | None,
         rng: random.Random) -> float:
    from datetime import datetime
    from typing import Literal

    from pydantic import create_model

    from agents.respond import assemble_prompt

    options = list(item["options"])
    correct = options[0]
    rng.shuffle(options)
    letters = "ABCD"[: len(options)]
    question = item["question"] + "\n" + "\n".join(
        f"{letter}. {text}" for letter, text in zip(letters, options, strict=True)) + \
        "\nAnswer with the letter of the best option for me."
    prompt = assemble_prompt(model, user="the user", message=question, today=datetime.now(),
                             recalled=(update or {}).get("recalled", []), recent=[],
                             budget=1500,
                             instructions=[i["text"] for i in (update or {}).get(
                                 "instructions", [])])
    choice: Any = Literal[tuple(letters)]
    schema: Any = create_model("Choice", answer=(choice, ...))
    answer = model.structured(prompt.messages, schema)
    picked = getattr(answer.value, "answer", None) if answer.ok else None
    return float(picked is not None and options[letters.index(picked)] == correct)


MENTION_OTHERS = 2  # other-topic requests per item the model answers for ``mentions``
MENTION_TOKENS = 64


def _mention_requests(item: dict[str, Any],
                      unrelated: dict[str, dict[str, list[str]]]) -> list[tuple[str, str]]:
    """The item's own question and its first other-topic requests, each with what it asks."""
    others = unrelated.get("other-topics", {}).get(item["topic"], [])[:MENTION_OTHERS]
    return [("own", item["question"]), *(("other-topics", r) for r in others)]


def _mentions(model: Any, memory: Any, user: str, request: str, counter: Any) -> float:
    """Whether what recall hands the responder makes the bundled model's reply to ``request``
    bring up the stated preference: the reply with recall's notes holds a content word of the
    preference that neither the request nor the reply without memory holds. Both prompts are
    written as respond writes them; greedy, so the two differ only by memory."""
    from datetime import datetime

    from agents.preference_recall import preferences_for, topic_stems
    from agents.recall import attributed
    from agents.respond import assemble_prompt

    [stated] = [i.text for i in memory.items(user, kind="preference")][:1] or [""]
    recalled = [attributed(p, "the person", counter.count_tokens)
                for p in preferences_for(memory, user, request, counter.count_tokens)]
    replies = []
    for notes in ([], recalled):
        prompt = assemble_prompt(model, user="the person", message=request,
                                 today=datetime(2026, 6, 1), recalled=notes, recent=[],
                                 budget=1500)
        replies.append(model.complete(prompt.messages, max_tokens=MENTION_TOKENS,
                                      temperature=0.0))
    added = topic_stems(replies[1]) - topic_stems(replies[0]) - topic_stems(request)
    return float(bool(added & topic_stems(stated)))


def _capture_quality(memory: Any, model: Any, items: list[dict[str, Any]],
                     tuning: Any = None) -> list[Row]:
    from agents.capture import grounded
    from agents.noting import prepare
    from memory.text import normalize

    faithful, stored_total, ungrounded, by_model, ms = 0, 0, 0, 0, []
    for n, item in enumerate(items):
        user = f"capture-{n}"
        statement = item["preference"]
        t0 = time.perf_counter()
        noting = prepare(memory, user, statement, model=model, tuning=tuning)
        noting.commit(memory, user, None)
        ms.append((time.perf_counter() - t0) * 1000)
        kept = [r.text for r in noting.stored]
        by_model += sum(1 for r in noting.stored if r.by == "model")
        stored_total += len(kept)
        bad = [t for t in kept if normalize(t) not in normalize(statement)
               or not grounded(t, statement)[0]]
        ungrounded += len(bad)
        words = _words(statement)
        if kept and not bad and len(words & _words(" ".join(kept))) >= 0.8 * len(words):
            faithful += 1
        memory.forget_user(user)
    total = max(len(items), 1)
    return [Row("capture", "form=explicit", "faithful", round(faithful / total, 4)),
            Row("capture", "form=explicit", "ungrounded",
                round(ungrounded / max(stored_total, 1), 4)),
            Row("capture", "form=explicit", "stored_items", stored_total),
            Row("capture", "form=explicit", "from_model", by_model),
            Row("capture", "form=explicit", "statements", len(items)),
            Row("capture", "form=explicit", "p50_ms", round(percentile(ms, 50), 1)),
            Row("capture", "form=explicit", "p95_ms", round(percentile(ms, 95), 1))]


if __name__ == "__main__":
    sys.exit(main())

"""A newcomer's conversations end to end: does memory make the bundled model's replies better?

Each persona of data/personas introduces themself in their own words over a scripted
multi-session conversation (data/conversations.yaml, written for this project; --data takes
any file of the same format): statements of facts and preferences, questions about
themselves, requests, hypotheticals, other people's tastes and one standing rule. Tacit is
restarted between sessions (a new service over the same stores). Every turn runs the real
turn graph on the real bundled model and real stores.

Methods: ``tacit`` (memory on) and ``no-memory`` (the same model and graph, each turn as a
new person, so nothing is recalled). Metrics, slice ``all`` and per split:

- ``crashes``: turns that raised (target 0);
- ``repeated_reply_rate``: replies near-identical (word-sequence similarity >= 0.8) to an
  earlier reply to the same persona (target <= 0.02);
- ``scaffold_echo_rate``: replies holding prompt scaffolding ("User:", a dated transcript
  line, "ana said:", the prompt's headings) or a footer not written for this turn (target 0);
- ``capture_precision``: stored preferences and rules whose words come from a turn in which
  the persona stated a preference, a rule or introduced themself (target >= 0.95);
- ``fact_recall``: facts stated in an earlier session found in the memory recalled for the
  question that asks about them (target >= 0.9);
- ``instruction_compliance``: replies after the standing rule that follow it (bullet points,
  or at most 60 words for "short"), reported;
- ``prompt_over_budget``: turns whose prompt exceeded the context budget or the model's
  context (target 0);
- ``scaffold_removed_rate`` and ``regenerated_rate``: how often the responder had to cut
  prompt text the model copied into its draft, or ask again after a repeat or an empty
  draft (how far the echo-free replies are owed to the prompt and how far to the clean-up).

Personas are split in two halves by a stable hash of their id (sorted by SHA-1, first half
``tune``), fixed before any result was seen; rows come for ``all``, ``split=tune`` and
``split=holdout``.

    python bench/conversation.py [--data FILE] [--out FILE] [--limit N] [--methods a,b]
                                 [--personas a,b] [--max-tokens T]
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import common

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

METHODS = ("tacit", "no-memory")
METRICS = ("crashes", "repeated_reply_rate", "scaffold_echo_rate", "capture_precision",
           "fact_recall", "instruction_compliance", "prompt_over_budget",
           "scaffold_removed_rate", "regenerated_rate", "turns")
STATEMENTS = {"intro", "preference", "rule", "fact"}
REPEAT = 0.8
SHORT_WORDS = 60
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+", re.M)


def split_of(ids: list[str]) -> dict[str, str]:
    """``tune`` for the first half of the ids sorted by SHA-1, ``holdout`` for the rest."""
    ordered = sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    half = (len(ordered) + 1) // 2
    return {i: ("tune" if n < half else "holdout") for n, i in enumerate(ordered)}


def scaffold(user: str) -> re.Pattern[str]:
    """Prompt scaffolding a reply must never hold."""
    return re.compile(
        r"(?:^|\n)\s*(?:[-*]\s*)?(?:User|Assistant|Human|System)\s*:|"
        r"\[\d{1,2} [A-Z][a-z]+ \d{4}\]|\(\d{1,2} [A-Z][a-z]+ \d{4}\) \w+ said:|"
        rf"\b{re.escape(user)} said:|you answered:|What you know about|Rules \w+ gave you|"
        r"Earlier in this conversation:|Known now:", re.I)


def own_footers(reply: str, trace: dict[str, Any]) -> str:
    """``reply`` without the footers this very turn wrote (what it noted, what it assumed,
    the part of a long message it read): those are presentation, not an echo."""
    noted = [s.get("text", "") for s in (trace.get("noted") or {}).get("stored") or []]
    lines = []
    for line in reply.splitlines():
        if line.startswith("Noted ") and any(n and n in line for n in noted):
            continue
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\((?:Assumed|Your message was long)[^)]*\)", "", text)


def similar(a: str, b: str) -> float:
    from memory.statements import similar as alike

    return alike(a, b)


def recalled_texts(tacit: Any, user: str, trace: dict[str, Any]) -> list[str]:
    """The text of everything recalled for a turn (items, turns, tree nodes)."""
    from memory.schema import Turn

    nodes = {n.id: n.summary for level in tacit.memory.tree.levels(user).values()
             for n in level}
    out = []
    for got in (trace.get("recall") or {}).get("retrieved") or []:
        record = tacit.memory.get(user, got["id"])
        if isinstance(record, Turn):
            out.append(f"{record.user_text}\n{record.reply_text}")
        elif record is not None:
            out.append(record.text)
        elif got["id"] in nodes:
            out.append(nodes[got["id"]])
    return out


def follows(check: str, reply: str) -> bool:
    if check == "bullets":
        return len(_BULLET.findall(reply)) >= 1 and \
            sum(bool(_BULLET.match(ln)) for ln in reply.splitlines() if ln.strip()) >= \
            0.5 * len([ln for ln in reply.splitlines() if ln.strip()])
    if check == "short":
        return len(reply.split()) <= SHORT_WORDS
    return True


def grounded_in(text: str, said: list[str]) -> bool:
    """Whether a stored text comes from one of ``said`` (its words, in order, mostly)."""
    from memory.text import normalize as normal

    norm = normal(text)
    return any(norm and (norm in normal(s) or similar(text, s) >= 0.6) for s in said)


def run_persona(settings: Any, model: Any, pid: str, sessions: list[list[dict[str, Any]]],
                method: str) -> dict[str, Any]:
    """Play one persona's conversation; returns the counts its metrics are made of."""
    from assistant.service import Tacit

    counts: dict[str, Any] = defaultdict(float)
    replies: list[str] = []
    echo = scaffold(pid)
    rule_check: str | None = None
    statements = [t["say"] for s in sessions for t in s if t.get("kind") in STATEMENTS]
    n = 0
    for session_turns in sessions:
        tacit = Tacit(settings, model=model)  # a restart: a new service over the same stores
        try:
            session = tacit.new_session(pid).id
            for turn in session_turns:
                n += 1
                user = pid if method == "tacit" else f"{pid}-{n}"
                sid = session if method == "tacit" else tacit.new_session(user).id
                counts["turns"] += 1
                try:
                    done = tacit.ask(user, turn["say"], sid)
                except Exception as exc:  # a crash is what this counts
                    counts["crashes"] += 1
                    print(f"  crash ({pid}): {exc!r}", file=sys.stderr)
                    continue
                reply, trace = done.reply, done.trace or {}
                body = own_footers(reply, trace)
                same = next((old for old in replies if similar(body, old) >= REPEAT), None)
                if same is not None:
                    counts["repeats"] += 1
                    print(f"  repeat ({pid}): {body[:100]!r} ~ {same[:100]!r}", file=sys.stderr)
                replies.append(body)
                found = echo.search(body)
                if found:
                    counts["echoes"] += 1
                    near = body[max(0, found.start() - 60): found.end() + 60]
                    print(f"  echo ({pid}): ...{near!r}...", file=sys.stderr)
                respond = trace.get("respond") or {}
                counts["removed"] += bool(respond.get("scaffold_removed"))
                counts["regenerated"] += bool(respond.get("regenerated"))
                window = getattr(model, "context_window", 10**9)
                if respond.get("prompt_tokens", 0) > min(respond.get("budget", 10**9), window):
                    counts["over_budget"] += 1
                if rule_check and turn.get("kind") != "rule":
                    counts["rule_turns"] += 1
                    counts["followed"] += follows(rule_check, body)
                    if not follows(rule_check, body):
                        changed = (trace.get("refine") or {}).get("changes") or []
                        print(f"  not followed ({pid}, {rule_check}): {body[:200]!r}; "
                              f"refine changed: {changed}", file=sys.stderr)
                if turn.get("kind") == "rule":
                    rule_check = turn.get("check")
                for value in turn.get("recall") or []:
                    counts["facts"] += 1
                    texts = recalled_texts(tacit, user, trace) if method == "tacit" else []
                    counts["facts_found"] += any(value.lower() in t.lower() for t in texts)
        finally:
            tacit.close()
    if method == "tacit":
        from memory.instructions import InstructionStore

        tacit = Tacit(settings, model=model)
        try:
            stored = [i.text for i in tacit.memory.items(pid, kind="preference")]
            stored += [r.text for r in InstructionStore(tacit.memory).list(pid)]
        finally:
            tacit.close()
        counts["stored"] = len(stored)
        counts["stored_right"] = sum(grounded_in(t, statements) for t in stored)
        wrong = [t for t in stored if not grounded_in(t, statements)]
        if wrong:
            print(f"  stored wrongly ({pid}): {wrong}", file=sys.stderr)
    return counts


def metrics(counts: list[dict[str, Any]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for c in counts:
        for k, v in c.items():
            total[k] += v

    def ratio(a: str, b: str) -> float:
        return total[a] / total[b] if total[b] else float("nan")

    return {"crashes": total["crashes"], "repeated_reply_rate": ratio("repeats", "turns"),
            "scaffold_echo_rate": ratio("echoes", "turns"),
            "capture_precision": ratio("stored_right", "stored"),
            "fact_recall": ratio("facts_found", "facts"),
            "instruction_compliance": ratio("followed", "rule_turns"),
            "prompt_over_budget": total["over_budget"],
            "scaffold_removed_rate": ratio("removed", "turns"),
            "regenerated_rate": ratio("regenerated", "turns"), "turns": total["turns"]}


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=ROOT / "data" / "conversations.yaml",
                   help="scripted conversations, one per persona id (YAML)")
    p.add_argument("--personas", help="comma-separated persona ids (default: all)")
    p.add_argument("--max-tokens", type=int, default=128, help="longest reply, in tokens")
    args = p.parse_args()
    if not args.data.exists():
        print(f"skipped: no conversations file at {args.data}")
        return 0
    import yaml

    from assistant.models import create_model
    from assistant.settings import Settings

    methods = common.pick_methods(args.methods, METHODS)
    script: dict[str, Any] = yaml.safe_load(args.data.read_text("utf-8"))
    split = split_of(list(script))
    ids = args.personas.split(",") if args.personas else sorted(script)
    if args.limit:
        ids = ids[: args.limit]
    started = common.now_iso()
    rows: list[common.Row] = []
    model = None
    for method in methods:
        t0 = time.perf_counter()
        per: dict[str, dict[str, Any]] = {}
        for pid in common.watch(ids, f"{method}: personas"):
            data = Path(tempfile.mkdtemp(prefix=f"conversation-{pid}-"))
            try:
                settings = Settings(data_dir=data, user=pid,
                                    chat={"max_tokens": args.max_tokens})
                model = model or create_model(settings.chat)
                per[pid] = run_persona(settings, model, pid, script[pid], method)
            finally:
                shutil.rmtree(data, ignore_errors=True)
            print(f"{method} {pid}: {dict(per[pid])}", file=sys.stderr)
        slices = {"all": list(per), "split=tune": [i for i in per if split[i] == "tune"],
                  "split=holdout": [i for i in per if split[i] == "holdout"]}
        for name, members in slices.items():
            if not members:
                continue
            for metric, value in metrics([per[i] for i in members]).items():
                rows.append(common.Row(method, name, metric, value))
        rows.append(common.Row(method, "all", "seconds", round(time.perf_counter() - t0, 1)))
    print(common.table(rows))
    if args.out:
        common.write_json(args.out, benchmark="conversation", data=str(args.data),
                          machine=common.machine(["llama-cpp-python"]), started=started,
                          rows=rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

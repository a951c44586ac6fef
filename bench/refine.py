"""Refine benchmark: drafts with injected flaws; do the refiners find them and fix them?

Reads the JSONL format of ``../shared/bench/refine/`` (request, draft, memory, superseded,
instructions, preferences, history, flaws with kind and span); the project's own suite is
``bench/suites/refine.jsonl`` (the default; ``make_refine.py`` beside it writes it).

Methods: ``none`` (the draft as is), ``all`` (every refiner on every draft, each also asking
the model about its concern, MARA-style, then the repair), ``tacit`` (the planner: only the
refiners the draft needs, rules first, at most one model repair).

Metrics, on slices ``all``, ``split=<tune|heldout>``, ``kind=<kind>[,split=...]``,
``kinds=rule`` and ``refiner=<name>``:
- ``detection_recall``: share of flaws a finding points at (its span overlaps the flaw's);
- ``detection_precision``: share of findings that point at a flaw;
- ``false_alarm_rate``: share of clean drafts with any finding;
- ``fix_rate``: share of flaws gone from the final reply with the rest of the draft kept
  (at least ``KEPT`` of its other content words); an unanswered part counts as fixed when the
  reply now covers half its content words, a wrong language when the reply is in the wanted
  one, a missing line when it is there;
- ``model_calls_per_turn``: model calls refinement spent, per draft;
- ``p95_ms``: refinement time per draft without the model's own time (95th percentile,
  wall clock, so it grows when other work shares the cores); ``cpu_p95_ms`` the same in CPU
  time of the refining thread (llama.cpp's own threads are not counted).

    python bench/refine.py [--data FILE] [--out FILE] [--limit N] [--methods none,all,tacit]
                           [--model smollm2|fake|none] [--split tune|heldout]
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import common

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT / "bench" / "suites" / "refine.jsonl"
METHODS = ("none", "all", "tacit")
KEPT = 0.8
# Kinds a rule can check without understanding the request: a value, a repeat, an ending,
# a language, an instruction's or preference's wording.
RULE_KINDS = {"outdated_fact", "wrong_number", "instruction_violation", "preference_violation",
              "contradicts_history", "repetition", "cut_off", "wrong_language"}


def load(path: Path, limit: int | None, split: str | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if split:
        rows = [r for r in rows if r.get("split", "tune") == split]
    if limit:
        step = max(1, len(rows) // limit)  # spread over personas and kinds
        rows = rows[::step][:limit]
    return rows


class TimedModel:
    """The model with the seconds spent in it counted, so refinement time can leave it out."""

    def __init__(self, model: Any) -> None:
        self.model, self.seconds = model, 0.0

    @property
    def name(self) -> str:
        return str(self.model.name)

    def __getattr__(self, attr: str) -> Any:  # count_tokens, context_window, ...
        return getattr(self.model, attr)

    def complete(self, messages: Any, **kw: Any) -> str:
        started = time.perf_counter()
        try:
            return str(self.model.complete(messages, **kw))
        finally:
            self.seconds += time.perf_counter() - started


def situation(item: dict[str, Any]) -> Any:
    from agents.refiners.base import Situation

    return Situation(request=item["request"], draft=item["draft"],
                     facts=list(item.get("memory") or []),
                     past_facts=list(item.get("superseded") or []),
                     instructions=list(item.get("instructions") or []),
                     preferences=dict(item.get("preferences") or {}),
                     history=list(item.get("history") or []))


def run_one(item: dict[str, Any], method: str, model: TimedModel | None) -> dict[str, Any]:
    from agents.refiners.base import ModelCalls
    from agents.refiners.planner import refine_text

    if method == "none":
        return {"reply": item["draft"], "findings": [], "calls": 0, "ms": 0.0, "cpu_ms": 0.0}
    model_seconds = model.seconds if model else 0.0
    budget = 4 if method == "all" else 1
    calls = ModelCalls(model, budget)  # type: ignore[arg-type]
    started, cpu = time.perf_counter(), time.thread_time()
    out = refine_text(item["draft"], situation(item), calls, everything=method == "all",
                      model_checks=method == "all")
    spent = time.perf_counter() - started - ((model.seconds - model_seconds) if model else 0)
    cpu_spent = time.thread_time() - cpu  # the model's own threads are not counted
    findings = [f for found in out.findings.values() for f in found]
    return {"reply": out.text, "findings": findings, "calls": out.model_calls,
            "ms": spent * 1000, "cpu_ms": cpu_spent * 1000}


def _place(text: str, span: str) -> tuple[int, int] | None:
    at = text.find(span)
    return (at, at + len(span)) if at >= 0 and span else None


def points_at(finding: Any, flaw: dict[str, str], item: dict[str, Any]) -> bool:
    """Whether ``finding`` is about ``flaw``: their spans overlap in the draft (or, for an
    unanswered part, in the request)."""
    if flaw["kind"] == "unanswered_part":
        if finding.kind != "unanswered_part":
            return False
        text = item["request"]
    else:
        if finding.kind == "unanswered_part":
            return False
        text = item["draft"]
    a, b = _place(text, finding.span), _place(text, flaw["span"])
    if a and b:
        return a[0] < b[1] and b[0] < a[1]
    return flaw["span"] in finding.span or finding.span in flaw["span"]


def fixed(flaw: dict[str, str], item: dict[str, Any], reply: str) -> bool:
    """Whether the final ``reply`` no longer has ``flaw`` and keeps the rest of the draft."""
    from agents.refiners.coherence import wanted_language
    from agents.refiners.text import content, language

    kind, span = flaw["kind"], flaw["span"]
    if kind == "unanswered_part":
        asked = content(span)
        gone = bool(asked) and len(asked & content(reply)) / len(asked) >= 0.5
    elif kind == "wrong_language" and span.strip() != item["draft"].strip():
        gone = span not in reply and language(reply) == wanted_language(situation(item))
    elif kind == "wrong_language":
        return language(reply) == wanted_language(situation(item))
    elif kind == "repetition":  # the span is the sentence, or both of its copies
        half = span[: len(span) // 2].strip(" -\n")
        copy = half if span.count(half) >= 2 else span
        gone = reply.count(copy) == 1
    elif kind == "cut_off":
        last_line = reply.rstrip().rsplit("\n", 1)[-1]
        listed = bool(re.match(r"\s*(?:[-*•]|\d+[.)])\s", last_line))  # a list item ends as it is
        gone = not reply.rstrip().endswith(span) and (reply.rstrip()[-1:] in ".!?)…" or listed)
    elif kind == "instruction_violation" and "In short:" in " ".join(item["instructions"]):
        gone = "in short:" in reply.lower()
    elif kind == "instruction_violation" and span == item["draft"]:  # a layout to change
        gone = reply.count("\n- ") + reply.startswith("- ") >= 2
    else:
        gone = span not in reply
    rest = item["draft"]
    for f in item["flaws"]:
        rest = rest.replace(f["span"], " ")
    kept = content(rest)
    return gone and (not kept or len(kept & content(reply)) / len(kept) >= KEPT)


def score(method: str, items: list[dict[str, Any]], results: list[dict[str, Any]]
          ) -> list[common.Row]:
    slices: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        split = item.get("split", "all")
        for name in ("all", f"split={split}"):
            slices[name].append(i)
        for kind in {f["kind"] for f in item["flaws"]}:
            slices[f"kind={kind}"].append(i)
            slices[f"kind={kind},split={split}"].append(i)
        if RULE_KINDS & {f["kind"] for f in item["flaws"]}:
            slices["kinds=rule"].append(i)
            slices[f"kinds=rule,split={split}"].append(i)
    rows: list[common.Row] = []
    for name, members in sorted(slices.items()):
        kind = name.split(",")[0].removeprefix("kind=") if name.startswith("kind=") else None
        rule = name.startswith("kinds=rule")
        flaws = [(i, f) for i in members for f in items[i]["flaws"]
                 if (kind is None or f["kind"] == kind) and (not rule or f["kind"] in RULE_KINDS)]
        found = [(i, g) for i in members for g in results[i]["findings"]
                 if kind is None or g.kind == kind or not name.startswith("kind=")]
        hit = [any(points_at(g, f, items[i]) for g in results[i]["findings"]) for i, f in flaws]
        right = [any(points_at(g, f, items[i]) for f in items[i]["flaws"]) for i, g in found]
        clean = [i for i in members if not items[i]["flaws"]]
        rows += [
            common.Row(method, name, "detection_recall", _share(hit)),
            common.Row(method, name, "detection_precision", _share(right)),
            common.Row(method, name, "fix_rate",
                       _share([fixed(f, items[i], results[i]["reply"]) for i, f in flaws])),
        ]
        if not name.startswith("kind"):
            rows += [
                common.Row(method, name, "false_alarm_rate",
                           _share([bool(results[i]["findings"]) for i in clean])),
                common.Row(method, name, "model_calls_per_turn",
                           round(sum(results[i]["calls"] for i in members) / len(members), 3)),
                common.Row(method, name, "p95_ms",
                           round(common.percentile([results[i]["ms"] for i in members], 95), 2)),
                common.Row(method, name, "cpu_p95_ms",
                           round(common.percentile([results[i]["cpu_ms"] for i in members], 95),
                                 2)),
            ]
    by_refiner: dict[str, list[bool]] = defaultdict(list)
    for i, item in enumerate(items):
        for g in results[i]["findings"]:
            by_refiner[g.refiner].append(any(points_at(g, f, item) for f in item["flaws"]))
    for name, right in sorted(by_refiner.items()):
        rows.append(common.Row(method, f"refiner={name}", "detection_precision", _share(right)))
        rows.append(common.Row(method, f"refiner={name}", "findings", float(len(right))))
    return rows


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else float("nan")


def end_to_end(items: list[dict[str, Any]], model: Any, max_tokens: int) -> list[common.Row]:
    """The real model answers each scenario's request from its persona's memory, history and
    instructions (the respond node's prompt); the share of replies that contradict memory,
    violate an instruction or preference, or are incoherent, before and after refine.

    Judged by the refiners' own rule checks (every refiner run on every reply, no model), so
    the drop is partly by construction; no independent judge runs offline.
    """
    from datetime import datetime

    from agents.contract import RecalledEntry
    from agents.refiners.base import ModelCalls
    from agents.refiners.planner import refine_text
    from agents.respond import assemble_prompt

    seen: set[str] = set()
    flagged: dict[str, list[float]] = defaultdict(list)
    for item in items:
        key = item["request"] + "|" + "|".join(item.get("memory") or [])
        if key in seen or item["flaws"]:
            continue
        seen.add(key)
        history = item.get("history") or []
        recent = [{"user": u["text"], "assistant": a["text"]}
                  for u, a in zip(history[::2], history[1::2], strict=False)
                  if u["role"] == "user" and a["role"] == "assistant"]
        recalled = [RecalledEntry(id=f"m{i}", kind="fact", text=t)
                    for i, t in enumerate(item.get("memory") or [])]
        prompt = assemble_prompt(model.model, user="you", message=item["request"],
                                 today=datetime(2026, 6, 1), recalled=recalled, recent=recent,
                                 budget=1500, instructions=item.get("instructions") or [])
        draft = model.complete(prompt.messages, max_tokens=max_tokens).strip()
        final = refine_text(draft, situation({**item, "draft": draft}),
                            ModelCalls(model, 1)).text  # type: ignore[arg-type]
        for method, text in (("none", draft), ("tacit", final)):
            check = refine_text(text, situation({**item, "draft": text}), ModelCalls(None, 0),
                                everything=True)
            kinds = {f.kind for found in check.findings.values() for f in found
                     if f.severity == "error"}
            for half in ("", f",split={item.get('split', 'all')}"):
                flagged[(method, "all" + half)].append(float(bool(kinds)))  # type: ignore[index]
                for group, members in E2E_GROUPS.items():
                    flagged[(method, group + half)].append(  # type: ignore[index]
                        float(bool(kinds & members)))
    return [common.Row(method, f"e2e,{group}", "flagged_share", round(sum(v) / len(v), 4))
            for (method, group), v in sorted(flagged.items())] + [  # type: ignore[misc]
        common.Row("tacit", "e2e", "replies", float(len(seen)))]


E2E_GROUPS = {
    "memory": {"wrong_fact", "outdated_fact", "invented_memory", "wrong_number"},
    "instruction": {"instruction_violation", "preference_violation", "wrong_language"},
    "coherence": {"repetition", "cut_off", "self_contradiction", "contradicts_history",
                  "unanswered_part"},
}
# The end-to-end figure: a reply that contradicts memory or violates an instruction.
E2E_GROUPS["memory_or_instruction"] = E2E_GROUPS["memory"] | E2E_GROUPS["instruction"]


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--model", default="smollm2",
                   help="the refiner model (default: the bundled SmolLM2-135M; 'fake' echoes, "
                   "'none': rules only)")
    p.add_argument("--split", choices=("tune", "heldout"), help="only this half")
    p.add_argument("--show", type=int, default=0, help="print N missed or false findings")
    p.add_argument("--e2e", action="store_true",
                   help="instead: the model answers each scenario, judged before and after "
                   "refine by the rule checks")
    p.add_argument("--max-tokens", type=int, default=96, help="reply cap for --e2e")
    args = p.parse_args()
    if not args.data.exists():
        print(f"skipped: no refine data at {args.data}")
        return 0
    methods = common.pick_methods(args.methods, METHODS)
    items = load(args.data, args.limit, args.split)
    model = None
    if args.model != "none" and any(m != "none" for m in methods):
        from assistant.models import create_model
        from assistant.settings import Settings

        settings = Settings(chat={"model": args.model, "max_tokens": 160, "temperature": 0.0})
        model = TimedModel(create_model(settings.chat))
    started = common.now_iso()
    rows: list[common.Row] = []
    if args.e2e:
        if model is None:
            raise SystemExit("--e2e needs a model")
        rows = end_to_end(items, model, args.max_tokens)
        methods = []
    for method in methods:
        results = [run_one(item, method, model)
                   for item in common.watch(items, f"{method}: drafts")]
        rows += score(method, items, results)
        if args.show and method == "tacit":
            _show(items, results, args.show)
    keep = [r for r in rows if r.slice in ("all", "split=tune", "split=heldout", "kinds=rule")
            or r.slice.startswith("e2e")
            or r.slice.startswith("refiner=") or (r.slice.startswith("kind=") and "," not in
                                                  r.slice)]
    print(common.table(keep))
    if args.out:
        common.write_json(args.out, benchmark="refine", data=str(args.data),
                          machine=common.machine(["llama-cpp-python"]), started=started,
                          rows=rows)
    return 0


def _show(items: list[dict[str, Any]], results: list[dict[str, Any]], n: int) -> None:
    shown = 0
    for item, result in zip(items, results, strict=True):
        missed = [f for f in item["flaws"]
                  if not any(points_at(g, f, item) for g in result["findings"])]
        false = [g for g in result["findings"]
                 if not any(points_at(g, f, item) for f in item["flaws"])]
        if (missed or false) and shown < n:
            shown += 1
            print(f"--- {item['id']}\n  draft: {item['draft'][:300]}")
            for f in missed:
                print(f"  MISSED {f['kind']}: {f['span'][:100]}")
            for g in false:
                print(f"  FALSE {g.refiner}/{g.kind}: {g.span[:100]}")


if __name__ == "__main__":
    raise SystemExit(main())

"""RAISE's question planner: how many questions a sensitive request gets, and whether they are
the attributes that matter for it.

Reads the sensitive, non-crisis requests with ``important`` attributes from the JSONL format of
``../shared/bench/safety/`` (default: the project's suite ``bench/suites/safety.jsonl``). The
domain and its score come from ``agents.safety_detect.detect`` with the bundled MiniLM, as in
a real turn; nothing about the person is known yet. Methods side by side:

- ``none``: never asks (RAISE's point of comparison: answer blind);
- ``all``: asks all ten attributes (the most a planner could cover);
- ``domain``: the planner on the domain's priors alone (no words of the request);
- ``tacit``: the planner as the safety node runs it (priors plus the request's own words,
  read by a small learned model; a request risky by itself is planned even when detection
  names no domain).

Metrics per slice (``all``, ``split=tune|heldout``, ``domain=<domain>``):
``questions_per_sensitive`` (mean attributes asked; RAISE reports 2.7), ``attribute_coverage``
(share of the request's important attributes known after the plan: asked, or stated by the
person about themselves in the request, which is never asked again), ``asked_coverage`` (the
share asked), ``first_attribute_coverage`` (its most important one known after the plan).

    python bench/safety_questions.py [--data FILE] [--out FILE] [--limit N] [--methods a,b]
                                     [--split SPLIT|all]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import common

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

METHODS = ("none", "all", "domain", "tacit")
SUITE = ROOT / "bench" / "suites" / "safety.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [i for i in items if i.get("important") and not i.get("crisis")]


def planner(method: str) -> Callable[[dict[str, Any], Any], list[str]]:
    from agents.safety_plan import ATTRIBUTES, plan_questions

    def run(item: dict[str, Any], found: Any) -> list[str]:
        if method == "none" or found.crisis:
            return []
        if method == "all":
            return list(ATTRIBUTES) if found.domain else []
        if method == "domain" and not found.domain:
            return []
        message = item["text"] if method == "tacit" else ""
        return plan_questions(found.domain, {}, domain_score=found.domain_score,
                              message=message, sub_area=found.sub_area if message else None)
    return run


def rows_for(method: str, items: list[dict[str, Any]], asked: list[list[str]]) -> list[common.Row]:
    from agents.safety_plan import stated

    groups: dict[str, list[int]] = {"all": list(range(len(items)))}
    for n, item in enumerate(items):
        for name in (f"split={item.get('split', 'all')}", f"domain={item['domain']}"):
            groups.setdefault(name, []).append(n)
    rows = []
    for name, members in groups.items():
        count = [len(asked[n]) for n in members]
        # Known after the plan: asked, or said by the person about themselves in the request
        # (never asked again, so it must not count against the planner).
        known = [set(asked[n]) | set(stated(items[n]["text"])) for n in members]
        important = [set(items[n]["important"]) for n in members]
        cover = [len(k & i) / len(i) for k, i in zip(known, important, strict=True)]
        by_asking = [len(set(asked[n]) & i) / len(i)
                     for n, i in zip(members, important, strict=True)]
        first = [float(items[n]["important"][0] in k) for n, k in zip(members, known, strict=True)]
        rows += [common.Row(method, name, "questions_per_sensitive", sum(count) / len(count)),
                 common.Row(method, name, "attribute_coverage", sum(cover) / len(cover)),
                 common.Row(method, name, "asked_coverage", sum(by_asking) / len(by_asking)),
                 common.Row(method, name, "first_attribute_coverage", sum(first) / len(first))]
    return rows


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=SUITE)
    p.add_argument("--split", default="all",
                   help="one split (tune, heldout, fresh6-tune...) or all; a held-out split "
                        "is measured once, at the end")
    args = p.parse_args()
    methods = common.pick_methods(args.methods, METHODS)
    if not args.data.is_file():
        print(f"skipped: no data at {args.data}")
        return 0
    items = [i for i in load(args.data) if args.split in ("all", i.get("split"))]
    items = items[: args.limit or None]
    started = common.now_iso()
    from agents.safety_detect import detect
    from assistant.settings import Settings
    from memory.embedder import Embedder

    embed = Embedder(cache_dir=Settings().cache_dir).embed
    found = [detect(i["text"], i.get("history") or [], embed=embed)
             for i in common.watch(items, "requests")]
    rows: list[common.Row] = []
    for method in methods:
        plan = planner(method)
        rows += rows_for(method, items, [plan(i, f) for i, f in zip(items, found, strict=True)])
    print(common.table([r for r in rows if not r.slice.startswith("domain=")]))
    if args.out:
        common.write_json(args.out, benchmark="safety_questions", data=str(args.data),
                          machine=common.machine(["onnxruntime"]), started=started, rows=rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

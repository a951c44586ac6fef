"""How far the safety suites' writers agree on which attributes matter: a reference for
``attribute_coverage``.

Each sensitive request in ``bench/suites/safety*.jsonl`` lists the two or three attributes its
writer judged most important. A planner can only cover what another writer would also have
chosen, so this measures a planner that knows nothing of the request but its *true* domain:
it asks the ``k`` attributes most often important in that domain in every *other* suite (each
suite left out in turn, its halves together). Methods side by side:

- ``prior2``, ``prior3``: that planner asking 2 or 3 attributes;
- ``tacit``: the shipped planner (``agents.safety_plan``) on the domain detection gives, as
  ``bench/safety.py`` measures it (what the request says of the writer counts as known).

Metrics per slice (``all``, ``suite=<file>``): ``attribute_coverage`` (the share of a
request's important attributes asked or known) and ``questions_per_sensitive``.

    python bench/safety_agreement.py [--limit [N]] [--methods prior2,prior3,tacit] [--out FILE]
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import common  # noqa: E402

SUITES = sorted((ROOT / "bench" / "suites").glob("safety*.jsonl"))
METHODS = ("prior2", "prior3", "tacit")


def requests(path: Path) -> list[dict[str, Any]]:
    """The suite's sensitive requests that name their important attributes."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if not r.get("crisis") and r.get("important")]


def prior_planner(others: list[dict[str, Any]], k: int) -> dict[str, list[str]]:
    """Per domain, the ``k`` attributes most often important in ``others``."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in others:
        counts[item["domain"]].update(item["important"])
    return {domain: [a for a, _ in c.most_common(k)] for domain, c in counts.items()}


def tacit_planner() -> Any:
    from agents.safety_detect import detect
    from agents.safety_plan import plan_questions, stated
    from memory.embedder import Embedder

    embed = Embedder().embed

    def ask(text: str) -> tuple[list[str], set[str]]:
        found = detect(text, embed=embed)
        if found.crisis_kind is not None:
            return [], set(stated(text))
        asked = plan_questions(found.domain, {}, domain_score=found.domain_score,
                               message=text, sub_area=found.sub_area)
        return asked, set(stated(text))
    return ask


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], METHODS)
    args = p.parse_args()
    started = common.now_iso()
    methods = common.pick_methods(args.methods, METHODS)
    suites = {path.stem: requests(path) for path in SUITES}
    if args.limit is not None:  # quick: the first requests of each suite (bare: 10)
        suites = {name: items[:args.limit or 10] for name, items in suites.items()}
    suites = {name: items for name, items in suites.items() if items}
    tacit = tacit_planner() if "tacit" in methods else None
    rows: list[common.Row] = []
    for method in methods:
        totals: list[tuple[float, int]] = []
        for name, items in suites.items():
            others = [i for other, rest in suites.items() if other != name for i in rest]
            k = int(method[-1]) if method.startswith("prior") else 0
            prior = prior_planner(others, k) if k else {}
            scored: list[tuple[float, int]] = []
            for item in common.watch(items, f"{method} {name}"):
                if tacit is not None and method == "tacit":
                    asked, known = tacit(item["text"])
                else:
                    asked, known = prior.get(item["domain"], []), set()
                important = set(item["important"])
                scored.append((len((set(asked) | known) & important) / len(important),
                               len(asked)))
            totals += scored
            rows += _rows(method, f"suite={name}", scored)
        rows += _rows(method, "all", totals)
    print(common.table(rows))
    if args.out:
        common.write_json(args.out, benchmark="safety_agreement",
                          data=",".join(p.name for p in SUITES),
                          machine=common.machine(["onnxruntime"]), started=started, rows=rows)
    return 0


def _rows(method: str, name: str, scored: list[tuple[float, int]]) -> list[common.Row]:
    if not scored:
        return []
    return [common.Row(method, name, "attribute_coverage",
                       sum(c for c, _ in scored) / len(scored)),
            common.Row(method, name, "questions_per_sensitive",
                       sum(q for _, q in scored) / len(scored))]


if __name__ == "__main__":
    raise SystemExit(main())

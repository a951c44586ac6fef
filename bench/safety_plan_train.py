"""Train RAISE's question planner: which attributes matter for a sensitive request.

A logistic model per attribute (``agents.safety_plan.features``: the domain's prior, the
hand-written raise of the request's kinds, which kinds it is, its domain) learns from the
planner's own examples (``data/safety/planner_examples.yaml``) and the tuned halves of the
project's suites whether an attribute is among a request's ``important`` ones. Training is
deterministic (zero start, fixed steps). The domain and sub-area are detection's, with the
bundled MiniLM, as in a real turn. ``third_at`` is set so that the mean number of questions on
the training requests stays within ``--budget``; ``ask_at`` is the abstain rule's floor.

``--check`` first trains without each suite in turn and measures on it (whole suites held
out), then writes the model trained on everything given.

    python bench/safety_plan_train.py [--check] [--no-write] [--budget 2.55] [--l2 1.0]
        [--data FILE:SPLIT,SPLIT ...]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUITES = ROOT / "bench" / "suites"
# What is tuned on (a held-out split never is): file, then the splits to read ("*": every one).
TRAIN = [f"{SUITES / 'safety.jsonl'}:*", f"{SUITES / 'safety_fresh5.jsonl'}:*",
         f"{SUITES / 'safety_fresh6.jsonl'}:fresh6-tune"]
EXAMPLES = ROOT / "data" / "safety" / "planner_examples.yaml"
MODEL = ROOT / "data" / "safety" / "planner_model.json"
ASK_AT = 0.2        # below this chance for the best attribute, answer without asking
STEPS, RATE = 600, 0.5
HAND = [0.1]   # the penalty's share on the hand-written prior and raise (--hand)
FIRST, STEP = 1.0, 0.1  # a soft target: the most important attribute 1.0, the next 0.9...
scores: dict[str, float] = {}   # detection's domain score per request text


def read(spec: str) -> list[dict[str, Any]]:
    """Sensitive, non-crisis requests with ``important`` attributes from ``FILE:SPLITS``."""
    path, _, splits = spec.rpartition(":")
    wanted = set(splits.split(","))
    if not Path(path).is_file():
        print(f"skipped: no data at {path}")
        return []
    items = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines()
             if line.strip()]
    return [dict(i, suite=Path(path).stem) for i in items
            if i.get("important") and not i.get("crisis")
            and ("*" in wanted or i.get("split") in wanted)]


def examples() -> list[dict[str, Any]]:
    raw = yaml.safe_load(EXAMPLES.read_text("utf-8"))["examples"]
    return [dict(e, id=f"planner-{n}", suite="examples") for n, e in enumerate(raw)]


def detected(items: list[dict[str, Any]]) -> list[tuple[str | None, str | None, bool]]:
    from common import watch

    from agents.safety_detect import detect
    from assistant.settings import Settings
    from memory.embedder import Embedder

    embed = Embedder(cache_dir=Settings().cache_dir).embed
    out = []
    for item in watch(items, "requests read by detection"):
        found = detect(item["text"], item.get("history") or [], embed=embed)
        out.append((found.domain, found.sub_area, found.crisis))
        scores[item["text"]] = found.domain_score
    return out


def arrays(items: list[dict[str, Any]],
           places: list[tuple[str | None, str | None, bool]]) -> tuple[Any, Any, Any, Any]:
    from agents.safety_plan import ATTRIBUTES, features, own_domain, stated, wants_specifics

    x, y, ok, said = [], [], [], []
    for item, (domain, sub_area, crisis) in zip(items, places, strict=True):
        # Planned as in a turn: detection's domain, else the request's own kind's. One with
        # neither still teaches the model, in its written domain, but is never asked.
        use = domain or own_domain(item["text"])
        row = features(use or item.get("domain") or "health", sub_area if domain else None,
                       item["text"], wants_specifics(item["text"]))
        x.append([row[a] for a in ATTRIBUTES])
        y.append([FIRST - STEP * item["important"].index(a) if a in item["important"] else 0.0
                  for a in ATTRIBUTES])
        ok.append(bool(use) and not crisis)
        told = stated(item["text"])  # said in the request: known, never asked
        said.append([a in told for a in ATTRIBUTES])
    return np.array(x, float), np.array(y, float), np.array(ok, bool), np.array(said, bool)


def fit(x: Any, y: Any, l2: float) -> Any:
    n, _, width = x.shape
    w = np.zeros((x.shape[1], width))
    # The bias is free; the hand-written prior and raise are pulled toward zero only lightly,
    # the kinds and domains fully: the model corrects the written knowledge where the
    # examples say so, rather than replacing it.
    penalty = np.ones(width)
    penalty[0], penalty[1:4] = 0.0, HAND[0]
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.einsum("nkf,kf->nk", x, w)))
        w -= RATE * (np.einsum("nk,nkf->kf", p - y, x) / n + l2 * w * penalty / n)
    return w


def chosen(p: Any, ok: Any, said: Any, third_at: float) -> Any:
    asked = np.zeros_like(p, bool)
    for n in range(len(p)):
        if not ok[n]:
            continue
        order = [k for k in np.argsort(-p[n], kind="stable") if not said[n, k]]
        for rank, k in enumerate(order[:3]):
            if p[n, k] < (third_at if rank == 2 else ASK_AT):
                break
            asked[n, k] = True
    return asked


def figures(p: Any, y: Any, ok: Any, said: Any, third_at: float) -> tuple[float, float]:
    asked = chosen(p, ok, said, third_at)
    known = asked | said
    return float(asked.sum(1).mean()), float(((known & (y > 0)).sum(1) / (y > 0).sum(1)).mean())


def third_for(p: Any, y: Any, ok: Any, said: Any, budget: float) -> float:
    """The lowest floor for a third question that keeps the mean within ``budget``."""
    for third_at in np.arange(0.0, 1.0, 0.01):
        if figures(p, y, ok, said, float(third_at))[0] <= budget:
            return round(float(third_at), 2)
    return 1.0


def train(items: list[dict[str, Any]], places: list[Any], l2: float,
          budget: float) -> tuple[Any, float]:
    x, y, ok, said = arrays(items, places)
    w = fit(x, y, l2)
    p = 1.0 / (1.0 + np.exp(-np.einsum("nkf,kf->nk", x, w)))
    return w, third_for(p, y, ok, said, budget)


def as_model(w: Any, third_at: float, trained_on: int, l2: float, budget: float) -> dict[str, Any]:
    from agents.safety_plan import ATTRIBUTES, feature_names

    return {"features": feature_names(), "ask_at": ASK_AT, "third_at": third_at, "l2": l2,
            "budget": budget, "trained_on": trained_on,
            "weights": {a: [round(float(v), 4) for v in w[k]] for k, a in enumerate(ATTRIBUTES)}}


def measure(model: dict[str, Any], items: list[dict[str, Any]],
            places: list[Any]) -> tuple[float, float]:
    """Questions and coverage of the planner itself (gates and all) with ``model``."""
    from agents import safety_plan

    asked, cover = [], []
    with mock.patch.object(safety_plan, "model", lambda: model):
        for item, (domain, sub_area, crisis) in zip(items, places, strict=True):
            got = [] if crisis else safety_plan.plan_questions(
                domain, {}, domain_score=scores.get(item["text"], 0.0), message=item["text"],
                sub_area=sub_area)
            asked.append(len(got))
            known = set(got) | set(safety_plan.stated(item["text"]))
            cover.append(len(known & set(item["important"])) / len(item["important"]))
    return sum(asked) / len(asked), sum(cover) / len(cover)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", nargs="*", default=TRAIN)
    p.add_argument("--check", action="store_true")
    p.add_argument("--no-write", action="store_true")
    p.add_argument("--budget", type=float, default=2.55)
    p.add_argument("--l2", type=float, default=3.0)
    p.add_argument("--hand", type=float, default=HAND[0], help="penalty share on the hand weights")
    args = p.parse_args()
    HAND[0] = args.hand
    items = examples() + [i for spec in args.data for i in read(spec)]
    places = detected(items)
    if args.check:
        for suite in sorted({i["suite"] for i in items} - {"examples"}):
            keep = [n for n, i in enumerate(items) if i["suite"] != suite]
            out = [n for n, i in enumerate(items) if i["suite"] == suite]
            w, third_at = train([items[n] for n in keep], [places[n] for n in keep],
                                args.l2, args.budget)
            q, cover = measure(as_model(w, third_at, len(keep), args.l2, args.budget),
                               [items[n] for n in out], [places[n] for n in out])
            print(f"trained without {suite}: on {suite} questions {q:.2f}, "
                  f"coverage {cover:.3f} ({len(out)} requests)")
    w, third_at = train(items, places, args.l2, args.budget)
    model = as_model(w, third_at, len(items), args.l2, args.budget)
    q, cover = measure(model, items, places)
    print(f"trained on {len(items)} requests: questions {q:.2f}, coverage {cover:.3f} "
          f"(third at {third_at})")
    if not args.no_write:
        MODEL.write_text(json.dumps(model, indent=1) + "\n", "utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0 if math.isfinite(cover) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Preference elicitation with simulated users: never ask, always ask, and Tacit's policy.

Every persona in data/personas (written for this project; --data takes any folder of persona
files in the same format) plays its scripted sessions against the same model three times, on
fresh stores each time; a rule-based simulated user answers every question truthfully.
Alignment is checked deterministically on each reply's text against every hidden preference
that bears on the request; ``alignment_draft`` is the same check on the model's draft before
the refine node repaired it against the known preferences (the repairs and the checks share
vocabulary, so the gain between the two is partly by construction).

Personas are split in two halves by name: thresholds and weights may be tuned on ``tune``
(the first half) only; ``holdout`` (the second half) is reported apart. Rows come per slice
(``all``, ``split=tune``, ``split=holdout``) and per persona (``persona=<id>``), with a paired
bootstrap 95% interval (personas resampled) of the alignment difference tacit - always-ask.
Generation is greedy (temperature 0) by default, so policies differ only in what they ask.

    python bench/elicitation.py [--data DIR] [--out FILE] [--limit N] [--methods a,b]
                                [--personas a,b] [--sessions N] [--turns M] [--max-tokens T]
                                [--temperature X] [--report DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import common

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

METHODS = ("never-ask", "always-ask", "tacit")
POLICY = {"never-ask": "never", "always-ask": "always", "tacit": "tacit"}
METRICS = ("alignment", "alignment_draft", "known_at_check", "questions", "questions_per_turn",
           "over_asking", "questions_when_covered", "questions_when_profile_covered",
           "discovered_per_question", "bits_per_question", "discovery_rate",
           "turns_to_personalized", "never_personalized", "checks", "turns")
SLICE_METRICS = ("alignment", "alignment_draft", "known_at_check", "questions",
                 "questions_per_turn", "questions_when_covered", "questions_when_profile_covered",
                 "checks", "turns")


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], METHODS)
    p.add_argument("--data", type=Path, default=ROOT / "data" / "personas",
                   help="folder of persona .yaml files (default: the shipped personas)")
    p.add_argument("--sessions", type=int, default=0, help="sessions per persona (0: all)")
    p.add_argument("--turns", type=int, default=0, help="requests per session (0: all)")
    p.add_argument("--personas", help="comma-separated persona ids (default: all)")
    p.add_argument("--max-tokens", type=int, default=96, help="longest reply, in tokens")
    p.add_argument("--temperature", type=float, default=0.0,
                   help="sampling temperature (default 0: greedy, repeatable)")
    p.add_argument("--model", default="smollm2",
                   help="chat model (default: the bundled SmolLM2-135M; 'fake' echoes the "
                   "request, which measures the asking policy alone, not alignment)")
    p.add_argument("--report", type=Path, help="also write report.md, report.json and plots")
    args = p.parse_args()
    if not args.data.is_dir():
        print(f"skipped: no persona folder at {args.data}")
        return 0
    methods = common.pick_methods(args.methods, METHODS)

    from assistant.models import create_model
    from assistant.personas import load_personas
    from assistant.settings import Settings
    from assistant.simulate import (
        bootstrap_difference,
        simulate,
        start_entropy,
        summarize,
        write_report,
    )

    every = load_personas(args.data)
    half = (len(every) + 1) // 2
    split = {p.id: ("tune" if i < half else "holdout") for i, p in enumerate(every)}
    personas = load_personas(args.data, args.personas.split(",")) if args.personas else every
    if args.limit:
        personas = personas[: args.limit]
    settings = Settings(chat={"model": args.model, "max_tokens": args.max_tokens,
                              "temperature": args.temperature})
    started = common.now_iso()
    model = create_model(settings.chat)
    rows: list[common.Row] = []
    runs = {}
    for method in common.watch(methods, "methods (every persona each)"):
        t0 = time.perf_counter()
        run = simulate(settings, personas, policies=(POLICY[method],), sessions=args.sessions,
                       turns=args.turns, model=model)[POLICY[method]]
        runs[method] = run
        summary = summarize(run, start_entropy())
        for metric in METRICS:
            rows.append(common.Row(method, "all", metric, float(summary[metric])))
        rows.append(common.Row(method, "all", "seconds", round(time.perf_counter() - t0, 1)))
        print(f"{method}: done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    slices = {"split=tune": {i for i, s in split.items() if s == "tune"},
              "split=holdout": {i for i, s in split.items() if s == "holdout"}}
    slices.update({f"persona={who.id}": {who.id} for who in personas})
    for method, run in runs.items():
        for name, members in slices.items():
            part = [r for r in run if r.persona in members]
            if part:
                summary = summarize(part, start_entropy())
                rows += [common.Row(method, name, m, float(summary[m])) for m in SLICE_METRICS]
    if {"tacit", "always-ask"} <= set(runs):
        for key, metric in (("ok", "alignment_diff"), ("ok_draft", "alignment_draft_diff")):
            mid, low, high = bootstrap_difference(runs["tacit"], runs["always-ask"], key=key)
            rows += [common.Row("tacit-always", "all", metric, round(mid, 4)),
                     common.Row("tacit-always", "all", f"{metric}_ci_low", round(low, 4)),
                     common.Row("tacit-always", "all", f"{metric}_ci_high", round(high, 4))]
    print(common.table([r for r in rows if not r.slice.startswith("persona=")]))
    print("\nper persona: alignment (questions)")
    print("| persona | split | " + " | ".join(runs) + " |")
    print("|---|---|" + "---:|" * len(runs))
    cell = {(r.method, r.slice, r.metric): r.value for r in rows}
    for who in personas:
        key = f"persona={who.id}"
        print(f"| {who.id} | {split[who.id]} | " + " | ".join(
            f"{cell[(m, key, 'alignment')]:.2f} ({cell[(m, key, 'questions')]:.0f})"
            for m in runs) + " |")
    value = {(r.method, r.metric): r.value for r in rows if r.slice == "all"}
    if {"tacit", "always-ask"} <= set(methods):
        ratio = value[("tacit", "questions")] / max(1.0, value[("always-ask", "questions")])
        print(f"\ntargets: alignment tacit {value[('tacit', 'alignment')]:.3f} >= always-ask "
              f"{value[('always-ask', 'alignment')]:.3f}: "
              f"{value[('tacit', 'alignment')] >= value[('always-ask', 'alignment')]}; "
              f"questions tacit/always-ask {ratio:.2f} <= 0.40: {ratio <= 0.40}; "
              f"over-asking {value[('tacit', 'over_asking')]:.3f} == 0; questions once covered "
              f"{value[('tacit', 'questions_when_covered')]:.0f} == 0")
    if args.report:
        write_report(args.report, runs, title="Elicitation benchmark",
                     meta={"model": args.model, "personas": len(personas),
                           "max_tokens": args.max_tokens, "temperature": args.temperature})
    if args.out:
        common.write_json(args.out, benchmark="elicitation", data=str(args.data),
                          machine=common.machine(("llama-cpp-python", "langgraph")),
                          started=started, rows=rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

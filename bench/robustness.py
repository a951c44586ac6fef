"""Isolation and fuzzing at scale: the property tests of the unit tier, with many more examples.

Runs ``tests/unit/test_isolation.py`` (random people and operations through the facade and the
HTTP API; after every step no person's words in another's search, recall, tree, export or API
responses) and ``tests/unit/test_fuzz.py`` (nasty and drawn input at every edge: a clear error,
never a traceback, nothing stored from a refused request) under the hypothesis profile
``bench``, and counts the examples that passed and failed.

The input lists of the fuzz tests are fixed, not tuned; the drawn examples come from a seed
per half: ``tune`` (seed 1) and ``held-out`` (seed 2).

    python bench/robustness.py [--out FILE] [--limit [N]] [--examples 200]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from common import Row, machine, now_iso, parser, table, watch, write_json

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/unit/test_isolation.py", "tests/unit/test_fuzz.py"]
QUICK_EXAMPLES = 30
STATS = re.compile(r"(\d+) passing examples?, (\d+) failing examples?")
TEST = re.compile(r"^(tests/\S+::\S+)")


def run(examples: int, seed: int) -> tuple[Counter[str], str]:
    """One pytest run of the property tests; counts by test file and outcome."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "bench", "HYPOTHESIS_EXAMPLES": str(examples),
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider",
         "--hypothesis-show-statistics", f"--hypothesis-seed={seed}", "-rf"],
        cwd=ROOT, env=env, capture_output=True, text=True)
    counts: Counter[str] = Counter()
    current = ""
    for line in proc.stdout.splitlines():
        named = TEST.match(line.strip())
        if named:
            current = "isolation" if "isolation" in named.group(1) else "fuzz"
        found = STATS.search(line)
        if found and current:
            counts[f"{current}:passing_examples"] += int(found.group(1))
            counts[f"{current}:failing_examples"] += int(found.group(2))
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    for outcome in ("passed", "failed", "error"):
        got = re.search(rf"(\d+) {outcome}", summary)
        counts[f"tests:{outcome}"] = int(got.group(1)) if got else 0
    return counts, proc.stdout


def main() -> None:
    p = parser(__doc__.splitlines()[0], ["tacit"])
    p.add_argument("--examples", type=int, default=200, help="examples per property")
    args = p.parse_args()
    examples = (args.limit or QUICK_EXAMPLES) if args.limit is not None else args.examples
    started = now_iso()
    rows = []
    for slice_, seed in watch([("tune", 1), ("held-out", 2)], "halves"):
        counts, out = run(examples, seed)
        if counts["tests:failed"] or counts["tests:error"]:
            print(out[-6000:])
        for key, value in sorted(counts.items()):
            method, _, metric = key.partition(":")
            rows.append(Row(method, slice_, metric, value))
    print(table(rows))
    if args.out:
        write_json(args.out, benchmark="robustness",
                   data=f"hypothesis, {examples} examples per property",
                   machine=machine(["hypothesis"]), started=started, rows=rows)


if __name__ == "__main__":
    main()

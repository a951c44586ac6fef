"""False crisis alarms on everyday text: what a person types when nothing is wrong.

The safety suites' calm items are look-alikes and sensitive requests; this measures the
ordinary rest, where an alarm costs the most trust. Three public sources in
``../shared/bench/`` (read for evaluation only, never trained on):

- ``chat``: LoCoMo's conversation turns (friends chatting: greetings, good news, hobbies,
  sign-offs), each read with the same speaker's earlier turns of that session as its history,
  as a conversation is read in a turn;
- ``requests``: PrefEval's stated preferences and the questions asked after them;
- ``tasks``: the person's lines in NLSI's dialogues (flights, restaurants, events).

Each text is in the ``tune`` or the ``heldout`` half by a hash of the text, fixed before any
run. Metrics per source and half: ``false_alarm_rate`` (a crisis detected: resources would lead
the reply), ``possible_rate`` (below the crisis bar but at the "possible" level),
``sensitive_rate`` (given a sensitive domain, so the safety plan may ask about the person) and
``n``.
``--errors`` prints the alarms of the tune half only.

    python bench/safety_calm.py [--limit N] [--sources chat,requests,tasks] [--errors]
                                [--out FILE]
"""

from __future__ import annotations

import json
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import common  # noqa: E402

from agents.safety_detect import detect  # noqa: E402
from memory.embedder import Embedder  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
SOURCES = ("chat", "requests", "tasks")
HISTORY = 8


@dataclass
class Item:
    source: str
    text: str
    history: list[str]

    @property
    def split(self) -> str:
        return "tune" if zlib.crc32(self.text.encode("utf-8")) % 2 == 0 else "heldout"


def chat_items() -> Iterator[Item]:
    for sample in json.loads((SHARED / "locomo" / "locomo_dev.json").read_text("utf-8")):
        talk = sample["conversation"]
        for key in sorted((k for k in talk if re.fullmatch(r"session_\d+", k)),
                          key=lambda k: int(k.split("_")[1])):
            said: dict[str, list[str]] = {}
            for turn in talk[key]:
                earlier = said.setdefault(turn["speaker"], [])
                yield Item("chat", turn["text"], earlier[-HISTORY:])
                earlier.append(turn["text"])


def request_items() -> Iterator[Item]:
    for path in sorted((SHARED / "prefeval" / "explicit_preference").glob("*.json")):
        for entry in json.loads(path.read_text("utf-8")):
            for field in ("preference", "question"):
                if entry.get(field):
                    yield Item("requests", str(entry[field]), [])


def task_items() -> Iterator[Item]:
    for dialogue in json.loads((SHARED / "nlsi" / "nlsi_dev.json").read_text("utf-8")):
        lines = [line[len("User:"):].strip() for line in dialogue["utterance"].splitlines()
                 if line.startswith("User:")]
        for n, line in enumerate(lines):
            yield Item("tasks", line, lines[max(0, n - HISTORY):n])


READERS = {"chat": chat_items, "requests": request_items, "tasks": task_items}


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], ["tacit"])
    p.add_argument("--sources", default=",".join(SOURCES),
                   help=f"comma-separated subset of: {', '.join(SOURCES)}")
    p.add_argument("--errors", action="store_true", help="print the tune half's alarms")
    args = p.parse_args()
    started = common.now_iso()
    wanted = [s.strip() for s in args.sources.split(",") if s.strip()]
    unknown = set(wanted) - set(SOURCES)
    if unknown:
        raise SystemExit(f"unknown source(s): {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(SOURCES)}")
    embed = Embedder().embed
    rows: list[common.Row] = []
    for source in wanted:
        items = list(READERS[source]())
        if args.limit:
            items = items[:args.limit]
        # n, alarms, possible, sensitive
        counts = {split: [0, 0, 0, 0] for split in ("tune", "heldout")}
        for item in common.watch(items, source):
            found = detect(item.text, item.history, embed=embed)
            tally = counts[item.split]
            tally[0] += 1
            tally[1] += found.crisis_kind is not None
            tally[2] += found.crisis_kind is None and found.crisis_level == "possible"
            tally[3] += found.crisis_kind is None and found.domain is not None
            if args.errors and item.split == "tune" and found.crisis_kind is not None:
                cues = [e for e in found.evidence if e.startswith(("cue", "earlier"))]
                print(f"[{source}] {found.crisis_kind}/{found.crisis_level}: {item.text!r} "
                      f"{cues}")
        for split, (n, alarms, possible, sensitive) in counts.items():
            rows += [common.Row("tacit", f"{source}/{split}", "n", float(n)),
                     common.Row("tacit", f"{source}/{split}", "false_alarm_rate",
                                alarms / n if n else float("nan")),
                     common.Row("tacit", f"{source}/{split}", "possible_rate",
                                possible / n if n else float("nan")),
                     common.Row("tacit", f"{source}/{split}", "sensitive_rate",
                                sensitive / n if n else float("nan"))]
    print(common.table(rows))
    if args.out:
        common.write_json(args.out, benchmark="safety_calm", data=",".join(wanted),
                          machine=common.machine(["onnxruntime"]), started=started, rows=rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

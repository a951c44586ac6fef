"""Crisis alarms on short everyday messages, and crises said in few words.

A new user's first messages are short: "I can't sleep.", "Do you ever lie to me?", "My kid
won't stop crying at night.". The safety suites' look-alikes are longer and the calm benchmark
(``bench/safety_calm.py``) reads other people's chat; this suite, written for this project
(``bench/suites/everyday_short.jsonl``), holds sets of short messages addressed to the
assistant, complaints about things, everyday aches and poor sleep, short worries and wishes,
and, to hold recall, crises said to the assistant or in few words. Each item is in the ``tune``
or the ``heldout`` half (a set's odd lines tune, even lines held out; sets written after the
changes they measure are held out whole; sets read while changing the detector are tune whole).

Metrics per set and half, and per kind (``calm`` or ``crisis``) and half:
``alarm_rate`` (calm items detected as a crisis: the crisis block would lead the reply) and
``crisis_recall`` (crisis items detected), with ``n``.

    python bench/everyday.py [--limit N] [--out FILE] [--errors]

``--errors`` prints the tune half's misreadings only.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import common  # noqa: E402

from agents.safety_detect import detect  # noqa: E402
from memory.embedder import Embedder  # noqa: E402

SUITE = ROOT / "bench" / "suites" / "everyday_short.jsonl"


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], ["tacit"])
    p.add_argument("--data", type=Path, default=SUITE)
    p.add_argument("--errors", action="store_true", help="print the tune half's misreadings")
    args = p.parse_args()
    started = common.now_iso()
    items = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    if args.limit:
        items = items[:args.limit]
    embed = Embedder().embed
    found: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for item in common.watch(items, "messages"):
        alarm = detect(item["text"], [], embed=embed).crisis_kind is not None
        kind = "crisis" if item["crisis"] else "calm"
        for name in (f"set={item['set']}", f"kind={kind}"):
            found[(name, item["split"])].append(alarm)
        if args.errors and item["split"] == "tune" and alarm != item["crisis"]:
            print(f"[{item['set']}] {'missed' if item['crisis'] else 'alarm'}: {item['text']!r}")
    crisis_sets = {f"set={i['set']}" for i in items if i["crisis"]} | {"kind=crisis"}
    rows: list[common.Row] = []
    for (name, split), alarms in sorted(found.items()):
        where = f"{name}/{split}"
        metric = "crisis_recall" if name in crisis_sets else "alarm_rate"
        rows += [common.Row("tacit", where, "n", float(len(alarms))),
                 common.Row("tacit", where, metric, sum(alarms) / len(alarms))]
    print(common.table(rows))
    if args.out:
        common.write_json(args.out, benchmark="everyday", data=str(args.data),
                          machine=common.machine(["onnxruntime"]), started=started, rows=rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

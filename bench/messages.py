"""Short messages drafted by code: which requests get one, and whether it is the one asked.

``agents/messages.py`` drafts "a short message to my landlord about the broken boiler" from
its parts, because the bundled model answered such requests with a refusal. This suite,
written for this project (``bench/suites/messages.jsonl``), holds requests for a short
message, email, text, note or letter to someone (``draft: true``, with who it is to, whether
it is about something, asks or tells, and the tone) and look-alikes that must go to the model
(``draft: false``: how to send a message, a poem or a CV, whether to write at all, an email
to summarise). Halves by the parity of the id's number (even: tune), fixed before any run.

Metrics per half: ``draft_recall`` (requests drafted by code), ``false_draft_rate``
(look-alikes drafted), and over the requests drafted ``to_accuracy`` (the draft is to the one
named), ``purpose_accuracy`` and ``tone_accuracy``; ``n`` per half and kind.

    python bench/messages.py [--data FILE] [--limit N] [--out FILE] [--split tune|heldout|all]
                             [--errors]

``--errors`` prints the tune half's misses, false drafts and misread parts only. Purposes are
compared in the suite's three kinds: asking (for something, whether, to move a date), telling
(news, thanks, an apology, a cancellation, a reminder) and about (a matter to raise).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402

from agents.messages import read  # noqa: E402

SUITE = ROOT / "bench" / "suites" / "messages.jsonl"
COARSE = {"ask_you": "ask", "ask_whether": "ask", "ask_to": "ask", "reschedule": "ask",
          "thank": "tell", "apologise": "tell", "cancel": "tell", "remind": "tell"}


def half(item: dict[str, object]) -> str:
    return "tune" if int(str(item["id"]).rsplit("-", 1)[-1]) % 2 == 0 else "heldout"


def main() -> int:
    p = common.parser(__doc__.splitlines()[0], ["tacit"])
    p.add_argument("--data", type=Path, default=SUITE)
    p.add_argument("--errors", action="store_true", help="print the tune half's errors")
    p.add_argument("--split", default="all", choices=["tune", "heldout", "all"])
    args = p.parse_args()
    started = common.now_iso()
    items = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    if args.split != "all":
        items = [i for i in items if half(i) == args.split]
    if args.limit:
        items = items[:args.limit]
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    for item in common.watch(items, "requests"):
        where = half(item)
        draft = read(item["text"])
        if item["draft"]:
            found[("draft_recall", where)].append(float(draft is not None))
            if draft is not None:
                found[("to_accuracy", where)].append(
                    float(str(item["to"]).lower() in draft.to.lower()))
                purpose = COARSE.get(draft.purpose, draft.purpose)
                found[("purpose_accuracy", where)].append(float(purpose == item["purpose"]))
                if args.errors and where == "tune" and ((purpose, draft.tone) != (
                        item["purpose"], item["tone"]) or str(item["to"]).lower() not in
                        draft.to.lower()):
                    print(f"read {purpose}/{draft.tone} to {draft.to!r}, not {item['purpose']}/"
                          f"{item['tone']} to {item['to']!r}: {item['text']!r}")
                found[("tone_accuracy", where)].append(float(draft.tone == item["tone"]))
        else:
            found[("false_draft_rate", where)].append(float(draft is not None))
        if args.errors and where == "tune" and (draft is not None) != item["draft"]:
            print(f"{'missed' if item['draft'] else 'drafted'}: {item['text']!r}")
    rows: list[common.Row] = []
    for (metric, where), values in sorted(found.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rows.append(common.Row("tacit", f"split={where}", metric, sum(values) / len(values)))
        if metric in ("draft_recall", "false_draft_rate"):
            rows.append(common.Row("tacit", f"split={where}", f"n_{metric.split('_')[0]}",
                                   float(len(values))))
    print(common.table(rows))
    if args.out:
        common.write_json(args.out, benchmark="messages", data=str(args.data),
                          machine=common.machine(), started=started, rows=rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

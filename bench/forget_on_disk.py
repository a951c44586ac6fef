"""Forget on disk: copies of a forgotten conversation's text left in the data directory's files.

A store of ``--sessions`` imported conversations (real embedder, SQLite, Chroma, the memory tree)
plus canary conversations, each holding a unique string, talked through the service facade
(fake chat model, real checkpoint file). Each canary conversation is then forgotten; the
canary's bytes are counted in every file under the data directory:

- ``before``: before the forget;
- ``tacit``: after ``Tacit.forget`` (what every front end calls; it erases the stores' logs
  and freed pages too), with the seconds the forget took.

Canaries are split into two halves by a stable hash of their id (nothing here is tuned; the
halves are reported apart all the same).

    python bench/forget_on_disk.py [--out FILE] [--limit [N]] [--sessions 300] [--canaries 6]
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

from common import Row, machine, now_iso, parser, table, watch, write_json

ROOT = Path(__file__).resolve().parents[1]


def copies(data_dir: Path, text: str) -> int:
    return sum(p.read_bytes().count(text.encode()) for p in data_dir.rglob("*") if p.is_file())


def half(canary: str) -> str:
    return "tune" if int(hashlib.sha256(canary.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def main() -> None:
    p = parser(__doc__.splitlines()[0], ["tacit"])
    p.add_argument("--sessions", type=int, default=300, help="filler conversations")
    p.add_argument("--canaries", type=int, default=6, help="conversations to forget")
    args = p.parse_args()
    sessions = 20 if args.limit is not None else args.sessions
    sys.path.insert(0, str(ROOT))
    from assistant.models.fake import FakeModel
    from assistant.service import Tacit
    from assistant.settings import Settings
    from memory.facade import ImportedSession

    started = now_iso()
    counts: dict[tuple[str, str], list[int]] = {}
    seconds: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        tacit = Tacit(Settings(data_dir=data, chat={"model": "fake"}),
                      model=FakeModel(context_window=4096))
        filler = [ImportedSession([(f"Day {s}: I walked {s % 9} km by the river.", "Nice."),
                                   (f"I cooked dish number {s}.", "Tasty.")])
                  for s in range(sessions)]
        for _ in tacit.memory.import_sessions("u", filler):
            pass
        planted = []
        for c in watch(range(args.canaries), "canaries"):
            canary = f"zq{c}x{hashlib.sha256(str(c).encode()).hexdigest()[:10]}"
            session = tacit.new_session("u").id
            for text in (f"My locker code is {canary} at the pool.",
                         f"Remember {canary} for me please."):
                list(tacit.send("u", session, text))
            planted.append((canary, session))
        tacit.new_session("u")  # the last canary conversation is closed into the tree too
        for canary, session in planted:
            counts.setdefault((half(canary), "before"), []).append(copies(data, canary))
            start = time.perf_counter()
            tacit.forget("u", session)  # erases the stores' leftovers too
            seconds.setdefault(half(canary), []).append(time.perf_counter() - start)
            counts.setdefault((half(canary), "tacit"), []).append(copies(data, canary))
        tacit.close()
    rows = []
    for (slice_, stage), found in sorted(counts.items()):
        method = "tacit" if stage == "tacit" else f"tacit-{stage}"
        rows.append(Row(method, slice_, "canary_copies", sum(found)))
        rows.append(Row(method, slice_, "canaries", len(found)))
    for slice_, took in sorted(seconds.items()):
        rows.append(Row("tacit", slice_, "forget_s_max", max(took)))
    print(table(rows))
    if args.out:
        write_json(args.out, benchmark="forget_on_disk",
                   data=f"synthetic, {sessions} conversations, {args.canaries} canaries",
                   machine=machine(["chromadb"]), started=started, rows=rows)


if __name__ == "__main__":
    main()

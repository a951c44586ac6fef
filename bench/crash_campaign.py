"""Crash campaign: kill -9 at random points of turns, questions, imports and forgets, then check.

A seeded data directory (SQLite, a Chroma directory, the checkpoint file) holds two people's
conversations, one of them waiting on a question. Each point copies it, runs one operation in a
child process (fake chat model, real stores) and kills that child with SIGKILL at a random
point, chosen one of two ways, alternately:

- ``hook``: the n-th of the store writes the operation makes (SQL commits, vector-store writes,
  checkpoint writes, log scrubs; before or after each), n drawn from those of an uninterrupted
  run of the same operation;
- ``time``: a random offset into the operation's uninterrupted run time (inside native code
  too).

A fresh process then opens the directory, as the next ``tacit`` command would, and checks:
every turn whole or absent in SQL, the lexical index, the vectors, the memory tree and the
checkpoints; no record or vector without its source; what a forget removed gone from every
store (or the forget not done at all); an import's conversations whole or absent; the pending
question still waiting; and the conversation resumes (a new message is answered and stored
whole, and the question can be answered).

``--stores server`` runs the same points in server mode: one throwaway PostgreSQL cluster and
one Chroma server on loopback for the whole run (``tests/servers.py``). The seeded database is
the template of each point's own database (SQL, the full-text index and the checkpoints), and
the Chroma server's collections are put back to the seed's before each point; the checks are
the same, on PostgreSQL and the Chroma server.

Points are split by a stable hash of their number into a tune half and a held-out half.

    python bench/crash_campaign.py [--out FILE] [--limit [N]] [--points 1000] [--seed 7]
                                   [--ops turn,...] [--embedder hashing|real]
                                   [--stores embedded|server] [--log FILE]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OPS = ("turn", "question", "answer", "import", "restore", "forget_turn", "forget_session")
QUICK_POINTS = 14
# Where the stores of a point found broken are kept for a look.
KEPT = Path(tempfile.gettempdir()) / f"tacit-crash-kept-{os.getpid()}"
PENDING = "Any ideas for dinner tonight? (zqpending)"


def canary(name: str) -> str:
    return f"zq{name}{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def half(point: int) -> str:
    return "tune" if int(hashlib.sha256(str(point).encode()).hexdigest(), 16) % 2 else "held-out"


# The stores, opened as a fresh process opens them ----------------------------------------------
@dataclass(frozen=True)
class Place:
    """Where one point's stores are: a data directory (embedded: everything; server mode: the
    running marks), and in server mode a PostgreSQL database and the Chroma server."""

    data: Path
    database_url: str | None = None
    chroma_url: str | None = None


def open_tacit(place: Place, embedder: str) -> Any:
    from assistant.models.fake import FakeModel
    from assistant.service import Tacit
    from assistant.settings import Settings
    from memory.facade import Memory
    from memory.vectors import VectorIndex

    settings = Settings(data_dir=place.data, user="ana", chat={"model": "fake"},
                        database_url=place.database_url, chroma_url=place.chroma_url)
    if embedder == "real":
        from memory.embedder import Embedder

        model: Any = Embedder(cache_dir=settings.cache_dir)
    else:
        from tests.fakes import HashingEmbedder

        model = HashingEmbedder()
    memory = Memory.open(settings.db_url, VectorIndex(model, path=settings.vector_path,
                                                      url=settings.chroma_url))
    return Tacit(settings, model=FakeModel(context_window=4096), memory=memory)


def seed(place: Place, embedder: str, files: Path) -> dict[str, Any]:
    """Two people's conversations; ana's last one waits on a question. Returns what ops need;
    the files to import are written to ``files``."""
    from assistant.service import Question

    tacit = open_tacit(place, embedder)
    facts = {}
    a = tacit.new_session("ana").id
    for n, text in enumerate(("I keep bees on the roof of my flat.",
                              f"My bike lock code is {canary('locker')}.",
                              "I am training for a half marathon in spring.")):
        done = tacit.ask("ana", text, a)
        facts[f"a{n}"] = done.turn_id
    b = tacit.new_session("ben").id
    for text in ("I play the cello in a quartet.", "My sister lives in Lyon."):
        tacit.ask("ben", text, b)
    q = tacit.new_session("ana").id
    last = list(tacit.send("ana", q, PENDING))[-1]
    if not isinstance(last, Question):
        raise SystemExit("the seed's dinner question was not asked: the campaign needs one")
    tacit.flush()
    # An export of a third person, restored into ana by the `restore` operation.
    c = tacit.new_session("cy").id
    for n in range(3):
        tacit.ask("cy", f"Note {n}: my allotment grows {canary(f'restore{n}')} beans.", c)
    export = tacit.export("cy")
    tacit.close()
    files.mkdir(parents=True, exist_ok=True)
    (files / "export.json").write_text(json.dumps(export), encoding="utf-8")
    plain = {"sessions": [{"title": f"Trip {s} {canary(f'import{s}')}", "turns": [
        {"user": f"Day {d} of trip {s}: {canary(f'import{s}')} walking.", "assistant": "Lovely."}
        for d in range(3)]} for s in range(3)]}
    (files / "plain.json").write_text(json.dumps(plain), encoding="utf-8")
    return {"a": a, "b": b, "q": q, "turn": facts["a1"], "files": str(files)}


def run_op(tacit: Any, op: str, seeded: dict[str, Any]) -> None:
    from assistant.history_import import import_file

    files = Path(seeded["files"])
    if op == "turn":
        tacit.ask("ana", f"Please remember {canary('turn')} is my gate code.", seeded["a"])
    elif op == "question":
        session = tacit.new_session("ana").id
        list(tacit.send("ana", session, f"Any ideas for dinner with {canary('question')}?"))
    elif op == "answer":
        list(tacit.send("ana", seeded["q"], "vegetarian"))
        tacit.flush()
    elif op == "import":
        import_file(tacit.memory, "ana", files / "plain.json")
    elif op == "restore":
        import_file(tacit.memory, "ana", files / "export.json")
    elif op == "forget_turn":
        tacit.forget("ana", seeded["turn"])
    elif op == "forget_session":
        tacit.forget("ana", seeded["a"])
    else:  # pragma: no cover - names are checked by the parser
        raise ValueError(op)


# Kill points -----------------------------------------------------------------------------------
class Hooks:
    """Counts store writes (before and after each) and kills this process at the n-th."""

    def __init__(self, kill_at: int | None, server: bool = False) -> None:
        import threading

        self.count, self.kill_at, self._lock = 0, kill_at, threading.Lock()
        self.server = server

    def event(self) -> None:
        with self._lock:
            self.count += 1
            if self.count == self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    def wrap(self, owner: Any, name: str) -> None:
        original = getattr(owner, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.event()
            result = original(*args, **kwargs)
            self.event()
            return result

        setattr(owner, name, wrapped)

    def install(self) -> None:
        from chromadb.api.models.Collection import Collection
        from langgraph.checkpoint.sqlite import SqliteSaver
        from sqlalchemy.orm import Session

        import memory.erase
        import memory.vectors

        savers: list[Any] = [SqliteSaver]
        if self.server:
            from langgraph.checkpoint.postgres import PostgresSaver

            savers.append(PostgresSaver)
        self.wrap(Session, "commit")
        for name in ("add", "upsert", "delete"):
            self.wrap(Collection, name)
        for saver in savers:
            for name in ("put", "put_writes", "delete_thread"):
                self.wrap(saver, name)
        for name in ("scrub_log", "compact_log"):
            self.wrap(memory.vectors, name)
        self.wrap(memory.erase, "flush_log")


def child(place: Place, op: str, seeded: dict[str, Any], embedder: str, kill_at: int | None,
          pipe: int) -> None:
    """Open the stores, say so, run ``op`` (dying at hook ``kill_at``), report hooks seen."""
    try:
        tacit = open_tacit(place, embedder)
        _ = tacit.graph
        tacit.memory.vectors.warm()
        hooks = Hooks(kill_at, server=place.database_url is not None)
        hooks.install()
        os.write(pipe, b"R")
        run_op(tacit, op, seeded)
        tacit.close()
        os.write(pipe, f"E{hooks.count}".encode())
    except BaseException as exc:
        os.write(pipe, f"X{type(exc).__name__}: {exc}"[:500].encode())
    finally:
        os._exit(0)


def spawn(place: Place, op: str, seeded: dict[str, Any], embedder: str,
          kill_at: int | None = None, kill_after: float | None = None
          ) -> tuple[str, float]:
    """Run ``op`` in a forked child; kill it at hook ``kill_at`` or ``kill_after`` seconds
    into the operation. Returns how it ended ('E<hooks>', 'X<error>' or 'killed') and the
    operation's seconds."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(read)
        child(place, op, seeded, embedder, kill_at, write)
    os.close(write)
    ready = os.read(read, 1)
    start = time.perf_counter()
    if ready == b"R" and kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    rest = b""
    while chunk := os.read(read, 4096):
        rest += chunk
    took = time.perf_counter() - start
    os.close(read)
    _, status = os.waitpid(pid, 0)
    said = (ready + rest).decode(errors="replace")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return "killed", took
    return said.removeprefix("R") or "no report", took


# Checks ----------------------------------------------------------------------------------------
def audit(tacit: Any, op: str, seeded: dict[str, Any], pending_expected: bool) -> list[str]:
    """What is wrong in the stores after a crash: one name per broken promise."""
    from sqlmodel import Session as DbSession
    from sqlmodel import select

    from memory.schema import MemoryItem, Session, StandingInstruction, TreeNode, Turn

    broken: list[str] = []
    memory = tacit.memory
    with DbSession(memory.engine) as db:
        turns = {t.id: t for t in db.exec(select(Turn)).all()}
        sessions = {s.id: s for s in db.exec(select(Session)).all()}
        items = {i.id: i for i in db.exec(select(MemoryItem)).all()}
        instructions = {i.id for i in db.exec(select(StandingInstruction)).all()}
        nodes = {n.id: n for n in db.exec(select(TreeNode)).all()}
        lexical = {row[0]: row[2] for row in db.connection().exec_driver_sql(
            "SELECT doc_id, user_id, kind FROM lexical").all()}
    sql_ids = set(turns) | set(items) | instructions | set(nodes)
    vectors = {doc: (text, meta) for doc, text, meta in memory.vectors.documents()}

    if any(t.session_id not in sessions for t in turns.values()):
        broken.append("sql: turn without its conversation")
    if any(not t.user_text or not t.reply_text for t in turns.values()):
        broken.append("sql: turn without its message or reply")
    if set(turns) - set(lexical):
        broken.append("lexical: stored turn not indexed")
    if set(lexical) - sql_ids:
        broken.append("lexical: indexed text with no record")
    if set(turns) - set(vectors):
        broken.append("vectors: stored turn without its vector")
    if set(vectors) - sql_ids:
        broken.append("vectors: vector with no record")
    for node in nodes.values():
        if set(node.source_turn_ids or []) - set(turns):
            broken.append("tree: summary of a turn no longer stored")
            break
    for node in nodes.values():
        sid = (node.meta or {}).get("session_id")
        if node.level == 1 and sid and sid not in sessions:
            broken.append("tree: summary of a conversation no longer stored")
            break

    saver = tacit.graph.checkpointer
    threads: dict[str, str] = {}
    for saved in saver.list(None):
        thread = str(saved.config["configurable"].get("thread_id", ""))
        threads[thread] = threads.get(thread, "") + repr(
            (saved.checkpoint.get("channel_values"), saved.pending_writes))
    for thread in threads:
        _, _, sid = thread.partition("/")
        if sid not in sessions:
            broken.append("checkpoints: thread of a conversation no longer stored")
            break
    for thread in threads:
        state = saver.get_tuple({"configurable": {"thread_id": thread}})
        values = (state.checkpoint.get("channel_values") or {}) if state else {}
        if values.get("turn_id") and values["turn_id"] not in turns:
            broken.append("checkpoints: finished turn missing from SQL")
            break

    # Operation-specific promises.
    texts = [t.user_text for t in turns.values()]
    if op == "turn" and sum(canary("turn") in t for t in texts) > 1:
        broken.append("turn: stored twice")
    if op == "question" and any(canary("question") in t for t in texts):
        broken.append("question: a turn stored while the question waits")
    if op == "import":
        for s in range(3):
            held = sum(canary(f"import{s}") in t for t in texts)
            if held not in (0, 3):
                broken.append("import: conversation stored in part")
            titled = [x for x in sessions.values() if canary(f"import{s}") in (x.title or "")]
            if len(titled) > 1 or (titled and not held):
                broken.append("import: conversation without its turns")
    if op == "restore":
        held = sum(any(canary(f"restore{n}") in t.user_text for n in range(3))
                   for t in turns.values() if t.user_id == "ana")
        if held not in (0, 3):
            broken.append("restore: export restored in part")
    if op.startswith("forget"):
        marker = canary("locker")
        forgotten = seeded["turn"] not in turns
        if forgotten:
            where = []
            if seeded["turn"] in lexical:
                where.append("lexical")
            if any(marker in (text or "") for text, _ in vectors.values()):
                where.append("vectors")
            if any(marker in (n.summary or "") or seeded["turn"] in (n.source_turn_ids or [])
                   for n in nodes.values()):
                where.append("tree")
            if any(marker in held or seeded["turn"] in held for held in threads.values()):
                where.append("checkpoints")
            broken.extend(f"forget: forgotten turn left in {w}" for w in where)
        if op == "forget_session" and forgotten and seeded["a"] in sessions:
            broken.append("forget: conversation left after its turns were forgotten")
    pending = tacit.pending_question("ana", seeded["q"]) is not None
    answered = sum(t.session_id == seeded["q"] and t.user_text == PENDING
                   for t in turns.values())
    # A run stopped after the answer was checkpointed goes on with the next message.
    cut_off = tacit.cut_off({"configurable": {"thread_id": f"ana/{seeded['q']}"}})
    if answered > 1:
        broken.append("answer: stored twice")
    if op == "answer":
        if answered and pending:
            broken.append("answer: question both answered and waiting")
        if not answered and not pending and not cut_off:
            broken.append("answer: question lost unanswered")
    elif pending_expected and not pending:
        broken.append("question: pending question lost")
    return broken


def resume(tacit: Any, seeded: dict[str, Any]) -> list[str]:
    """The next commands after a restart: a new message, and the answer to the question."""
    from assistant.service import Done

    broken = []
    session = seeded["a"] if tacit.memory.get_session("ana", seeded["a"]) else \
        tacit.resume_session("ana").id
    before = len(tacit.history("ana", session))
    again = "After the restart: what do I keep on my roof?"
    done = tacit.ask("ana", again, session)
    added = [u for u, _ in tacit.history("ana", session)[before:]]
    # A turn the crash cut off is finished first, then the new message is answered.
    if not done.turn_id or added[-1:] != [again] or \
            any(canary("turn") not in u for u in added[:-1]) or len(added) > 2:
        broken.append("resume: the next message was not stored whole")
    if tacit.pending_question("ana", seeded["q"]) is not None:
        last = list(tacit.send("ana", seeded["q"], "vegetarian"))[-1]
        tacit.flush()
        if not isinstance(last, Done) or not last.turn_id:
            broken.append("resume: the pending question could not be answered")
    elif tacit.cut_off({"configurable": {"thread_id": f"ana/{seeded['q']}"}}):
        list(tacit.send("ana", seeded["q"], "Thanks."))  # finishes a run cut off by the crash
        tacit.flush()
        if [u for u, _ in tacit.history("ana", seeded["q"])][:1] != [PENDING]:
            broken.append("resume: the answered question's turn was not finished")
    return broken


def check(place: Place, op: str, seeded: dict[str, Any], embedder: str,
          pending_expected: bool) -> list[str]:
    """Open ``place`` in a fresh process and return every broken promise found there."""
    def inspect() -> list[str]:
        try:
            tacit = open_tacit(place, embedder)
            broken = audit(tacit, op, seeded, pending_expected)
            try:
                broken += resume(tacit, seeded)
            except Exception as exc:
                broken.append(f"resume: {type(exc).__name__}: {str(exc)[:120]}")
            broken += [f"after resume: {b}" for b in audit(tacit, "resume", seeded, False)]
            tacit.close()
        except BaseException as exc:
            broken = [f"reopen: {type(exc).__name__}: {str(exc)[:160]}"]
        return broken

    try:
        return list(fork_call(inspect))
    except SystemExit:  # the checking process died before it could say anything
        return ["checker died"]


def campaign(points: int, ops: list[str], embedder: str, rng: random.Random,
             stores: Any, log: Any = None, workers: int = 1, first: int = 0) -> dict[str, Any]:
    """``points`` kill points over ``ops`` in turn, each on a fresh copy of the seeded stores
    that ``stores`` (:class:`EmbeddedStores` or :class:`ServerStores`) hands out, by
    ``workers`` processes at once; points before ``first`` are drawn but not run (a run
    stopped part way goes on where it stopped, with the same points)."""
    seeded = fork_call(lambda: seed(stores.seed_place(), embedder, stores.work / "files"))
    stores.seeded()
    warm = stores.fresh("warm")
    preload(fork_call(lambda: modules_used(warm, embedder, seeded)))
    import threading

    if threading.active_count() > 1:  # a fork would copy their locks, not them
        raise SystemExit(f"threads running before the points fork: {threading.enumerate()}")
    stores.release(warm)
    dry: dict[str, tuple[int, float, bool]] = {}
    for op in ops:
        scratch = stores.fresh(f"dry_{op}")
        ended, took = spawn(scratch, op, seeded, embedder)
        if not ended.startswith("E"):
            raise SystemExit(f"{op} failed without a crash: {ended}")
        pending = fork_call(lambda s=scratch: pending_after(s, embedder, seeded))
        stores.release(scratch)
        dry[op] = (int(ended[1:]), took, pending)
    # The plan is drawn in point order whatever the number of workers: a seed names the same
    # hook points; time offsets are drawn within this run's measured operation times.
    plan = []
    for point in range(points):
        op = ops[point % len(ops)]
        hooks, took, _ = dry[op]
        mode = "hook" if point % 2 == 0 else "time"
        at = rng.randint(1, hooks) if mode == "hook" else round(rng.uniform(0, took * 1.05), 4)
        plan.append((point, op, mode, at))
    plan = plan[first:]
    results = []
    from common import watch

    rows = run_points(plan, stores, seeded, embedder, dry, workers)
    for _ in watch(range(len(plan)), "crash points"):
        row = next(rows)
        results.append(row)
        if log is not None:
            print(json.dumps(row), file=log, flush=True)
    results.sort(key=lambda r: r["point"])
    return {"dry": dry, "points": results}


def run_point(point: int, op: str, mode: str, at: float, stores: Any,
              seeded: dict[str, Any], embedder: str, pending: bool) -> dict[str, Any]:
    """One kill point on a fresh copy of the seeded stores, checked; its row."""
    began = time.perf_counter()
    scratch = stores.fresh(f"point_{point}")
    fresh_s = time.perf_counter() - began
    if mode == "hook":
        ended, _ = spawn(scratch, op, seeded, embedder, kill_at=int(at))
    else:
        ended, _ = spawn(scratch, op, seeded, embedder, kill_after=at)
    checked = time.perf_counter()
    broken = check(scratch, op, seeded, embedder, pending)
    row = {"point": point, "stores": stores.name, "op": op, "mode": mode, "at": at,
           "killed": ended == "killed", "ended": ended if ended != "killed" else "",
           "broken": broken, "half": half(point),
           "fresh_s": round(fresh_s, 2), "check_s": round(time.perf_counter() - checked, 2),
           "point_s": round(time.perf_counter() - began, 2)}
    if broken:  # kept for a look at what was left
        row["kept"] = stores.keep(scratch, f"broken_{point}")
    stores.release(scratch)
    return row


def run_points(plan: list[tuple[int, str, str, float]], stores: Any, seeded: dict[str, Any],
               embedder: str, dry: dict[str, tuple[int, float, bool]],
               workers: int) -> Iterator[dict[str, Any]]:
    """The rows of ``plan``'s points as they finish. With ``workers`` > 1, forked worker
    processes share the points out, each with stores of its own (in server mode its own
    Chroma server: the vectors of a point are the whole server's)."""
    if workers <= 1:
        for point, op, mode, at in plan:
            yield run_point(point, op, mode, at, stores, seeded, embedder, dry[op][2])
        return
    import selectors

    views = [stores.for_worker(w) for w in range(workers)]
    selector = selectors.DefaultSelector()
    pids = []
    for w, view in enumerate(views):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.close(read)
            code = 0
            try:
                for point, op, mode, at in plan[w::workers]:
                    row = run_point(point, op, mode, at, view, seeded, embedder, dry[op][2])
                    data = (json.dumps(row) + "\n").encode()
                    while data:
                        data = data[os.write(write, data):]
            except BaseException as exc:
                os.write(write, (json.dumps({"worker_error": repr(exc)[:500]}) + "\n").encode())
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        pids.append(pid)
        selector.register(read, selectors.EVENT_READ, bytearray())
    open_fds = len(pids)
    try:
        while open_fds:
            for key, _ in selector.select():
                chunk = os.read(key.fd, 65536)
                buffer: bytearray = key.data
                if not chunk:
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    open_fds -= 1
                    continue
                buffer.extend(chunk)
                while b"\n" in buffer:
                    line, _, rest = bytes(buffer).partition(b"\n")
                    buffer[:] = rest
                    row = json.loads(line)
                    if "worker_error" in row:
                        raise SystemExit(f"a worker stopped: {row['worker_error']}")
                    yield row
    finally:  # stopped early: no worker goes on alone
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


# Where each point's stores come from -----------------------------------------------------------
class EmbeddedStores:
    """Embedded mode: each point copies the seeded data directory (SQLite, the Chroma
    directory, the checkpoint file)."""

    name = "embedded"

    def __init__(self, work: Path) -> None:
        self.work = work
        self.base = work / "seed" / "data"

    def seed_place(self) -> Place:
        self.base.parent.mkdir(parents=True, exist_ok=True)
        return Place(self.base)

    def seeded(self) -> None:
        pass

    def fresh(self, name: str) -> Place:
        where = self.work / "points" / name
        if where.exists():
            shutil.rmtree(where)
        shutil.copytree(self.base, where)
        return Place(where)

    def for_worker(self, n: int) -> EmbeddedStores:
        return self  # every point has a directory of its own

    def keep(self, place: Place, name: str) -> str:
        kept = KEPT / name
        shutil.copytree(place.data, kept, dirs_exist_ok=True)
        return str(kept)

    def release(self, place: Place) -> None:
        shutil.rmtree(place.data, ignore_errors=True)

    def close(self) -> None:
        pass


class ServerStores:
    """Server mode: one PostgreSQL cluster and one Chroma server for the whole run. The seeded
    database is the template of each point's own (``CREATE DATABASE ... TEMPLATE``: SQL, the
    full-text index and the checkpoints in one copy); the Chroma server's collections are put
    back to the seed's before each point. Servers given are used as they are, and left
    running; servers started here are removed by :meth:`close`."""

    name = "server"

    def __init__(self, work: Path, postgres: Any = None, chroma: Any = None) -> None:
        from tests.servers import ChromaServer, Postgres, postgres_available

        self.work = work
        self.base = work / "seed" / "data"
        self._own: list[Any] = []
        if postgres is None:
            if not postgres_available():
                raise SystemExit("PostgreSQL's programs are not installed "
                                 "(apt-get install postgresql, or set PG_BIN).")
            postgres = Postgres().start()
            self._own.append(postgres)
        if chroma is None:
            try:
                chroma = ChromaServer().start()
            except BaseException:
                for own in self._own:
                    own.remove()
                raise
            self._own.append(chroma)
        self.postgres, self.chroma = postgres, chroma
        self.prefix = f"crash{os.getpid()}_"
        self.template = f"{self.prefix}seed"
        self._admin(f'CREATE DATABASE "{self.template}"')
        self.snapshot = work / "chroma-seed.json"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.postgres.url(), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def seed_place(self) -> Place:
        self.base.mkdir(parents=True, exist_ok=True)
        return Place(self.base, self.postgres.url(self.template), self.chroma.url)

    def seeded(self) -> None:
        fork_call(lambda: dump_chroma(self.chroma.url, self.snapshot))

    def fresh(self, name: str) -> Place:
        import psycopg

        database = f"{self.prefix}{name}"
        self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for wait in (0.05, 0.1, 0.2, 0.5, 1, 2, 4, 0):
            try:  # the template must have no session left (the seeding process's, closing)
                self._admin(f'CREATE DATABASE "{database}" TEMPLATE "{self.template}"')
                break
            except psycopg.errors.ObjectInUse:
                if not wait:
                    raise
                time.sleep(wait)
        fork_call(lambda: load_chroma(self.chroma.url, self.snapshot))
        where = self.work / "points" / name
        if where.exists():
            shutil.rmtree(where)
        shutil.copytree(self.base, where)
        return Place(where, self.postgres.url(database), self.chroma.url)

    def for_worker(self, n: int) -> ServerStores:
        """Stores for the ``n``-th worker: the same cluster, a Chroma server of its own."""
        import copy

        if n == 0:
            return self
        from tests.servers import ChromaServer

        server = ChromaServer().start()
        self._own.append(server)
        view = copy.copy(self)
        view.chroma = server
        return view

    def keep(self, place: Place, name: str) -> str:
        """The point's database (pg_dump) and vectors (JSON), kept: the cluster goes."""
        import subprocess

        from tests.servers import PG_BIN

        assert place.database_url is not None
        kept = KEPT / name
        kept.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(PG_BIN / "pg_dump"), "-f", str(kept / "database.sql"),
                        place.database_url], check=False, capture_output=True, timeout=120)
        fork_call(lambda: dump_chroma(self.chroma.url, kept / "chroma.json"))
        return str(kept)

    def release(self, place: Place) -> None:
        assert place.database_url is not None
        database = place.database_url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(place.data, ignore_errors=True)

    def close(self) -> None:
        try:
            self._admin(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        finally:
            for own in reversed(self._own):
                own.remove()


def chroma_client(url: str) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parsed = urlparse(url)
    return chromadb.HttpClient(host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000,
                               settings=ChromaSettings(anonymized_telemetry=False))


def dump_chroma(url: str, to: Path) -> int:
    """Every collection on the Chroma server at ``url``, written to ``to`` as JSON."""
    client = chroma_client(url)
    out = []
    for listed in client.list_collections():
        found = client.get_collection(listed if isinstance(listed, str) else listed.name)
        got = found.get(include=["embeddings", "documents", "metadatas"])
        out.append({"name": found.name, "metadata": found.metadata, "ids": got["ids"],
                    "embeddings": [[float(x) for x in e] for e in got["embeddings"]],
                    "documents": got["documents"], "metadatas": got["metadatas"]})
    to.write_text(json.dumps(out), encoding="utf-8")
    return len(out)


def load_chroma(url: str, snapshot: Path) -> int:
    """Put the Chroma server at ``url`` back to ``snapshot``: its collections and nothing else.
    They are made as ``memory.vectors`` makes them (cosine distance, no embedding function)."""
    client = chroma_client(url)
    for listed in client.list_collections():
        client.delete_collection(listed if isinstance(listed, str) else listed.name)
    saved = json.loads(snapshot.read_text(encoding="utf-8"))
    for c in saved:
        made = client.create_collection(c["name"], embedding_function=None,
                                        configuration={"hnsw": {"space": "cosine"}},
                                        metadata=c["metadata"])
        if c["ids"]:
            made.add(ids=c["ids"], embeddings=c["embeddings"], documents=c["documents"],
                     metadatas=c["metadatas"])
    return len(saved)


def modules_used(place: Place, embedder: str, seeded: dict[str, Any]) -> list[str]:
    """The modules a checking process imports (every point's two processes import them)."""
    tacit = open_tacit(place, embedder)
    resume(tacit, seeded)
    audit(tacit, "resume", seeded, False)
    Hooks(None, server=place.database_url is not None).install()
    tacit.close()
    return sorted(sys.modules)


def preload(modules: list[str]) -> int:
    """Import ``modules`` here, once, so that the processes forked for each point do not."""
    import importlib

    done = 0
    for name in modules:
        if name in sys.modules or name.startswith("__"):
            continue
        try:
            importlib.import_module(name)
            done += 1
        except Exception:  # some modules import only as part of another
            continue
    return done


def pending_after(place: Place, embedder: str, seeded: dict[str, Any]) -> bool:
    tacit = open_tacit(place, embedder)
    try:
        return tacit.pending_question("ana", seeded["q"]) is not None
    finally:
        tacit.close()


def fork_call(call: Any) -> Any:
    """``call()`` in a forked child (so no store stays open in this process); its JSON result."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(read)
        try:
            out = json.dumps({"ok": call()})
        except BaseException as exc:
            out = json.dumps({"error": f"{type(exc).__name__}: {exc}"})
        os.write(write, out.encode())
        os._exit(0)
    os.close(write)
    said = b""
    while chunk := os.read(read, 65536):
        said += chunk
    os.close(read)
    os.waitpid(pid, 0)
    got = json.loads(said or b'{"error": "died"}')
    if "error" in got:
        raise SystemExit(got["error"])
    return got["ok"]


class Stopped(BaseException):
    """SIGTERM: not an error of a point (``SystemExit`` is how a checking process's death
    is told), so nothing catches it on its way out."""


def stopped(*_: Any) -> None:
    raise Stopped


def summarize(points: list[dict[str, Any]]) -> list[Any]:
    """Counts by half and operation (points, killed, broken), printed as a table; the rows."""
    from common import Row, table

    rows = []
    by: dict[tuple[str, str], Counter[str]] = {}
    for r in points:
        for key in ((r["half"], r["op"]), (r["half"], "all"), ("both", r["op"]),
                    ("both", "all")):
            c = by.setdefault(key, Counter())
            c["points"] += 1
            c["killed"] += r["killed"]
            c["broken"] += bool(r["broken"])
    for (slice_, op), c in sorted(by.items()):
        for metric in ("points", "killed", "broken"):
            rows.append(Row(op, slice_, metric, c[metric]))
    print(table(rows))
    problems = Counter(b for r in points for b in r["broken"])
    for name, n in problems.most_common():
        print(f"{n:5d}  {name}")
    return rows


def main() -> None:
    from common import machine, now_iso, parser, write_json

    p = parser(__doc__.splitlines()[0], ["tacit"])
    p.add_argument("--points", type=int, default=1000, help="kill points in a full run")
    p.add_argument("--seed", type=int, default=7, help="random seed of the kill points")
    p.add_argument("--ops", default=",".join(OPS), help=f"operations: {', '.join(OPS)}")
    p.add_argument("--embedder", choices=("hashing", "real"), default="hashing",
                   help="embedding model of the vector store (the stores are real either way)")
    p.add_argument("--log", type=Path, help="write one JSON line per point to this file")
    p.add_argument("--stores", choices=("embedded", "server"), default="embedded",
                   help="embedded: SQLite and a Chroma directory; server: a throwaway "
                        "PostgreSQL cluster and Chroma server on loopback, started here")
    p.add_argument("--summarize", type=Path, nargs="+", metavar="LOG",
                   help="run nothing: count the points of these --log files (a run that was "
                        "stopped and went on --first N leaves two)")
    p.add_argument("--first", type=int, default=0,
                   help="start at this point (the points before it are drawn, not run)")
    p.add_argument("--workers", type=int, default=1,
                   help="points run at once, each worker by itself (server mode: each with a "
                        "Chroma server of its own)")
    args = p.parse_args()
    if args.summarize:
        logged = {}
        for path in args.summarize:
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if row["point"] in logged:
                    raise SystemExit(f"point {row['point']} is in two logs")
                logged[row["point"]] = row
        summarize([logged[k] for k in sorted(logged)])
        return
    ops = [o.strip() for o in args.ops.split(",") if o.strip()]
    if unknown := set(ops) - set(OPS):
        raise SystemExit(f"unknown operation(s): {', '.join(sorted(unknown))}")
    points = (args.limit or QUICK_POINTS) if args.limit is not None else args.points
    started = now_iso()
    # Heavy modules are imported once here; every child is forked from this process.
    import chromadb  # noqa: F401
    import langgraph.checkpoint.sqlite

    import assistant.graph
    import assistant.history_import
    import assistant.service  # noqa: F401

    if args.stores == "server":
        import langgraph.checkpoint.postgres  # noqa: F401
        import psycopg  # noqa: F401

    # Stopped with SIGTERM, the run still removes its servers and files (forked processes
    # put the default back).
    signal.signal(signal.SIGTERM, stopped)
    with tempfile.TemporaryDirectory(prefix="tacit-crash-") as tmp:
        log = args.log.open("w", encoding="utf-8") if args.log else None
        stores = ServerStores(Path(tmp)) if args.stores == "server" else EmbeddedStores(Path(tmp))
        try:
            found = campaign(points, ops, args.embedder, random.Random(args.seed), stores, log,
                             max(1, args.workers), args.first)
        finally:
            stores.close()
            if log is not None:
                log.close()
    rows = summarize(found["points"])
    if args.out:
        write_json(args.out, benchmark="crash_campaign",
                   data=f"synthetic, {points} kill points, {args.stores} stores, "
                        f"ops {','.join(ops)}, embedder {args.embedder}, seed {args.seed}",
                   machine=machine(["chromadb", "langgraph"]), started=started, rows=rows)
        extra = args.out.with_suffix(".problems.json")
        problems = Counter(b for r in found["points"] for b in r["broken"])
        extra.write_text(json.dumps(dict(problems), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""The ``tacit`` command. Heavy modules are imported inside the command that needs them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from assistant.errors import InputError, TacitError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tacit", description="A private, local-first "
                                     "personal assistant that gets to know you.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--user", help="whose assistant (default: your OS user name)")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks")
    sub = parser.add_subparsers(dest="command")

    chat = sub.add_parser("chat", parents=[common], help="chat in the terminal (default)")
    chat.add_argument("--new", action="store_true", help="start a new session")

    ask = sub.add_parser("ask", parents=[common], help="one message, one reply (for scripts)")
    ask.add_argument("text", nargs="?", help="the message; read from stdin when omitted")
    ask.add_argument("--json", action="store_true", help="print reply and trace as JSON")
    ask.add_argument("--session", help="continue this session (default: the latest)")
    ask.add_argument("--new", action="store_true", help="start a new session")

    sub.add_parser("sessions", parents=[common], help="list your sessions")

    ins = sub.add_parser("instructions", parents=[common],
                         help="your standing instructions: add, list, edit, disable, delete")
    isub = ins.add_subparsers(dest="action", required=True)
    iadd = isub.add_parser("add", parents=[common], help='add one ("always give km")')
    iadd.add_argument("text", nargs="+")
    ilist = isub.add_parser("list", parents=[common], help="list them with their conditions")
    ilist.add_argument("--enabled", action="store_true", help="only those in force")
    iedit = isub.add_parser("edit", parents=[common], help="rewrite one")
    iedit.add_argument("id")
    iedit.add_argument("text", nargs="+")
    for verb, text in (("disable", "switch one off"), ("enable", "switch one back on"),
                       ("delete", "delete one, everywhere")):
        isub.add_parser(verb, parents=[common], help=text).add_argument("id")

    mem = sub.add_parser("memory", parents=[common], help="search, list, forget, export, import")
    msub = mem.add_subparsers(dest="action", required=True)
    search = msub.add_parser("search", parents=[common], help="search what Tacit remembers")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=8)
    listing = msub.add_parser("list", parents=[common], help="list remembered items")
    listing.add_argument("--kind")
    forget = msub.add_parser("forget", parents=[common], help="forget a session, turn or item")
    forget.add_argument("id")
    export = msub.add_parser("export", parents=[common], help="everything stored, as JSON")
    export.add_argument("--out", help="write to this file instead of stdout")
    imp = msub.add_parser("import", parents=[common],
                          help="past conversations from a JSON file (an export, or sessions "
                               "of user/assistant turns)")
    imp.add_argument("file")
    tree = msub.add_parser("tree", parents=[common], help="the memory tree: levels, summaries")
    tree.add_argument("--full", action="store_true", help="whole summaries")
    why = msub.add_parser("why", parents=[common],
                          help="what was recalled for a turn, and through which branch")
    why.add_argument("turn")

    config = sub.add_parser("config", help="effective settings and where each came from")
    config.add_argument("--json", action="store_true")
    sub.add_parser("models", help="the models Tacit would use and the backends it has")

    sim = sub.add_parser("simulate", help="play simulated users and report what Tacit learns")
    who = sim.add_mutually_exclusive_group(required=True)
    who.add_argument("--persona", action="append", help="a persona id (repeatable)")
    who.add_argument("--all", action="store_true", help="every shipped persona")
    sim.add_argument("--sessions", type=int, default=0, help="sessions per persona (0: all)")
    sim.add_argument("--turns", type=int, default=0, help="requests per session (0: all)")
    sim.add_argument("--policy", default="tacit",
                     help="comma-separated: tacit, never, always (default: tacit)")
    sim.add_argument("--user-model", choices=("rule", "model"), default="rule",
                     help="who answers: truthful rules, or the simulated_user model role")
    sim.add_argument("--out", default="simulation", help="folder for the report")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command, turning Tacit's errors into one line and an exit code."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except TacitError as exc:
        print(f"tacit: {exc.title}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`tacit ask ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # the edge: a bug must still read as one line, not a traceback
        if args.debug:
            raise
        print(f"tacit: unexpected error: {type(exc).__name__}: {exc}. "
              "Nothing was half-stored; rerun with --debug for details.", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    from assistant.settings import load_settings

    settings = load_settings()
    user = getattr(args, "user", None) or settings.user
    command = args.command or "chat"
    if command == "config":
        return _config(settings, args.json)
    if command == "models":
        return _models(settings)
    if command == "simulate":
        return _simulate(settings, args)
    if command == "chat":
        from tui.app import make_app

        make_app(settings, user=user, new_session=args.new).run()
        return 0

    from assistant.service import Tacit

    tacit = Tacit(settings)
    try:
        if command == "ask":
            return _ask(tacit, user, args)
        if command == "sessions":
            for session, turns in tacit.sessions(user):
                print(f"{session.id}  {session.updated_at:%Y-%m-%d %H:%M}  {turns:>4} turns  "
                      f"{session.title or '(untitled)'}")
            return 0
        if command == "instructions":
            return _instructions(tacit, user, args)
        return _memory(tacit, user, args)
    finally:
        tacit.close()


def _instructions(tacit: Any, user: str, args: argparse.Namespace) -> int:
    from assistant import instruct

    memory = tacit.memory
    if args.action == "add":
        print(instruct.add(memory, user, " ".join(args.text)))
    elif args.action == "list":
        print(instruct.listing(memory, user, include_disabled=not args.enabled))
    elif args.action == "edit":
        print(instruct.edit(memory, user, args.id, " ".join(args.text)))
    elif args.action in ("disable", "enable"):
        print(instruct.set_enabled(memory, user, args.id, args.action == "enable"))
    else:
        print(instruct.delete(memory, user, args.id))
    return 0


def _read_message(text: str | None) -> str:
    if text is not None:
        return text
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("No message given.",
                         fix='Run `tacit ask "your question"` or pipe text in.')
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"Standard input is not valid UTF-8 (byte {exc.start}).",
                         fix="Convert it, e.g. `iconv -t UTF-8`, and pipe it again.") from exc


def _ask(tacit: Any, user: str, args: argparse.Namespace) -> int:
    from assistant.service import Done, check_message

    message = check_message(_read_message(args.text), tacit.settings.max_message_chars)
    tacit.warm_up()
    if args.new:
        session_id = tacit.new_session(user).id
    else:
        session_id = args.session or tacit.resume_session(user).id
    done: Done | None = None
    # One shot: never pause to ask; the reply states what it assumed instead.
    # The checked reply is printed, never the streamed draft (it cannot be taken back).
    for event in tacit.send(user, session_id, message, interactive=False):
        if isinstance(event, Done):
            done = event
    assert done is not None
    if args.json:
        print(json.dumps({"reply": done.reply, "turn_id": done.turn_id,
                          "session_id": done.session_id, "trace": done.trace},
                         ensure_ascii=False, default=str))
    else:
        print(done.reply)
    return 0


def _memory(tacit: Any, user: str, args: argparse.Namespace) -> int:
    if args.action in ("tree", "why"):
        from assistant.memory_views import tree_lines, why_lines

        lines = (tree_lines(tacit.memory, user, args.full) if args.action == "tree"
                 else why_lines(tacit.memory, user, args.turn))
        print("\n".join(lines))
        return 0
    if args.action == "search":
        for hit in tacit.search(user, args.query, args.k):
            text = " ".join(hit.text.split())
            print(f"{hit.id}  {hit.kind:<10} {hit.created_at:%Y-%m-%d}  {text[:100]}")
        return 0
    if args.action == "list":
        for item in tacit.memory.items(user, args.kind):
            print(f"{item.id}  {item.kind:<10} {item.text}")
        return 0
    if args.action == "import":
        from pathlib import Path

        from assistant.history_import import read_history

        sessions = read_history(Path(args.file))  # checked whole before anything is stored
        stored = sum(len(turns) for _, turns in tacit.memory.import_sessions(user, sessions))
        print(f"Imported {len(sessions)} conversation(s), {stored} turn(s), for {user}.")
        return 0
    if args.action == "forget":
        removed = tacit.forget(user, args.id)
        if not removed:
            raise InputError(f"Nothing with id {args.id} belongs to {user}.",
                             fix="Find ids with `tacit sessions` or `tacit memory search`.")
        print(f"Forgot {removed} record(s).")
        return 0
    data = json.dumps(tacit.export(user), indent=2, ensure_ascii=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(data + "\n")
        print(f"Exported to {args.out}.")
    else:
        print(data)
    return 0


def _simulate(settings: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    from assistant.personas import load_personas
    from assistant.simulate import simulate, write_report

    policies = tuple(p.strip() for p in args.policy.split(",") if p.strip())
    unknown = set(policies) - {"tacit", "never", "always"}
    if unknown or not policies:
        raise InputError(f"Unknown policy {', '.join(sorted(unknown)) or '(none)'}.",
                         fix="Use tacit, never or always, separated by commas.")
    personas = load_personas(only=None if args.all else args.persona)
    runs = simulate(settings, personas, policies=policies, sessions=args.sessions,
                    turns=args.turns, user_model=args.user_model,
                    on_turn=lambda r: print(f"{r.policy:<7} {r.persona:<8} turn {r.turn:>2}  "
                                            f"asked {len(r.questions)}  "
                                            f"discovered {r.discovered}/{r.hidden}", flush=True))
    out = Path(args.out)
    summaries = write_report(out, runs, title="Tacit simulated users",
                             meta={"model": settings.chat.model,
                                   "personas": ", ".join(p.id for p in personas),
                                   "user": args.user_model})
    for policy, summary in summaries.items():
        print(f"{policy}: alignment {summary['alignment']:.3f}, questions/turn "
              f"{summary['questions_per_turn']:.3f}, over-asking {summary['over_asking']:.3f}, "
              f"discovered {summary['discovered']}/{summary['hidden']}")
    print(f"Report: {out / 'report.md'}")
    return 0


def _config(settings: Any, as_json: bool) -> int:
    from assistant.settings import describe

    rows = describe(settings)
    if as_json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(r["name"]) for r in rows)
    for row in rows:
        print(f"{row['name']:<{width}}  {row['value']}   ({row['source']})")
    return 0


def _models(settings: Any) -> int:
    from assistant.models import REGISTRY
    from assistant.models.llamacpp import bundled_model_path

    try:
        bundled = str(bundled_model_path())
    except TacitError as exc:
        bundled = f"missing: {exc}"
    print(f"bundled: SmolLM2-135M-Instruct  {bundled}")
    for role in ("chat", "extractor", "summarizer", "refiner", "simulated_user"):
        spec = settings.role(role)
        print(f"{role:<15} {spec.model}  (backend: {spec.resolved_backend()})")
    print(f"backends: {', '.join(sorted(REGISTRY))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``tacit`` command. Heavy modules are imported inside the command that needs them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from assistant.errors import CommandError, ImportFileError, InputError, NotFound, TacitError

USER_LEVELS = 3  # `tacit --user`, `tacit memory --user`, `tacit memory export --user`
# Commands that do not act on one person's data: --user is refused there, not ignored.
NOT_PER_USER = {
    "models": "`tacit models` lists the models, the same for everyone",
    "simulate": "`tacit simulate` plays simulated users, each with data of its own",
    "doctor": "`tacit doctor` checks the installation, the same for everyone",
    "completion": "`tacit completion` prints a shell script, the same for everyone",
}


def _user_option(parser: argparse.ArgumentParser, level: int) -> None:
    """``--user`` at this level of the command line, kept apart from the other levels.

    Each level writes its own attribute and nothing when not given (SUPPRESS), so a
    subcommand's default can never overwrite a name given before it.
    """
    parser.add_argument("--user", dest=f"user_at_{level}", default=argparse.SUPPRESS,
                        metavar="NAME", help="whose assistant (default: your OS user name)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tacit", description="A private, local-first "
                                     "personal assistant that gets to know you.")
    _user_option(parser, 0)
    parser.add_argument("--debug", action="store_true", help="show full tracebacks")
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        made = sub.add_parser(name, **kwargs)
        _user_option(made, 1)
        return made

    def action(actions: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        made = actions.add_parser(name, **kwargs)
        _user_option(made, 2)
        return made

    def json_option(made: argparse.ArgumentParser) -> argparse.ArgumentParser:
        made.add_argument("--json", action="store_true", help="print JSON (shape in README)")
        return made

    chat = command("chat", help="chat in the terminal (default)")
    chat.add_argument("--new", action="store_true", help="start a new session")

    ask = command("ask", help="one message, one reply, a new conversation (for scripts)")
    ask.add_argument("text", nargs="?", help="the message; read from stdin when omitted")
    ask.add_argument("--json", action="store_true", help="print reply and trace as JSON")
    where = ask.add_mutually_exclusive_group()
    where.add_argument("-c", "--continue", dest="resume", action="store_true",
                       help="continue your latest conversation")
    where.add_argument("--session", metavar="ID", help="continue this conversation")
    where.add_argument("--new", action="store_true",
                       help="a new conversation (the default; kept for old scripts)")

    json_option(command("sessions", help="list your sessions"))

    ins = command("instructions", help="your standing instructions: add, list, edit, disable, "
                  "delete")
    isub = ins.add_subparsers(dest="action", required=True)
    action(isub, "add", help='add one ("always give km")').add_argument("text", nargs="+")
    ilist = json_option(action(isub, "list", help="list them with their conditions"))
    ilist.add_argument("--enabled", action="store_true", help="only those in force")
    iedit = action(isub, "edit", help="rewrite one")
    iedit.add_argument("id")
    iedit.add_argument("text", nargs="+")
    for verb, text in (("disable", "switch one off"), ("enable", "switch one back on"),
                       ("delete", "delete one, everywhere")):
        action(isub, verb, help=text).add_argument("id")

    mem = command("memory", help="search, list, forget, export, import")
    msub = mem.add_subparsers(dest="action", required=True)
    search = json_option(action(msub, "search", help="search what Tacit remembers"))
    search.add_argument("query")
    search.add_argument("-k", type=_count, default=8, help="how many results (1-1000)")
    listing = json_option(action(msub, "list", help="list remembered items"))
    listing.add_argument("--kind")
    listing.add_argument("--sensitive", action="store_true",
                         help="list what safety keeps (only with your consent)")
    action(msub, "forget", help="forget a session, turn or item").add_argument("id")
    export = action(msub, "export", help="everything stored, as JSON")
    export.add_argument("--out", help="write to this file instead of stdout")
    export.add_argument("--include-sensitive", action="store_true",
                        help="show sensitive items' text (masked otherwise)")
    action(msub, "import", help="past conversations from a JSON file (an export, or sessions "
           "of user/assistant turns)").add_argument("file")
    tree = json_option(action(msub, "tree", help="the memory tree: levels, summaries"))
    tree.add_argument("--full", action="store_true", help="whole summaries")
    json_option(action(msub, "why", help="what was recalled for a turn, and through which "
                       "branch")).add_argument("turn")

    config = command("config", help="effective settings and where each came from")
    config.add_argument("--json", action="store_true")
    json_option(command("models", help="the models Tacit would use and the backends it has"))
    command("doctor", help="check the installation: model file, stores, embedder, versions")
    completion = command("completion", help="print a shell completion script")
    completion.add_argument("shell", choices=("bash", "zsh"))

    sim = command("simulate", help="play simulated users and report what Tacit learns")
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
    _server_parsers(sub)
    return parser


# Server mode: `tacit serve` and its API keys --------------------------------------------------
def _server_parsers(sub: Any) -> None:
    serve = sub.add_parser("serve", help="an OpenAI-compatible HTTP API for every user with a key")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    keys = sub.add_parser("keys", help="API keys for `tacit serve`: add, list, revoke")
    ksub = keys.add_subparsers(dest="action", required=True)
    kadd = ksub.add_parser("add", help="a new key for a user (printed once, on the last line)")
    kadd.add_argument("--user", dest="key_user", required=True, help="whose key")
    klist = ksub.add_parser("list", help="keys with their user and state (never the key)")
    klist.add_argument("--user", dest="key_user", help="only this user's keys")
    ksub.add_parser("revoke", help="stop a key working at once").add_argument("id")


def _serve(settings: Any, args: argparse.Namespace) -> int:
    try:
        from assistant.server import ServedTacit, serve
    except ImportError as exc:  # the HTTP parts are an extra
        raise TacitError(f"The server parts are not installed ({exc.name} is missing).",
                         fix="Install them with `pip install 'tacit[server]'`.") from exc

    if not 0 < args.port < 65536:
        raise CommandError(f"Port {args.port} is not a TCP port.", fix="Give --port 1-65535.")
    tacit = ServedTacit(settings)
    try:
        print(f"Tacit serves on http://{args.host}:{args.port}/v1 (Ctrl+C stops it).",
              flush=True)
        serve(tacit, args.host, args.port)
    finally:
        tacit.close()
    return 0


def _keys(settings: Any, args: argparse.Namespace) -> int:
    from memory import keys
    from memory.db import open_engine

    engine = open_engine(settings.db_url)
    try:
        if args.action == "add":
            if not args.key_user.strip():
                raise CommandError("A key needs a user.", fix="Give --user NAME.")
            row, secret = keys.add(engine, args.key_user.strip())
            print(f"Key {row.id[:8]} for {row.user_id}. It is shown only now; keep it safe:")
            print(secret)
        elif args.action == "list":
            if not keys.listing(engine, args.key_user):
                print("No API keys yet. Add one with `tacit keys add --user NAME`.")
            for row in keys.listing(engine, args.key_user):
                state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
                print(f"{row.id[:8]}  {row.user_id:<16} {row.shown}…  "
                      f"{row.created_at:%Y-%m-%d %H:%M}  {state}")
        else:
            revoked = keys.revoke(engine, args.id)
            if revoked is None:
                raise NotFound(f"No single key has id {args.id}.",
                               fix="Find key ids with `tacit keys list`.")
            print(f"Revoked key {revoked.id[:8]} of {revoked.user_id}.")
    finally:
        engine.dispose()
    return 0


def _chosen_user(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """The name given with --user at any level, or None; a clear usage error if it cannot be."""
    names = [getattr(args, f"user_at_{level}") for level in range(USER_LEVELS)
             if hasattr(args, f"user_at_{level}")]
    if not names:
        return None
    if any(not name.strip() for name in names):
        parser.error("--user needs a name.")
    if len(set(names)) > 1:
        parser.error(f"--user names more than one person ({', '.join(dict.fromkeys(names))}); "
                     "give it once.")
    refused = NOT_PER_USER.get(args.command or "")
    if refused:
        parser.error(f"{refused}: drop --user.")
    return names[0]


def _refuse_unstorable(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Arguments holding a NUL byte or text that is not UTF-8 stop here, named."""
    from assistant.checks import first_unstorable

    for name, value in vars(args).items():
        found = first_unstorable(value) if isinstance(value, str | list) else None
        if found is not None:
            shown = name if name in POSITIONAL else "--" + name.replace("_", "-")
            parser.error(f"{shown} contains {found[1]}: pass plain UTF-8 text.")


POSITIONAL = {"text", "query", "id", "file", "turn", "shell"}


def _count(text: str) -> int:
    """A number of results: 1 to 1,000."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a whole number") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("give a number from 1 to 1000")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command, turning Tacit's errors into one line and an exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    _refuse_unstorable(parser, args)
    args.user = _chosen_user(parser, args)
    if args.version:
        print(f"tacit {_version()}")
        return 0
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

    # A name given with --user is a setting passed in code: it wins over TACIT_USER.
    given = {"user": args.user} if args.user else {}
    settings = load_settings(**given)
    user = settings.user
    command = args.command or "chat"  # bare `tacit` opens the chat
    if command == "config":
        return _config(settings, args.json, given)
    if command == "models":
        return _models(settings, args.json)
    if command == "doctor":
        from assistant.doctor import run_checks

        return run_checks(settings)
    if command == "completion":
        from assistant.completion import script

        print(script(_parser(), args.shell))
        return 0
    if command == "simulate":
        return _simulate(settings, args)
    if command == "serve":
        return _serve(settings, args)
    if command == "keys":
        return _keys(settings, args)
    if command == "chat":
        from tui.app import make_app

        make_app(settings, user=user, new_session=getattr(args, "new", False)).run()
        return 0

    from assistant.service import Tacit

    tacit = Tacit(settings)
    try:
        if command == "ask":
            return _ask(tacit, user, args)
        if command == "sessions":
            return _sessions(tacit, user, args.json)
        if command == "instructions":
            return _instructions(tacit, user, args)
        return _memory(tacit, user, args)
    finally:
        tacit.close()


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _iso(when: Any) -> str | None:
    return when.isoformat() if when is not None else None


def _sessions(tacit: Any, user: str, as_json: bool) -> int:
    rows = tacit.sessions(user)
    if as_json:
        _print_json([{"id": s.id, "title": s.title or None, "created_at": _iso(s.created_at),
                      "updated_at": _iso(s.updated_at), "turns": turns} for s, turns in rows])
        return 0
    if not rows:
        print('No sessions yet. Start one with `tacit` or `tacit ask "..."`.')
    for session, turns in rows:
        print(f"{session.id}  {session.updated_at:%Y-%m-%d %H:%M}  {turns:>4} turns  "
              f"{session.title or '(untitled)'}")
    return 0


def _instructions(tacit: Any, user: str, args: argparse.Namespace) -> int:
    from assistant import instruct

    cli = instruct.CLI
    if args.action == "add":
        print(instruct.add(tacit, user, " ".join(args.text), cli))
    elif args.action == "list" and args.json:
        _print_json([row.as_json()
                     for row in tacit.instructions(user, include_disabled=not args.enabled)])
    elif args.action == "list":
        print(instruct.listing(tacit, user, include_disabled=not args.enabled, syntax=cli))
    elif args.action == "edit":
        print(instruct.edit(tacit, user, args.id, " ".join(args.text), cli))
    elif args.action in ("disable", "enable"):
        print(instruct.set_enabled(tacit, user, args.id, args.action == "enable", cli))
    else:
        print(instruct.delete(tacit, user, args.id, cli))
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
    """Print the checked reply; then wait for Tacit to learn from the turn.

    The streamed draft is not printed: refine may revise it, and a terminal cannot take text
    back. The reply is on screen before learning starts; the process stays until learning is
    done, since leaving would lose it, and prints what was noted under the reply. ``--json``
    prints one object at that point, with the footer and the whole trace.
    """
    from assistant.service import Done, Progress, check_message, join_footer

    message = check_message(_read_message(args.text), tacit.settings.max_message_chars)
    session_id = _ask_session(tacit, user, args)
    done: Done | None = None
    # One shot: never pause to ask; the reply states what it assumed instead.
    # The checked reply is printed, never the streamed draft (it cannot be taken back).
    for event in tacit.send(user, session_id, message, interactive=False):
        if isinstance(event, Progress) and event.node == "waiting":
            print(f"tacit: another turn for {user} is still running; waiting for it.",
                  file=sys.stderr, flush=True)
        elif isinstance(event, Done):
            done = event
    assert done is not None
    if not args.json:
        print(join_footer(done.reply, done.footer), flush=True)  # noted comes below, later
    learned = done.learning.result() if done.learning is not None else None
    noted = learned.footer if learned is not None else ""
    if learned is not None and learned.error:
        print(f"tacit: the turn is stored, but learning from it failed ({learned.error}).",
              file=sys.stderr)
    if args.json:
        trace = {**done.trace, **(learned.trace if learned is not None else {})}
        print(json.dumps({"reply": done.reply, "footer": join_footer(done.footer, noted),
                          "turn_id": done.turn_id, "session_id": done.session_id,
                          "trace": trace}, ensure_ascii=False, default=str))
    elif noted:
        print(f"\n{noted}")
    return 0


def _ask_session(tacit: Any, user: str, args: argparse.Namespace) -> str:
    """A new conversation, as `llm` does, unless --continue or --session names one.

    Recall still reaches every past conversation: starting a new one closes the last into
    the memory tree.
    """
    if args.session:
        if tacit.session(user, args.session) is None:
            raise NotFound(f"There is no session {args.session} for {user}.",
                           fix="List them with `tacit sessions`, or leave out --session.")
        tacit.warm_up()
        return str(args.session)
    tacit.warm_up()
    if args.resume:
        return str(tacit.resume_session(user).id)
    return str(tacit.new_session(user).id)


def _memory(tacit: Any, user: str, args: argparse.Namespace) -> int:
    if args.action in ("tree", "why"):
        from assistant import memory_views as views
        from assistant.views import MemoryTree

        shown = tacit.tree(user) if args.action == "tree" else tacit.explain(user, args.turn)
        if args.json:
            _print_json(shown.as_json())
            return 0
        lines = (views.tree_lines(shown, args.full) if isinstance(shown, MemoryTree)
                 else views.why_lines(shown))
        print("\n".join(lines))
        return 0
    if args.action == "search":
        return _search(tacit, user, args)
    if args.action == "list":
        return _list_items(tacit, user, args)
    if args.action == "import":
        return _import(tacit, user, args.file)
    if args.action == "forget":
        removed = tacit.forget(user, args.id)
        if not removed:
            raise NotFound(f"Nothing with id {args.id} belongs to {user}.",
                           fix="Find ids with `tacit sessions` or `tacit memory search`.")
        print(f"Forgot {removed} record(s).")
        return 0
    data = json.dumps(tacit.export(user, args.include_sensitive), indent=2, ensure_ascii=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(data + "\n")
        print(f"Exported to {args.out}.")
    else:
        print(data)
    return 0


def _search(tacit: Any, user: str, args: argparse.Namespace) -> int:
    hits = tacit.search(user, args.query, args.k)
    if args.json:
        _print_json([{"id": h.id, "kind": h.kind, "text": h.text, "score": h.score,
                      "created_at": _iso(h.created_at), "session_id": h.session_id,
                      "matched_by": list(h.matched_by)} for h in hits])
        return 0
    if not hits:
        print(f"Nothing remembered matches {args.query!r}.")
    for hit in hits:
        text = " ".join(hit.text.split())
        print(f"{hit.id}  {hit.kind:<10} {hit.created_at:%Y-%m-%d}  {text[:100]}")
    return 0


def _list_items(tacit: Any, user: str, args: argparse.Namespace) -> int:
    kind = "sensitive" if args.sensitive else args.kind
    items = [item for item in tacit.memories(user, kind)
             if item.kind != "sensitive" or kind == "sensitive"]  # shown only when asked for
    if args.json:
        _print_json([{"id": i.id, "kind": i.kind, "text": i.text,
                      "created_at": _iso(getattr(i, "created_at", None))} for i in items])
        return 0
    if not items:
        print(f"No {kind + ' ' if kind else ''}memory items yet.")
    for item in items:
        print(f"{item.id}  {item.kind:<10} {item.text}")
    return 0


def _import(tacit: Any, user: str, file: str) -> int:
    from pathlib import Path

    from assistant.progress import bar

    try:
        with bar(f"Importing {Path(file).name}", None) as progress:
            said = tacit.import_history(user, Path(file), on_start=lambda n: progress.total(n),
                                        on_session=progress.tick).said()
    except ImportFileError:
        raise
    except InputError as exc:  # the file's problem, not a message's: titled as such
        raise ImportFileError(exc.message, fix=exc.fix) from None
    print(said)
    return 0


def _simulate(settings: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    from assistant.personas import load_personas
    from assistant.progress import bar
    from assistant.simulate import simulate, write_report

    policies = tuple(p.strip() for p in args.policy.split(",") if p.strip())
    unknown = set(policies) - {"tacit", "never", "always"}
    if unknown or not policies:
        raise CommandError(f"Unknown policy {', '.join(sorted(unknown)) or '(none)'}.",
                           fix="Use tacit, never or always, separated by commas.")
    personas = load_personas(only=None if args.all else args.persona)
    total = len(policies) * sum(
        min(len(requests), args.turns or len(requests))
        for persona in personas for requests in persona.sessions[:args.sessions or None])

    def played(r: Any) -> None:
        progress.tick()
        progress.say(f"{r.policy:<7} {r.persona:<8} turn {r.turn:>2}  asked {len(r.questions)}  "
                     f"discovered {r.discovered}/{r.hidden}")

    with bar("Simulating", total) as progress:
        runs = simulate(settings, personas, policies=policies, sessions=args.sessions,
                        turns=args.turns, user_model=args.user_model, on_turn=played)
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


def _config(settings: Any, as_json: bool, given: dict[str, Any]) -> int:
    from assistant.settings import describe

    rows = [_config_row(settings, row) for row in describe(settings, given)]
    if as_json:
        _print_json(rows)
        return 0
    width = max(len(r["name"]) for r in rows)
    for row in rows:
        value = "(not set)" if row["value"] is None else row["value"]
        used = f" -> {row['effective']}" if "effective" in row else ""
        print(f"{row['name']:<{width}}  {value}{used}   ({row['source']})")
    return 0


# Values a setting left unset stands for, shown beside it so nobody has to guess.
EFFECTIVE = {"database_url": lambda s: s.db_url, "chroma_path": lambda s: str(s.vector_path)}


def _config_row(settings: Any, row: dict[str, str]) -> dict[str, Any]:
    """A row of ``describe`` with its value as JSON would hold it (None as null, 3 as 3)."""
    value: Any = settings
    for key in row["name"].split("."):
        value = getattr(value, key, row["value"])
    out: dict[str, Any] = dict(row)
    if row["value"] == "********":
        pass  # a secret stays masked
    elif value is None or isinstance(value, bool | int | float):
        out["value"] = value
    if row["name"] in EFFECTIVE:
        out["effective"] = EFFECTIVE[row["name"]](settings)
    return out


# What a role does when no model of its own is set for it.
FALLBACKS = {
    "extractor": "not set: facts are found by rules only",
    "summarizer": "not set: summaries are extractive",
    "refiner": "not set: repairs use the chat model",
    "simulated_user": "not set: `simulate --user-model model` uses the chat model",
}


def models_json(settings: Any) -> dict[str, Any]:
    """``tacit models --json``: the bundled file, each role's model, the backends."""
    from assistant.models import REGISTRY
    from assistant.models.llamacpp import bundled_model_path

    bundled: dict[str, Any] = {"name": "SmolLM2-135M-Instruct", "path": None, "error": None}
    try:
        bundled["path"] = str(bundled_model_path())
    except TacitError as exc:
        bundled["error"] = str(exc)
    roles = {}
    for role in ("chat", "extractor", "summarizer", "refiner", "simulated_user"):
        spec = settings.role(role)
        own = role == "chat" or getattr(settings, role) is not None
        roles[role] = {"model": spec.model, "backend": spec.resolved_backend(), "set": own,
                       "fallback": None if own else FALLBACKS[role]}
    return {"bundled": bundled, "roles": roles, "backends": sorted(REGISTRY)}


def _models(settings: Any, as_json: bool = False) -> int:
    data = models_json(settings)
    if as_json:
        _print_json(data)
        return 0
    bundled = data["bundled"]
    print(f"bundled: {bundled['name']}  {bundled['path'] or 'missing: ' + bundled['error']}")
    for role, spec in data["roles"].items():
        if spec["set"]:
            print(f"{role:<15} {spec['model']}  (backend: {spec['backend']})")
        else:
            print(f"{role:<15} ({spec['fallback']})")
    print(f"backends: {', '.join(data['backends'])}")
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tacit")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())

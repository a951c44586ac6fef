"""Plain-text views of the memory tree for the CLI: ``tacit memory tree`` and ``why``."""

from __future__ import annotations

from typing import Any

from assistant.errors import NotFound
from memory.dates import day
from memory.facade import Memory
from memory.schema import TreeNode, Turn

LEVEL_NAMES = {3: "you", 2: "topic", 1: "conversation"}


def _short(text: str, limit: int = 110) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _span(node: TreeNode) -> str:
    if node.start_at is None:
        return ""
    end = node.end_at or node.start_at
    same = day(node.start_at) == day(end)
    return day(node.start_at) if same else f"{day(node.start_at)} – {day(end)}"


def tree_lines(memory: Memory, user: str, full: bool = False) -> list[str]:
    """The tree from the root down: counts per level, then each node with its summary."""
    levels = memory.tree.levels(user)
    if not levels:
        return ["No memory tree yet: it grows as conversations are left (start a new one)."]
    counts = ", ".join(f"{len(levels.get(n, []))} {LEVEL_NAMES[n]}"
                       for n in (3, 2, 1))
    turns = sum(count for _, count in memory.sessions(user))
    lines = [f"levels: {counts} node(s); {turns} turns at level 0"]
    sessions = {n.id: n for n in levels.get(1, [])}
    for root in levels.get(3, []):
        lines.append(f"[you] {_short(root.summary, 400 if full else 160)}")
    placed: set[str] = set()
    for topic in levels.get(2, []):
        lines.append(f"  [topic {topic.id}] {len(topic.children)} conversations, "
                     f"{_span(topic)}: {_short(topic.summary.split(': ', 1)[-1])}")
        for child in topic.children:
            node = sessions.get(child)
            if node is not None:
                placed.add(node.id)
                lines.append("    " + _session_line(node, full))
    for node in sessions.values():
        if node.id not in placed:
            lines.append("  " + _session_line(node, full))
    return lines


def _session_line(node: TreeNode, full: bool) -> str:
    meta = node.meta or {}
    method = meta.get("method", "extractive")
    text = node.summary if full else _short(node.summary)
    facts = f"  facts: {'; '.join(node.facts)}" if node.facts else ""
    return (f"[{_span(node)}] {meta.get('turns', len(node.children))} turns ({method}): "
            f"{text}{facts}")


def _recall_of(memory: Memory, user: str, turn_id: str
               ) -> tuple[Turn, dict[str, Any], set[str]]:
    """The user's turn, what its trace says recall did, and the ids that reached the prompt."""
    turn = memory.get(user, turn_id)
    if not isinstance(turn, Turn):
        raise NotFound(f"No turn {turn_id} belongs to {user}.",
                       fix="Turn ids are in `tacit ask --json` output (turn_id).")
    trace: dict[str, Any] = turn.trace or {}
    in_prompt = set((trace.get("respond") or {}).get("memory_in_prompt") or [])
    return turn, trace.get("recall") or {}, in_prompt


def why_lines(memory: Memory, user: str, turn_id: str) -> list[str]:
    """What was recalled for a turn, through which branch, and what reached the prompt."""
    turn, recall, in_prompt = _recall_of(memory, user, turn_id)
    lines = [f"turn {turn.id} ({day(turn.created_at)}): {_short(turn.user_text, 80)}",
             f"recall: {recall.get('method', 'hybrid search')}, "
             f"{recall.get('tokens', 0)} of {recall.get('budget', '?')} tokens, "
             f"{len(recall.get('retrieved') or [])} item(s)"]
    nodes = {n.id: n for level in memory.tree.levels(user).values() for n in level}
    for i, got in enumerate(recall.get("retrieved") or [], start=1):
        branch = " > ".join(_node_name(nodes, b) for b in got.get("branch") or []) or "flat"
        record = memory.get(user, got["id"])
        if isinstance(record, Turn):
            said = _short(record.user_text, 70)
        elif record is not None:
            said = _short(record.text, 70)
        elif got["id"] in nodes:
            said = _short(nodes[got["id"]].summary, 70)
        else:
            said = "(forgotten since)"
        mark = "in prompt" if got["id"] in in_prompt else "dropped"
        how = "+".join(got.get("matched_by") or [])
        lines.append(f"{i:>2}. {got.get('kind', '?'):<9} via {branch} [{how}; {mark}] {said}")
    if not recall.get("retrieved"):
        lines.append("nothing was recalled for this turn")
    return lines


def _node_name(nodes: dict[str, TreeNode], node_id: str) -> str:
    node = nodes.get(node_id)
    if node is None:
        return node_id if node_id in ("facts", "history", "open-session") else "(rebuilt)"
    if node.level == 2:
        return f"topic {_span(node)}"
    return f"conversation {_span(node)}"


# JSON views: the same facts as the line views, in a shape scripts can rely on --------------
def _iso(when: Any) -> str | None:
    return when.isoformat() if when is not None else None


def node_json(node: TreeNode) -> dict[str, Any]:
    meta = node.meta or {}
    return {"id": node.id, "level": node.level, "name": LEVEL_NAMES.get(node.level, "turn"),
            "summary": node.summary, "facts": list(node.facts or []),
            "children": list(node.children or []), "start": _iso(node.start_at),
            "end": _iso(node.end_at), "method": meta.get("method")}


def tree_json(memory: Memory, user: str) -> dict[str, Any]:
    """``tacit memory tree --json``: the turn count and every node, root level first."""
    levels = memory.tree.levels(user)
    turns = sum(count for _, count in memory.sessions(user))
    return {"turns": turns,
            "levels": {LEVEL_NAMES[n]: [node_json(node) for node in levels.get(n, [])]
                       for n in (3, 2, 1)}}


def why_json(memory: Memory, user: str, turn_id: str) -> dict[str, Any]:
    """``tacit memory why --json``: what was recalled for a turn, each with its branch."""
    turn, recall, in_prompt = _recall_of(memory, user, turn_id)
    nodes = {n.id: n for level in memory.tree.levels(user).values() for n in level}
    recalled = []
    for got in recall.get("retrieved") or []:
        record = memory.get(user, got["id"])
        if isinstance(record, Turn):
            text: str | None = record.user_text
        elif record is not None:
            text = record.text
        else:
            text = nodes[got["id"]].summary if got["id"] in nodes else None  # None: forgotten
        recalled.append({"id": got["id"], "kind": got.get("kind"), "text": text,
                         "branch": [_node_name(nodes, b) for b in got.get("branch") or []],
                         "matched_by": list(got.get("matched_by") or []),
                         "in_prompt": got["id"] in in_prompt})
    return {"turn": {"id": turn.id, "session_id": turn.session_id,
                     "created_at": _iso(turn.created_at), "user_text": turn.user_text},
            "recall": {"method": recall.get("method"), "tokens": recall.get("tokens"),
                       "budget": recall.get("budget")},
            "recalled": recalled}

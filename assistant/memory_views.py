"""The memory tree and a turn's recall: read for the service, and drawn as lines for the CLI.

``tree_of`` and ``why_of`` read the stores and return data (:mod:`assistant.views`), which
the service hands every front end; ``tree_lines`` and ``why_lines`` draw that data as text.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import NotFound
from assistant.views import MemoryTree, Recalled, TreeNode, Why
from memory.dates import day
from memory.facade import Memory
from memory.schema import MemoryItem, Turn
from memory.schema import TreeNode as TreeRow


def _short(text: str, limit: int = 110) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _span(node: TreeNode) -> str:
    if node.start is None:
        return ""
    end = node.end or node.start
    same = day(node.start) == day(end)
    return day(node.start) if same else f"{day(node.start)} – {day(end)}"


# Reading ------------------------------------------------------------------------------------
def _node(row: TreeRow) -> TreeNode:
    meta = row.meta or {}
    return TreeNode(id=row.id, level=row.level, summary=row.summary,
                    facts=list(row.facts or []), children=list(row.children or []),
                    start=row.start_at, end=row.end_at, method=meta.get("method"),
                    turns=int(meta.get("turns", len(row.children or []))))


def tree_of(memory: Memory, user: str) -> MemoryTree:
    """The person's memory tree, root level first."""
    levels = memory.tree.levels(user)
    turns = sum(count for _, count in memory.sessions(user))
    return MemoryTree(turns, {level: [_node(row) for row in rows]
                              for level, rows in levels.items()})


def why_of(memory: Memory, user: str, turn_id: str) -> Why:
    """What was recalled for a stored turn, through which branch, and what reached the prompt."""
    turn = memory.get(user, turn_id)
    if not isinstance(turn, Turn):
        raise NotFound(f"No turn {turn_id} belongs to {user}.",
                       fix="Turn ids are in `tacit ask --json` output (turn_id); in the chat, "
                           "pick a reply of this conversation.")
    trace: dict[str, Any] = dict(turn.trace or {})
    in_prompt = set((trace.get("respond") or {}).get("memory_in_prompt") or [])
    nodes = {n.id: _node(n) for level in memory.tree.levels(user).values() for n in level}
    recalled = []
    for got in (trace.get("recall") or {}).get("retrieved") or []:
        record = memory.get(user, str(got.get("id", "")))
        if isinstance(record, Turn):
            text: str | None = record.user_text
        elif record is not None:
            text = record.text
        else:
            text = nodes[got["id"]].summary if got["id"] in nodes else None  # None: forgotten
        recalled.append(Recalled(
            id=got["id"], kind=got.get("kind"), text=text,
            branch=[_node_name(nodes, b) for b in got.get("branch") or []],
            matched_by=list(got.get("matched_by") or []), in_prompt=got["id"] in in_prompt,
            sensitive=getattr(record, "kind", "") == "sensitive", stored=record is not None,
            traced=dict(got)))
    learned = ((trace.get("memory") or {}).get("facts") or {}).get("learned") or []
    facts = {f["id"]: record.text for f in learned
             if isinstance(record := memory.get(user, str(f.get("id", ""))), MemoryItem)
             and record.kind == "fact"}
    return Why(turn.id, turn.session_id, turn.created_at, turn.user_text, trace, recalled, facts)


def _node_name(nodes: dict[str, TreeNode], node_id: str) -> str:
    node = nodes.get(node_id)
    if node is None:
        return node_id if node_id in ("facts", "history", "open-session") else "(rebuilt)"
    if node.level == 2:
        return f"topic {_span(node)}"
    return f"conversation {_span(node)}"


# Drawing ------------------------------------------------------------------------------------
def tree_lines(tree: MemoryTree, full: bool = False) -> list[str]:
    """The tree from the root down: counts per level, then each node with its summary."""
    if not tree.levels:
        return ["No memory tree yet: it grows as conversations are left (start a new one)."]
    counts = ", ".join(f"{len(tree.level(n))} {name}"
                       for n, name in ((3, "you"), (2, "topic"), (1, "conversation")))
    lines = [f"levels: {counts} node(s); {tree.turns} turns at level 0"]
    sessions = {n.id: n for n in tree.level(1)}
    for root in tree.level(3):
        lines.append(f"[you] {_short(root.summary, 400 if full else 160)}")
    placed: set[str] = set()
    for topic in tree.level(2):
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
    method = node.method or "extractive"
    text = node.summary if full else _short(node.summary)
    facts = f"  facts: {'; '.join(node.facts)}" if node.facts else ""
    return f"[{_span(node)}] {node.turns} turns ({method}): {text}{facts}"


def why_lines(why: Why) -> list[str]:
    """What was recalled for a turn, through which branch, and what reached the prompt."""
    recall = why.recall
    when = day(why.created_at) if why.created_at is not None else "?"
    lines = [f"turn {why.turn_id} ({when}): {_short(why.user_text, 80)}",
             f"recall: {recall.get('method', 'hybrid search')}, "
             f"{recall.get('tokens', 0)} of {recall.get('budget', '?')} tokens, "
             f"{len(why.recalled)} item(s)"]
    for i, got in enumerate(why.recalled, start=1):
        branch = " > ".join(got.branch) or "flat"
        said = _short(got.text, 70) if got.text is not None else "(forgotten since)"
        mark = "in prompt" if got.in_prompt else "dropped"
        how = "+".join(got.matched_by)
        lines.append(f"{i:>2}. {got.kind or '?':<9} via {branch} [{how}; {mark}] {said}")
    if not why.recalled:
        lines.append("nothing was recalled for this turn")
    safety, refine = safety_lines(why.trace), refine_lines(why.trace)
    if safety:
        lines += [f"safety: {safety[0]}"] + [f"  - {d}" for d in safety[1:]]
    if refine:
        lines += [f"refine: {refine[0]}"] + [f"  - {d}" for d in refine[1:]]
    return lines + learned_lines(why)


def safety_lines(trace: dict[str, Any]) -> list[str]:
    """What safety decided for a turn: a headline, then each decision and its reason."""
    safety = trace.get("safety") or {}
    if not safety:
        return []
    domain = safety.get("domain") or "none"
    return ([f"domain {domain}, crisis level {safety.get('crisis_level', 'none')}"]
            + [str(d) for d in safety.get("decisions") or []])


def refine_lines(trace: dict[str, Any]) -> list[str]:
    """What the refiners checked in a turn's draft: a headline, then what each found and
    what changed."""
    refine = trace.get("refine") or {}
    if not refine:
        return []
    lines = [f"checked by {', '.join(refine.get('planned') or []) or 'none'}; "
             f"{refine.get('model_calls', 0)} model call(s)"]
    for name, findings in (refine.get("findings") or {}).items():
        lines += [f"{name} found {f.get('kind', '?')}: “{_short(str(f.get('span', '')), 160)}”"
                  for f in findings]
    return lines + [f"changed: {c}" for c in refine.get("changes") or []]


def fact_changes(learned: list[Any], texts: dict[str, str]) -> str:
    """The facts a turn recorded, in words: "added home city: Manchester" (a fact forgotten
    since shows only what was done)."""
    def one(fact: Any) -> str:
        action, fid = (fact.get("action", "?"), fact.get("id")) if isinstance(fact, dict) \
            else (fact.action, fact.id)
        return f"{action} {texts[fid]}" if fid in texts else str(action)
    return ", ".join(one(f) for f in learned)


def learned_lines(why: Why) -> list[str]:
    """What was learned from the turn after its reply, one line per thing kept."""
    learned = why.learned
    lines = [f"noted {n.kind}: {_short(n.text, 80)}"
             + (f" (replaces {len(n.replaced)})" if n.replaced else "") for n in learned.noted]
    lines += [f"not kept: {_short(t, 80)}" for t in learned.refused]
    if learned.facts:
        lines.append(f"facts: {fact_changes(learned.facts, why.facts)}")
    lines += [f"profile: {p}" for p in learned.profile]
    if learned.sessions_closed:
        lines.append(f"conversations closed into the tree: {len(learned.sessions_closed)}")
    if learned.error:
        lines.append(f"learning stopped: {learned.error}")
    return lines

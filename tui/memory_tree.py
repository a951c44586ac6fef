"""The memory tree by level: you at the root, then topics, conversations, and their turns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.guard import Guarded
from tui.text import day, one_line

LEVELS = {3: "you", 2: "topic", 1: "conversation", 0: "turn"}
EMPTY = "No memory tree yet: it grows as conversations are left (Ctrl+N starts a new one)."


@dataclass(frozen=True)
class Node:
    """One node as the inspector shows it; ``target`` is what forgetting it would forget."""

    level: int
    id: str
    summary: str
    facts: tuple[str, ...] = ()
    span: str = ""
    target: str = ""       # a conversation's session id, a turn's id; "" for summaries
    children: int = 0

    @property
    def label(self) -> str:
        head = LEVELS[self.level] + (f" {self.span}" if self.span else "")
        return f"{head}: {one_line(self.summary, 70)}"

    @property
    def details(self) -> str:
        """Everything about the node, for the pane under the tree."""
        lines = [f"{LEVELS[self.level]}{' · ' + self.span if self.span else ''}",
                 " ".join(self.summary.split()) or "(no summary)"]
        if self.facts:
            lines.append("facts: " + "; ".join(self.facts))
        if self.children:
            lines.append(f"{self.children} part(s) below")
        if self.target:
            lines.append("f forgets it, and every summary made from it is rewritten")
        else:
            lines.append("a summary: forget a conversation or a turn below to change it")
        return "\n".join(lines)


def node_of(row: Any) -> Node:
    """A stored tree node (its level 1..3) as the inspector shows it."""
    span = ""
    if row.start_at is not None:
        first, last = day(row.start_at), day(row.end_at or row.start_at)
        span = first if first == last else f"{first} – {last}"
    summary = row.summary.split(": ", 1)[-1] if row.level == 2 else row.summary
    target = (row.meta or {}).get("session_id", "") if row.level == 1 else ""
    return Node(row.level, row.id, summary, tuple(row.facts or ()), span, target,
                len(row.children or ()))


def turn_node(turn: Any) -> Node:
    """A stored turn (level 0): what the person said, and the reply."""
    return Node(0, turn.id, f"{turn.user_text} → {turn.reply_text}", (),
                day(turn.created_at), turn.id)


class MemoryTreeView(Guarded, Tree[Node]):
    """The tree; a conversation's turns are read when it is first opened (the screen
    reads them through the service)."""

    def __init__(self) -> None:
        super().__init__("you", id="memory-tree")
        self.show_root = True

    def show(self, levels: dict[int, list[Any]]) -> None:
        """Fill the tree from the nodes of each level (root, topics, conversations)."""
        self.clear()
        roots, topics, sessions = (levels.get(n, []) for n in (3, 2, 1))
        if not (roots or topics or sessions):
            self.root.set_label(Text(EMPTY))
            self.root.data = None
            return
        root = node_of(roots[0]) if roots else Node(3, "", "what is known about you")
        self.root.set_label(Text(root.label))
        self.root.data = root
        by_id = {s.id: s for s in sessions}
        placed: set[str] = set()
        for topic in topics:
            topic_node = node_of(topic)
            branch = self.root.add(Text(topic_node.label), topic_node, expand=True)
            for child in topic.children or ():
                if child in by_id:
                    placed.add(child)
                    self._conversation(branch, by_id[child])
        for session in sessions:
            if session.id not in placed:
                self._conversation(self.root, session)
        self.root.expand()

    def _conversation(self, parent: TreeNode[Node], row: Any) -> None:
        node = node_of(row)
        parent.add(Text(node.label), node, allow_expand=bool(node.target))

    def show_turns(self, node: TreeNode[Node], turns: list[Any]) -> None:
        """Put a conversation's turns under it."""
        node.remove_children()
        for turn in turns:
            leaf = turn_node(turn)
            node.add_leaf(Text(leaf.label), leaf)
        if not turns:
            node.add_leaf(Text("(no turns left)"))

    @property
    def conversations(self) -> list[TreeNode[Node]]:
        """The conversation nodes, in the order they are shown."""
        found, todo = [], [self.root]
        while todo:
            node = todo.pop(0)
            if node.data is not None and node.data.level == 1:
                found.append(node)
            todo.extend(node.children)
        return found

    @staticmethod
    def wants_turns(node: TreeNode[Node]) -> bool:
        """Whether ``node`` is a conversation whose turns are not shown yet."""
        return node.data is not None and node.data.level == 1 and not node.children

"""Forgetting from the tree: no node may still hold or quote what was forgotten."""

from __future__ import annotations

from memory.tree.build import TreeBuilder
from memory.tree.model import SESSION_LEVEL, TOPIC_LEVEL, root_id
from memory.tree.nodes import NodeStore


def forget(builder: TreeBuilder, nodes: NodeStore, user_id: str, turn_ids: list[str],
           item_ids: set[str] | list[str], session_ids: set[str]) -> set[str]:
    """Rewrite every node that held a forgotten turn or fact; return the ids touched."""
    gone_turns, gone_items = set(turn_ids), set(item_ids)
    if not gone_turns and not gone_items:
        return set()
    builder.drop_fresh(gone_turns)
    touched: set[str] = set()
    affected = [s for s in nodes.at_level(user_id, SESSION_LEVEL)
                if gone_turns & set(s.source_turn_ids)
                or (s.meta or {}).get("session_id") in session_ids
                or (gone_items and s.facts)]
    for node in affected:
        touched.add(node.id)
        builder.write_session_node(user_id, (node.meta or {}).get("session_id", ""))
    if not affected and not gone_items:
        return touched
    # Ancestors are rewritten from what remains (a full re-cluster keeps it simple and
    # guarantees no summary still quotes what was forgotten).
    touched.update(t.id for t in nodes.at_level(user_id, TOPIC_LEVEL))
    touched.add(root_id(user_id))
    builder.recluster(user_id)
    return touched

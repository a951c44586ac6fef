"""TaciTree: a user's whole history as a tree of summaries, searched by descent.

Level 0 are the turns themselves (the ``turn`` table). Level 1 holds one node per closed
session: a summary, the session's key facts, its time span. Level 2 groups sessions into
topics or periods (a networkx graph of sessions linked by meaning and by time, split into
communities). Level 3 is the user's root. Every node lives in SQL (``treenode``) and its vector
in the vector store (kind ``node``); the in-process index is a cache rebuilt from them.

Recall descends: it scores the topics against the request, expands the best ones into their
sessions, and the best sessions into their turns, until the token budget is spent. Evidence
from flat dense and lexical search over turns steers the beam, so a needle in a session whose
summary never mentions it still pulls that session in (descent with backtracking).

The package by job: :mod:`.nodes` (the nodes in SQL and the vector store), :mod:`.build`
(sessions, topics, root), :mod:`.index` (the cached arrays recall scores), :mod:`.descent`
(recall, in named stages), :mod:`.forget`.
"""

from __future__ import annotations

from typing import Any

from memory.schema import TreeNode
from memory.stores import Stores
from memory.tree import forget as forgetting
from memory.tree.build import TreeBuilder
from memory.tree.descent import Descent
from memory.tree.index import IndexCache
from memory.tree.model import (
    NODE,
    ROOT_LEVEL,
    SESSION_LEVEL,
    TOPIC_LEVEL,
    Entry,
    Recollection,
    Summarizer,
    TokenCounter,
    extractive_summary,
    named_speakers,
    root_id,
    session_node_id,
    words,
)
from memory.tree.nodes import NodeStore
from memory.tuning import RecallTuning

__all__ = ["NODE", "ROOT_LEVEL", "SESSION_LEVEL", "TOPIC_LEVEL", "Entry", "MemoryTree",
           "Recollection", "Summarizer", "TokenCounter", "extractive_summary",
           "named_speakers", "root_id", "session_node_id", "words"]


class MemoryTree:
    """Build, keep current, forget from, and search one memory tree per user."""

    def __init__(self, stores: Stores, tuning: RecallTuning | None = None,
                 summarizer: Summarizer | None = None) -> None:
        self.tuning = tuning or RecallTuning.defaults()
        self.nodes = NodeStore(stores)
        self.builder = TreeBuilder(stores, self.nodes, self.tuning, summarizer)
        self.cache = IndexCache(self.nodes, lambda: stores.vectors.embedder.dimensions,
                                self.rebuild)
        self.descent = Descent(stores, self.cache, self.tuning)

    # Building -----------------------------------------------------------------------------
    def note_vectors(self, session_id: str, turn_ids: list[str], vectors: Any) -> None:
        """Keep the vectors of turns just stored until their session is closed."""
        self.builder.note_vectors(session_id, turn_ids, vectors)

    def holds_vectors_of(self, session_id: str) -> bool:
        """Whether the vectors of the session's new turns are kept for its close."""
        return self.builder.holds_vectors_of(session_id)

    def close_open(self, user_id: str, keep: str | None = None,
                   summarizer: Summarizer | None = None) -> list[str]:
        """Close (summarize into the tree) every open session of the user but ``keep``."""
        open_ids = [sid for sid in self.builder.open_sessions(user_id) if sid != keep]
        return [sid for sid in open_ids
                if self.close_session(user_id, sid, summarizer=summarizer) is not None]

    def reopen(self, user_id: str, session_id: str) -> None:
        """A closed session received a new turn: it will be summarized again when left."""
        self.builder.mark_closed(user_id, session_id, closed=False)

    def close_session(self, user_id: str, session_id: str, recluster: bool = True,
                      summarizer: Summarizer | None = None) -> TreeNode | None:
        """Summarize a session into its level-1 node, place it in a topic, refresh the root."""
        with self.nodes.batch():
            node = self.builder.write_session_node(user_id, session_id, summarizer)
            self.builder.mark_closed(user_id, session_id, closed=True)
            if node is None:
                return None
            if recluster:
                self.builder.place(user_id, node)
            self.drop_cache(user_id)
            return node

    def recluster(self, user_id: str) -> None:
        """Group all sessions into topics/periods (networkx communities), rewrite levels 2-3."""
        self.builder.recluster(user_id)

    def rebuild(self, user_id: str) -> int:
        """Rebuild the whole tree from the SQL turns (after the vector store was lost)."""
        with self.nodes.batch():
            self.nodes.delete(user_id, self.nodes.ids(user_id))
            built = 0
            for session_id in self.builder.all_sessions(user_id):
                built += self.close_session(user_id, session_id, recluster=False) is not None
            self.builder.recluster(user_id)
            self.drop_cache(user_id)
            return built

    # Forgetting ---------------------------------------------------------------------------
    def forget(self, user_id: str, turn_ids: list[str], item_ids: set[str] | list[str],
               session_ids: set[str]) -> set[str]:
        """Rewrite every node that held a forgotten turn or fact; return the ids touched."""
        with self.nodes.batch():
            touched = forgetting.forget(self.builder, self.nodes, user_id, turn_ids, item_ids,
                                        session_ids)
        self.drop_cache(user_id)
        return touched

    def drop_cache(self, user_id: str) -> None:
        self.cache.drop(user_id)

    # Reading ------------------------------------------------------------------------------
    def levels(self, user_id: str) -> dict[int, list[TreeNode]]:
        """Every node of the user by level (3 the root ... 1 sessions)."""
        return self.nodes.levels(user_id)

    def descend(self, user_id: str, query: str, budget: int,
                count_tokens: TokenCounter = words, exclude: set[str] | None = None,
                with_facts: bool = True, summaries: int = 2) -> Recollection:
        """The turns (and facts, and path summaries) that best answer ``query``, best first,
        together within ``budget`` tokens (stages: :mod:`memory.tree.descent`)."""
        return self.descent.descend(user_id, query, budget, count_tokens, exclude,
                                    with_facts, summaries)

    def salient(self, user_id: str, query: str) -> str:
        """``query`` without the words most of the user's turns contain."""
        return self.descent.salient(user_id, query, self.cache.get(user_id))

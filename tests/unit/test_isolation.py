"""No person's data reaches another: random people and operations, through the facade and the
HTTP API, then every way of reading memory is searched for another person's words.

Each person's messages carry a word of their own (and words shared by all, so searches have
near matches across people). After every step, each person's search, recall, memory tree,
export, profile, instructions and API responses must hold only their own words, and words
of a file they imported.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from assistant.errors import InputError
from assistant.models.fake import FakeModel
from assistant.server import make_app
from assistant.service import Tacit
from assistant.settings import Settings
from memory import keys
from memory.facade import Memory
from memory.instructions import InstructionStore
from memory.vectors import VectorIndex
from tests.fakes import HashingEmbedder

PEOPLE = ("ana", "ben", "Ana")  # two of them differ only in case
OWN = {"ana": "zebrawood", "ben": "quokkafig", "Ana": "narwhalpie"}
SHARED = ["garden", "river", "cello", "bread", "train", "dinner", "marathon", "lyon"]
VIAS = st.sampled_from(["facade", "api"])


class Isolation(RuleBasedStateMachine):
    """People talk, remember, forget, import and export; no one's words reach another."""

    records = Bundle("records")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="tacit-isolation-"))
        vectors = VectorIndex(HashingEmbedder(), path=self.root / "chroma")  # type: ignore[arg-type]
        memory = Memory.open(f"sqlite:///{self.root / 'tacit.db'}", vectors)
        from langgraph.checkpoint.memory import InMemorySaver

        self.tacit = Tacit(Settings(data_dir=self.root / "data", user="ana",
                                    chat={"model": "fake"}),
                           model=FakeModel(context_window=4096), memory=memory,
                           checkpointer=InMemorySaver())
        self.client = TestClient(make_app(self.tacit))
        self.key = {p: keys.add(memory.engine, p)[1] for p in PEOPLE}
        # The words each person may see: their own, and those of files they imported.
        self.allowed = {p: {OWN[p]} for p in PEOPLE}
        self.checks = 0

    def teardown(self) -> None:
        self.client.close()
        self.tacit.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def api(self, method: str, path: str, person: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.key[person]}", **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def text(self, person: str, words: list[str]) -> str:
        return f"{' '.join(words)} {OWN[person]} {' '.join(reversed(words))}."

    # Operations ---------------------------------------------------------------------------
    @rule(target=records, person=st.sampled_from(PEOPLE),
          words=st.lists(st.sampled_from(SHARED), min_size=1, max_size=3), via=VIAS)
    def ask(self, person: str, words: list[str], via: str) -> tuple[str, str]:
        message = self.text(person, words)
        if via == "facade":
            return person, self.tacit.ask(person, message).turn_id
        reply = self.api("POST", "/v1/chat/completions", person,
                         json={"model": "tacit", "messages": [{"role": "user",
                                                               "content": message}]})
        assert reply.status_code == 200, reply.text
        self.tacit.flush()
        return person, reply.json()["tacit"]["turn_id"] or reply.json()["tacit"]["session_id"]

    @rule(target=records, person=st.sampled_from(PEOPLE),
          words=st.lists(st.sampled_from(SHARED), min_size=1, max_size=3))
    def add(self, person: str, words: list[str]) -> tuple[str, str]:
        return person, self.tacit.memory.add(person, self.text(person, words)).id

    @rule(target=records, person=st.sampled_from(PEOPLE), word=st.sampled_from(SHARED))
    def instruct(self, person: str, word: str) -> tuple[str, str]:
        rule_ = InstructionStore(self.tacit.memory).add(
            person, f"When I mention {word}, say {OWN[person]} first.")
        return person, rule_.id

    @rule(person=st.sampled_from(PEOPLE), value=st.sampled_from(["vegetarian", "vegan"]))
    def profile(self, person: str, value: str) -> None:
        self.tacit.memory.profile.record(person, "diet", value, 0.8, [], "said")

    @rule(record=records, via=VIAS)
    def forget(self, record: tuple[str, str], via: str) -> None:
        person, target = record
        if via == "facade":
            self.tacit.forget(person, target)
        else:
            self.api("DELETE", f"/v1/memory/{target}", person)

    @rule(record=records, other=st.sampled_from(PEOPLE))
    def forget_anothers(self, record: tuple[str, str], other: str) -> None:
        """Another person's id names nothing for you: refused, and it stays theirs."""
        owner, target = record
        if other == owner:
            return
        before = json.dumps(self.tacit.memory.export(owner)["turns"])
        reply = self.api("DELETE", f"/v1/memory/{target}", other)
        assert reply.status_code == 404
        assert target not in reply.text
        assert json.dumps(self.tacit.memory.export(owner)["turns"]) == before
        chat = self.api("POST", "/v1/chat/completions", other,
                        headers={"X-Tacit-Session": target},
                        json={"messages": [{"role": "user", "content": "hello"}]})
        assert chat.status_code == 404

    @rule(source=st.sampled_from(PEOPLE), into=st.sampled_from(PEOPLE), via=VIAS)
    def export_import(self, source: str, into: str, via: str) -> None:
        """A person imports an export: theirs, or one another person gave them."""
        if via == "api":
            reply = self.api("GET", "/v1/memory/export", source)
            assert reply.status_code == 200
            data = reply.json()
        else:
            data = self.tacit.export(source)
        path = self.root / f"export-{source}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        from assistant.history_import import import_file

        try:
            import_file(self.tacit.memory, into, path)
        except InputError:  # nothing to import yet: the file holds no conversation
            return
        self.allowed[into] |= {word for word in OWN.values() if word in path.read_text("utf-8")}

    # What each person can read ----------------------------------------------------------
    @invariant()
    def nobody_sees_anothers_words(self) -> None:
        query = " ".join([*SHARED, *OWN.values()])
        for person in PEOPLE:
            seen = {
                "search": json.dumps([h.text for h in self.tacit.search(person, query, 50)]),
                "recall": json.dumps([e.text for e in self.tacit.memory.tree.descend(
                    person, query, 2000).entries]),
                "tree": json.dumps(self.tacit.memory_tree(person)),
                "export": json.dumps(self.tacit.export(person)),
            }
            for path in ("/v1/memory/search?k=50&q=" + query, "/v1/memory/export",
                         "/v1/sessions", "/v1/profile", "/v1/instructions"):
                reply = self.api("GET", path, person)
                assert reply.status_code == 200, (path, reply.text)
                seen[path] = reply.text
            for where, text in seen.items():
                for other, word in OWN.items():
                    if word not in self.allowed[person]:
                        assert word not in text, f"{other}'s words in {person}'s {where}"
                self.checks += 1
            for entry in self.tacit.memory.profile.export(person):
                assert entry.get("user_id", person) == person


# A run opens fresh stores and checks every reader after every step: a third of the profile's
# examples keeps the unit tier quick (bench/robustness.py runs it at scale).
Isolation.TestCase.settings = settings(max_examples=max(3, settings.default.max_examples // 3))
TestIsolation = Isolation.TestCase

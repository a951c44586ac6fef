"""Which preferences reach a request: personal requests, unrelated ones, the closest one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from agents.preference_recall import asks_for_me, preferences_for, score_preferences
from assistant.service import Tacit
from memory.facade import Memory
from memory.vectors import VectorIndex
from tests.fakes import DIMENSIONS

PREFERENCE = "I get seasick on boats."


class ScriptedEmbedder:
    """The preference points one way; each request is given its cosine with it; every other
    text (the area descriptions) points its own way, so no text claims an area."""

    name = "scripted"
    dimensions = DIMENSIONS

    def __init__(self, cosines: dict[str, float], preference: str = PREFERENCE) -> None:
        self.cosines = cosines
        self.preference = preference

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            if text == self.preference:
                out[row, 0] = 1.0
            elif text in self.cosines:
                cos = self.cosines[text]
                out[row, 0], out[row, 1] = cos, np.sqrt(1 - cos * cos)
            else:
                out[row, 2 + int(hashlib.md5(text.encode()).hexdigest(), 16) % (DIMENSIONS - 2)] = 1
        return out


def memory_with(tmp_path: Path, cosines: dict[str, float],
                preference: str = PREFERENCE) -> Memory:
    memory = Memory.open(f"sqlite:///{tmp_path / 't.db'}",
                         VectorIndex(ScriptedEmbedder(cosines, preference),  # type: ignore[arg-type]
                                     path=tmp_path / "v"))
    memory.add("ana", preference, kind="preference")
    return memory


@pytest.mark.parametrize(("request_text", "personal"), [
    ("Can you recommend a weekend getaway?", True),
    ("What should I pack for Norway?", True),
    ("Plan my Saturday in Porto.", True),
    ("Write a python function that sorts a list.", False),
    ("What is the square root of 81?", False),
    ("Translate 'good morning' into Dutch.", False),
])
def test_a_request_for_the_person_is_told_from_an_impersonal_task(request_text: str,
                                                                  personal: bool) -> None:
    assert asks_for_me(request_text) is personal


def test_a_request_for_the_person_gets_the_closest_preference_marked_as_maybe(
    tmp_path: Path
) -> None:
    near, far = "Can you suggest a day trip from Split?", "Can you suggest a name for a cat?"
    memory = memory_with(tmp_path, {near: 0.12, far: 0.02})
    found = preferences_for(memory, "ana", near, len)
    assert [f.matched_by for f in found] == [["closest"]]
    assert "only if it bears on this request" in found[0].text
    assert PREFERENCE in found[0].text
    assert preferences_for(memory, "ana", far, len) == []  # below the floor: nothing


def test_a_task_for_no_one_in_particular_needs_a_clearer_match(tmp_path: Path) -> None:
    personal, task = "Can you suggest a ferry route to Hvar?", "Summarise the ferry timetable."
    memory = memory_with(tmp_path, {personal: 0.17, task: 0.17})
    found = preferences_for(memory, "ana", personal, len)
    assert len(found) == 1 and found[0].matched_by != ["closest"]
    assert "(preference)" in found[0].text
    assert preferences_for(memory, "ana", task, len) == []


def test_a_bare_ask_after_the_scene_does_not_make_every_preference_bear(tmp_path: Path) -> None:
    # "What would you recommend for me?" alone is about as close to any preference as to
    # another; read as its own sentence it handed seasickness over for a statistics course.
    scene, ask = "I'm taking a course in statistics.", "What would you recommend for me?"
    boats = "I'm off to Croatia next week. Which ferry should I take to Hvar?"
    memory = memory_with(tmp_path, {f"{scene} {ask}": 0.02, scene: 0.02, ask: 0.4,
                                    "Which ferry should I take to Hvar?": 0.4})
    assert preferences_for(memory, "ana", f"{scene} {ask}", len) == []
    found = preferences_for(memory, "ana", boats, len)  # a sentence that names something
    assert len(found) == 1 and found[0].matched_by != ["closest"]


def test_words_of_choosing_are_not_a_shared_topic(tmp_path: Path) -> None:
    choice = "I think the first option is best. The other options don't appeal to me."
    options, jackets = "Can you suggest the best options for me?", \
        "Can you suggest the best jacket options for me?"
    memory = memory_with(tmp_path, {options: 0.1, jackets: 0.1}, preference=choice)
    assert [s.shared_words for s in score_preferences(memory, "ana", options)] == [0]
    assert preferences_for(memory, "ana", options, len) == []

    wool = "I think the wool jacket is best. The other options don't appeal to me."
    other = memory_with(tmp_path / "wool", {jackets: 0.1}, preference=wool)
    assert [s.shared_words for s in score_preferences(other, "ana", jackets)] == [1]


def test_what_the_trace_says_matched_comes_from_the_tuning(tmp_path: Path) -> None:
    from memory.tuning import RecallTuning

    request = "Can you suggest a ferry route to Hvar?"
    found = {}
    for name, dense_says in (("default", None), ("stricter", 0.9)):
        tuning = RecallTuning.defaults()
        if dense_says is not None:
            tuning = tuning.with_overrides({"preference_dense_says": dense_says})
        memory = Memory.open(f"sqlite:///{tmp_path / name}.db",
                             VectorIndex(ScriptedEmbedder({request: 0.5}),  # type: ignore[arg-type]
                                         path=tmp_path / name), tuning)
        memory.add("ana", PREFERENCE, kind="preference")
        found[name] = preferences_for(memory, "ana", request, len)
    assert "dense" in found["default"][0].matched_by
    assert "dense" not in found["stricter"][0].matched_by


def test_a_turn_that_told_a_preference_since_replaced_is_not_recalled(tacit: Tacit) -> None:
    """After "I'm not vegetarian anymore, I eat fish now" replaced it, "I'm vegetarian and I
    don't like mushrooms" still went into the prompt as something the person said."""
    from agents.recall import since_changed

    session = tacit.new_session("ana").id
    tacit.ask("ana", "I'm vegetarian and I don't like mushrooms", session)
    tacit.ask("ana", "I'm not vegetarian anymore, I eat fish now", session)
    first = tacit.memory.turns("ana", session)[0]
    assert since_changed(tacit.memory, "ana") == {first.id}
    for n in range(5):  # past the conversation's own window
        tacit.ask("ana", f"Tell me a fact about the number {n}.", session)
    done = tacit.ask("ana", "Give me a recipe for dinner with vegetarian or fish options",
                     session)
    recalled = {r["id"] for r in done.trace["recall"]["retrieved"]}
    assert first.id not in recalled
    assert since_changed(tacit.memory, "bo") == set()

"""Which preferences reach a request: personal requests, unrelated ones, the closest one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from agents.preference_recall import asks_for_me, preferences_for
from memory.facade import Memory
from memory.vectors import VectorIndex
from tests.fakes import DIMENSIONS

PREFERENCE = "I get seasick on boats."


class ScriptedEmbedder:
    """The preference points one way; each request is given its cosine with it; every other
    text (the area descriptions) points its own way, so no text claims an area."""

    name = "scripted"
    dimensions = DIMENSIONS

    def __init__(self, cosines: dict[str, float]) -> None:
        self.cosines = cosines

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            if text == PREFERENCE:
                out[row, 0] = 1.0
            elif text in self.cosines:
                cos = self.cosines[text]
                out[row, 0], out[row, 1] = cos, np.sqrt(1 - cos * cos)
            else:
                out[row, 2 + int(hashlib.md5(text.encode()).hexdigest(), 16) % (DIMENSIONS - 2)] = 1
        return out


def memory_with(tmp_path: Path, cosines: dict[str, float]) -> Memory:
    memory = Memory.open(f"sqlite:///{tmp_path / 't.db'}",
                         VectorIndex(ScriptedEmbedder(cosines),  # type: ignore[arg-type]
                                     path=tmp_path / "v"))
    memory.add("ana", PREFERENCE, kind="preference")
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


class PlacedEmbedder:
    """Named texts get the vectors they are given; every other text (the area descriptions,
    the sentences of a request) points its own way, so no text claims an area."""

    name = "placed"
    dimensions = DIMENSIONS

    def __init__(self, placed: dict[str, list[float]]) -> None:
        self.placed = placed

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            if text in self.placed:
                vec = np.asarray(self.placed[text], dtype=np.float32)
                out[row, : len(vec)] = vec / np.linalg.norm(vec)
            else:
                out[row, 8 + int(hashlib.md5(text.encode()).hexdigest(), 16) % (DIMENSIONS - 8)] = 1
        return out


PICK = "The second one sounds good; the others don't appeal to me."
ASKED = "Which lipstick shades should I try this spring?"
LATER = "Can you suggest a lipstick for a summer wedding?"
ELSEWHERE = "Can you suggest a ferry route to Hvar?"


def memory_with_a_pick(tmp_path: Path, confidence: float,
                       offered: str = "1) Rose. 2) Berry. 3) Coral.", **tuning: float) -> Memory:
    """ana asked about lipstick, was offered options and picked one: a preference shown by a
    choice, whose own words say nothing about lipstick."""
    from memory.tuning import RecallTuning

    placed = {PICK: [1, 0, 0], ASKED: [0, 1, 0], LATER: [0, 0.9, 0.1], ELSEWHERE: [0, 0, 1]}
    memory = Memory.open(f"sqlite:///{tmp_path / 't.db'}",
                         VectorIndex(PlacedEmbedder(placed),  # type: ignore[arg-type]
                                     path=tmp_path / "v"),
                         RecallTuning.defaults().with_overrides(tuning))
    session = memory.start_session("ana")
    memory.record_turn("ana", session.id, ASKED, offered, {})
    picked = memory.record_turn("ana", session.id, PICK, "Berry it is.", {})
    memory.add("ana", PICK, kind="preference", provenance=[picked.id], confidence=confidence)
    return memory


def test_a_choice_is_read_with_the_request_that_led_to_it(tmp_path: Path) -> None:
    memory = memory_with_a_pick(tmp_path, confidence=0.8)
    found = preferences_for(memory, "ana", LATER, len)
    assert len(found) == 1 and "dense" in found[0].matched_by  # firm, not "closest"
    assert PICK in found[0].text and "only if" not in found[0].text
    assert preferences_for(memory, "ana", ELSEWHERE, len) == []


def test_a_preference_stated_outright_is_read_on_its_own(tmp_path: Path) -> None:
    memory = memory_with_a_pick(tmp_path, confidence=1.0)
    assert preferences_for(memory, "ana", LATER, len) == []


def test_a_preference_said_after_a_reply_that_offered_nothing_is_read_on_its_own(
    tmp_path: Path
) -> None:
    memory = memory_with_a_pick(tmp_path, confidence=0.8, offered="Spring colours are fun.")
    assert preferences_for(memory, "ana", LATER, len) == []


def test_what_the_trace_says_matched_comes_from_the_tuning(tmp_path: Path) -> None:
    memory = memory_with_a_pick(tmp_path, confidence=0.8, preference_dense_says=0.995)
    found = preferences_for(memory, "ana", LATER, len)
    assert len(found) == 1 and "dense" not in found[0].matched_by

"""When the first words of a streamed reply are shown: as soon as what its line says so far
can no longer become a line the draft drops (a transcript label, a note read back, the model
speaking as the person, a copy of a prompt line), and not before."""

from __future__ import annotations

import pytest

from agents.replies import DraftStream, may_open_echo, own_reply
from agents.tuning import TurnTuning

NOTES = ["Ana wants short answers: three sentences at most.",
         "You are Tacit, a helpful assistant talking with ana."]


def stream(pieces: list[str], tuning: TurnTuning | None = None) -> list[str]:
    """What each piece lets the person see."""
    draft = DraftStream("ana", NOTES, tuning)
    return [draft.feed(p) for p in pieces]


def test_a_reply_that_cannot_be_an_echo_shows_from_its_first_whole_word() -> None:
    shown = stream(["Lentils", " are", " cheap", " and", " easy"])
    assert shown[0] == ""  # "Lentils" may still be "Lentilsoup": not a whole word yet
    assert shown[1] == "Lentils"  # before: nothing until four words
    assert "".join(shown) == "Lentils are cheap and"


def test_words_that_may_still_open_a_label_or_a_note_are_held_until_they_cannot() -> None:
    # "The" may begin "The person said:", "This is" may begin "This is ana": held until the
    # next whole word tells them apart, then shown together.
    assert stream(["The", " code", " sorts", " a"]) == ["", "", "The code", " sorts"]
    assert stream(["This", " is", " a", " loop", " that"]) == ["", "", "", "This is a", " loop"]


@pytest.mark.parametrize("pieces", [
    ["User", ":", " What", " else", " can", " I", " cook"],
    ["User", " :", " What", " else", " can", " I", " cook"],
    ["-", " [2", " May", " 2026]", " ana", " said:", " I", " am", " poor"],
    ["[", "2", " May", " 2026", "]", " Assistant", ":", " Beans", " are", " good"],
    ["Ana", ":", " I", " have", " a", " question", " about"],
    ["Hi", ",", " I", "'m", " Ana", " and", " I", " cook", " a", " lot"],
    ["Today", " is", " Wednesday", " and", " the", " weather", " is"],
    ["(", "you", " answered", ":", " lentils", " are", " cheap"],
    ["Ana", " wants", " short", " answers", ":", " three", " sentences", " at"],
    ["You", " are", " Tacit", ",", " a", " helpful", " assistant", " talking"],
])
def test_an_echo_of_the_prompt_is_never_shown_word_by_word(pieces: list[str]) -> None:
    assert "".join(stream(pieces)) == ""


def test_a_held_line_shows_once_it_stops_reading_like_the_prompt() -> None:
    shown = stream(["You", " can", " soak", " them", " overnight"])
    assert "".join(shown) == "You can soak them"
    assert shown[:2] == ["", ""]  # "You" begins "You are Tacit, ...", "You can" does not


def test_the_tuned_floor_holds_that_many_words_however_clear_they_are() -> None:
    four = TurnTuning.defaults().with_overrides({"hold_words": 4})
    shown = stream(["Lentils", " are", " cheap", " and", " easy", " to"], four)
    assert shown[:4] == ["", "", "", ""]
    assert shown[4:] == ["Lentils are cheap and", " easy"]


def test_what_is_shown_early_is_always_the_beginning_of_the_stored_reply() -> None:
    pieces = ["Lentils", " are", " cheap", ".", "\n", "User", ":", " And", " beans", "?"]
    draft = DraftStream("ana", NOTES)
    shown = "".join(draft.feed(p) for p in pieces) + draft.finish()
    assert shown == own_reply("".join(pieces), "ana", NOTES) == "Lentils are cheap."
    assert draft.stopped


LONG = "[this bracket is far too long to be a date or a name at all]"


@pytest.mark.parametrize(("line", "may"), [
    ("", True), ("-", True), ("[2 May", True), ("[2 May 2026]", True), ("Us", True),
    ("User", True), ("the person", True), ("Rules ana gave", True), ("I am", True),
    ("hello, this is", True), ("Noted", True), ("Ana", True), ("ana said", True),
    ("This is a", True), ("The code", False), ("Rules are simple", False),
    ("I am glad", False), ("Users", False), ("Lentils are", False), ("This is a ", False),
    (LONG, False), ("Anakin", False), ("Tacitly", False),
])
def test_may_open_echo_tells_a_possible_label_or_note_from_a_reply(line: str,
                                                                   may: bool) -> None:
    assert may_open_echo(line, "ana") is may

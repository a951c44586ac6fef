"""An appeal against a parking ticket drafted by code from what the person told, and a topic's
tips never given twice in a row."""

from __future__ import annotations

from agents import appeal_letter
from agents.tips import answer as tips
from assistant.service import Tacit

TOLD = "I got a parking fine for £70 but the sign was covered by a tree."


def _told(*said: str) -> list[dict[str, str]]:
    return [{"user": s, "said": "Thanks."} for s in said]


def test_the_appeal_letter_holds_the_sum_and_the_reason_they_told() -> None:
    """"Write me a short appeal letter." got "The user: I'm excited to celebrate my 20th
    birthday" from the model."""
    letter = appeal_letter.answer("Write me a short appeal letter.", _told(TOLD)) or ""
    assert letter.startswith("Dear Sir or Madam,")
    assert "I am writing to appeal against this £70 charge." in letter
    assert "The sign was covered by a tree. The restriction was not clearly shown" in letter
    assert "[ticket number]" in letter and letter.rstrip().endswith("deadline on the ticket.")
    # no ticket told: not this letter
    assert appeal_letter.answer("Write me a short appeal letter.") is None
    assert appeal_letter.answer("Write me an appeal letter.",
                                _told("My planning application was refused.")) is None


def test_a_topic_s_tips_are_not_given_twice_in_a_row(tacit: Tacit) -> None:
    """"Can I appeal it?", right after the tips a parking fine got, got the same tips again
    word for word, and "Write me a short appeal letter." a third time."""
    session = tacit.new_session("pat").id
    first = tacit.ask("pat", TOLD, session).reply
    assert first.startswith("Yes, you can appeal")
    again = tacit.ask("pat", "Can I appeal it?", session).reply
    assert again.startswith("What to put in the appeal itself:"), again
    letter = tacit.ask("pat", "Write me a short appeal letter.", session).reply
    assert letter.startswith("Dear Sir or Madam,"), letter
    assert tips("Can I appeal it?", [{"user": TOLD, "said": first}]) != first

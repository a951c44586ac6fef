"""Messages for an occasion, written by code: a birthday, getting well, congratulations,
sympathy."""

from __future__ import annotations

import pytest

from agents.occasions import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def _message(reply: str) -> str:
    return reply.split("\n\n")[1]


def _after(message: str, reply: str) -> list[dict[str, str]]:
    return [{"user": message, "assistant": reply, "said": reply}]


def test_a_birthday_message_then_funnier_another_a_name_and_shorter() -> None:
    """"help me write a birthday message for my sister" got a letter signed "In my honor,
    [Your Name]"; "make it funnier" got "You don't have to do it differently, the difference is
    just a little different."."""
    asked = "help me write a birthday message for my sister"
    first = answer(asked) or ""
    assert first.startswith("Here's a birthday message for your sister you could send:")
    assert _message(first).startswith("Happy birthday!") and "my sister" in first
    seen = [_message(first)]
    for said, check in (("make it funnier", lambda m: "cake" in m or "already have me" in m),
                        ("another one", lambda m: True),
                        ("her name is Anna", lambda m: m.startswith("Happy birthday, Anna!")),
                        ("make it shorter", lambda m: len(m) < 70 and "Anna" in m)):
        reply = answer(said, _after("x", first)) or ""
        assert check(_message(reply)), (said, reply)
        assert _message(reply) not in seen[-1:], said
        seen.append(_message(reply))
        first = reply
    assert answer("make it funnier") is None  # after nothing of this: the model
    assert answer("make it funnier", _after("hi", "Hello!")) is None


@pytest.mark.parametrize(("message", "lead", "has"), [
    ("can you write a get well card for my boss?", "Here's a get-well message for your boss",
     "don't worry about work"),
    ("what should I write in a sympathy card for my friend whose dad died?",
     "Here's a message of sympathy for your friend", "sorry for your loss"),
    ("write a congratulations message for my colleague on her new job",
     "Here's a message of congratulations for your colleague", "deserved"),
])
def test_other_occasions_and_a_work_relation_gets_a_message_fit_for_work(
        message: str, lead: str, has: str) -> None:
    reply = answer(message) or ""
    assert reply.startswith(lead) and has in reply


def test_sympathy_stays_gentle_and_what_asks_no_message_goes_to_the_model() -> None:
    asked = "what should I write in a sympathy card for my friend whose dad died?"
    funnier = answer("make it funnier", _after(asked, answer(asked) or "")) or ""
    assert funnier.startswith("A message of sympathy is best kept gentle")
    for other in ("it's my birthday today", "when is my sister's birthday?",
                  "write a birthday poem for my mum", "my friend died last week",
                  "is it a bad idea to text my ex on his birthday?",
                  "write a funny toast for my brother's wedding",
                  "write a message thanking my aunt for the birthday card"):
        assert answer(other) is None, other


def test_a_whole_turn_is_written_by_code_and_the_next_redoes_it(tacit: Tacit,
                                                                 fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    first = tacit.ask("ana", "help me write a birthday message for my sister", session).reply
    assert first.startswith("Here's a birthday message for your sister")
    funnier = tacit.ask("ana", "make it funnier", session).reply
    assert funnier.startswith("Here's a birthday message") and funnier != first
    assert len(fake_model.history) == calls

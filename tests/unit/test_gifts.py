"""Gift ideas by code, from what the one receiving it likes (data/gifts.yaml)."""

from __future__ import annotations

from agents.gifts import answer, catalog, said_of
from assistant.models.fake import FakeModel
from assistant.service import Tacit

ASKED = "Can you suggest a gift for my dad's 60th birthday? He likes gardening and jazz."
EARLIER = [{"user": ASKED, "assistant": "Here are a few ideas ..."}]


def _ideas(reply: str) -> list[str]:
    return [line[2:] for line in reply.splitlines() if line.startswith("- ")]


def _costs(ideas: list[str]) -> set[str]:
    every = {said_of("he", i["idea"]): i["cost"] for spec in catalog()["interests"].values()
             for i in spec["ideas"]}  # said of a dad
    return {every[i] for i in ideas}


def test_a_gift_request_gets_ideas_for_each_thing_they_like() -> None:
    """The bundled model answered it with a letter to "Mr. Johnson" and "a vintage car"."""
    reply = answer(ASKED) or ""
    assert reply.startswith("Here are a few ideas for your dad, since he likes gardening and "
                            "jazz:")
    ideas = _ideas(reply)
    garden = {said_of("he", i["idea"]) for i in catalog()["interests"]["gardening"]["ideas"]}
    jazz = {said_of("he", i["idea"]) for i in catalog()["interests"]["jazz"]["ideas"]}
    assert len(ideas) == 4 and len(set(ideas) & garden) == 2 and len(set(ideas) & jazz) == 2
    assert len(_costs(ideas)) > 1  # without a budget, not only the cheapest


def test_a_budget_said_next_keeps_to_it_and_to_what_they_like() -> None:
    """"Something under 30 pounds please" got a reply about imperial units."""
    reply = answer("Something under 30 pounds please", EARLIER) or ""
    assert "your dad" in reply and "gardening and jazz" in reply
    assert _costs(_ideas(reply)) == {"low"}


def test_another_person_said_next_gets_ideas_for_them() -> None:
    reply = answer("What about my mum? She loves reading and baking.", EARLIER) or ""
    assert reply.startswith("Here are a few ideas for your mum, since she likes reading and "
                            "baking:")


def test_asked_for_more_only_ideas_not_given_yet_come() -> None:
    """"Anything else?" after the ideas got the same list again."""
    first = answer(ASKED) or ""
    more = answer("Anything else?", [{"user": ASKED, "assistant": first}]) or ""
    assert more and not set(_ideas(more)) & set(_ideas(first))
    every = "\n".join(f"- {said_of('he', i['idea'])}" for name in ("gardening", "jazz")
                      for i in catalog()["interests"][name]["ideas"])
    assert answer("Any other ideas?", [{"user": ASKED, "assistant": every}]) is None


def test_what_is_no_gift_request_or_names_nothing_they_like_goes_to_the_model() -> None:
    for message, earlier in (("I love cooking. What should I get for dinner?", None),
                             ("What's a good recipe for lasagne?", EARLIER),
                             ("Thanks!", EARLIER)):
        assert answer(message, earlier) is None, message


def test_a_gift_asked_for_with_nothing_said_of_what_they_like_asks_it_and_gives_a_few() -> None:
    """"my husband's birthday is next week, any gift ideas?" got a made-up "Lonzai-Bella" from
    a made-up shop, "made for the birthday of your husband's wife, Luna"."""
    asked = answer("my husband's birthday is next week, any gift ideas?") or ""
    assert asked.startswith("Happy to help. What does your husband enjoy: hobbies, how he "
                            "spends his weekends")
    assert "a day planned around him" in asked
    boss = answer("I need a gift idea for my boss") or ""
    assert "What does your boss enjoy" in boss and "a plant that's hard to kill" in boss
    assert "shared memory" not in boss
    told = answer("he loves cooking and cycling",
                  [{"user": "my husband's birthday is next week, any gift ideas?",
                    "assistant": asked}]) or ""
    assert told.startswith("Here are a few ideas for your husband, since he likes cooking")


def test_a_whole_turn_is_answered_by_code(tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    done = tacit.ask("ana", "What should I get my sister for Christmas? She's into yoga",
                     session)
    assert done.reply.startswith("Here are a few ideas for your sister, since she likes yoga:")
    assert len(fake_model.history) == calls


def test_ideas_for_a_mum_or_a_brother_are_said_of_her_or_him() -> None:
    """A 60th for a mum who loves reading got "a new novel by an author they love" and "their
    initials"."""
    from agents.gifts import answer

    mum = answer("What should I get my mum for her 60th birthday? She loves reading and "
                 "gardening.") or ""
    assert "- a new novel by an author she loves, with a handwritten note inside" in mum
    assert "with her initials on it" in mum and "they" not in mum and "their" not in mum
    brother = answer("Gift ideas for my brother, he likes music and cooking") or ""
    assert "an artist he loves" in brother and "a cuisine he hasn't tried yet" in brother
    friend = answer("Gift ideas for a friend who likes reading") or ""
    assert "an author they love" in friend

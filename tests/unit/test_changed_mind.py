"""A dislike given up: the new liking kept, the dislike ended, and of an older preference only
what still holds."""

from __future__ import annotations

from agents.changed_mind import liked_now, reply, trimmed
from assistant.service import Tacit


def test_what_is_now_liked_is_read_from_the_ways_of_saying_it() -> None:
    assert liked_now("Actually I've started running now and I quite like it.") == ["running"]
    assert liked_now("Actually I like running now.") == ["running"]
    assert liked_now("I don't hate mushrooms any more.") == ["mushrooms"]
    assert liked_now("I've come round to olives.") == ["olives"]
    assert liked_now("I took up yoga and I love it.") == ["yoga"]
    assert liked_now("Do I like running now?") == []
    assert liked_now("I like running.") == []


def test_only_the_clauses_of_not_liking_it_are_taken_out() -> None:
    cut = trimmed("I hate running but I like swimming and cycling.", ["running"])
    assert cut is not None and cut.kept == "I like swimming and cycling."
    assert cut.dropped == "I hate running"
    whole = trimmed("I can't stand running.", ["running"])
    assert whole is not None and whole.kept == ""
    assert trimmed("I like swimming.", ["running"]) is None
    assert trimmed("I love running.", ["running"]) is None  # a liking, not a dislike


def test_the_reply_says_it_back_only_of_a_dislike_that_was_known() -> None:
    assert reply("Actually I like running now.", lambda: (["running"], [])) == \
        "Good to hear! I'll remember that you like running now."
    assert reply("I started a new job and I love it.", lambda: ([], [])) is None
    assert reply("Do I like running now?", lambda: (["running"], [])) is None


def test_a_dislike_given_up_ends_it_and_keeps_what_still_holds(tacit: Tacit) -> None:
    """"Actually I've started running now and I quite like it." got "machines and equipment"
    from the bundled model, and "What do you know about me?" still listed "Dislikes:
    running"."""
    tacit.ask("ana", "I hate running but I like swimming and cycling.")
    done = tacit.ask("ana", "Actually I've started running now and I quite like it.")
    assert done.reply == "Good to hear! I'll remember that you like running now."
    assert 'it replaces "dislikes: running"; "I hate running"' in done.shown
    kept = {i.text for i in tacit.memory.items("ana")}
    assert "dislikes: running" not in kept and "I like swimming and cycling." in kept
    assert "Actually I've started running now and I quite like it." in kept
    assert not any("hate running" in text for text in kept)
    known = tacit.ask("ana", "What do you know about me?").reply
    assert "Dislikes: running" not in known and "I like swimming and cycling." in known
    # the dislike stays in the fact's history, ended
    past = [i for i in tacit.memory.items("ana", include_past=True)
            if i.text == "dislikes: running"]
    assert past and past[0].valid_to is not None


def test_a_liking_with_no_dislike_before_it_changes_nothing_kept(tacit: Tacit) -> None:
    tacit.ask("ana", "I like swimming.")
    tacit.ask("ana", "I took up yoga and I love it.")
    assert "I like swimming." in {i.text for i in tacit.memory.items("ana")}


def test_a_dislike_said_to_be_over_trims_the_older_preference_instead_of_replacing_it(
        tacit: Tacit) -> None:
    """"I don't hate running any more." read as the opposite of "I hate running but I like
    swimming and cycling." replaced it whole, and the swimming and cycling were lost."""
    tacit.ask("ana", "I hate running but I like swimming and cycling.")
    tacit.ask("ana", "I don't hate running any more.")
    kept = {i.text for i in tacit.memory.items("ana")}
    assert "I like swimming and cycling." in kept
    assert not any("hate running but" in text for text in kept)

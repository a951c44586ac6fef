"""A text given to summarise is summarised by its own sentences: the small model added "and
return to work in 30 minutes after that" to a council's notice."""

from __future__ import annotations

from agents.summary import answer, asked
from assistant.models.fake import FakeModel
from assistant.service import Tacit

NOTICE = ("The council will close the library on Fridays from January to save money. Opening "
          "hours on other days will be extended by an hour. Residents can comment until 15 "
          "December.")
MEETING = ("Our team met on Monday to review the launch. The website will go live on 3 March, "
           "two weeks later than planned. The delay is because the payment provider needs "
           "more testing. Marketing will move the email campaign to the same week. Sales "
           "should tell customers about the new date. Lunch was pizza.")


def test_the_sentences_that_carry_most_of_the_text_are_kept_in_its_order() -> None:
    summary = answer(f"Can you summarize this: {MEETING}")
    assert summary is not None
    points = summary.splitlines()
    assert points[0] == "The main points:" and len(points) == 4
    kept = [p.removeprefix("- ") for p in points[1:]]
    assert all(k in MEETING for k in kept)  # nothing added
    assert kept[0].startswith("Our team met") and "Lunch was pizza." not in kept
    assert sorted(kept, key=MEETING.index) == kept
    assert answer("Summarise: I love it. It is great.") == (
        "That's short already, so there is little to cut: I love it. It is great.")
    assert asked("Summarise our conversation") is None
    assert asked("Summarise this: " + "word " * 2000) is None  # long: the model's


def test_a_summary_in_a_turn_is_written_without_the_model(
        tacit: Tacit, fake_model: FakeModel) -> None:
    calls = len(fake_model.history)
    done = tacit.ask("ana", f"Summarise this for me: {NOTICE}")
    assert done.reply == ("The main points:\n- The council will close the library on Fridays "
                          "from January to save money.\n- Residents can comment until 15 "
                          "December.")
    assert len(fake_model.history) == calls

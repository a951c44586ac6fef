"""Short messages drafted by code (data/messages.yaml): to whom, about what, in which tone."""

from __future__ import annotations

import pytest

from agents.messages import answer, read
from assistant.models.fake import FakeModel
from assistant.service import Tacit

BOILER = "Help me write a short message to my landlord about the broken boiler"


def _body(reply: str) -> str:
    """The message itself: the lines between the one before it and the offer after it."""
    return "\n".join(reply.split("\n\n")[1:-1])


def test_a_message_about_something_wrong_asks_for_it_to_be_put_right() -> None:
    """The bundled model answered it "as a dedicated AI assistant, I don't have the capability
    to access personal data"."""
    reply = answer(BOILER) or ""
    assert reply.startswith("Here's a message to your landlord")
    body = _body(reply)
    assert "Could you get the broken boiler sorted, please?" in body  # a short one, as asked
    assert body.startswith("Hi,") and body.endswith("[your name]")


@pytest.mark.parametrize(("message", "said"), [
    ("Can you write an email to my boss asking for Friday off?",
     "I wanted to ask for Friday off."),
    ("write a text to my neighbour asking them to turn the music down after 11",
     "Could you turn the music down after 11, please?"),
    ("Can you write an email to my manager asking if I can leave early on Friday?",
     "I wanted to ask whether I can leave early on Friday."),
    ("Could you draft a polite email to my son's teacher to say he'll be off sick tomorrow",
     "I just wanted to let you know he'll be off sick tomorrow."),
])
def test_what_it_asks_or_tells_is_said_as_the_person_would(message: str, said: str) -> None:
    assert said in _body(answer(message) or "")


@pytest.mark.parametrize(("message", "said"), [
    ("write a thank you note to my kid's nursery teacher, she's leaving at end of term",
     "Thank you so much for everything."),
    ("help me write a text to my mate Dave reminding him he still owes me £50 from the gig",
     "Just a friendly reminder that you still owe me £50 from the gig."),
    ("need an email to the vet to reschedule Bella's jabs to next Saturday",
     "Could we move Bella's jabs to next Saturday, if that's possible?"),
    ("write my dentist a message asking to move my check-up to next week",
     "I wanted to ask if I could move my check-up to next week."),
    ("Can you write an email to the GP surgery cancelling my appointment on the 14th",
     "I'm writing to cancel my appointment on the 14th."),
    ("Draft a complaint to the letting agent about the broken front door lock, keep it firm.",
     "This needs to be fixed without further delay."),
])
def test_other_ways_of_asking_are_read_too(message: str, said: str) -> None:
    assert said in _body(answer(message) or "")


def test_every_purpose_has_words_in_every_tone() -> None:
    from agents.messages import _HOW, catalog

    for tone, words in catalog()["tones"].items():  # "thanks_for" is read as thank or about
        assert set(_HOW) - {"thanks_for"} | {"problem"} <= set(words["body"]), tone


def test_a_tone_asked_next_redoes_the_same_message_and_keeps_what_was_added() -> None:
    """"Make it more polite" got a list of tips on formal language."""
    recent = [{"user": BOILER}]
    polite = _body(answer("Make it more polite", recent) or "")
    assert polite.startswith("Hello,") and "Kind regards," in polite
    assert "the broken boiler" in polite
    recent.append({"user": "Make it more polite"})
    added = _body(answer("add that it's been broken since Monday", recent) or "")
    assert "the broken boiler. It's been broken since Monday." in added
    assert "Kind regards," in added  # the tone asked before stays
    recent.append({"user": "add that it's been broken since Monday"})
    short = _body(answer("make it shorter", recent) or "")
    assert "Could you get the broken boiler sorted, please?" in short
    assert "It's been broken since Monday." in short and len(short) < len(added)


def test_what_is_no_request_for_a_message_goes_to_the_model() -> None:
    for message, recent in (("Write a story about a dragon", None),
                            ("write a message to my mum", None),  # nothing to say in it
                            ("Make it more polite", None),  # no message before
                            ("Make it more polite", [{"user": "What's the capital of Peru?"}]),
                            ("add that it's broken", [{"user": "What's 2 + 2?"}])):
        assert read(message, recent) is None, message


def test_a_whole_turn_is_answered_by_code_and_signed_with_their_name(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    tacit.ask("ana", "My name is Ana.", session)
    calls = len(fake_model.history)
    done = tacit.ask("ana", BOILER, session)
    assert "the broken boiler" in done.reply and "\nAna\n" in done.reply
    assert len(fake_model.history) == calls
    again = tacit.ask("ana", "Can you make it more formal?", session)
    assert "Dear [name]," in again.reply and "I am writing to report the broken boiler" \
        in again.reply
    # a landlord is someone they know: "Dear Sir or Madam ... Yours faithfully" is for a firm
    assert "Kind regards," in again.reply and "Sir or Madam" not in again.reply


def test_an_appeal_against_a_fine_is_drafted_and_redone_as_asked() -> None:
    """"I got a parking fine for stopping 2 minutes in a loading bay. Can you help me write an
    appeal?" got "you can reach me directly on my website", and "make it firmer" got "Tacit,
    a helpful assistant talking with the person."."""
    asked = ("I got a parking fine for stopping 2 minutes in a loading bay. Can you help me "
             "write an appeal?")
    draft = answer(asked) or ""
    assert "The notice was issued for stopping 2 minutes in a loading bay." in draft
    assert "[notice number]" in draft and "I ask you to cancel the notice." in draft
    recent = [{"user": asked, "said": draft}]
    firmer = answer("make it firmer", recent) or ""
    assert "I do not accept that this penalty notice was properly issued" in firmer
    added = answer("add that I was unloading shopping for my disabled mum", recent) or ""
    assert "I was unloading shopping for my disabled mum." in added
    assert "[Say why it should be cancelled" not in added  # the reason is theirs now
    # The fine told first, the appeal asked next.
    later = answer("can you help me appeal it?",
                   [{"user": "I got a PCN for parking on a single yellow line on Sunday"}])
    assert "issued for parking on a single yellow line on Sunday." in (later or "")
    # No fine named: not this.
    assert answer("help me write an appeal for my university place") is None
    assert answer("can you help me appeal it?", [{"user": "my landlord kept my deposit"}]) is None


def test_a_text_to_a_friend_is_friendly_unless_another_tone_is_asked() -> None:
    """"can you help me write a text to my friend to cancel dinner tonight?" got "I'm writing
    to cancel dinner tonight."."""
    body = _body(answer("can you help me write a text to my friend to cancel dinner tonight?")
                 or "")
    assert "I'm so sorry, but I need to cancel dinner tonight." in body
    asked = answer("write a formal email to my sister to cancel the meeting") or ""
    assert "I am writing to cancel the meeting." in _body(asked)
    assert "I'm writing to cancel my appointment" in _body(answer(
        "Can you write an email to the GP surgery cancelling my appointment on the 14th") or "")


def test_what_is_the_recipients_own_is_theirs_in_the_message() -> None:
    """"an email to a parent about their child's behaviour" said "I'm writing about their
    child's behaviour." to the parent."""
    assert "I'm writing about your child's behaviour." in answer(
        "Can you help me write an email to a parent about their child's behaviour?")
    assert "I'm writing about the broken boiler." in answer(
        "Write an email to my landlord about the broken boiler")


def test_a_thank_you_after_an_interview_leaves_what_only_they_know_in_brackets() -> None:
    """"Write a thank-you email to send after the interview." got "I'm so glad you're enjoying
    your interview with me" and "I'm so proud of you both" from the bundled model."""
    asked = "Write a thank-you email to send after the interview."
    email = answer(asked) or ""
    lines = email.splitlines()
    assert lines[0] == ("Here's a thank-you email you can send once you've filled in the parts "
                        "in brackets:")
    assert "Subject: Thank you for the interview for [the role]" in lines
    assert "Dear [interviewer's name]," in lines and lines[-4:-2] == ["Best wishes,",
                                                                       "[your name]"]
    formal = answer("Can you help me write a thank you note to my interviewer? Make it formal")
    assert formal is not None and "Kind regards," in formal.splitlines()
    # what they talked about takes the place of the bracket for it, said to them
    told = answer("Mention that I loved hearing about their new payments platform.",
                  [{"user": asked, "said": email}]) or ""
    assert "position. I loved hearing about your new payments platform." in told
    assert "[something you discussed" not in told
    assert (answer("Write a thank you email to my boss") or "").startswith(
        "Here's a message to your boss")


def test_a_thank_you_for_something_and_a_formal_note_to_someone_known() -> None:
    """"Thanks! Now write a thank-you note to my neighbour for watering my plants." went to the
    bundled model, which thanked them for "maintaining a thriving ecosystem"; "Make it more
    formal." to a boss opened "Dear Sir or Madam"."""
    note = answer("Thanks! Now write a thank-you note to my neighbour for watering my plants.")
    assert note is not None and "Thank you so much for watering my plants." in note
    assert "to your neighbour you can send" in note
    boss = answer("Write a formal email to my boss asking for Friday off.") or ""
    assert "Dear [name]," in boss and "Kind regards," in boss
    firm = answer("Write a formal letter to Currys customer service about my broken fridge.")
    assert firm is not None and "Dear Sir or Madam," in firm and "Yours faithfully," in firm
    meeting = answer("Write an email to my boss for the meeting tomorrow.") or ""
    assert "I'm writing about the meeting tomorrow." in meeting


def test_a_no_is_said_with_a_sorry_a_complaint_asks_for_a_fix_and_whose_is_kept() -> None:
    """"Can you write a text to my friend to say I can't come to her party on Saturday?" was
    drafted with no word of sorry; a complaint of slow internet asked for "your thoughts";
    "an email to my son's teacher asking for a meeting about his reading" asked about "your
    reading"."""
    friend = answer("Can you write a text to my friend to say I can't come to her party on "
                    "Saturday?") or ""
    assert "I'm so sorry, but I can't come to your party on Saturday." in friend
    slow = answer("Help me write a complaint to my broadband company about slow internet") or ""
    assert "Could you arrange for it to be sorted out" in slow
    teacher = answer("Draft an email to my son's teacher asking for a meeting about his "
                     "reading") or ""
    assert "a meeting about my son's reading" in teacher and "your reading" not in teacher

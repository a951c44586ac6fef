"""A wasps' nest, a best man's speech, noise reported to the council, embarrassment at adult
swimming lessons, food on warfarin and a parent at their wits' end, written by code
(``data/tips.yaml``).

"There's a wasps' nest in my shed." got "The word 'sad' is a metaphorical expression", and "Can
I get rid of it myself?" "No, I'm sorry for your loss", before and after "I'm allergic to wasp
stings."; "Can you give me an opening line for the speech?", from a best man, got "The speech is
a beautiful example of how language can be used"; "What foods should I avoid?" after "I'm on
warfarin for atrial fibrillation." told a heavy smoker to avoid cheese. Each now gets its
topic's tips, and what follows from what was told; a throat swelling after a sting, a maid of
honour, apixaban or a boss's tantrums does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from tests.unit.tips_told import gets_its_tips_and_not_its_look_alike, reply, told

NEST = "A wasps' nest that's out of everyone's way can often be left alone"
NEST_DIY = "Yes, if you're not allergic to stings and the nest is small and easy to reach."
ALLERGIC = "With an allergy to stings, please don't try to get rid of a wasps' nest yourself"
ALLERGIC_MORE = "No: with a sting allergy it's best not to"
BEST_MAN = "A best man's speech usually runs five to seven minutes"
WEDDING_SPEECH = "A good wedding speech is short, warm and personal"
NOISE = "Noise from next door wears anyone down"
NOISE_MORE = "If talking hasn't worked, you can report it to your council"
SWIM = "Plenty of adults learn to swim"
SWIM_EMBARRASSED = "Lots of adults can't swim, far more than most people think"
WARFARIN = "On warfarin you don't need to cut out healthy foods"
TANTRUMS = "Tantrums are a normal part of being one to four"
WITS_END = "I'm sorry, that sounds exhausting. Tantrums wear down even the calmest parents"


def conversation(*said: str) -> list[str]:
    """What each of ``said`` got in turn, each after the ones before it and their replies."""
    recent: list[dict[str, str]] = []
    replies = []
    for message in said:
        reply = answer(message, recent) or ""
        replies.append(reply)
        recent.append({"user": message, "said": reply or "Thanks for telling me."})
    return replies


def test_a_nest_told_then_doing_it_yourself_then_an_allergy_each_get_their_answer() -> None:
    nest, diy, allergy, again, once_more = conversation(
        "There's a wasps' nest in my shed.", "Can I get rid of it myself?",
        "I'm allergic to wasp stings.", "Can I get rid of it myself?",
        "Can I get rid of it myself?")
    assert nest.startswith(NEST) and "late autumn" in nest and "beekeeper" in nest, nest
    assert "999" in nest and "auto-injector" in nest
    assert diy.startswith(NEST_DIY) and "dusk" in diy and "entrance hole" in diy, diy
    assert allergy.startswith(ALLERGIC) and "pest control" in allergy, allergy
    assert again.startswith(ALLERGIC_MORE), again
    assert not once_more.startswith((ALLERGIC_MORE, NEST_DIY, ALLERGIC)), once_more


def test_doing_it_yourself_after_an_allergy_told_is_never_the_how_to() -> None:
    said = answer("Can I get rid of it myself?",
                  told("There's a wasps' nest in my shed.", "I'm allergic to wasp stings.")) or ""
    assert not said.startswith(NEST_DIY), said
    assert said.startswith(ALLERGIC) or \
        "If you're allergic to stings, don't tackle it yourself at all" in said, said
    assert (answer("There's a wasps' nest in my shed and I'm allergic to stings.", [])
            or "").startswith(ALLERGIC)


@pytest.mark.parametrize(("message", "recent"), [
    ("I've been stung and my throat is swelling", None),
    ("I've been stung and my throat is swelling", told("There's a wasps' nest in my shed.")),
    ("There's a bees' nest in my shed.", None),
    ("There's a hornets' nest in my shed, what should I do?", None),
    ("Can I get rid of it myself?", None),
    ("Can I get rid of it myself?", told("There are mice in my kitchen.")),
    ("I'm allergic to wasp stings.", None),
])
def test_a_sting_now_a_bee_a_hornet_or_mice_is_not_the_nest(
        message: str, recent: list[dict[str, str]] | None) -> None:
    said = answer(message, recent) or ""
    assert not said.startswith((NEST, NEST_DIY, ALLERGIC, ALLERGIC_MORE)), message


def test_a_best_man_asking_for_an_opening_line_gets_the_shape_of_the_speech() -> None:
    said = answer("Can you give me an opening line for the speech?",
                  told("I'm best man at my brother's wedding in August.",
                       "His name is Dan and he's marrying Chloe.")) or ""
    assert said.startswith(BEST_MAN), said
    assert "For those who don't know me" in said and "toast" in said and "exes" in said
    assert "bridesmaids" in said and "cards" in said


@pytest.mark.parametrize(("asked", "asked_told", "look_alike", "look_alike_told", "other"), [
    ("Can you give me an opening line for my best man speech?", None,
     "Any tips for my maid of honour speech?", None, WEDDING_SPEECH),
    ("Can you give me an opening line for the speech?",
     "I'm best man at my brother's wedding in August.",
     "Can you give me an opening line for the speech?",
     "I'm maid of honour at my sister's wedding.", None),
    ("Any tips for my best man speech?", None,
     "Can you write my best man speech for me?", None, None),
    ("Can you give me an opening line for the speech?",
     "I'm best man at my brother's wedding in August.",
     "What should I wear?", "I'm best man at my brother's wedding in August.", None),
])
def test_a_best_man_gets_his_speech_and_a_maid_of_honour_or_a_speech_to_write_does_not(
        asked: str, asked_told: str | None, look_alike: str, look_alike_told: str | None,
        other: str | None) -> None:
    gets_its_tips_and_not_its_look_alike(asked, asked_told, look_alike, look_alike_told, other,
                                         (BEST_MAN,))


@pytest.mark.parametrize("next_said", ["I've asked them nicely twice.",
                                       "Can I report them to the council?"])
def test_noise_after_its_tips_gets_the_council_and_the_diary(next_said: str) -> None:
    first, further = conversation("My neighbours play loud music every night, any tips?",
                                  next_said)
    assert first.startswith(NOISE), first
    assert further.startswith(NOISE_MORE), further
    assert "statutory nuisance" in further and "diary" in further and "abatement" in further
    assert "landlord" in further and "Mediation" in further and "police" in further


def test_the_council_asked_after_the_further_tips_is_not_the_same_again() -> None:
    *_, last = conversation("My neighbours play loud music every night, any tips?",
                            "I've asked them nicely twice.", "Can I report them to the council?")
    assert not last.startswith(NOISE_MORE) and "report it to your council" in last, last
    assert not (answer("Can I report them to the council?", []) or "").startswith(NOISE_MORE)


def test_embarrassed_at_swimming_lessons_after_never_learning_gets_a_kind_answer() -> None:
    said = answer("I'm embarrassed to go to lessons.",
                  told("I'm 50 and I've never learned to swim.")) or ""
    assert said.startswith(SWIM_EMBARRASSED), said
    assert "one-to-one" in said and "adult-only" in said and "women-only" in said
    assert (answer("I'm embarrassed to go to swimming lessons, any tips?", []) or ""
            ).startswith(SWIM_EMBARRASSED)
    assert (answer("What's the best way to learn to swim as an adult?", []) or ""
            ).startswith(SWIM)


@pytest.mark.parametrize(("message", "earlier"), [
    ("I'm embarrassed to go to lessons.", None),
    ("I'm embarrassed to go to lessons.", "I've just started learning to drive."),
    ("He's embarrassed to go to lessons.", "My son is 9 and has never learned to swim."),
])
def test_embarrassed_at_other_lessons_or_a_child_embarrassed_is_not_it(
        message: str, earlier: str | None) -> None:
    said = answer(message, told(earlier) if earlier else None) or ""
    assert not said.startswith(SWIM_EMBARRASSED), message


def test_food_on_warfarin_keeps_vitamin_k_steady() -> None:
    said = answer("What foods should I avoid?",
                  told("I'm on warfarin for atrial fibrillation.")) or ""
    assert said.startswith(WARFARIN), said
    assert "vitamin K" in said and "cranberry juice" in said and "grapefruit juice" in said
    assert "St John's wort" in said and "anticoagulation clinic" in said and "999" in said
    assert "cheese" not in said
    assert (answer("Can I drink cranberry juice on warfarin?", []) or "").startswith(WARFARIN)


@pytest.mark.parametrize(("message", "earlier"), [
    ("What foods should I avoid?", None),
    ("What foods should I avoid?", "I smoke 30 a day."),
    ("What foods should I avoid?", "I'm on apixaban for atrial fibrillation."),
    ("What foods should I avoid?", "I switched from warfarin to apixaban."),
    ("I'm on rivaroxaban instead of warfarin, what foods should I avoid?", None),
    ("I'm on warfarin and my nose won't stop bleeding, what should I do?", None),
])
def test_the_newer_blood_thinners_bleeding_or_no_warfarin_is_not_it(
        message: str, earlier: str | None) -> None:
    said = answer(message, told(earlier) if earlier else None) or ""
    assert not said.startswith(WARFARIN), message


@pytest.mark.parametrize("tantrum", [
    "He has massive tantrums every time we leave the park. What do I do?",
    "My son has tantrums.",
])
def test_a_parent_at_their_wits_end_after_the_tantrum_tips_gets_a_word_for_them(
        tantrum: str) -> None:
    tips, wits_end = conversation(tantrum, "I'm at my wits' end.")
    assert tips.startswith(TANTRUMS), tips
    assert wits_end.startswith(WITS_END), wits_end
    assert "step away" in wits_end and "health visitor" in wits_end
    assert "somewhere safe" in wits_end and "call someone" in wits_end


@pytest.mark.parametrize(("message", "earlier"), [
    ("I'm at my wits' end.", None),
    ("I'm at my wits' end.", "My boss throws tantrums in meetings."),
    ("I'm at my wits' end.", "My husband has tantrums when he drinks."),
    ("I'm at my wits' end, I smacked him.", "My son has tantrums."),
    ("I'm exhausted, the baby won't sleep.", "My son has tantrums."),
])
def test_wits_end_without_a_toddler_or_with_a_smack_is_not_it(message: str,
                                                              earlier: str | None) -> None:
    said = answer(message, told(earlier) if earlier else None) or ""
    assert not said.startswith(WITS_END), message


def test_wits_end_with_the_tantrums_in_one_message_gets_it_and_a_tantrum_still_its_tips() -> None:
    assert (answer("I'm at my wits' end with my toddler's tantrums, any advice?", []) or ""
            ).startswith(WITS_END)
    assert (answer("He had another tantrum at nursery.", told("My son is two.")) or ""
            ).startswith(TANTRUMS)
    assert (answer("My 2 year old has massive tantrums and I'm exhausted, what do I do?", [])
            or "").startswith(TANTRUMS)
    assert conversation("My son has tantrums.", "I'm exhausted.")[1].startswith(WITS_END)


def test_a_height_told_is_no_child_s_age_for_losing_weight() -> None:
    """"I'm 5 foot 4 and weigh 13 stone. I want to lose weight." got no tips ("I'm 5" was read
    as a child's age) and the model's "increasing your daily calorie intake by at least 50%"."""
    lead = "Steady changes you can keep up work better than a strict diet."
    assert reply("I'm 5 foot 4 and weigh 13 stone. I want to lose weight.", None).startswith(lead)
    assert not reply("I'm 14 and I want to lose weight.", None).startswith(lead)


def test_being_stared_at_right_after_the_acne_tips_gets_their_further_tips() -> None:
    """"Everyone at school stares at me.", right after the acne tips, got "This is a very common
    and sensitive topic" repeated six times by the model."""
    acne = answer("I'm 15 and I've got really bad acne.") or ""
    assert acne.startswith("Acne is really common")
    more = answer("Everyone at school stares at me.",
                  [{"user": "I'm 15 and I've got really bad acne.", "said": acne}]) or ""
    assert "If people comment, or it's getting you down" in more, more
    assert answer("Everyone at school stares at me.") is None


def test_a_workout_after_a_bad_shoulder_spares_it() -> None:
    """"Give me a workout.", after a rule to keep workouts under 20 minutes and "I've got a bad
    shoulder.", got "I'm going to do some light cardio for 20 minutes today" from the model."""
    lead = "A workout that spares your shoulder"
    said = answer("Give me a workout.", told(
        "Whenever I ask for a workout, keep it under 20 minutes.",
        "I've got a bad shoulder.")) or ""
    assert said.startswith(lead) and "about 15 minutes" in said and "Press-ups" not in said
    assert not (answer("Give me a workout.", told("I've got a bad knee.")) or "").startswith(lead)
    assert not (answer("I fell and my shoulder is numb, give me a workout.") or "").startswith(
        lead)

"""Dessert ideas written by code, fitting the person's diet, allergies and health."""

from __future__ import annotations

from agents.ideas import Needs, answer, ideas
from assistant.models.fake import FakeModel
from assistant.service import Tacit

GLUTEN_FREE = "I'm gluten-free. Can you suggest a dessert for a dinner party?"


def _ideas(reply: str) -> list[str]:
    return [line[2:] for line in reply.splitlines() if line.startswith("- ")]


def test_gluten_free_ideas_then_three_more_without_what_was_said(
        ) -> None:
    """"I'm gluten-free. Can you suggest a dessert for a dinner party?" got "Baked Calamari with
    Black Coffee", and "something without chocolate please" got "I will try not to create
    memories of chocolate again"."""
    first = answer(GLUTEN_FREE) or ""
    assert first.startswith("Here are a few dessert ideas that are gluten-free:")
    shown = _ideas(first)
    assert len(shown) == 3
    by_text = {i.text[:1].upper() + i.text[1:]: i for i in ideas()}
    assert all(not by_text[s].has & {"gluten", "oats"} for s in shown)
    more = answer("something without chocolate please",
                  [{"user": GLUTEN_FREE, "said": first}]) or ""
    assert more.startswith("A few more dessert ideas that are gluten-free, without chocolate:")
    later = _ideas(more)
    assert later and not set(later) & set(shown)
    assert all(not by_text[s].has & {"gluten", "oats", "chocolate"} for s in later)


def test_a_condition_gets_ideas_lighter_on_sugar_and_an_allergy_rules_out_its_kind() -> None:
    light = answer("can you suggest a dessert I could make for friends this weekend?",
                   needs=lambda: Needs(condition=True)) or ""
    assert "lighter on sugar" in light
    by_text = {i.text[:1].upper() + i.text[1:]: i for i in ideas()}
    assert all(by_text[s].light for s in _ideas(light))
    eggless = _ideas(answer("any ideas for a pudding?", needs=lambda: Needs(allergies=("eggs",)))
                     or "")
    assert len(eggless) == 3 and all("eggs" not in by_text[s].has for s in eggless)
    assert "Eton mess" in (answer("any ideas for a pudding?") or "")  # first, when eggs are fine


def test_a_recipe_asked_or_a_follow_on_to_something_else_goes_to_the_model() -> None:
    assert answer("how do I make a tiramisu for dessert?") is None
    assert answer("something without chocolate please") is None
    assert answer("something without chocolate please",
                  [{"user": "suggest a film", "said": "Try Paddington 2."}]) is None


def test_a_whole_turn_reads_what_is_known_of_the_person(tacit: Tacit,
                                                        fake_model: FakeModel) -> None:
    tacit.ask("ana", "I'm allergic to eggs.")
    tacit.flush()
    calls = len(fake_model.history)
    reply = tacit.ask("ana", "Can you suggest a dessert for Sunday lunch?").reply
    assert reply.startswith("Here are a few dessert ideas")
    by_text = {i.text[:1].upper() + i.text[1:]: i for i in ideas()}
    assert _ideas(reply) and all("eggs" not in by_text[s].has for s in _ideas(reply))
    assert len(fake_model.history) == calls


def test_more_ideas_keep_to_the_diet_known(tacit: Tacit) -> None:
    """"something without chocolate" after vegan ideas got Eton mess and a crumble with
    custard: the diet was read only where the request bore on it."""
    tacit.ask("sam", "I'm vegan.")
    tacit.flush()
    session = tacit.new_session("sam").id
    first = tacit.ask("sam", "can you suggest a dessert for my birthday party?", session).reply
    assert "that are vegan" in first
    more = tacit.ask("sam", "something without chocolate", session).reply
    by_text = {i.text[:1].upper() + i.text[1:]: i for i in ideas()}
    assert _ideas(more) and all(not by_text[s].has & {"eggs", "dairy", "chocolate"}
                                for s in _ideas(more))


def test_a_week_of_cheap_dinners_then_the_week_again_without_what_they_leave_out() -> None:
    """"can you help me plan a week of dinners? I'm trying to save money" got a holiday-themed
    dinner "with decorations for 30 days of the year"; "no fish please" then got "I'll make
    sure to have some fish available tomorrow"."""
    asked = "can you help me plan a week of dinners? I'm trying to save money"
    week = answer(asked) or ""
    assert week.startswith("Here's a week of dinners, all cheap to make:")
    days = _ideas(week)
    assert [d.split(":")[0] for d in days] == ["Monday", "Tuesday", "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"]
    by_text = {i.text: i for i in ideas("dinners")}
    again = answer("no fish please", [{"user": asked, "said": week}]) or ""
    assert again.startswith("Here's your week of dinners without fish:")
    kept = _ideas(again)
    assert len(kept) == 7 and all("fish" not in by_text[d.split(": ", 1)[1]].has for d in kept)
    # a day that had no fish keeps its dinner; the day that had fish gets another
    changed = [(a, b) for a, b in zip(days, kept, strict=True) if a != b]
    assert len(changed) == 1 and "fish" in by_text[changed[0][0].split(": ", 1)[1]].has
    vegetarian = answer("any cheap dinner ideas?", needs=lambda: Needs(diet="vegetarian")) or ""
    assert "that are vegetarian" in vegetarian and all(
        not by_text[d].has & {"meat", "pork", "fish"} for d in
        (i.text for i in ideas("dinners") if i.shown in vegetarian))
    # "Nothing with pork please" got a sausage casserole: "nothing" was read as left out
    pork = answer("Can you help me plan dinners for this week? Nothing with pork please.") or ""
    assert pork.startswith("Here's a week of dinners without pork") and all(
        "pork" not in by_text[d.split(": ", 1)[1]].has for d in _ideas(pork))
    # "What's a cheap meal I can cook tonight?" went to the model
    assert (answer("What's a cheap meal I can cook tonight?") or "").startswith(
        "Here are a few dinner ideas, all cheap to make:")
    assert answer("What's a cheap flight to Rome?") is None
    assert answer("what should I cook for a dinner party?") is None  # an occasion: the model
    assert answer("Any ideas for dinner tonight?") is None  # the model, after any question


def test_books_of_the_kind_asked_then_more_without_what_they_leave_out() -> None:
    """"can you recommend a good book? I like thrillers" got "I've only read a few, but I'm
    always on the lookout for something new", and "something not too violent" got "You're
    right, I'm glad to hear that you enjoyed the person's response"."""
    asked = "can you recommend a good book? I like thrillers"
    first = answer(asked) or ""
    assert first.startswith("Here are a few thrillers you might enjoy:")
    books = {i.text: i for i in ideas("books")}
    shown = [b for b in books if b in first]
    assert len(shown) == 3 and all(books[b].kind == "thriller" for b in shown)
    recent = [{"user": asked, "said": first}]
    gentler = answer("something not too violent", recent) or ""
    assert gentler.startswith("A few more thrillers you might enjoy without much violence:")
    later = [b for b in books if b in gentler]
    assert later and not set(later) & set(shown)
    assert all(books[b].kind == "thriller" and "violent" not in books[b].has for b in later)
    recent.append({"user": "something not too violent", "said": gentler})
    third = answer("any others?", recent) or ""
    assert not {b for b in books if b in third} & set(shown + later)


def test_a_book_asked_with_no_kind_follows_what_the_person_said_they_like() -> None:
    books = {i.text: i for i in ideas("books")}
    liked = answer("what should I read next?", needs=lambda: Needs(likes=("I love sci-fi",)))
    assert (liked or "").startswith("Here are a few science fiction books")
    mixed = answer("what should I read next?", needs=lambda: Needs(likes=("I can't stand "
                                                                          "sci-fi",))) or ""
    kinds = {books[b].kind for b in books if b in mixed}
    assert len(kinds) >= 2 and "scifi" not in kinds
    # a taste that changed, said in one sentence: the new one counts, the old one is left out
    changed = answer("what should I read next?", needs=lambda: Needs(likes=(
        "actually I'm not into thrillers anymore, I prefer fantasy now",)))
    assert (changed or "").startswith("Here are a few fantasy books")
    for other in ("can you summarise the book 1984?", "can you recommend a book for my 8 year "
                  "old?", "I need to book a table for two",
                  "any books or apps you would recommend for coping with low mood?",
                  "I want to make a photo book of my grandma's life, any ideas?"):
        assert answer(other) is None, other


def test_books_given_in_an_earlier_conversation_are_not_given_again() -> None:
    asked = "can you recommend a good book? I like thrillers"
    first = answer(asked) or ""
    later = answer(asked, needs=lambda: Needs(given_before=(first,))) or ""
    books = [i.text for i in ideas("books")]
    assert {b for b in books if b in later} and not {b for b in books if b in later} & \
        {b for b in books if b in first}


def test_dinner_planning_told_in_passing_is_no_request() -> None:
    assert answer("My partner Ravi is vegan, which makes dinner planning fun.") is None
    assert (answer("plan me a week of cheap dinners") or "").startswith("Here's a week")
    # "a week" of something else is no week of dinners asked
    assert answer("after a week of bad nights, any quick dinner ideas?") is None


def test_a_vegan_week_has_seven_dinners_and_a_short_week_says_so() -> None:
    """A vegan asking for a week of cheap dinners got four days under "Here's a week"."""
    vegan = answer("plan me a week of cheap dinners", needs=lambda: Needs(diet="vegan")) or ""
    assert vegan.startswith("Here's a week of dinners that are vegan") and \
        vegan.count("\n- ") == 7
    few = answer("plan me a week of cheap dinners", needs=lambda: Needs(
        diet="vegan", allergies=("soy", "gluten"))) or ""
    days = few.count("\n- ")
    assert days < 7 and few.startswith(f"I have only {days} dinners for the week")


def test_a_healthy_week_of_meals_leaves_out_the_treats_and_i_don_t_like_redoes_it() -> None:
    """"I'm trying to eat healthier, can you give me a simple meal plan for the week?" got three
    dinners "all cheap to make"; "I don't like fish" then got only "I'll remember that"."""
    asked = "I'm trying to eat healthier, can you give me a simple meal plan for the week?"
    week = answer(asked) or ""
    assert week.startswith("Here's a week of simple, balanced dinners:")
    assert week.count("\n- ") == 7 and "pizza" not in week and "fish fingers" not in week
    again = answer("I don't like fish", [{"user": asked, "said": week}]) or ""
    assert again.startswith("Here's your week of dinners without fish:")
    assert "tuna" not in again and again.count("\n- ") == 7
    cheap = answer("can you help me plan a week of dinners? I'm trying to save money") or ""
    assert cheap.startswith("Here's a week of dinners, all cheap to make:")


def test_a_kind_they_say_they_don_t_like_after_books_is_left_out_not_given_more_of() -> None:
    """"I don't like thrillers", after three books, would have got "A few more thrillers"."""
    asked = "can you recommend a good book?"
    first = answer(asked) or ""
    more = answer("I don't like thrillers", [{"user": asked, "said": first}]) or ""
    assert more.startswith("A few more books") and "Girl on the Train" not in more
    assert "Gone Girl" not in more and "Rebecca" not in more
    both = answer("can you recommend a thriller? not into fantasy") or ""
    assert both.startswith("Here are a few thrillers") and "Hobbit" not in both


def test_films_of_the_kind_asked_for_the_family_without_what_they_leave_out() -> None:
    """"Recommend a film for tonight, something funny" got "There are many funny movies that
    you might enjoy tonight." and named none."""
    funny = answer("Recommend a film for tonight, something funny") or ""
    assert funny.startswith("Here are a few funny films") and "Groundhog Day (1993)" in funny
    family = answer("any good films for my 6 year old?") or ""
    assert family.startswith("Here are a few films for the whole family")
    assert "Parasite" not in family and "Hot Fuzz" not in family
    calm = answer("can you suggest a thriller movie? nothing too violent") or ""
    assert "without much violence" in calm and "Parasite" not in calm
    assert "by Gillian Flynn" not in funny + family  # a film asked is no book
    more = answer("something else?", [{"user": "Recommend a film, something funny",
                                       "said": funny}]) or ""
    assert more.startswith("A few more funny films") and "Groundhog" not in more
    assert answer("how do I wrap food in cling film?") is None


def test_what_to_watch_for_after_a_change_of_medicine_is_no_request_for_films() -> None:
    assert answer("My doctor changed my sleeping pills, what should I watch for?") is None
    assert answer("what should I watch out for after surgery?") is None
    assert (answer("What should I watch tonight?") or "").startswith("Here are a few films")


def test_a_book_already_read_then_something_lighter_gets_none_dark_sad_or_long() -> None:
    """"I've already read that one. Something lighter?" after books got "You can find a wide
    range of books on Amazon"."""
    first = "Can you recommend a book for my summer holiday?"
    shown = answer(first) or ""
    lighter = answer("I've already read that one. Something lighter?",
                     [{"user": first, "said": shown}]) or ""
    assert lighter.startswith("A few more books you might enjoy:")
    by_text = {i.shown: i for i in ideas("books")}
    given = [line[2:] for line in lighter.splitlines() if line.startswith("- ")]
    assert given and all(not by_text[g].has & {"violent", "sad", "long"} for g in given)
    assert not set(given) & {line[2:] for line in shown.splitlines() if line.startswith("- ")}


def test_the_weather_of_a_month_in_a_guide_s_city_is_no_forecast(tacit: Tacit) -> None:
    """"What's the weather like in Madrid in August?" got "I can't see that: I don't go on the
    internet, so I have no weather forecast"."""
    reply = tacit.ask("ana", "What's the weather like in Madrid in August?").reply
    assert reply.startswith("Madrid in August is usually hot, with daytime highs around 32°C")
    assert tacit.ask("ana", "What's the weather like today?").reply.startswith(
        "I can't see that")


def test_a_kept_dislike_of_spicy_food_leaves_the_chillies_out_of_the_ideas() -> None:
    liked = ("I don't like spicy food.",)
    given = answer("Can you help me plan a week of cheap dinners?",
                   needs=lambda: Needs(likes=liked)) or ""
    assert given and "chilli" not in given.lower()
    assert "chilli" in (answer("Can you help me plan a week of cheap dinners?") or "").lower()


def test_a_funny_book_asked_after_books_is_a_funny_one() -> None:
    """"Something funny please." after a book was asked for got Piranesi and Pride and
    Prejudice."""
    first = answer("Can you recommend a book for me?") or ""
    funny = answer("Something funny please.", [
        {"user": "Can you recommend a book for me?", "said": first}]) or ""
    assert "Three Men in a Boat by Jerome K. Jerome" in funny
    assert "Piranesi" not in funny and "Pride and Prejudice" not in funny
    assert "Three Men in a Boat" not in first  # the first suggestions are as they were


def test_a_cake_asked_for_is_a_cake_that_fits_the_allergy() -> None:
    """"Can you suggest a cake for her birthday?", of a daughter allergic to eggs, got "Ella's
    birthday is 7 December." from the bundled model."""
    cakes = answer("Can you suggest a cake for her birthday?", [],
                   lambda: Needs(allergies=("eggs",))) or ""
    assert cakes.startswith("Here are a few cake ideas:")
    assert "egg-free chocolate cake" in cakes and "Victoria sponge" not in cakes
    plain = answer("Can you suggest a birthday cake?") or ""
    assert "Victoria sponge" in plain
    assert "cake" not in (answer("Suggest a dessert for a dinner party.") or "").split(":")[0]


def test_someone_close_who_does_not_eat_a_food_redoes_the_week_without_it() -> None:
    """"My son doesn't eat fish." right after a week of dinners left the tuna pasta bake in."""
    asked = "Can you help me plan meals for the week? We're a family of four."
    week = answer(asked) or ""
    assert "tuna" in week
    again = answer("My son doesn't eat fish.", [{"user": asked, "said": week}]) or ""
    assert again.startswith("Here's your week of dinners without fish:") and "tuna" not in again
    eggs = answer("My daughter is allergic to eggs.", [{"user": asked, "said": week}]) or ""
    assert "without eggs" in eggs and "egg fried rice" not in eggs
    assert answer("My son doesn't eat fish.") is None  # with no week just given


def test_a_reply_code_writes_follows_a_rule_of_bullet_points(tacit: Tacit) -> None:
    """Under "From now on, answer in bullet points.", "My sister is vegan." was said back in
    one line, and a list of one gluten-free cake came with two lines of prose."""
    tacit.ask("ana", "From now on, answer in bullet points.")
    said = tacit.ask("ana", "My sister is vegan.").reply
    assert said.splitlines() == ["- Thanks for telling me.",
                                 "- I'll remember that your sister is vegan."]
    cakes = answer("Can you suggest a cake for Lily's birthday?", [],
                   lambda: Needs(diet="gluten_free")) or ""
    assert cakes.count("\n- ") == 3  # three cakes that fit, not one


def test_names_for_a_pet_come_from_the_menu_and_more_are_new() -> None:
    """"What's a good name for a cat?" got "The name of a cat is not always the best choice"
    and Luna twice."""
    first = answer("What's a good name for a cat?") or ""
    names = [line[2:] for line in first.splitlines() if line.startswith("- ")]
    assert first.startswith("A few names people love:") and len(set(names)) == 6
    more = answer("Any others?", [{"user": "What's a good name for a cat?", "said": first}]) or ""
    assert more.startswith("A few more names") and not set(names) & {
        line[2:] for line in more.splitlines() if line.startswith("- ")}
    assert (answer("Any funny names for my new puppy?") or "").startswith("A few funny names:")
    assert answer("What does my cat's name mean?") is None


def test_a_pet_named_in_a_reply_is_no_list_of_names() -> None:
    """"Sam is allergic to shellfish.", after "... your dog is Pepper" was said back, got "A few
    more names": Pepper is one of the menu's names."""
    said = [{"user": "Hi, I'm Aisha. I live with my partner Sam and our dog Pepper.",
             "said": "Nice to meet you, Aisha! I'll remember that your partner is Sam and that "
                     "your dog is Pepper."}]
    assert answer("Sam is allergic to shellfish.", said) is None
    assert answer("something without chocolate", said) is None

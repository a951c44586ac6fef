"""The person's lists, kept by code: "Add milk and eggs to my shopping list." got "You can't add
milk and eggs to your shopping list.", and "What's on my shopping list?" a trip to Barcelona."""

from __future__ import annotations

from agents.lists import Change, read, reply
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def test_what_is_asked_of_a_list_is_read_from_the_message() -> None:
    assert read("Add milk and eggs to my shopping list.") == \
        Change("add", "shopping list", ("milk", "eggs"))
    assert read("Can you put sun cream, a passport and chargers on my packing list please?") \
        == Change("add", "packing list", ("sun cream", "passport", "chargers"))
    assert read("Put call the bank on my to-do list") == \
        Change("add", "to-do list", ("call the bank",))
    assert read("Take the milk off my grocery list") == \
        Change("remove", "shopping list", ("milk",))
    assert read("What's on my shopping list?") == Change("show", "shopping list")
    assert read("Clear my to do list") == Change("clear", "to-do list")


def test_more_of_the_same_follows_an_entry_added_and_nothing_else() -> None:
    added = [{"user": "Add milk to my shopping list."}]
    assert read("Also bread.", added) == Change("add", "shopping list", ("bread",))
    assert read("Add some cheese too", [*added, {"user": "Also bread."}]) == \
        Change("add", "shopping list", ("cheese",))
    for other in ("Thanks!", "And what about dessert?", "Great, thanks", "OK"):
        assert read(other, added) is None, other
    assert read("Also bread.") is None  # no list spoken of
    assert read("Add a note to the email.") is None
    assert read("Add salt to taste.") is None


def test_the_reply_says_what_changed_and_what_the_list_holds() -> None:
    assert reply(Change("add", "shopping list", ("eggs", "bread")), ["milk", "eggs"]) == \
        ("Added bread to your shopping list. Already on it: eggs. Your shopping list now has: "
         "milk, eggs, bread.")
    assert reply(Change("remove", "shopping list", ("milk", "jam")), ["milk", "eggs"]) == \
        "Took milk off your shopping list. Not on it: jam. Your shopping list now has: eggs."
    assert reply(Change("show", "to-do list"), []).startswith("Your to-do list is empty.")
    assert reply(Change("clear", "shopping list"), ["milk"]) == \
        "I've cleared your shopping list."


def test_a_shopping_list_kept_over_turns_without_the_model(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)

    def said(text: str) -> str:
        answer = tacit.ask("ana", text, session).reply
        tacit.flush()
        return answer

    assert said("Add milk and eggs to my shopping list.") == \
        "Added milk and eggs to your shopping list. Your shopping list now has: milk, eggs."
    assert said("Also bread.").endswith("now has: milk, eggs, bread.")
    assert said("What's on my shopping list?") == \
        "Your shopping list:\n- milk\n- eggs\n- bread"
    assert said("Take the milk off my shopping list.").endswith("now has: eggs, bread.")
    assert sorted(i.text for i in tacit.memory.items("ana", "fact")) == \
        ["shopping list: bread", "shopping list: eggs"]
    assert said("Clear my shopping list.") == "I've cleared your shopping list."
    assert not tacit.memory.items("ana", "fact")
    assert len(fake_model.history) == calls
    # one person's list is not another's
    assert tacit.ask("bea", "What's on my shopping list?",
                     tacit.new_session("bea").id).reply.startswith("Your shopping list is empty")


def test_a_recipes_ingredients_go_on_the_list_and_what_it_is_served_with_is_said(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """After a curry recipe, "What should I serve it with?" got "Italian pasta" and "Add the
    ingredients to my shopping list." was left to the model."""
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    curry = tacit.ask("ana", "What's a good recipe for a vegetarian curry?", session).reply
    assert curry.startswith("**Chickpea and Spinach Curry**")
    kept = tacit.ask("ana", "How long does it keep in the fridge?", session).reply
    assert "keeps for 3 days in the fridge" in kept
    served = tacit.ask("ana", "What should I serve it with?", session).reply
    assert served.startswith("The recipe serves it with 300 g basmati rice.")
    added = tacit.ask("ana", "Thanks! Add the ingredients to my shopping list.", session).reply
    assert added.startswith("Added basmati rice, vegetable oil, onion, garlic cloves, ginger,")
    assert "salt" not in added and "300 g" not in added
    tacit.flush()
    assert "shopping list: coconut milk" in {i.text for i in tacit.memory.items("ana", "fact")}
    assert len(fake_model.history) == calls
    # with no recipe just given, "the ingredients" name nothing to add
    assert read("Add the ingredients to my shopping list.", []) is None


def test_a_list_is_forgotten_when_asked_and_shown_on_one_line_among_what_is_known(
        tacit: Tacit) -> None:
    """"Forget my shopping list." got a walk round an old town; "What do you know about me?"
    listed each entry as a fact of its own."""
    session = tacit.new_session("ana").id
    for said in ("Add milk, bread and eggs to my shopping list.", "I live in Leeds."):
        tacit.ask("ana", said, session)
        tacit.flush()
    known = tacit.ask("ana", "What do you know about me?", session).reply
    assert "- Shopping list: milk, bread, eggs\n" in known and "- Home city: Leeds" in known
    assert tacit.ask("ana", "Forget my shopping list.", session).reply == \
        "I've cleared your shopping list."
    tacit.flush()
    assert [i.text for i in tacit.memory.items("ana", "fact")] == ["home city: Leeds"]


def test_a_list_change_said_with_a_crisis_is_not_made(tacit: Tacit) -> None:
    """A list change said with a crisis gets the crisis reply, which says nothing of the list:
    the list is left as it was."""
    said = "Add rope to hang myself to my to-do list."
    assert read(said) == Change("add", "to-do list", ("rope to hang myself",))
    done = tacit.ask("ana", said)
    tacit.flush()
    assert done.trace["safety"]["crisis"]
    assert not tacit.memory.items("ana", "fact")


def test_a_reminder_asked_for_goes_on_the_to_do_list_and_is_read_back(tacit: Tacit) -> None:
    """"Remind me to call the bank on Monday." got "I can't set reminders ... say 'add call the
    dentist to my to-do list'", and "What did I ask you to remind me about?" a made-up reply:
    what to do goes on their to-do list, whole, and the reply says why."""
    assert read("Remind me to call the bank on Monday.") == \
        Change("add", "to-do list", ("call the bank on Monday",), reminder=True)
    assert read("Can you remind me to buy a card for Claire, please?") == \
        Change("add", "to-do list", ("buy a card for Claire",), reminder=True)
    assert read("remind me to drink water every hour") is None  # a repeating one: no entry
    assert read("Remind me what my sister's name is.") is None  # a question of memory
    assert read("What did I ask you to remind me about?") == Change("show", "to-do list")
    session = tacit.new_session("ana").id
    said = tacit.ask("ana", "Remind me to call the bank on Monday.", session).reply
    tacit.flush()
    assert said.startswith("I can't remind you when the time comes") and \
        "on your to-do list: call the bank on Monday." in said
    assert tacit.ask("ana", "What did I ask you to remind me about?", session).reply == \
        "Your to-do list:\n- call the bank on Monday"
    again = tacit.ask("ana", "Remind me to call the bank on Monday.", session).reply
    assert "It is already on your to-do list: call the bank on Monday." in again


def test_a_reminder_said_with_a_crisis_is_not_put_on_the_list(tacit: Tacit) -> None:
    """With a chat model that writes the words after the crisis help, "Remind me to say
    goodbye to everyone, I won't be around after tonight" would have been answered "So I've
    put it on your to-do list" by code, though nothing was kept."""
    tacit.settings.safety.composed_crisis_reply = "off"
    done = tacit.ask("ana", "Remind me to say goodbye to everyone, I won't be around after "
                     "tonight.")
    tacit.flush()
    assert done.trace["safety"]["crisis"]
    assert "to-do list" not in done.reply
    assert not tacit.memory.items("ana", "fact")

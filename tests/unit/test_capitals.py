"""Capital cities, answered by code from ``data/capitals.yaml``: the bundled model said "The
capital of Australia is Sydney." Only the capital question itself is answered; look-alikes
("capital gains tax", a trip to "the capital of Spain") are left to the model."""

from __future__ import annotations

from collections import Counter

import pytest

from agents.capitals import answer, capital_reply, countries, country, folded
from agents.data_files import data_yaml

AUSTRALIA = "The capital of Australia is Canberra."


@pytest.mark.parametrize(("message", "lead"), [
    ("What's the capital of Australia?", AUSTRALIA),
    ("what is the capital city of france", "The capital of France is Paris."),
    ("capital of Japan?", "The capital of Japan is Tokyo."),
    ("Which city is the capital of Canada?", "The capital of Canada is Ottawa."),
    ("Tell me the capital of Peru", "The capital of Peru is Lima."),
    ("WHAT IS THE CAPITAL OF PERU!!", "The capital of Peru is Lima."),
    ("hey, quick question: what's the capital of Peru?", "The capital of Peru is Lima."),
    ("What's the capital of Kenya, please?", "The capital of Kenya is Nairobi."),
    ("Do you know what the capital of Kenya is?", "The capital of Kenya is Nairobi."),
    ("What is Japan's capital?", "The capital of Japan is Tokyo."),
    ("Nigeria capital?", "The capital of Nigeria is Abuja."),
    ("What's the capital of Papua New Guinea?", "The capital of Papua New Guinea is Port "
     "Moresby."),
])
def test_a_capital_asked_is_named_in_one_plain_sentence(message: str, lead: str) -> None:
    assert answer(message).startswith(lead)


@pytest.mark.parametrize(("message", "capital"), [
    ("capital of the USA", "Washington, D.C."),
    ("capital of the United States of America", "Washington, D.C."),
    ("what's the capital of America", "Washington, D.C."),
    ("What's the capital of the US?", "Washington, D.C."),
    ("capital of the UK", "London"),
    ("capital of the U.K.", "London"),
    ("capital of the U.S.A.", "Washington, D.C."),
    ("capital of Viet Nam", "Hanoi"),
    ("capital of Britain", "London"),
    ("capital of Great Britain", "London"),
    ("capital of Holland", "Amsterdam"),
    ("capital of the Netherlands", "Amsterdam"),
    ("capital of Czechia", "Prague"),
    ("capital of the Czech Republic", "Prague"),
    ("capital of Ivory Coast", "Yamoussoukro"),
    ("capital of Côte d'Ivoire", "Yamoussoukro"),
    ("capital of Cote d Ivoire", "Yamoussoukro"),
    ("capital of Burma", "Naypyidaw"),
    ("capital of Myanmar", "Naypyidaw"),
    ("capital of Türkiye", "Ankara"),
    ("capital of Turkiye", "Ankara"),
    ("capital of Swaziland", "Mbabane"),
    ("capital of DR Congo", "Kinshasa"),
    ("capital of Congo-Brazzaville", "Brazzaville"),
    ("capital of São Tomé and Príncipe", "São Tomé"),
    ("capital of Sao Tome and Principe", "São Tomé"),
])
def test_other_names_people_use_and_names_without_accents_find_the_country(
        message: str, capital: str) -> None:
    assert capital in answer(message)


@pytest.mark.parametrize(("message", "said"), [
    ("capital of South Africa", ("Pretoria", "Cape Town", "Bloemfontein")),
    ("capital of Bolivia", ("Sucre", "constitution", "La Paz", "government")),
    ("capital of the Netherlands", ("Amsterdam", "The Hague")),
    ("capital of Australia", ("Canberra", "Sydney")),
    ("capital of Canada", ("Ottawa",)),
    ("capital of Brazil", ("Brasília", "Rio de Janeiro")),
    ("capital of Turkey", ("Ankara", "Istanbul")),
    ("capital of Switzerland", ("Bern", "federal city")),
    ("capital of Côte d'Ivoire", ("Yamoussoukro", "Abidjan")),
    ("capital of Nigeria", ("Abuja", "Lagos")),
    ("capital of Myanmar", ("Naypyidaw", "Yangon")),
    ("capital of Sri Lanka", ("Sri Jayawardenepura Kotte", "Colombo", "commercial capital")),
    ("capital of Israel", ("Israel names Jerusalem as its capital", "most countries keep their "
                           "embassies in Tel Aviv")),
    ("capital of Palestine", ("East Jerusalem", "Ramallah")),
])
def test_a_capital_often_mistaken_or_split_is_explained(message: str,
                                                        said: tuple[str, ...]) -> None:
    reply = answer(message)
    assert all(part in reply for part in said), reply


def test_a_disputed_capital_is_not_stated_as_settled() -> None:
    for asked in ("What's the capital of Israel?", "Is Jerusalem the capital of Israel?",
                  "Is Tel Aviv the capital of Israel?"):
        reply = answer(asked)
        assert reply.startswith("Israel names Jerusalem as its capital"), asked
    assert not answer("capital of Palestine").startswith("The capital of")


@pytest.mark.parametrize(("message", "reply"), [
    ("Is Sydney the capital of Australia?", "No: the capital of Australia is Canberra."),
    ("Is Canberra the capital of Australia?", "Yes: the capital of Australia is Canberra."),
    ("isn't Toronto the capital of Canada?", "No: the capital of Canada is Ottawa."),
    ("Is Kiev the capital of Ukraine?", "Yes: the capital of Ukraine is Kyiv."),
    ("Is Brasilia the capital of Brazil?", "Yes: the capital of Brazil is Brasília."),
    ("Is Washington the capital of the US?", "Yes: the capital of the United States is "
     "Washington, D.C."),
    ("Is The Hague the capital of the Netherlands?", "No: the capital of the Netherlands is "
     "Amsterdam."),
    ("Is Paris the capital of Germany?", "No: the capital of Germany is Berlin."),
])
def test_a_city_asked_about_gets_yes_or_no_and_the_capital(message: str, reply: str) -> None:
    assert answer(message).startswith(reply)


def test_a_yes_or_no_for_a_country_with_several_capitals_names_them_all() -> None:
    for city in ("Cape Town", "Pretoria", "Durban"):
        reply = answer(f"Is {city} the capital of South Africa?")
        assert reply.startswith("South Africa has three capitals"), city
        assert "Bloemfontein" in reply


@pytest.mark.parametrize(("message", "reply"), [
    ("Which country is Canberra the capital of?", "Canberra is the capital of Australia."),
    ("Canberra is the capital of which country?", "Canberra is the capital of Australia."),
    ("canberra is the capital of what", "Canberra is the capital of Australia."),
    ("What is Ottawa the capital of?", "Ottawa is the capital of Canada."),
    ("Which country has Lima as its capital?", "Lima is the capital of Peru."),
    ("Which country's capital is Nairobi?", "Nairobi is the capital of Kenya."),
    ("Which country is Bogota the capital of?", "Bogotá is the capital of Colombia."),
    ("Which country is Kiev the capital of?", "Kyiv is the capital of Ukraine."),
    ("Which country is London the capital of?", "London is the capital of the United Kingdom "
     "and of England."),
    ("Which country is La Paz the capital of?", "Bolivia has two capitals"),
])
def test_a_capital_named_gets_its_country(message: str, reply: str) -> None:
    assert answer(message).startswith(reply)


def test_jerusalem_asked_of_gets_both_what_israel_and_what_palestine_say() -> None:
    reply = answer("Which country is Jerusalem the capital of?")
    assert "Israel names Jerusalem" in reply and "Palestine names East Jerusalem" in reply


@pytest.mark.parametrize("message", [
    "capital gains tax",
    "how do I raise capital for my startup",
    "capital letters",
    "what's the capital of my business",
    "working capital",
    "the capital is lovely this time of year",
    "I'm visiting the capital of Spain next week, what should I see?",
    "capital of Atlantis",
    "What's the capital?",
    "Is it the capital of Australia?",
    "Which country is Gotham the capital of?",
    "What's the capital of Spain and what should I see there?",
    "Write me a poem about the capital of France",
    "Can you explain why the capital of Australia is Canberra and not Sydney in an essay?",
    "and of Canada?",
    "what about Brazil?",
    "",
    "what's the capital of " + "Australia " * 40,
    # A page is not a question: past a couple of lines the message is not read.
    "please, " * 30 + "what's the capital of Peru?",
])
def test_look_alikes_and_longer_requests_are_left_to_the_model(message: str) -> None:
    assert answer(message) == ""


def _after(*asked: str) -> list[dict[str, str]]:
    """The exchanges of a conversation in which ``asked`` were said, with Tacit's replies."""
    return [{"user": said, "assistant": answer(said) or "Sure."} for said in asked]


@pytest.mark.parametrize(("message", "lead"), [
    ("and of Canada?", "The capital of Canada is Ottawa."),
    ("what about Brazil?", "The capital of Brazil is Brasília."),
    ("and Spain?", "The capital of Spain is Madrid."),
    ("How about the Netherlands?", "The capital of the Netherlands is Amsterdam."),
    ("and what about the US?", "The capital of the United States is Washington, D.C."),
])
def test_a_follow_on_right_after_a_capital_answer_is_answered(message: str, lead: str) -> None:
    assert answer(message, _after("What's the capital of Australia?")).startswith(lead)
    assert answer(message, _after("Is Sydney the capital of Australia?")).startswith(lead)


def test_follow_ons_chain_and_after_a_country_question_a_city_gets_its_country() -> None:
    talk = _after("capital of France?", "and of Canada?", "what about Brazil?")
    assert answer("and Spain?", talk).startswith("The capital of Spain is Madrid.")
    assert answer("and Ottawa?", _after("Which country is Canberra the capital of?")) \
        .startswith("Ottawa is the capital of Canada.")


def test_a_follow_on_after_anything_else_is_left_alone() -> None:
    for earlier in (_after("Tell me a joke"), _after("capital gains tax"),
                    _after("What's the capital of Australia?", "Thanks! Any tips for sleep?"),
                    _after("capital of Atlantis")):
        assert answer("and of Canada?", earlier) == "", earlier
        assert answer("what about Brazil?", earlier) == "", earlier
    assert answer("and Spain?", None) == ""
    # Right after a capital answer, but naming no country or capital.
    australia = _after("What's the capital of Australia?")
    for said in ("what about us?", "and you?", "and the weather there?", "what about Atlantis?"):
        assert answer(said, australia) == "", said


def test_there_are_the_193_member_states_of_the_un_and_a_few_others() -> None:
    members = [c for c in countries() if c.un_member]
    assert len(members) == 193
    others = {c.name for c in countries() if not c.un_member}
    assert {"Taiwan", "Kosovo", "Palestine", "Vatican City", "England", "Scotland", "Wales",
            "Northern Ireland"} <= others


def test_no_name_belongs_to_two_countries() -> None:
    """Each name in the file, folded as a question is, stands for one country only."""
    raw = data_yaml("capitals.yaml")["countries"]
    names = Counter(folded(str(n)) for c in raw for n in [c["name"], *c.get("called", [])])
    assert [n for n, times in names.items() if times > 1] == []


def test_every_name_of_every_country_finds_that_country_and_its_capital() -> None:
    raw = data_yaml("capitals.yaml")["countries"]
    assert len(raw) == len(countries())
    for entry, held in zip(raw, countries(), strict=True):
        for name in [entry["name"], *entry.get("called", [])]:
            assert country(str(name)) is held, name
            reply = answer(f"What's the capital of {name}?")
            assert reply == capital_reply(held) and held.capital in reply, name


def test_every_capital_finds_its_country_and_is_answered_yes() -> None:
    raw = data_yaml("capitals.yaml")["countries"]
    for entry, held in zip(raw, countries(), strict=True):
        for city in [held.capital, *entry.get("capital_called", [])]:
            whose = answer(f"Which country is {city} the capital of?")
            assert held.name in whose or held.reply in whose, city
            checked = answer(f"Is {city} the capital of {held.name}?")
            assert checked == held.reply if held.reply else checked.startswith("Yes: "), city


def test_every_reply_is_short_plain_and_ends_a_sentence() -> None:
    for held in countries():
        reply = capital_reply(held)
        assert reply.endswith(".") and "\n" not in reply, held.name
        assert len(held.note) <= 200 and len(reply) <= 300, held.name
        assert held.reply or reply.startswith(f"The capital of {held.name} is {held.capital}")


def test_the_capital_named_in_a_request_is_the_city_for_the_replies_that_go_by_one() -> None:
    """"I'm visiting the capital of Spain next week, what should I see?" was a visit to
    Seville: the city guide reads "Madrid"."""
    from agents.capitals import with_capitals

    assert with_capitals("I'm visiting the capital of Spain next week, what should I see?") == \
        "I'm visiting Madrid next week, what should I see?"
    assert with_capitals("What to see in the capital of the Netherlands?") == \
        "What to see in Amsterdam?"
    for left in ("A trip to the capital of Atlantis", "the capital of my business plan",
                 "Trip to the capital of South Africa"):  # no such country; a split capital
        assert with_capitals(left) == left


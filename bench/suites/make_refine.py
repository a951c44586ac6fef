"""Write bench/suites/refine.jsonl: drafts with injected flaws, built from scripted personas.

Each persona has a scripted memory (current and superseded facts), standing instructions,
preferences and a short earlier conversation. Each scenario is a request and a clean draft
written from that memory; flaws are injected into the clean draft by operators, one kind each
(wrong or outdated fact, invented memory, wrong number, violated instruction or preference,
unanswered part, contradiction with an earlier reply, self-contradiction, repetition loop,
cut-off ending, wrong language). Clean drafts include hard negatives (a past fact placed in
the past, a memory recalled correctly, a list ending without a full stop).

The split is fixed here, by persona, before anything is run: personas marked ``tune`` may be
looked at while tuning, ``heldout`` ones are only reported.

    python bench/suites/make_refine.py   # rewrites bench/suites/refine.jsonl
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("refine.jsonl")
CLEAN_PER_SCENARIO = 3
FLAWED_PER_SCENARIO = 6

PERSONAS: list[dict[str, Any]] = [
    dict(key="ana", split="tune", city="Porto", old_city="Lisbon", rel="partner",
         wrong_rel="husband",
         partner="Miguel", other="João", child_rel="daughter", child="Inês", age=7, job="nurse",
         employer="Hospital São João", old_employer="Clínica Sol", pet="dog", pet_name="Bolt",
         dest="Guimarães", km=55, minutes=75, party="3pm", race="12 May", market="Bolhão",
         likes="jazz", instruction="Give distances in km.", rule="km",
         preferences={"diet": "vegetarian", "units": "metric"}),
    dict(key="ben", split="heldout", city="Leeds", old_city="York", rel="wife",
         wrong_rel="husband", partner="Carla", other="Sophie", child_rel="son", child="Tom",
         age=9, job="teacher", employer="Park Lane School", old_employer="Hill Academy",
         pet="cat", pet_name="Misty", dest="Harrogate", km=25, minutes=35, party="2pm",
         race="3 June", market="Kirkgate", likes="gardening",
         instruction="Never use emojis.", rule="emoji", preferences={"units": "metric"}),
    dict(key="chloe", split="tune", city="Austin", old_city="Denver", rel="husband",
         wrong_rel="wife", partner="Dev", other="Ryan", child_rel="daughter", child="Maya",
         age=5, job="engineer", employer="Solis Energy", old_employer="Brightline",
         pet="dog", pet_name="Pepper", dest="San Antonio", km=130, minutes=90, party="4pm",
         race="20 April", market="Mueller", likes="live music",
         instruction="Always end with a line starting with 'In short:'.", rule="in_short",
         preferences={"diet": "vegan"}),
    dict(key="dan", split="heldout", city="Galway", old_city="Cork", rel="partner",
         wrong_rel="wife", partner="Sam", other="Niall", child_rel="son", child="Leo", age=11,
         job="chef", employer="The Quay Kitchen", old_employer="Harbour Grill", pet="dog",
         pet_name="Rusty", dest="Clifden", km=80, minutes=100, party="1pm", race="9 September",
         market="Galway", likes="sailing", instruction="Use 24-hour times.", rule="clock24",
         preferences={"diet": "pescatarian"}),
    dict(key="eva", split="tune", city="Munich", old_city="Hamburg", rel="husband",
         wrong_rel="wife", partner="Jonas", other="Felix", child_rel="daughter", child="Lena",
         age=8, job="pharmacist", employer="Stadt Apotheke", old_employer="Nordlicht Pharma",
         pet="cat", pet_name="Kiki", dest="Salzburg", km=145, minutes=110, party="3pm",
         race="5 October", market="Viktualienmarkt", likes="hiking",
         instruction="Keep answers under 90 words.", rule="length",
         preferences={"units": "metric"}),
    dict(key="farah", split="heldout", city="Manchester", old_city="Bristol", rel="wife",
         wrong_rel="husband", partner="Noor", other="Layla", child_rel="son", child="Adam",
         age=6, job="accountant", employer="Grant & Co", old_employer="Peak Finance",
         pet="cat", pet_name="Saffron", dest="Chester", km=60, minutes=50, party="11am",
         race="14 May", market="Arndale", likes="pottery",
         instruction="Never use exclamation marks.", rule="exclaim",
         preferences={"diet": "vegetarian"}),
    dict(key="gus", split="tune", city="Denver", old_city="Boise", rel="husband",
         wrong_rel="wife", partner="Luis", other="Mark", child_rel="daughter", child="Ruby",
         age=10, job="designer", employer="Fieldwork Studio", old_employer="Pinecone Labs",
         pet="dog", pet_name="Mochi", dest="Boulder", km=45, minutes=40, party="5pm",
         race="22 August", market="Union Station", likes="climbing",
         instruction="Use bullet points.", rule="bullets", preferences={"units": "imperial"}),
    dict(key="hana", split="heldout", city="Bath", old_city="Oxford", rel="girlfriend",
         wrong_rel="husband", partner="Amy", other="Beth", child_rel="son", child="Oscar",
         age=4, job="lawyer", employer="Reed Partners", old_employer="Lane & Shaw", pet="dog",
         pet_name="Biscuit", dest="Wells", km=35, minutes=45, party="10am", race="1 July",
         market="Green Park", likes="cinema", instruction="Give distances in km.", rule="km",
         preferences={"diet": "vegan", "units": "metric"}),
    dict(key="ivan", split="tune", city="Toronto", old_city="Ottawa", rel="wife",
         wrong_rel="husband", partner="Olga", other="Irina", child_rel="son", child="Mark",
         age=12, job="developer", employer="Maple Labs", old_employer="Northwind",
         pet="dog", pet_name="Bear", dest="Niagara Falls", km=130, minutes=120, party="2pm",
         race="16 June", market="St. Lawrence", likes="chess",
         instruction="Never use emojis.", rule="emoji",
         preferences={"units": "metric", "diet": "pescatarian"}),
    dict(key="jess", split="heldout", city="Brighton", old_city="London", rel="partner",
         wrong_rel="wife", partner="Kit", other="Rowan", child_rel="daughter", child="Poppy",
         age=9, job="designer", employer="Wavelength", old_employer="Studio North", pet="cat",
         pet_name="Pixel", dest="Lewes", km=15, minutes=20, party="4pm", race="28 March",
         market="Open Market", likes="board games",
         instruction="Always end with a line starting with 'In short:'.", rule="in_short",
         preferences={"diet": "vegetarian"}),
]

OTHER_NUMBERS = {"age": lambda a: a + 2, "km": lambda k: k + 30, "minutes": lambda m: m + 25}
OTHER_TIMES = {"3pm": "5pm", "2pm": "4pm", "4pm": "6pm", "1pm": "3pm", "11am": "1pm",
               "5pm": "7pm", "10am": "noon"}
OTHER_DATES = {"12 May": "19 May", "3 June": "10 June", "20 April": "27 April",
               "9 September": "16 September", "5 October": "12 October", "14 May": "21 May",
               "22 August": "29 August", "1 July": "8 July", "16 June": "23 June",
               "28 March": "4 April"}
INVENTED = ["you've been meaning to take up the cello", "your brother is visiting next month",
            "you sold your bike last year", "you hate long car journeys",
            "your neighbour lends you a car at weekends", "you trained as a pilot"]
NOT_ALLOWED = {"vegetarian": "Add some crispy bacon on top for extra flavour.",
               "vegan": "Finish it with a handful of grated cheese.",
               "pescatarian": "A few slices of chorizo make it heartier."}


def clock(p: dict[str, Any], time: str) -> str:
    """A time as the persona's instructions want it written."""
    if p["rule"] != "clock24":
        return time
    hour = int(time.rstrip("apm")) % 12 + (12 if time.endswith("pm") else 0)
    return f"{hour:02d}:00"


def dist(p: dict[str, Any], km: int) -> str:
    if p["preferences"].get("units") == "imperial":
        return f"{round(km * 0.621)} miles"
    return f"{km} km"


@dataclass
class Scenario:
    """A request with a clean draft; sentences carry tags the flaw operators look for."""

    request: str
    sentences: list[tuple[str, set[str]]]
    parts: list[str] = field(default_factory=list)   # the parts of a multi-part request
    answers: dict[str, list[int]] = field(default_factory=dict)  # part -> its sentences


def scenarios(p: dict[str, Any]) -> list[Scenario]:
    c, par, rel = p["child"], p["partner"], p["rel"]
    part2 = f"what should we pack for {c}?"
    return [
        Scenario(
            f"We have a free Saturday. Any ideas for a day out near {p['city']}, and "
            f"{part2}",
            [(f"A good plan is the riverside walk just outside {p['city']}, about "
              f"{dist(p, 6)} each way on flat paths.", {"city", "units"}),
             (f"You and {par} could stop for lunch at a café halfway.", {"partner", "food"}),
             (f"For {c}, who is {p['age']}, pack water, a hat and a snack.", {"age", "p2"}),
             ("A light jacket helps if the wind picks up by the river.", {"p2"})],
            [part2], {part2: [2, 3]}),
        Scenario(
            f"Can you help me plan Saturday? I have {c}'s party and the weekly shop to do.",
            [(f"Do the shop first, around {clock(p, '10am')}, while the shops are quiet.",
              {"clock"}),
             (f"The {p['market']} market opens at {clock(p, '9am')} if you need fresh bread.",
              {"history2"}),
             ("Be home by noon so there is time for lunch.", set()),
             (f"{c}'s party starts at {clock(p, p['party'])}, so leave half an hour before.",
              {"party"}),
             (f"While {c} is at the party you will have a couple of hours to yourself.",
              set()),
             (f"Remember that the {p['market']} market is closed on Mondays.", {"history3"})]),
        Scenario(
            f"How should I get ready for a busy week at {p['employer']}? And how much sleep "
            f"do I need before a long shift?",
            [(f"Check your rota at {p['employer']} on Sunday so nothing surprises you.",
              {"employer"}),
             (f"As a {p['job']}, pack your bag the night before.", {"job"}),
             ("Before a long shift, aim for seven to eight hours of sleep.", {"p2"}),
             ("Keep your bedtime steady across the week.", {"p2"})],
            ["how much sleep do I need before a long shift?"],
            {"how much sleep do I need before a long shift?": [2, 3]}),
        Scenario(
            "What can I cook tonight with chickpeas and spinach? And how long will it take?",
            [("A chickpea and spinach stew works well.", set()),
             ("Soften an onion and garlic in olive oil, add a tin of tomatoes and the "
              "chickpeas, then stir in the spinach at the end.", {"food"}),
             ("It takes about 25 minutes in total.", {"p2"}),
             ("Serve it with rice or warm flatbread.", {"food"})],
            ["how long will it take?"], {"how long will it take?": [2]}),
        Scenario(
            f"How far is {p['dest']} and how long does the train take?",
            [(f"{p['dest']} is about {dist(p, p['km'])} from {p['city']}.", {"km", "city"}),
             (f"The regional train takes about {p['minutes']} minutes.", {"history", "p2"}),
             ("Trains leave roughly every hour, so check the timetable first.", {"p2"})],
            ["how long does the train take?"], {"how long does the train take?": [1, 2]}),
        Scenario(
            f"My {p['pet']} {p['pet_name']} keeps scratching. What could it be, and should I "
            f"see a vet?",
            [("Scratching often comes from fleas, dry skin or an allergy.", set()),
             (f"Check {p['pet_name']}'s coat for fleas and red patches.", {"pet"}),
             ("If it lasts more than a week or the skin looks sore, book a vet visit.", {"p2"}),
             (f"A vet check is also wise if {p['pet_name']} stops eating.", {"p2"})],
            ["should I see a vet?"], {"should I see a vet?": [2, 3]}),
        Scenario(
            f"What should I get {par} for our anniversary? And where could we go for dinner?",
            [(f"Your {rel} {par} might love tickets to a {p['likes']} event.", {"rel"}),
             ("Something personal, like a framed photo from a trip together, also works.",
              set()),
             (f"For dinner, pick a quiet place in {p['city']} and book a table ahead.",
              {"city", "p2"}),
             ("Ask for a table by the window.", {"p2"})],
            ["where could we go for dinner?"], {"where could we go for dinner?": [2, 3]}),
        Scenario(
            "How should I taper before my half marathon?",
            [(f"With your race on {p['race']}, start tapering about ten days before.",
              {"race"}),
             ("Cut your weekly distance by about a third.", set()),
             ("Keep one short, faster run in the last week.", set()),
             ("Rest fully on the two days before the race.", set())]),
    ]


def memory(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "memory": [f"Lives in {p['city']}", f"{p['rel'].capitalize()}: {p['partner']}",
                   f"{p['child_rel'].capitalize()}: {p['child']}, {p['age']} years old",
                   f"Works as a {p['job']}", f"Employer: {p['employer']}",
                   f"{p['pet'].capitalize()}: {p['pet_name']}",
                   f"{p['partner']} loves {p['likes']}"],
        "superseded": [f"Lives in {p['old_city']} (until last year)",
                       f"Employer: {p['old_employer']} (until January)"],
        "instructions": [p["instruction"]],
        "preferences": dict(p["preferences"]),
        "history": [
            {"role": "user", "text": f"{p['child']}'s birthday party is on Saturday at "
                                     f"{clock(p, p['party'])}."},
            {"role": "assistant", "text": f"Lovely. The {p['market']} market opens at "
                                          f"{clock(p, '9am')} on Saturdays and is closed on "
                                          f"Mondays."},
            {"role": "user", "text": f"My half marathon is on {p['race']}."},
            {"role": "user", "text": f"How do I get to {p['dest']}?"},
            {"role": "assistant", "text": f"The regional train to {p['dest']} takes about "
                                          f"{p['minutes']} minutes."},
        ],
    }


def render(p: dict[str, Any], sentences: list[str]) -> str:
    """The draft text as the persona's instructions want it laid out."""
    body = list(sentences)
    if p["rule"] == "in_short":
        body.append("In short: plan ahead and keep it simple.")
    if p["rule"] == "bullets":
        return "\n".join(f"- {s}" for s in body)
    return " ".join(body)


Flaw = tuple[list[str], list[dict[str, str]]] | None
Operator = Callable[[dict[str, Any], Scenario, list[str], random.Random], Flaw]


def _tagged(s: Scenario, tag: str) -> int | None:
    return next((i for i, (_, tags) in enumerate(s.sentences) if tag in tags), None)


def op_wrong_fact(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    i = _tagged(s, "rel")
    if i is not None:
        wrong = rng.choice([f"Your {p['wrong_rel']}", f"Your {p['rel']} {p['other']}"])
        sents[i] = sents[i].replace(f"Your {p['rel']} {p['partner']}", wrong)
        return sents, [{"kind": "wrong_fact", "span": wrong.split()[-1]}]
    i = _tagged(s, "partner")
    if i is not None:
        sents[i] = sents[i].replace(p["partner"], p["other"])
        return sents, [{"kind": "wrong_fact", "span": p["other"]}]
    i = _tagged(s, "job")
    if i is not None:
        other = "teacher" if p["job"] != "teacher" else "nurse"
        sents[i] = sents[i].replace(f"As a {p['job']}", f"As a {other}")
        return sents, [{"kind": "wrong_fact", "span": other}]
    return None


def op_outdated(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    for tag, old, new in (("employer", p["old_employer"], p["employer"]),
                          ("city", p["old_city"], p["city"])):
        i = _tagged(s, tag)
        if i is not None and new in sents[i]:
            sents[i] = sents[i].replace(new, old, 1)
            return sents, [{"kind": "outdated_fact", "span": old}]
    return None


def op_invented(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    cue = rng.choice(["As you told me", "As you mentioned", "Like you said last time"])
    line = f"{cue}, {rng.choice(INVENTED)}, so keep that in mind."
    sents.insert(1, line)
    return sents, [{"kind": "invented_memory", "span": line}]


def op_wrong_number(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    for tag, old, new in (("age", f"who is {p['age']}", f"who is {OTHER_NUMBERS['age'](p['age'])}"),
                          ("party", clock(p, p["party"]), clock(p, OTHER_TIMES[p["party"]])),
                          ("race", p["race"], OTHER_DATES[p["race"]])):
        i = _tagged(s, tag)
        if i is not None and old in sents[i]:
            sents[i] = sents[i].replace(old, new, 1)
            return sents, [{"kind": "wrong_number", "span": new.removeprefix("who is ")}]
    return None


def op_contradicts(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    i = _tagged(s, "history")
    if i is None:
        j, k = _tagged(s, "history2"), _tagged(s, "history3")
        if j is None or k is None:
            return None
        if rng.random() < 0.5:
            wrong = clock(p, "11am")
            sents[j] = sents[j].replace(clock(p, "9am"), wrong)
            return sents, [{"kind": "contradicts_history", "span": wrong}]
        sents[k] = sents[k].replace("closed on Mondays", "open on Mondays")
        return sents, [{"kind": "contradicts_history", "span": sents[k]}]
    wrong = f"{p['minutes'] + 30} minutes"
    sents[i] = sents[i].replace(f"{p['minutes']} minutes", wrong)
    return sents, [{"kind": "contradicts_history", "span": wrong}]


def op_self_contradiction(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    i = _tagged(s, "km")
    if i is not None:
        line = (f"Since {p['dest']} is {dist(p, p['km'] + 40)} from {p['city']}, leave early.")
    elif _tagged(s, "p2") is not None and "25 minutes" in " ".join(sents):
        line = "Because the stew takes 50 minutes in total, start it early."
    elif _tagged(s, "party") is not None:
        line = (f"Since the party starts at {clock(p, OTHER_TIMES[p['party']])}, lunch can "
                f"wait a little.")
    else:
        return None
    sents.append(line)
    return sents, [{"kind": "self_contradiction", "span": line}]


def op_repetition(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    i = rng.randrange(len(sents))
    sents.insert(i + 1, sents[i])
    sep = "\n- " if p["rule"] == "bullets" else " "
    return sents, [{"kind": "repetition", "span": f"{sents[i]}{sep}{sents[i]}"}]


def op_cut_off(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    if p["rule"] in ("bullets", "in_short"):
        return None
    last = sents[-1].split()
    keep = " ".join(last[: max(3, len(last) // 2)]).rstrip(",.")
    sents[-1] = keep
    return sents, [{"kind": "cut_off", "span": keep}]


def op_unanswered(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    if not s.parts:
        return None
    part = s.parts[0]
    drop = set(s.answers[part])
    kept = [x for i, x in enumerate(sents) if i not in drop]
    return kept, [{"kind": "unanswered_part", "span": part}]


def op_instruction(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    rule = p["rule"]
    if rule == "km":
        i = _tagged(s, "units") if _tagged(s, "units") is not None else _tagged(s, "km")
        if i is None:
            return None
        km = 6 if "units" in s.sentences[i][1] else p["km"]
        miles = f"{round(km * 0.621)} miles"
        sents[i] = sents[i].replace(f"{km} km", miles)
        return sents, [{"kind": "instruction_violation", "span": miles}]
    if rule == "emoji":
        sents[0] = sents[0] + " 😊"
        return sents, [{"kind": "instruction_violation", "span": "😊"}]
    if rule == "exclaim":
        sents.append("Have a great time!")
        return sents, [{"kind": "instruction_violation", "span": "Have a great time!"}]
    if rule == "clock24":
        i = _tagged(s, "party") if _tagged(s, "party") is not None else _tagged(s, "clock")
        if i is None:
            return None
        time = p["party"] if "party" in s.sentences[i][1] else "10am"
        sents[i] = sents[i].replace(clock(p, time), time)
        return sents, [{"kind": "instruction_violation", "span": time}]
    if rule == "length":
        extra = ("It also helps to write everything down in one place the evening before. "
                 "Many people find a short checklist calms the mind and saves time. "
                 "You can keep the list on your phone so it is always with you. "
                 "Review it once more in the morning before you leave the house. "
                 "If something changes during the day, update the list straight away, and "
                 "tick items off as you finish them so you can see your progress clearly.")
        sents.append(extra)
        return sents, [{"kind": "instruction_violation", "span": extra}]
    return None  # in_short and bullets are broken in rendering (see op_layout)


def op_preference(p, s, sents, rng) -> Flaw:  # type: ignore[no-untyped-def]
    diet = p["preferences"].get("diet")
    if diet and _tagged(s, "food") is not None:
        line = NOT_ALLOWED[diet]
        sents.insert(_tagged(s, "food") + 1, line)  # type: ignore[operator]
        return sents, [{"kind": "preference_violation", "span": line}]
    units = p["preferences"].get("units")
    i = _tagged(s, "km") if _tagged(s, "km") is not None else _tagged(s, "units")
    if units and i is not None and p["rule"] != "km":
        km = p["km"] if "km" in s.sentences[i][1] else 6
        wrong = f"{round(km * 0.621)} miles" if units == "metric" else f"{km} km"
        sents[i] = sents[i].replace(dist(p, km), wrong)
        return sents, [{"kind": "preference_violation", "span": wrong}]
    return None


OPERATORS: list[Operator] = [op_wrong_fact, op_outdated, op_invented, op_wrong_number,
                             op_instruction, op_preference, op_unanswered, op_contradicts,
                             op_self_contradiction, op_repetition, op_cut_off]


def clean_variants(p: dict[str, Any], s: Scenario, rng: random.Random) -> list[list[str]]:
    """The clean draft and hard negatives that are just as correct."""
    base = [x for x, _ in s.sentences]
    past = [*base, f"Since you lived in {p['old_city']} until last year, this may still feel "
                   f"new to you."]
    recalled = [*base[:1], f"As you mentioned, {p['partner']} loves {p['likes']}, so that "
                           f"could shape the day.", *base[1:]]
    return [base, rng.choice([past, recalled]), base[:-1] if len(base) > 3 else past]


def layout_flaw(p: dict[str, Any], sents: list[str]) -> tuple[str, list[dict[str, str]]] | None:
    """For layout instructions: the draft rendered against the instruction."""
    if p["rule"] == "bullets":
        text = " ".join(sents)
        return text, [{"kind": "instruction_violation", "span": text}]
    if p["rule"] == "in_short":
        text = " ".join(sents)
        return text, [{"kind": "instruction_violation", "span": sents[-1]}]
    return None


def items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    made_so_far: dict[str, int] = {}
    for p in PERSONAS:
        rng = random.Random(p["key"])
        for n, s in enumerate(scenarios(p)):
            common = {**memory(p), "request": s.request, "split": p["split"]}
            for v, sents in enumerate(clean_variants(p, s, rng)):
                out.append({"id": f"{p['key']}-{n}-clean{v}", **common,
                            "draft": render(p, sents), "flaws": []})
            ops = OPERATORS[:]
            rng.shuffle(ops)
            ops.sort(key=lambda o: made_so_far.get(o.__name__, 0))  # the rarest kinds first
            made = 0
            for op in ops:
                if made >= FLAWED_PER_SCENARIO:
                    break
                if op is op_instruction and p["rule"] in ("bullets", "in_short"):
                    flawed = layout_flaw(p, [x for x, _ in s.sentences])
                    if flawed is None:
                        continue
                    text, flaws = flawed
                else:
                    result = op(p, s, [x for x, _ in s.sentences], rng)
                    if result is None:
                        continue
                    sents, flaws = result
                    text = render(p, sents)
                if not all(f["span"] in (text if f["kind"] != "unanswered_part" else s.request)
                           for f in flaws):
                    raise ValueError(f"{p['key']}-{n}: span not in draft: {flaws}")
                out.append({"id": f"{p['key']}-{n}-{op.__name__[3:]}", **common, "draft": text,
                            "flaws": flaws})
                made += 1
                made_so_far[op.__name__] = made_so_far.get(op.__name__, 0) + 1
    out += languages()
    return out


# Requests in another language, or an instruction to answer in one: the clean draft is in the
# wanted language, the flawed one in English.
LANGUAGE_CASES = [
    ("joao", "tune", None,
     [("Que posso fazer em Braga no sábado com a minha filha?",
       "Em Braga, o Bom Jesus é um passeio muito bom para fazer com a sua filha. "
       "Levem água e um lanche, e não se esqueçam do casaco.",
       "In Braga, Bom Jesus is a lovely outing to do with your daughter. Bring water and "
       "a snack, and do not forget a jacket."),
      ("Como posso poupar dinheiro nas compras da semana?",
       "Faça uma lista antes de sair e compre só o que está na lista. As marcas da loja "
       "são mais baratas e a qualidade é muito parecida.",
       "Make a list before you go and buy only what is on it. Store brands are cheaper and "
       "the quality is very similar."),
      ("Que livro me recomendas para as férias?",
       "Para as férias, um romance leve é uma boa escolha. Se gosta de mistério, os livros "
       "de Agatha Christie são curtos e muito divertidos.",
       "For the holidays, a light novel is a good choice. If you like mystery, the books of "
       "Agatha Christie are short and great fun."),
      ("Como faço um bom café em casa?",
       "Use café moído na hora e água que não esteja a ferver. Para uma chávena, use cerca "
       "de 10 gramas de café e sirva logo.",
       "Use freshly ground coffee and water that is not boiling. For one cup, use about 10 "
       "grams of coffee and serve it at once.")]),
    ("lucia", "heldout", None,
     [("¿Qué puedo hacer en Sevilla el domingo con mis hijos?",
       "En Sevilla, el parque de María Luisa es perfecto para ir con los niños. Podéis "
       "llevar una merienda y alquilar una bicicleta para dar una vuelta.",
       "In Seville, María Luisa park is perfect to visit with the children. You can bring "
       "a snack and rent a bike to ride around."),
      ("¿Cómo puedo dormir mejor por la noche?",
       "Intenta acostarte a la misma hora todos los días. Evita las pantallas una hora "
       "antes de dormir y no tomes café por la tarde.",
       "Try to go to bed at the same time every day. Avoid screens for an hour before sleep "
       "and do not drink coffee in the afternoon."),
      ("¿Qué plato fácil puedo cocinar para la cena?",
       "Una tortilla de patatas es fácil y rica. Solo necesitas patatas, cebolla y aceite "
       "de oliva, y se hace en media hora.",
       "A potato omelette is easy and tasty. You only need potatoes, onion and olive oil, "
       "and it is done in half an hour."),
      ("¿Cómo empiezo a correr si nunca lo he hecho?",
       "Empieza con paseos rápidos y añade un minuto de carrera cada día. Lo importante es "
       "ir poco a poco y descansar entre las sesiones.",
       "Start with brisk walks and add a minute of running each day. The important thing is "
       "to go slowly and rest between sessions.")]),
    ("claire", "tune", None,
     [("Que puis-je faire à Lyon ce week-end avec mon fils?",
       "À Lyon, le parc de la Tête d'Or est parfait pour une sortie avec votre fils. Vous "
       "pouvez aussi visiter le zoo, qui est gratuit.",
       "In Lyon, the Tête d'Or park is perfect for an outing with your son. You can also "
       "visit the zoo, which is free."),
      ("Comment puis-je mieux organiser ma semaine?",
       "Notez vos tâches le dimanche soir et choisissez les trois plus importantes. Gardez "
       "du temps libre pour les imprévus.",
       "Write down your tasks on Sunday evening and pick the three most important ones. Keep "
       "some free time for the unexpected."),
      ("Quel dessert simple puis-je préparer pour ce soir?",
       "Une salade de fruits est simple et fraîche. Coupez les fruits de saison et ajoutez "
       "un peu de jus de citron pour le goût.",
       "A fruit salad is simple and fresh. Cut seasonal fruit and add a little lemon juice "
       "for flavour.")]),
    ("mateo", "heldout", "Always answer in Spanish.",
     [("Any tips for a rainy afternoon at home with the kids?",
       "Podéis hacer una búsqueda del tesoro por la casa o construir una cabaña con mantas. "
       "También es un buen momento para cocinar algo juntos.",
       "You could do a treasure hunt around the house or build a blanket fort. It is also a "
       "good moment to cook something together."),
      ("How do I keep my plants alive while I'm away for a week?",
       "Riega bien las plantas antes de salir y ponlas lejos del sol directo. Una botella "
       "con agua boca abajo en la tierra también ayuda.",
       "Water the plants well before you leave and move them out of direct sun. A bottle of "
       "water upside down in the soil also helps."),
      ("What's a good stretch for a stiff neck?",
       "Inclina la cabeza hacia un lado y mantén la posición durante veinte segundos. Luego "
       "cambia de lado y repite tres veces con calma.",
       "Tilt your head to one side and hold it for twenty seconds. Then switch sides and "
       "repeat three times, calmly.")]),
]


def languages() -> list[dict[str, Any]]:
    out = []
    for key, split, rule, cases in LANGUAGE_CASES:
        base = {"memory": [], "superseded": [], "instructions": [rule] if rule else [],
                "preferences": {}, "history": [], "split": split}
        for n, (request, good, english) in enumerate(cases):
            for v, text in enumerate([good, good.split(". ")[0] + "."]):
                out.append({"id": f"{key}-lang{n}-clean{v}", **base, "request": request,
                            "draft": text, "flaws": []})
            out.append({"id": f"{key}-lang{n}-wrong_language", **base, "request": request,
                        "draft": english, "flaws": [{"kind": "wrong_language", "span": english}]})
            doubled = good + " " + good.split(". ")[0] + "."
            out.append({"id": f"{key}-lang{n}-repetition", **base, "request": request,
                        "draft": doubled,
                        "flaws": [{"kind": "repetition", "span": good.split(". ")[0] + "."}]})
    return out


def write(rows: list[dict[str, Any]], out: Path) -> None:
    """Write the suite's drafts as JSON lines and say what they hold."""
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    clean = sum(not r["flaws"] for r in rows)
    kinds: dict[str, int] = {}
    for r in rows:
        for f in r["flaws"]:
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    print(f"{len(rows)} drafts, {clean} clean ({clean / len(rows):.0%}), "
          f"tune {sum(r['split'] == 'tune' for r in rows)}; flaws: {kinds}")


def main() -> None:
    write(items(), OUT)


if __name__ == "__main__":
    main()

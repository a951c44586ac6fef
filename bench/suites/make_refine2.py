"""Write bench/suites/refine2.jsonl: the profile and layout suite (same JSONL format).

Where ``refine.jsonl`` injects errors of fact and coherence, this suite holds replies to the
person's profile and to layout: the tone they want for a text they asked for (formal or
casual), their level (a beginner meets a term nobody explained, an expert is talked down to),
a preference brought up where the request does not call for it (any preference, not only
diet), a brief answer that is too long (and brief-enough ones that must be left alone), a list
cut off by the token cap (and lists whose items simply have no full stop), a unit the request
itself asks for against the profile's, and a reply that switches language half-way.

The two halves are written apart, by different wording, not only different personas: the
``tune`` half's requests and drafts are one set of texts, the ``heldout`` half's another, so the
held-out half tests the checks on sentences they were not shaped on. The split is fixed here,
before any run.

    python bench/suites/make_refine2.py   # rewrites bench/suites/refine2.jsonl
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from make_refine import write  # the sibling script: run as python bench/suites/make_refine2.py

OUT = Path(__file__).with_name("refine2.jsonl")

PERSONAS = {
    "tune": [dict(key="ada", me="Ada", friend="Marta", boss="Mr Price"),
             dict(key="bruno", me="Bruno", friend="Kai", boss="Ms Olsen")],
    "heldout": [dict(key="cora", me="Cora", friend="Jo", boss="Dr Adeyemi"),
                dict(key="dev", me="Dev", friend="Priya", boss="Mrs Hale")],
}


def item(key: str, split: str, request: str, draft: str, flaws: list[tuple[str, str]],
         preferences: dict[str, str] | None = None, instructions: list[str] | None = None
         ) -> dict[str, Any]:
    for kind, span in flaws:
        where = request if kind == "unanswered_part" else draft
        if span not in where:
            raise ValueError(f"{key}: span not in draft: {span!r}")
    return {"id": key, "request": request, "draft": draft, "memory": [], "superseded": [],
            "instructions": instructions or [], "preferences": preferences or {},
            "history": [], "flaws": [{"kind": k, "span": s} for k, s in flaws], "split": split}


# --- tone: formal texts with casual wording, casual texts with stiff wording -------------------

def tone(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, out = p["key"], []
    if split == "tune":
        formal = [
            ("Write an email to my landlord asking him to fix the heating.",
             f"Dear landlord,\n\nI am writing to ask whether the heating in my flat could be "
             f"repaired. It has not worked since Monday, and the rooms are very cold in the "
             f"evening. I would be grateful if someone could come this week.\n\nKind regards,\n"
             f"{p['me']}",
             f"Hey landlord,\n\nI'm writing to ask whether the heating in my flat could be "
             f"repaired. It hasn't worked since Monday, and the rooms are very cold in the "
             f"evening. It would be awesome if someone could come this week.\n\nCheers,\n"
             f"{p['me']}", ["Hey", "I'm", "hasn't", "awesome", "Cheers"]),
            (f"Draft a note to {p['boss']} asking for Friday off.",
             f"Dear {p['boss']},\n\nI would like to request a day of leave this Friday. My work "
             f"for the week will be finished by Thursday evening, and I have asked a colleague "
             f"to cover any urgent calls.\n\nThank you for considering this.\n{p['me']}",
             f"Hi {p['boss']},\n\nI'd like to request a day of leave this Friday. My work for "
             f"the week will be finished by Thursday evening, and I've asked a colleague to "
             f"cover any urgent calls. No worries if not.\n\nThanks a bunch,\n{p['me']}",
             ["Hi", "I'd", "I've", "No worries", "Thanks a bunch"]),
        ]
        casual = [
            (f"Write a quick message to my friend {p['friend']} inviting her to a barbecue on "
             f"Sunday.",
             f"Hi {p['friend']}! We're having a barbecue on Sunday from about two. Come along "
             f"if you're free, and bring whoever you like. Let me know!",
             f"Dear {p['friend']},\n\nI am writing to inform you that we are holding a "
             f"barbecue on Sunday from two o'clock. Your attendance would be most welcome. "
             f"Please do not hesitate to contact me with any questions.\n\nYours sincerely,\n"
             f"{p['me']}", ["Dear", "I am writing to inform you that",
                            "Your attendance would be most welcome", "Please do not hesitate to "
                            "contact me with any questions.", "Yours sincerely"]),
        ]
    else:
        formal = [
            ("Write a letter to the council about the broken streetlight on my road.",
             f"Dear Sir or Madam,\n\nI wish to report that the streetlight outside number 14 "
             f"on my road has not worked for two weeks. The pavement is now unlit after dark, "
             f"which is a risk for pedestrians. I would appreciate it if it could be repaired "
             f"soon.\n\nYours faithfully,\n{p['me']}",
             f"Hi there,\n\nJust wanted to report that the streetlight outside number 14 on my "
             f"road hasn't worked for two weeks. The pavement's now unlit after dark, which is "
             f"a risk for pedestrians. Can you guys sort it out soon?\n\nThanks,\n{p['me']}",
             ["Hi there", "Just wanted to", "hasn't", "pavement's", "you guys", "Thanks,"]),
            (f"Compose an email to {p['boss']} saying I will be late to the meeting.",
             f"Dear {p['boss']},\n\nI regret that I will be about fifteen minutes late to "
             f"today's meeting because of a delay on the train. Please begin without me; I "
             f"will catch up on the notes.\n\nBest regards,\n{p['me']}",
             f"Hey {p['boss']},\n\nI'm gonna be about fifteen minutes late to today's meeting "
             f"because of a delay on the train. Please begin without me, I'll catch up on the "
             f"notes.\n\nCheers,\n{p['me']}", ["Hey", "I'm", "gonna", "I'll", "Cheers"]),
        ]
        casual = [
            (f"Write a text to {p['friend']} asking if she wants to go for a run tomorrow.",
             f"Hey {p['friend']}, fancy a run tomorrow morning? I was thinking the park loop, "
             f"nice and easy. Let me know!",
             f"Dear {p['friend']},\n\nI would like to enquire whether you would be available "
             f"for a run tomorrow morning. I propose the park loop at a moderate pace. I look "
             f"forward to your reply.\n\nKind regards,\n{p['me']}",
             ["Dear", "I would like to enquire whether", "I look forward to your reply.",
              "Kind regards"]),
        ]
    for n, (request, good, bad, spans) in enumerate(formal):
        prefs = {"tone": "formal"}
        out.append(item(f"{k}-tone{n}-clean", split, request, good, [], prefs))
        out.append(item(f"{k}-tone{n}-casual", split, request, bad,
                        [("preference_violation", s) for s in spans], prefs))
        # Not a text to send: everyday wording in an answer is no fault.
        out.append(item(f"{k}-tone{n}-chat", split, "What's a good way to keep basil fresh?"
                        if split == "tune" else "How long should I boil an egg?",
                        "It's easiest to keep it in a glass of water on the counter, like "
                        "flowers. Don't put it in the fridge: it'll go black."
                        if split == "tune" else "For a soft yolk, it's about six minutes; "
                        "you'll want ten for a hard one. Don't forget to cool it in cold "
                        "water.", [], prefs))
    for n, (request, good, bad, spans) in enumerate(casual):
        prefs = {"tone": "casual"}
        out.append(item(f"{k}-casualtone{n}-clean", split, request, good, [], prefs))
        out.append(item(f"{k}-casualtone{n}-stiff", split, request, bad,
                        [("preference_violation", s) for s in spans], prefs))
    return out


# --- level: a beginner given an unexplained term; an expert talked down to ---------------------

LEVEL = {
    "tune": [
        ("How do I keep the packages of two Python projects apart?",
         "Make a virtual environment for each project, then install the packages inside it.",
         "Make a virtual environment, which is a separate folder of packages for one project, "
         "for each project, then install the packages inside it.",
         "Create one with python -m venv .venv and activate it before installing."),
        ("How can I tell if my survey results are just chance?",
         "Run a significance test and look at the p-value it gives you.",
         "Check whether the difference could be chance: look at the p-value, the chance of "
         "seeing results like yours if nothing real were going on.",
         "If it is below 0.05, most people treat the result as unlikely to be chance."),
        ("How do I undo my last change in git?",
         "If you have not shared it yet, reset your branch to the commit before it.",
         "If you have not shared it yet, move back to the saved version before it.",
         "The command is git reset HEAD~1, which keeps your edits as unsaved changes."),
    ],
    "heldout": [
        ("How do I get data from two spreadsheets-like tables into one in SQL?",
         "Use a join on the column the two tables share, such as the customer id.",
         "Match the rows of the two tables on the column they share, such as the customer "
         "id.",
         "In SQL that is written SELECT ... FROM orders JOIN customers ON ... ."),
        ("Why does my function that calls itself never stop?",
         "Your recursion has no base case, so every call makes another one.",
         "Each call makes another call, and nothing tells it when to stop.",
         "Add a check at the top that returns a value when the input is small enough."),
        ("How do I let my script talk to the weather service?",
         "Send a request to the service's API with your key and read the JSON it returns.",
         "Send a request to the service's web address with your key and read the answer it "
         "returns.", "The requests library does this in two lines."),
    ],
}
TALKED_DOWN = {
    "tune": ["Don't worry if this sounds complicated, it is easier than it looks.",
             "In simple terms, a computer just follows instructions one at a time."],
    "heldout": ["If you're new to this, don't be scared by the jargon.",
                "Think of it like a recipe: you just follow the steps in order."],
}


def level(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, out = p["key"], []
    for n, (request, jargon, plain, more) in enumerate(LEVEL[split]):
        beginner = {"expertise": "beginner"}
        expert = {"expertise": "expert"}
        out.append(item(f"{k}-level{n}-beginner-jargon", split, request, f"{jargon} {more}",
                        [("preference_violation", jargon)], beginner))
        out.append(item(f"{k}-level{n}-beginner-plain", split, request, f"{plain} {more}", [],
                        beginner))
        out.append(item(f"{k}-level{n}-expert-jargon", split, request, f"{jargon} {more}", [],
                        expert))
        down = TALKED_DOWN[split][n % 2]
        out.append(item(f"{k}-level{n}-expert-down", split, request, f"{down} {jargon} {more}",
                        [("preference_violation", down)], expert))
    return out


# --- over-personalization: a preference brought up where the request does not call for it ------

OVER = {
    "tune": [
        ({"budget": "low"}, "Since you're on a tight budget, it is worth knowing this.",
         "Which hotel should I book for two nights in Rome?",
         "A small guesthouse near Termini station is good value.",
         "Since you're on a tight budget, a guesthouse near Termini is the better pick."),
        ({"schedule": "morning"}, "As a morning person, you might enjoy thinking about this "
         "over breakfast.", "Can you plan my workout week?",
         "Three runs and two strength sessions make a balanced week.",
         "As a morning person, do your runs before work."),
        ({"expertise": "beginner"}, "Since you're new to coding, take your time with it.",
         "How do I write my first Python loop?", "A for loop repeats a block for each item.",
         "Since you're new to coding, start with a for loop over a short list."),
        ({"units": "metric"}, "Because you prefer metric units, note this too.",
         "How far is a marathon?", "A marathon is 42.2 km.",
         "Because you prefer metric units: a marathon is 42.2 km."),
    ],
    "heldout": [
        ({"budget": "high"}, "Given that money is no object for you, this fits you well.",
         "What gift should I buy my sister for her birthday?",
         "A good pair of headphones makes a lasting gift.",
         "Given that money is no object for you, the premium noise-cancelling headphones are "
         "worth it."),
        ({"schedule": "evening"}, "As a night owl, you will appreciate this.",
         "Help me schedule my study week.", "Two hours a day, with Sunday off, is a good "
         "start.", "As a night owl, put the study blocks after dinner."),
        ({"expertise": "expert"}, "Since you are an experienced developer, this is easy for "
         "you.", "How do I profile a slow SQL query?", "Run EXPLAIN ANALYZE and look at the "
         "slowest node.", "Since you are an experienced developer, go straight to EXPLAIN "
         "ANALYZE."),
        ({"diet": "vegetarian"}, "As a vegetarian, you will find this interesting.",
         "What can I cook for dinner tonight?", "A mushroom risotto takes thirty minutes.",
         "As a vegetarian, try a mushroom risotto tonight."),
    ],
}
UNRELATED = {
    "tune": [("How does a rainbow form?",
              "Sunlight bends as it enters raindrops, splits into colours, and reflects back "
              "out of them. You see it with the sun behind you."),
             ("What is the capital of Australia?",
              "The capital of Australia is Canberra, not Sydney. It was chosen as a compromise "
              "between Sydney and Melbourne.")],
    "heldout": [("Why do cats purr?",
                 "Cats purr when they are content, but also to calm themselves when hurt. The "
                 "sound comes from the muscles of the voice box."),
                ("Who wrote Pride and Prejudice?",
                 "Jane Austen wrote it; it came out in 1813. It follows Elizabeth Bennet and "
                 "Mr Darcy.")],
}


def over_personalized(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, out = p["key"], []
    for n, (prefs, aside, bears, answer, fitting) in enumerate(OVER[split]):
        for m, (request, reply) in enumerate(UNRELATED[split]):
            first, rest = reply.split(". ", 1)
            out.append(item(f"{k}-over{n}-{m}", split, request, f"{first}. {aside} {rest}",
                            [("preference_violation", aside)], prefs))
            out.append(item(f"{k}-over{n}-{m}-clean", split, request, reply, [], prefs))
        # Where the request does call for the preference, saying so is right.
        out.append(item(f"{k}-over{n}-bears", split, bears, f"{fitting} {answer}", [], prefs))
    return out


# --- brief: too long is cut, brief enough is left ---------------------------------------------

BRIEF = {
    "tune": ("How do I look after a sourdough starter?", [
        "Feed it once a day with equal weights of flour and water.",
        "Keep it in a jar with a loose lid at room temperature.",
        "Before each feed, throw away all but a spoonful or two of the old starter.",
        "If you bake rarely, keep it in the fridge and feed it once a week instead.",
        "A layer of grey liquid on top means it is hungry; pour it off and feed it.",
        "It should double in size within six to eight hours of a feed when it is healthy.",
        "Use it to bake when it is at its highest point, bubbly and smelling pleasantly sour.",
        "If it smells of nail varnish, it needs more frequent feeding for a few days.",
        "Rye flour gives it a boost when it seems sluggish after a cold spell."]),
    "heldout": ("What should I know before adopting a rescue dog?", [
        "Ask the shelter about the dog's history, health and how it is with children.",
        "Plan a quiet first week at home so the dog can settle in.",
        "Set up a bed, bowls and a safe corner before the dog arrives.",
        "Expect some accidents indoors while it learns your routine.",
        "Book a check-up with a vet in the first fortnight.",
        "Budget for food, insurance and the vet every month, not just the first week.",
        "Keep walks short and calm at first, on a lead, until you know how it reacts.",
        "Give it time: many rescue dogs need three months to show who they really are.",
        "Training classes help you both and are a good way to meet other owners."]),
}


def brief(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, (request, lines) = p["key"], BRIEF[split]
    prefs = {"detail": "brief"}
    start = 0 if p["key"] in ("ada", "cora") else 3
    out = [item(f"{k}-brief-short", split, request, " ".join(lines[start:start + 3]), [], prefs),
           item(f"{k}-brief-four", split, request, " ".join(lines[start:start + 4]), [], prefs)]
    long = lines[start:] + lines[:start]
    # The flaw is everything past the three sentences a brief answer holds.
    out.append(item(f"{k}-brief-long", split, request, " ".join(long),
                    [("preference_violation", " ".join(long[3:]))], prefs))
    return out


# --- lists: cut off by the cap, or items without a full stop -----------------------------------

LISTS = {
    "tune": ("What should I pack for a weekend of camping?",
             ["A tent and a sleeping bag rated for the night temperature",
              "A head torch with spare batteries", "Water, snacks and a small stove",
              "A rain jacket, even if the forecast is dry"],
             "A first-aid kit with plasters and"),
    "heldout": ("What do I need to start painting with watercolours?",
                ["A small pan set of twelve colours", "Two round brushes, a size 4 and a size 8",
                 "Cold-pressed paper of at least 300 gsm", "A jar of clean water and a rag"],
                "A palette or an old white plate to mix the"),
}


def lists(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, (request, entries, cut) = p["key"], LISTS[split]
    numbered = p["key"] in ("bruno", "dev")
    mark = [f"{i}." for i in range(1, 7)] if numbered else ["-"] * 6
    head = "Here is what you need:\n"
    plain = head + "\n".join(f"{m} {e}" for m, e in zip(mark, entries, strict=False))
    dotted = head + "\n".join(f"{m} {e}." for m, e in zip(mark, entries, strict=False))
    return [
        item(f"{k}-list-clean", split, request, plain, []),
        item(f"{k}-list-dotted-clean", split, request, dotted, []),
        item(f"{k}-list-cut", split, request, f"{dotted}\n{mark[4]} {cut}",
             [("cut_off", cut)]),
        item(f"{k}-list-cut-plain", split, request, f"{plain}\n{mark[4]} {cut}",
             [("cut_off", cut)]),
    ]


# --- units: the request's own unit wins over the profile ---------------------------------------

UNITS = {
    "tune": [({"units": "metric"}, "How many miles is the walk around Lake Windermere?",
              "The full circuit is about 45 miles, so most people take three days.",
              "How long is the walk around Lake Windermere?",
              "The full circuit is about 45 miles, so most people take three days.", "45 miles"),
             ({"units": "imperial"}, "How many kilometres is the Camino from Sarria?",
              "From Sarria it is about 115 km to Santiago, usually walked in five days.",
              "How long is the Camino from Sarria?",
              "From Sarria it is about 115 km to Santiago, usually walked in five days.",
              "115 km")],
    "heldout": [({"units": "metric"}, "What's the speed limit in mph on UK motorways?",
                 "It is 70 mph for cars on motorways and dual carriageways.",
                 "What is the speed limit on UK motorways?",
                 "It is 70 mph for cars on motorways and dual carriageways.", "70 mph"),
                ({"units": "imperial"}, "How heavy is a standard bag of cement in kg?",
                 "A standard bag in the UK weighs 25 kg, so lift it with care.",
                 "How heavy is a standard bag of cement?",
                 "A standard bag in the UK weighs 25 kg, so lift it with care.", "25 kg")],
}


def units(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, out = p["key"], []
    for n, (prefs, asked, answer, plain, same, span) in enumerate(UNITS[split]):
        out.append(item(f"{k}-units{n}-asked", split, asked, answer, [], prefs))
        out.append(item(f"{k}-units{n}-profile", split, plain, same,
                        [("preference_violation", span)], prefs))
    return out


# --- a reply that switches language half-way --------------------------------------------------

MIXED = {
    "tune": [("¿Qué ropa llevo para una boda en la playa?",
              "Para una boda en la playa, lo mejor es ropa ligera de lino o algodón. Elige "
              "colores claros y zapatos planos.",
              "Avoid high heels, because they sink into the sand. Bring a light jacket for "
              "the evening."),
             ("Como posso aprender a nadar em adulto?",
              "Comece com aulas para adultos numa piscina pequena. Treine a respiração na "
              "água antes de tentar nadar.",
              "Practise twice a week if you can. Most adults can swim a length after ten "
              "lessons.")],
    "heldout": [("Quels fromages servir pour un apéritif à six?",
                 "Pour six personnes, prévoyez trois fromages : un comté, un brie et un "
                 "chèvre. Comptez environ cent grammes par personne.",
                 "Serve them with fresh bread and some grapes. Take them out of the fridge an "
                 "hour before."),
                ("¿Cómo quito una mancha de vino tinto del sofá?",
                 "Primero, seca la mancha con un paño sin frotar. Luego echa un poco de agua "
                 "con jabón y vuelve a secar.",
                 "If it is still there, try a paste of baking soda and water. Leave it for "
                 "an hour and then vacuum it.")],
}


def mixed(split: str, p: dict[str, str]) -> list[dict[str, Any]]:
    k, out = p["key"], []
    for n, (request, own, english) in enumerate(MIXED[split]):
        if (n == 0) != (p["key"] in ("ada", "cora")):
            continue
        out.append(item(f"{k}-mixed{n}-clean", split, request, own, []))
        out.append(item(f"{k}-mixed{n}", split, request, f"{own} {english}",
                        [("wrong_language", english)]))
    return out


def items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for split, people in PERSONAS.items():
        for p in people:
            for make in (tone, level, over_personalized, brief, lists, units, mixed):
                out += make(split, p)
    return out


def main() -> None:
    write(items(), OUT)


if __name__ == "__main__":
    main()

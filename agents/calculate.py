"""Sums and conversions asked outright, worked out by code: the small model gets them wrong.

"What's 15% of 80?", "what is (12 + 3) * 4?", "How many minutes are in 3.5 hours?", "convert
10 km to miles", "70°F in celsius": a message that is only such a question is answered here,
exactly, before any model is asked. Anything more ("15% of 80, and is that a good tip?") goes to
the model as before (the factuality refiner still checks the sums it writes).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_NUM = r"-?\d+(?:,\d{3})*(?:\.\d+)?"
# Words around the question that ask for nothing more.
_LEAD_WORDS = (r"(?:hey|hi|ok|okay|so|quick question|tacit|please|can you tell me|could you tell "
               r"me|do you know|tell me)")
_LEAD = re.compile(rf"^\W*(?:{_LEAD_WORDS}\W+)*", re.IGNORECASE)
_TAIL = re.compile(r"(?:\W+(?:please|thanks|thank you))?[\s?.!]*$", re.IGNORECASE)
_ASK = r"(?:what(?:'s|s| is)|calculate|compute|work out|how much is|what does)\s+"
_PERCENT = re.compile(rf"^(?:{_ASK})?(?P<p>{_NUM})\s?(?:%|percent)\s+of\s+(?P<n>{_NUM})"
                      r"(?:\s+(?:come to|make|equal))?$", re.IGNORECASE)
_SUM = re.compile(rf"^(?:{_ASK})?(?P<expr>[\d\s.,()+\-*/×÷x^]+?)(?:\s+(?:equal|make|come to))?$",
                  re.IGNORECASE)

# A share added to an amount or taken off it: "Add 20% VAT to £1,575." got "The total is:
# £1,583." from the bundled model.
_CUR = r"(?P<cur>[£$€])?"
_PCT = rf"(?P<p>{_NUM})\s?(?:%|percent)"
_ON_TOP = r"(?:\s+(?P<what>vat|tax|sales tax|gst|tip|service(?: charge)?))?"
_ADDED = (re.compile(rf"^(?:{_ASK})?(?:add|put)\s+{_PCT}{_ON_TOP}\s+(?:on\s*)?(?:to|onto|on)\s+"
                     rf"{_CUR}(?P<n>{_NUM})$", re.IGNORECASE),
          re.compile(rf"^(?:{_ASK})?{_CUR}(?P<n>{_NUM})\s+(?:plus|\+|with|and|add)\s+{_PCT}"
                     rf"{_ON_TOP}(?:\s+(?:added|on top))?$", re.IGNORECASE),
          re.compile(rf"^(?:{_ASK})?(?:increase|raise|put up)\s+{_CUR}(?P<n>{_NUM})\s+by\s+{_PCT}$",
                     re.IGNORECASE))
_TAKEN = (re.compile(rf"^(?:{_ASK})?(?:take\s+)?{_PCT}\s+off\s+(?:of\s+)?{_CUR}(?P<n>{_NUM})$",
                     re.IGNORECASE),
          re.compile(rf"^(?:{_ASK})?{_CUR}(?P<n>{_NUM})\s+(?:minus|less|with|-)\s+{_PCT}"
                     r"(?:\s+(?:off|discount))?$", re.IGNORECASE),
          re.compile(rf"^(?:{_ASK})?(?:reduce|decrease|cut|lower)\s+{_CUR}(?P<n>{_NUM})\s+by\s+"
                     rf"{_PCT}$", re.IGNORECASE))


# As _LEAD, but an amount's currency is kept ("£1,575 plus 20% VAT")
_MONEY_LEAD = re.compile(rf"^[^\w£$€]*(?:{_LEAD_WORDS}[^\w£$€]+)*", re.IGNORECASE)


def as_money(value: float, cur: str | None) -> str:
    """``value`` as money when a currency was written (pence shown), else as a number."""
    if not cur:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{cur}{round(value):,}" if abs(value - round(value)) < 1e-9 else f"{cur}{value:,.2f}"


def _with_share(text: str) -> str | None:
    """A share added to an amount or taken off it, worked out; None for anything else."""
    for patterns, sign in ((_ADDED, 1), (_TAKEN, -1)):
        found = next((m for m in (p.match(text) for p in patterns) if m), None)
        if found is None:
            continue
        cur, amount = found["cur"], _number(found["n"])
        share = _number(found["p"]) * amount / 100
        what = (found.groupdict().get("what") or "").upper() if sign > 0 else ""
        what = what if what in ("VAT", "GST") else what.lower()
        named = f"{found['p']}%{' ' + what if what else ''}"
        how = f"plus {named}" if sign > 0 else f"with {named} off"
        return (f"{found['p']}% of {as_money(amount, cur)} is {as_money(share, cur)}, so "
                f"{as_money(amount, cur)} {how} is {as_money(amount + sign * share, cur)}.")
    return None


# Days or hours of work at the rate they told ("I charge £350 a day"): "How much should I
# invoice for four and a half days?" got a page on "personal financial freedom".
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20}
_SPAN = (r"(?:(?P<half_one>half an? )|(?P<n>\d+(?:\.\d+)?|" + "|".join(_COUNTS)
         + r")(?P<half> and a half)? )(?P<unit>day|hour)s?")
_AT_RATE = re.compile(
    r"^(?:(?:how much|what) (?:should|do|would|will|can|shall) i (?:invoice|charge|bill|ask "
    r"for)(?: (?:them|him|her|the client|my client|a client|for it))?(?: for)? |(?:how much|what) "
    r"(?:is|are|would be|comes to) (?=.* at my (?:day|daily|hourly) rate$))" + _SPAN
    + r"(?: (?:of )?work)?(?: at my (?:day|daily|hourly) rate)?$", re.IGNORECASE)


def at_rate(message: str, rate_of: Callable[[str], str | None]) -> str | None:
    """Days or hours of work priced at the rate they told (``rate_of("day rate")`` reads
    their fact, "£350"), or None when the message asks nothing of the kind or no rate of that
    unit is known."""
    text = _TAIL.sub("", _LEAD.sub("", message.strip()))
    found = _AT_RATE.match(text) if len(text) <= 120 else None
    if found is None:
        return None
    unit = found["unit"].lower()
    what = "day" if unit == "day" else "hourly"
    rate = rate_of(f"{what} rate") or ""
    price = re.fullmatch(r"(?P<cur>[£$€])?(?P<n>\d[\d,]*(?:\.\d+)?)", rate.strip())
    if price is None:
        return None
    if found["half_one"]:
        count, said = 0.5, f"half {'an hour' if unit == 'hour' else 'a day'}"
    else:
        words = found["n"].lower()
        count = (_COUNTS.get(words) or float(words)) + (0.5 if found["half"] else 0)
        said = f"{found['n']}{found['half'] or ''} {unit}{'s' if count > 1 else ''}"
    each = _number(price["n"])
    return (f"At your {what} rate of {rate.strip()}, {said} comes to "
            f"{as_money(count * each, price['cur'])} ({count:g} × {rate.strip()}).")


# A sum shared out: "We have a budget of £15,000 and about 80 guests. How much is that per
# guest?" got "approximately £23.67" from the bundled model.
_PER = re.compile(r"(?:how much|what)(?:'s| is| does| would| will)? (?:that|it|this)?\s*(?:is |be |"
                  r"come to |work out (?:at|to|as) |comes? to )?(?:per|a|for each|each|every) "
                  r"(?P<each>guest|person|head|people|child|kid|student|member|player|day|week|"
                  r"month)\b", re.IGNORECASE)
_SUM_SAID = re.compile(r"(?P<cur>[£$€])(?P<n>\d[\d,]*(?:\.\d+)?)(?P<k>k\b)?", re.IGNORECASE)
_COUNT_SAID = re.compile(r"\b(?:about |around |roughly |nearly |almost |maybe |up to )?"
                         r"(?P<n>\d[\d,]*) (?P<what>guests|people|persons|children|kids|students|"
                         r"members|players|days|weeks|months)\b", re.IGNORECASE)
_SAME = {"guest": ("guests", "people", "persons"), "person": ("guests", "people", "persons"),
         "head": ("guests", "people", "persons"), "people": ("guests", "people", "persons"),
         "child": ("children", "kids"), "kid": ("children", "kids"), "student": ("students",),
         "member": ("members",), "player": ("players",), "day": ("days",), "week": ("weeks",),
         "month": ("months",)}


def per_each(message: str) -> str | None:
    """One sum of money shared out over a count the message tells ("£15,000 and about 80
    guests"), when it asks how much that is per one of them; None for anything else."""
    text = " ".join(message.split())
    asked = _PER.search(text) if len(text) <= 300 else None
    if asked is None:
        return None
    sums = _SUM_SAID.findall(text)
    counts = [c for c in _COUNT_SAID.finditer(text)
              if c["what"].lower() in _SAME[asked["each"].lower()]]
    if len(sums) != 1 or len(counts) != 1:
        return None  # two sums, or no count of them: not one share to work out
    cur, amount, thousands = sums[0]
    total = _number(amount) * (1000 if thousands else 1)
    count = int(counts[0]["n"].replace(",", ""))
    if not count:
        return None
    one = {"head": "head", "people": "person", "kid": "child"}.get(asked["each"].lower(),
                                                                   asked["each"].lower())
    return (f"{as_money(total, cur)} for {count:,} {counts[0]['what'].lower()} is "
            f"{as_money(total / count, cur)} a {one}.")


# Roots and powers said in words: "What's the square root of 2?" got "equal to the number
# itself", and "What's 2 to the power of 10?" "imaginary exponentiation".
_ROOT = re.compile(rf"^(?:{_ASK})?(?:the\s+)?(?P<which>square|cube)\s+root\s+of\s+(?P<n>{_NUM})$",
                   re.IGNORECASE)
_POWER = re.compile(rf"^(?:{_ASK})?(?P<n>{_NUM})\s+(?:(?:to the power of|raised to(?: the power"
                    rf"(?: of)?)?|to the)\s+(?P<p>{_NUM})(?:st|nd|rd|th)?(?:\s+power)?|"
                    rf"(?P<sq>squared|cubed))$", re.IGNORECASE)
_OPERATORS = {"plus": "+", "minus": "-", "times": "*", "multiplied by": "*", "divided by": "/",
              "over": "/"}
_WORDED = re.compile(rf"(?<=[\d)] )(?:{'|'.join(_OPERATORS)})(?= [\d(])", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    name: str        # how the answer names it
    kind: str        # what it measures
    factor: float    # how many of the kind's base unit one of it is


_UNITS: dict[str, Unit] = {}


def _add(kind: str, name: str, factor: float, *spellings: str) -> None:
    for spelling in (name, *spellings):
        _UNITS[spelling.lower()] = Unit(name, kind, factor)  # looked up as written, lowered


for _args in (
        ("time", "seconds", 1, "second", "secs", "sec", "s"),
        ("time", "minutes", 60, "minute", "mins", "min"),
        ("time", "hours", 3600, "hour", "hrs", "hr", "h"),
        ("time", "days", 86400, "day"),
        ("time", "weeks", 604800, "week"),
        ("length", "millimetres", 0.001, "millimetre", "millimeters", "millimeter", "mm"),
        ("length", "centimetres", 0.01, "centimetre", "centimeters", "centimeter", "cm"),
        ("length", "metres", 1, "metre", "meters", "meter", "m"),
        ("length", "kilometres", 1000, "kilometre", "kilometers", "kilometer", "km"),
        ("length", "inches", 0.0254, "inch", "in"),
        ("length", "feet", 0.3048, "foot", "ft"),
        ("length", "yards", 0.9144, "yard", "yd", "yds"),
        ("length", "miles", 1609.344, "mile", "mi"),
        ("mass", "grams", 0.001, "gram", "g"),
        ("mass", "kilograms", 1, "kilogram", "kilos", "kilo", "kg", "kgs"),
        ("mass", "ounces", 0.028349523125, "ounce", "oz"),
        ("mass", "pounds", 0.45359237, "pound", "lbs", "lb"),
        ("mass", "stone", 6.35029318, "stones", "st"),
        ("volume", "millilitres", 0.001, "millilitre", "milliliters", "milliliter", "ml"),
        ("volume", "litres", 1, "litre", "liters", "liter", "l"),
        ("volume", "US gallons", 3.785411784, "gallons", "gallon", "gal"),
        # A kitchen's measures, the US ones (a UK pint or a metric cup is within a quarter).
        ("volume", "cups", 0.2365882365, "cup"),
        ("volume", "tablespoons", 0.01478676478125, "tablespoon", "tbsp", "tbsps", "tbs"),
        ("volume", "teaspoons", 0.00492892159375, "teaspoon", "tsp", "tsps"),
        ("volume", "fluid ounces", 0.0295735295625, "fluid ounce", "fl oz", "fl. oz"),
        ("volume", "pints", 0.473176473, "pint", "pt"),
        ("volume", "quarts", 0.946352946, "quart", "qt"),
        ("temperature", "°C", 0, "celsius", "centigrade", "c", "°c", "degrees c",
         "degrees celsius"),
        ("temperature", "°F", 0, "fahrenheit", "f", "°f", "degrees f", "degrees fahrenheit"),
        ("temperature", "K", 0, "kelvin", "k")):
    _add(*_args)
_UNIT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_HOW_MANY = re.compile(rf"^how many (?P<to>{_UNIT}) (?:are |is )?(?:there )?in (?:a |an )?"
                       rf"(?P<n>{_NUM})?\s?(?P<from>{_UNIT})$", re.IGNORECASE)
_CONVERT = re.compile(rf"^(?:convert |{_ASK})?(?P<n>{_NUM})\s?(?:degrees\s)?(?P<from>{_UNIT})"
                      rf"\s+(?:in|to|into|in to)\s+(?P<to>{_UNIT})$", re.IGNORECASE)


# "1 lb (50g)", "2 cups (80ml)": an amount with its conversion in brackets, as recipes write it;
# "1,440 ml of water, which is equivalent to 8 liters", as prose does.
_AMOUNT = rf"(?<![\w.])(?P<n>{_NUM}(?:/\d+)?|[½¼¾⅓⅔])\s?(?:degrees\s)?(?P<from>{_UNIT})"
_ROUGHLY = r"(?P<hedge>(?:about|approx(?:\.|imately)?|roughly|around|~)\s?)?"
_AS_WELL = rf"(?P<m>{_NUM})\s?(?:degrees\s)?(?P<to>{_UNIT})\b"
_CONVERSIONS = (
    re.compile(rf"{_AMOUNT}\s*\(\s*{_ROUGHLY}{_AS_WELL}\s*\)", re.IGNORECASE),
    re.compile(rf"{_AMOUNT}\b(?: of [a-z]+(?: [a-z]+)?)?,? (?:which is|that is|that's|i\.e\.|"
               rf"or(?= (?:about|approx|roughly|around|~)))"
               rf"(?: (?:equivalent|equal) to)? {_ROUGHLY}{_AS_WELL}", re.IGNORECASE))
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# "20-35 degrees Celsius (68-1°F)": a range with its conversion in brackets.
_RANGE = re.compile(rf"(?<![\w.])(?P<a>{_NUM})\s?(?:-|–|to)\s?(?P<n>{_NUM})\s?(?:degrees\s)?"
                    rf"(?P<from>{_UNIT})\s*\(\s*{_ROUGHLY}(?P<b>{_NUM})\s?(?P<dash>-|–|to)\s?"
                    rf"(?P<m>{_NUM})\s?(?:degrees\s)?(?P<to>{_UNIT})\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class WrongConversion:
    said: str     # as written: "1 lb (50g)"
    right: str    # what it should say: "1 lb (about 450g)"


def _converts(amount: float, source: Any, target: Any, said: float) -> tuple[bool, str]:
    """Whether ``said`` (in ``target``) is ``amount`` (in ``source``) within a quarter (a
    temperature: within 10 degrees), and the right amount as shown."""
    if source.kind == "temperature":
        value = _temperature(amount, source.name, target.name)
        return abs(said - value) <= 10, f"{5 * round(value / 5):,}"
    value = amount * source.factor / target.factor
    shown = _shown(float(f"{value:.2g}") if value >= 10 else round(value, 1))
    return value <= 0 or 0.75 <= said / value <= 4 / 3, shown


def _wrong_ranges(text: str) -> list[WrongConversion]:
    """Ranges whose bracketed conversion is off at either end: "20-35 degrees Celsius
    (68-1°F)" -> "20-35 degrees Celsius (about 68-95°F)"."""
    found = []
    for match in _RANGE.finditer(text):
        source, target = _UNITS[match["from"].lower()], _UNITS[match["to"].lower()]
        if source.kind != target.kind or source.name == target.name:
            continue
        low = _converts(_number(match["a"]), source, target, _number(match["b"]))
        high = _converts(_number(match["n"]), source, target, _number(match["m"]))
        if low[0] and high[0]:
            continue
        whole, base = match.group(0), match.start()
        at = match.start("hedge") if match["hedge"] else match.start("b")
        found.append(WrongConversion(whole, f"{whole[:at - base]}about {low[1]}{match['dash']}"
                                            f"{high[1]}{whole[match.end('m') - base:]}"))
    return found


def wrong_conversions(text: str) -> list[WrongConversion]:
    """Conversions that are off by more than a quarter (temperatures: by more than 10 degrees),
    with the right amount; a measure of volume beside one of mass is not checked (it depends
    on what is measured)."""
    found = _wrong_ranges(text)
    text = _RANGE.sub(lambda m: " " * len(m.group(0)), text)  # checked whole above
    for match in (m for pattern in _CONVERSIONS for m in pattern.finditer(text)):
        source, target = _UNITS[match["from"].lower()], _UNITS[match["to"].lower()]
        if source.kind != target.kind or source.name == target.name:
            continue
        raw = match["n"]
        amount = _FRACTIONS.get(raw) or (_number(raw.split("/")[0]) / float(raw.split("/")[1])
                                         if "/" in raw else _number(raw))
        close, shown = _converts(amount, source, target, _number(match["m"]))
        if close:
            continue
        at = match.start("hedge") if match["hedge"] else match.start("m")
        whole, base = match.group(0), match.start()
        amount_said = text[match.start("m"):match.start("to")]
        found.append(WrongConversion(whole, f"{whole[:at - base]}about {shown}"
                                            f"{amount_said[len(match['m']):]}"
                                            f"{whole[match.start('to') - base:]}"))
    return found


@lru_cache(maxsize=32)  # elicit and respond both ask it of the turn's message
def answer(message: str) -> str | None:
    """The reply to a message that only asks a sum or a conversion, or None."""
    text = _TAIL.sub("", _LEAD.sub("", message.strip()))
    if not text or len(text) > 80 or "\n" in text:
        return None
    found = _PERCENT.match(text)
    if found:
        share = _number(found["p"]) * _number(found["n"]) / 100
        return f"{found['p']}% of {found['n']} is {_shown(share)}."
    said = _with_share(_TAIL.sub("", _MONEY_LEAD.sub("", message.strip())))
    if said:
        return said
    found = _HOW_MANY.match(text) or _CONVERT.match(text)
    if found:
        return _converted(found)
    said = _root_or_power(text)
    if said:
        return said
    found = _SUM.match(_WORDED.sub(lambda m: f" {_OPERATORS[m.group(0).lower()]} ", text))
    if found is None or not re.search(r"\d\s*[-+*/×÷x^]\s*[\d(]", found["expr"]):
        return None
    if not re.match(_ASK, text, re.IGNORECASE) and not re.search(
            r"\s-\s|[+*/×÷x^]", found["expr"]):
        return None  # "2020-2021" alone is a range, not a sum
    value = evaluate(found["expr"])
    if value is None:
        return None
    return f"{' '.join(found['expr'].split())} = {_shown(value)}."


def _root_or_power(text: str) -> str | None:
    """A square or cube root, or a power, asked in words, worked out; None for anything
    else (a square root of a negative number among it)."""
    found = _ROOT.match(text)
    if found:
        n = _number(found["n"])
        if found["which"].lower() == "square" and n < 0:
            return None
        root = n ** 0.5 if found["which"].lower() == "square" else \
            (abs(n) ** (1 / 3)) * (-1 if n < 0 else 1)
        exact = abs(root - round(root)) < 1e-9
        shown = f"{round(root):,}" if exact else f"about {root:.4f}"
        return f"The {found['which'].lower()} root of {found['n']} is {shown}."
    found = _POWER.match(text)
    if found is None:
        return None
    power = 2 if (found["sq"] or "").lower() == "squared" else 3 if found["sq"] else \
        _number(found["p"])
    value = evaluate(f"({found['n']}) ** ({power:g})")
    if value is None:
        return None
    said = found["sq"].lower() if found["sq"] else f"to the power of {power:g}"
    return f"{found['n']} {said} is {_shown(value)}."


def _converted(found: re.Match[str]) -> str | None:
    source, target = _UNITS[found["from"].lower()], _UNITS[found["to"].lower()]
    if source.kind != target.kind or source.name == target.name:
        return None
    amount = _number(found["n"]) if found["n"] else 1.0
    if source.kind == "temperature":
        value = _temperature(amount, source.name, target.name)
    else:
        value = amount * source.factor / target.factor
    said = found["n"] or ("a" if source.name != "stone" else "one")
    unit = source.name if amount != 1 or source.kind == "temperature" else \
        source.name.removesuffix("s") if source.name not in ("feet", "inches") else \
        {"feet": "foot", "inches": "inch"}[source.name]
    space = "" if source.name.startswith("°") else " "
    target_space = "" if target.name.startswith("°") else " "
    reply = f"{said}{space}{unit} is {_shown(value)}{target_space}{target.name}."
    return reply[:1].upper() + reply[1:]


def _temperature(value: float, source: str, target: str) -> float:
    celsius = {"°C": value, "°F": (value - 32) * 5 / 9, "K": value - 273.15}[source]
    return {"°C": celsius, "°F": celsius * 9 / 5 + 32, "K": celsius + 273.15}[target]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _shown(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.4g}" if abs(value) < 1 else f"{value:.2f}".rstrip("0").rstrip(".")


def evaluate(expr: str) -> float | None:
    """The value of a sum of numbers (+ - * / ^, brackets, "x" or "×" for times), or None when
    the text is not one."""
    text = re.sub(r"(?<=[\d)])\s*[x×]\s*(?=[\d(])", "*", expr)
    text = text.replace("÷", "/").replace("−", "-").replace("^", "**")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None
    try:
        return _value(tree.body)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


def _value(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and \
            not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _value(node.operand)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            return left / right
        if isinstance(node.op, ast.Pow) and abs(right) <= 64 and abs(left) <= 1e6:
            return float(left ** right)
    raise ValueError(node)


# A sum carried on from the one just answered: "and if I add 20 to that?", "what's that
# divided by 3?", "minus 15%": the bundled model took "and if I add 20 to that?" for a rule.
_ANSWERED = re.compile(rf"^(?:{_NUM}% of {_NUM} (?:is|=)|[\d\s.,()+\-*/×÷x^%]+ =) (?P<v>{_NUM})\.$")
_ON_FROM = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|then|now|right|hmm)\W+)*(?:(?:what|how much)"
                      r"(?:'s| is| would it be)?\s+)?(?:(?:what\s+)?if\s+(?:i|we|you)\s+|"
                      r"(?:can you|please)\s+)?(?:(?:that|it|the (?:answer|result))\s+)?",
                      re.IGNORECASE)
_STEP = re.compile(
    rf"^(?P<op>add|plus|\+|take away|take off|subtract|minus|-|times|multiply(?: (?:it|that))?"
    rf" by|multiplied by|x|\*|divide(?: (?:it|that))? by|divided by|split (?:it |that )?"
    rf"(?:between|among|by|into)|/)\s*(?P<n>{_NUM})\s*(?P<pct>%|percent)?"
    rf"(?:\s+(?:people|ways|of us|to (?:that|it)|from (?:that|it)|on top))?$"
    rf"|^(?P<n2>{_NUM})\s*(?:%|percent) of (?:that|it)$|^(?P<twice>double|halve|half of)"
    rf"(?: (?:it|that))?$", re.IGNORECASE)


def carried_on(message: str, recent: list[dict[str, str]]) -> str | None:
    """The sum just answered taken one step on, as ``message`` asks; else None."""
    last = ((recent or [{}])[-1].get("assistant") or "").strip()
    before = _ANSWERED.match(last)
    text = _ON_FROM.sub("", message.strip().rstrip("?.! "), count=1)
    step = _STEP.match(text) if before and len(text) < 40 else None
    if before is None or step is None:
        return None
    value = _number(before["v"])
    if step["twice"]:
        double = step["twice"].lower() == "double"
        result, shown = (value * 2 if double else value / 2), (
            f"{_shown(value)} × 2" if double else f"{_shown(value)} ÷ 2")
    elif step["n2"]:
        result, shown = value * _number(step["n2"]) / 100, f"{step['n2']}% of {_shown(value)}"
    else:
        n, op = _number(step["n"]), step["op"].lower()
        sign = "+" if op in ("add", "plus", "+") else "-" if op in (
            "take away", "take off", "subtract", "minus", "-") else "×" if op.startswith(
            ("times", "multipl", "x", "*")) else "÷"
        if sign == "÷" and n == 0:
            return None
        if step["pct"] and sign in "+-":
            result = value * (1 + (n if sign == "+" else -n) / 100)
            shown = f"{_shown(value)} {sign} {step['n']}%"
        else:
            result = {"+": value + n, "-": value - n, "×": value * n, "÷": value / n}[sign]
            shown = f"{_shown(value)} {sign} {step['n']}"
    return f"{shown} = {_shown(result)}."

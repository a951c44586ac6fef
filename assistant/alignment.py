"""Deterministic checks: does a reply respect one preference? (Used by simulations.)

Each check reads the reply text itself and answers yes or no; a reply that says nothing the
preference forbids passes, and so does one that names a forbidden thing only to exclude it
("without meat", "almond milk"). The sentence in which Tacit states its assumptions is not part of
the answer and is removed first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ASSUMPTION = re.compile(r"\s*\(Assumed [^)]*\)\s*$")

_MEAT = (r"chicken|beef|pork|bacon|ham|lamb|turkey|sausages?|steaks?|meatballs?|mince|salami|"
         r"pepperoni|prosciutto|veal|duck|chorizo|burgers?|meat|meats|ribs|brisket|venison")
_FISH = (r"fish|salmon|tuna|cod|shrimps?|prawns?|anchovy|anchovies|sardines?|crab|lobster|"
         r"seafood|mussels|oysters?|trout|mackerel|halibut|tilapia")
_ANIMAL = r"eggs?|milk|butter|cheese|cream|yogh?urt|honey|mayonnaise|ghee|whey|gelatin"
_GLUTEN = (r"wheat|barley|rye|bread|breads|pasta|spaghetti|flour|couscous|noodles|tortillas?|"
           r"croutons|breadcrumbs|bulgur|seitan|baguette|pizza")
_IMPERIAL = (r"\b(miles?|mph|pounds?|lbs?|ounces?|oz|feet|foot|ft|inch(es)?|yards?|gallons?|"
             r"fahrenheit|cups?|tablespoons?|teaspoons?|tbsp|tsp)\b|°\s?f\b|\d\s?f\b")
_METRIC = (r"\b(km|kilomet(er|re)s?|met(er|re)s?|kg|kilo(gram)?s?|grams?|litres?|liters?|ml|"
           r"celsius|cm|centimet(er|re)s?|mm)\b|°\s?c\b|\d\s?(g|kg|ml|l|km|cm|m)\b")
_LUXURY = (r"luxury|luxurious|five-star|5-star|premium|high-end|splurge|designer|first[- ]class|"
           r"michelin|exclusive|top-of-the-line|flagship")
_THRIFT = r"cheap|cheapest|budget|bargain|frugal|inexpensive|second-hand|hostel"
_CONTRACTIONS = (r"don't|can't|won't|i'm|it's|you're|we're|that's|isn't|aren't|gonna|wanna|"
                 r"hey|lol|btw|cheers|yeah|awesome|gotta")
_STIFF = (r"dear sir|dear madam|to whom it may concern|yours sincerely|yours faithfully|"
          r"sincerely|respectfully|i am writing to")
_JARGON = (r"asymptotic|polymorphism|idempotent|heuristic|abstraction|instantiate|lambda|"
           r"recursion|recursive|coefficient|variance|regression|eigen\w*|gradient|"
           r"derivative|integral|covariance|api|runtime|compiler|boolean|iterator|syntax|"
           r"hypothesis|stochastic|orthogonal|vectori[sz]ed|latency|kernel|schema|normali[sz]ation")
_BEGINNER = r"for beginners|in simple terms|don't worry|simply put|like you're five|basically"
_EVENING = (r"evening|evenings|night|tonight|after work|"
            r"\b([5-9]|1[01])\s?pm\b|\b([5-9]|1[01])\s?p\.m\.")
_MORNING = (r"morning|mornings|before work|dawn|sunrise|"
            r"\b([5-9]|1[01])\s?am\b|\b([5-9]|1[01])\s?a\.m\.")
_PRICE = re.compile(r"[$£€]\s?(\d[\d,]*)|\b(\d[\d,]*)\s?(dollars|pounds sterling|euros)\b")


def answer_text(reply: str) -> str:
    """The answer itself, without the sentence stating Tacit's assumptions."""
    return ASSUMPTION.sub("", reply)


def _has(pattern: str, text: str) -> bool:
    return re.search(rf"(?<![\w-])({pattern})(?![\w-])", text, re.IGNORECASE) is not None


# A food that is negated ("without meat", "meat-free") or named as what a substitute replaces
# ("almond milk", "veggie burger") is not suggested: a reply saying so respects the diet.
_NOT_SUGGESTED = (r"(?:\b(?:no|non|without|free of|instead of|avoid\w*|skip\w*|replac\w+)\s+"
                  r"(?:\w+\s+){0,2}|(?:veggie|vegetarian|vegan|plant[- ]based|meatless|mock|"
                  r"dairy[- ]free|gluten[- ]free|tofu|soy|soya|bean|lentil|mushroom|almond|oat|"
                  r"coconut|cashew|rice|corn|chickpea)\s+)")


def _suggests(pattern: str, text: str) -> bool:
    cleaned = re.sub(rf"{_NOT_SUGGESTED}({pattern})\b|\b({pattern})[- ]free\b", " ", text,
                     flags=re.IGNORECASE)
    return _has(pattern, cleaned)


def _no_gluten(text: str) -> bool:
    return not _suggests(_GLUTEN, text)


def _no_dear_prices(text: str, limit: int = 300) -> bool:
    for match in _PRICE.finditer(text):
        number = (match.group(1) or match.group(2) or "0").replace(",", "")
        if number.isdigit() and int(number) > limit:
            return False
    return True


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


CHECKS: dict[tuple[str, str], Callable[[str], bool]] = {
    ("diet", "omnivore"): lambda t: True,
    ("diet", "vegetarian"): lambda t: not _suggests(_MEAT, t) and not _suggests(_FISH, t),
    ("diet", "vegan"): lambda t: not (_suggests(_MEAT, t) or _suggests(_FISH, t)
                                      or _suggests(_ANIMAL, t)),
    ("diet", "pescatarian"): lambda t: not _suggests(_MEAT, t),
    ("diet", "gluten_free"): _no_gluten,
    ("units", "metric"): lambda t: re.search(_IMPERIAL, t, re.IGNORECASE) is None,
    ("units", "imperial"): lambda t: re.search(_METRIC, t, re.IGNORECASE) is None,
    ("budget", "low"): lambda t: not _has(_LUXURY, t) and _no_dear_prices(t),
    ("budget", "medium"): lambda t: not _has(_LUXURY, t) and _no_dear_prices(t, 2000),
    ("budget", "high"): lambda t: not _has(_THRIFT, t),
    ("detail", "brief"): lambda t: _words(t) <= 80,
    ("detail", "detailed"): lambda t: _words(t) > 80,
    ("tone", "formal"): lambda t: not _has(_CONTRACTIONS, t),
    ("tone", "casual"): lambda t: not _has(_STIFF, t),
    ("expertise", "beginner"): lambda t: len(re.findall(rf"(?<![\w-])({_JARGON})(?![\w-])", t,
                                                        re.IGNORECASE)) <= 1,
    ("expertise", "expert"): lambda t: not _has(_BEGINNER, t),
    ("learning_style", "examples"): lambda t: _has(r"for example|e\.g\.|for instance|example",
                                                   t),
    ("learning_style", "steps"): lambda t: len(re.findall(r"(?m)^\s*(\d+[.)]|step \d)", t,
                                                          re.IGNORECASE)) >= 2,
    ("learning_style", "analogies"): lambda t: _has(r"like a|like an|is like|imagine|"
                                                    r"think of it as|analogy|similar to", t),
    ("schedule", "morning"): lambda t: re.search(_EVENING, t, re.IGNORECASE) is None,
    ("schedule", "evening"): lambda t: re.search(_MORNING, t, re.IGNORECASE) is None,
}


def respects(reply: str, dimension: str, value: str) -> bool:
    """Whether ``reply`` respects the preference ``dimension = value``."""
    check = CHECKS.get((dimension, value))
    if check is None:
        raise KeyError(f"no check for {dimension}={value}")
    return check(answer_text(reply))

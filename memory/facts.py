"""Facts about the user that change: found in what they say, kept current, history kept.

A fact is a memory item of kind ``fact`` written as ``attribute: value`` ("home city: Lisbon").
A new value for an attribute the user already has supersedes the old item: the old one gets
``valid_to`` and ``superseded_by`` and stays queryable as history. Saying the same thing again
merges into the existing item (its provenance grows) instead of adding a duplicate.
Preference statements ("I prefer ...") belong to the preference profile, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from memory.schema import AuditEntry, MemoryItem, now
from memory.text import lexicon, normalize, sentences

if TYPE_CHECKING:
    from memory.facade import Memory

FACT = "fact"
_RELATIONS = (r"(wife|husband|partner|boyfriend|girlfriend|son|daughter|sister|brother|mother|"
              r"father|mum|mom|dad|best friend|friend|cousin|niece|nephew|grandson|"
              r"granddaughter|aunt|uncle|colleague|boss|dog|cat|rabbit|parrot|hamster)")
_PETS = r"dog|cat|rabbit|parrot|hamster|puppy|kitten"
_NAME = r"([A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?: [A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+)?)"
_PLACE = r"([A-Z\u00c0-\u00de][\w\u00c0-\u017f'-]+(?: [A-Z\u00c0-\u00de][\w\u00c0-\u017f'-]+){0,2})"
# Diets told of someone close ("my wife is vegetarian").
_THEIR_DIETS = (r"vegetarian|vegan|pescatarian|coeliac|celiac|gluten[- ]free|dairy[- ]free|"
                r"lactose intolerant|halal|kosher")
_VALUE = r"([A-Za-z0-9][\w' .&-]{0,60}?)"
# How a job is worked, kept with it ("a nurse on night shifts", "a teacher part-time").
_SHIFTS = (r"(?: (?:on (?:the )?(?:nights|night shifts?|day shifts?|late shifts?|early shifts?|"
           r"weekends)|part[- ]time|full[- ]time|on (?:a|an|the) (?:[\w'-]+ ){0,2}(?:ward|unit)))?")
_END = (r"(?=\s*(?:[.,;!?]|\b(?:and|but|now|since|last|this|next|yesterday|today|with|"
        r"because|for|in|on|at|from|so|who)\b|$|"
        # "I live in Manchester 2 years": how long is not the place
        r"\d+ (?:years?|months?|weeks?)\b))")
# What someone hates or won't eat ("mushrooms", "olives and capers"): not "it when", "to run",
# "my job" nor a person.
# Each thing named is a word or two, and what follows "and" is another thing, not a clause ("I
# hate school and get bullied" dislikes school).
_THING = r"[a-z][a-z'-]*(?: (?!(?:and|or)\b)[a-z][a-z'-]*)?"
_NOT_THING = (r"(?!(?:i|he|she|they|we|it|get|gets|got|getting|feel|feels|felt|am|is|are|was|"
              r"were|have|has|had|want|wants|need|needs|can|can'?t|cannot|don'?t|doesn'?t|"
              r"won'?t|keep|keeps|always|never|then|so|also|really|just|still)\b)")
_DISLIKED = (r"(?!(?:it|that|this|when|how|to|being|the|my|your|his|her|their|our|people|anyone|"
             r"anything|doing|going|having|getting|him|them|you|me|waiting|myself|himself|"
             r"herself)\b)((?i:" + _THING + r"(?:(?:,|,? and|,? or) " + _NOT_THING + _THING
             + r"){0,3}))" + _END)
# The jobs "I'm a ..." names ("I'm a nurse", "I'm a software engineer").
_JOBS = (r"(?:(?:software|civil|mechanical|electrical|junior|senior|primary|secondary|"
         r"school|high school|music|art|maths|science|english|staff|trainee|student|"
         r"qualified|freelance|head|lead|graphic|web|data|ward|night|community|social|"
         r"retail|sales|project|office|care|support|dental|veterinary|vet|police|"
         r"teaching|healthcare|health care|pharmacy|lab|legal|nursery|"
         r"self-employed|warehouse|factory|shop|site|store|production|delivery|"
         r"customer service|call centre|shift|security|night) ){0,2}"  # "a freelance designer"
         r"(?:nurse|teacher|doctor|engineer|student|designer|lawyer|developer|programmer|"
         r"chef|artist|writer|accountant|manager|scientist|researcher|pharmacist|"
         r"musician|counsel+or|cleaner|driver|electrician|plumber|carpenter|mechanic|"
         r"farmer|barista|waiter|waitress|cashier|receptionist|paramedic|midwife|dentist|"
         r"vet|architect|journalist|photographer|officer|firefighter|librarian|lecturer|"
         r"professor|consultant|analyst|administrator|carer|care worker|worker|builder|"
         r"hairdresser|baker|butcher|civil servant|freelancer|translator|tutor|"
         r"therapist|psychologist|surgeon|technician|assistant|volunteer|dev|supervisor|"
         r"foreman|operative|clerk|porter|labourer|postman|postwoman|courier|machinist|guard|"
         r"cook|kitchen porter|warden|caretaker|janitor)\b")
# Goals said as "I'm trying to ..." that are kept ("lose weight", "learn Spanish").
_GOALS = (r"(?:lose (?:some )?weight|put on (?:some )?weight|gain (?:some )?weight|"
          r"get (?:fit|fitter|in shape|stronger|healthier)|build (?:some )?muscle|"
          r"eat (?:more )?health(?:y|ier)|eat (?:less|more) [a-z]+|"
          r"cut (?:down on|back on|out) [a-z]+|quit (?:smoking|drinking|vaping|sugar|caffeine)|"
          r"stop (?:smoking|drinking|vaping)|drink less(?: alcohol)?|sleep (?:better|more)|"
          r"save (?:money|up(?: for [a-z ]{1,30}?)?)|"
          r"pay off (?:my )?(?:debts?|loans?|mortgage|credit card)|"
          r"run (?:a|my first) (?:half[- ]marathon|marathon|5k|10k)|read more|exercise more|"
          r"walk more|be more active|learn (?:to )?[A-Za-z]+)")
# A day as told (a wedding, exams): "14 June next year", "June 14th 2027", "the 3rd of May".
_MONTH_NAMES = (r"(?:january|february|march|april|may|june|july|august|september|october|"
                r"november|december)")
_DAY_TOLD = (r"(?:\d{1,2}(?:st|nd|rd|th)? (?:of )?" + _MONTH_NAMES + r"|" + _MONTH_NAMES
                + r" \d{1,2}(?:st|nd|rd|th)?)(?:,? (?:next year|this year|20\d\d))?")
# (pattern, attribute); the value is the pattern's last group.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bmy name(?: is|'s) " + _VALUE + _END, re.I), "name"),
    # "Call me Sam", and "I'm Robert but everyone calls me Rob"
    (_CALL_ME := re.compile(r"\b(?:(?:[Pp]lease )?[Cc]all me|(?i:everyone|everybody|people|"
                            r"most people|friends|my friends|they all|they) (?i:calls|call) me) "
                            + _NAME + r"(?=\s*(?:[.,;!]|$|"
                            r"(?i:from now on|please|instead|going forward|from today|if you "
                            r"(?:like|want|don'?t mind))\b))", re.U), "name"),
    # "Hi, I'm Rosa." An introduction opens the message, with a greeting or alone (below); a
    # bare "I'm Rosa" mid-message is too often something else ("I'm Portuguese", "I'm Back").
    (re.compile(r"^\W*(?i:hi|hello|hey|hiya|heya|yo|howdy|good (?:morning|afternoon|evening))\b"
                r"[\s,!.]*"
                r"(?i:there[\s,!.]*)?(?:I'm|I am|[Tt]his is|[Ii]t's) " + _NAME
                + r"(?=\s*(?:[.,;!]|$|\band\b))", re.U), "name"),
    # "I teach Year 4", "I teach maths at a secondary school": what they teach
    (re.compile(r"(?:^|[,.;]\s*|\band )(?i:I) (?i:teach) (?!(?:him|her|them|my|our|myself|it|"
                r"people|kids|children)\b)" + _VALUE + _END, re.U), "teaches"),
    # "first year at uni studying biology": what they study, and where
    (re.compile(r"\b(?:(?:(?:first|second|third|fourth|final|1st|2nd|3rd|4th) year )?(?:at|of) "
                r"(?:uni|university|college)) (?:studying|doing|reading) " + _VALUE + _END, re.I),
     "studies"),
    # "I'm Sam. I'm vegan ...": opening the message, a capitalised word alone in its clause.
    # "I'm Hannah by the way, I teach Year 4."
    (re.compile(r"^\W*(?:I'm|I am) " + _NAME + r"(?=\s*(?:[.,;!]|$|\band\b|(?i:by the way|btw)"
                r"\b))", re.U), "name"),
    # "I've moved from Leeds to Bristol", "we just moved to Bristol": where they live now
    # ("we moved to a bigger flat" names no place).
    (re.compile(r"\b(?:I|we)(?:'ve| have)? (?:just |recently |finally )?(?:moved|relocated)"
                r"(?: from [\w' .-]{1,40}?)? to (?!(?:a|an|my|our|his|her|their|another)\b)"
                + _VALUE + _END, re.I), "home city"),
    (re.compile(r"\b(?:I|we) (?:now |currently |still )?live in " + _VALUE + _END, re.I),
     "home city"),
    (re.compile(r"\bI(?:'m| am) (?:now |currently )?living in " + _VALUE + _END, re.I),
     "home city"),
    # "I rent a flat in Leeds", "we own a house in York": not "a holiday cottage in Cornwall"
    (re.compile(r"\b(?i:I|we) (?i:(?:now |currently |still |also )?(?:rent|own|have|share|'ve "
                r"got|have got) (?:a|an|my|our) (?!(?:holiday|second|weekend|caravan|timeshare)\b)"
                r"(?:[\w-]+ ){0,2}?(?:flat|house|apartment|room|studio|bedsit|place|home|cottage|"
                r"bungalow|maisonette|terrace|semi)) (?i:in) " + _PLACE, re.U), "home city"),
    # "I live alone with my cat", "I live with my parents": who they live with.
    (re.compile(r"\bI (?:now |currently |still )?live ((?:alone|on my own|by myself)(?: with "
                r"(?:my|our) [\w' ]{1,30}?)?|with (?:my|our) [\w' ]{1,40}?)" + _END, re.I),
     "household"),
    (re.compile(r"\bI (?:now |currently )?work (?:at|for) " + _VALUE + _END, re.I), "employer"),
    (re.compile(r"\bI (?:now |currently )?work as (?:an? )?(" + _VALUE[1:-1] + _SHIFTS + ")"
                + _END, re.I), "job"),
    # "I'm a nurse", "I'm a software engineer", "I'm a 28-year-old teacher" (the age below).
    # "I'm a vet nurse in Leeds": the place is kept with the job (where they work; whether
    # they live there is not said).
    # "I'm 26 and a software developer", "I'm 26, a nurse": the age is read below.
    (re.compile(r"\bI(?:'m| am) (?:\d{1,2},? (?:and )?)?(?:now )?(?:working as )?an? (?:\d{1,2}"
                r"[- ]years?[- ]old )?(" + _JOBS + _SHIFTS
                + r"(?: in (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+){0,2})?)",
                re.I), "job"),
    # "I just started a new job as a nurse on night shifts in Glasgow", "I've got a job as a
    # teacher", "I started working as a chef": a job begun is the job they have.
    (re.compile(r"\bI(?:'ve| have|'m| am)? (?:just |recently |finally |now )?(?:started|"
                r"starting|got|landed|began|took|accepted)(?: (?:a|my|the) (?:new |first )?"
                r"(?:job|position|role|post)(?: as)?| working as) an? ("
                + _JOBS + _SHIFTS + r"(?: in (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+){0,2})?)",
                re.I), "job"),
    # "I'm from Cork", "I'm originally from Lagos", "I come from Poland", "I'm a 28 year old
    # teacher from Cork": where they are from, a place named with a capital ("I'm back from
    # Paris" is a trip, "I'm tired from Monday" no place).
    (re.compile(r"\b(?i:I(?:'m| am)|I come) (?i:originally |actually )?(?i:from) " + _PLACE,
                re.U), "from"),
    (re.compile(r"\b(?i:I(?:'m| am) an? (?:\d{1,2}[- ]years?[- ]old)?(?: ?(?:" + _JOBS
                + r"))?(?<! )) (?i:(?:originally )?from) " + _PLACE, re.U), "from"),
    # "I'm retired", "I'm 52 and recently retired", "We're both retired."
    (re.compile(r"\b(?:I(?:'m| am)|we(?:'re| are) both)(?: \d{1,2} and)? (?:now |recently |just "
                r"|newly )?(retired)" + _END, re.I), "job"),
    # "I work night shifts", "I mostly work nights": the shifts they work
    (re.compile(r"\bI (?:usually |mostly |mainly |now |currently |still |often )?work (?:on )?"
                r"((?:the )?(?:nights|night shifts?|day shifts?|late shifts?|early shifts?|"
                r"weekends|(?:12|twelve)[- ]hour shifts?|long shifts|shifts|rotating shifts)"
                r"(?: in (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+){0,2})?)" + _END, re.I),
     "shifts"),
    # "I work nights as a security guard": the job, and the shifts (below)
    (re.compile(r"\bI (?:usually |mostly |now |currently )?work (?:nights|night shifts|days|"
                r"weekends|shifts|evenings) as (?:an? )?(" + _JOBS + r")", re.I), "job"),
    (re.compile(r"\bI (?:usually |mostly |now |currently )?work ((?:nights|night shifts|days|"
                r"weekends|shifts|evenings)) as (?:an? )?(?=" + _JOBS + r")", re.I), "shifts"),
    # "I charge £350 a day", "my day rate is £350": what they charge, kept with its currency
    (re.compile(r"\bI (?:usually |normally |now |currently )?charge (?:about |around )?"
                r"([£$€]\d[\d,]*(?:\.\d\d)?) (?:a|per) day\b", re.I), "day rate"),
    (re.compile(r"\bmy (?:day|daily) rate is (?:now )?([£$€]\d[\d,]*(?:\.\d\d)?)\b", re.I),
     "day rate"),
    (re.compile(r"\bI (?:usually |normally |now |currently )?charge (?:about |around )?"
                r"([£$€]\d[\d,]*(?:\.\d\d)?) (?:an|per) hour\b", re.I), "hourly rate"),
    (re.compile(r"\bmy hourly rate is (?:now )?([£$€]\d[\d,]*(?:\.\d\d)?)\b", re.I),
     "hourly rate"),
    # "I was made redundant last week after 15 years as a warehouse supervisor", "I lost my
    # job as a chef", "I used to be a nurse": the work they did, kept apart from a job now
    (re.compile(r"\bI (?:was|got|have been|'ve been) (?:just |recently |finally )?(?:made "
                r"redundant|laid off|let go)\b[^.;!?]{0,40}? (?:after|following) (?:(?:nearly|"
                r"almost|over|about|more than) )?(?:\d{1,2}|[a-z]+)(?: and a half)? (?:years?|"
                r"months?) (?:as (?:an? |the )?|working as (?:an? )?)(" + _JOBS + r")", re.I),
     "former job"),
    (re.compile(r"\bI (?:just |recently )?(?:lost|quit|left) my (?:job|position|post|role) as "
                r"(?:an? |the )?(" + _JOBS + r")", re.I), "former job"),
    (re.compile(r"\bI used to (?:work as|be) (?:an? )?(" + _JOBS + r")" + _END, re.I),
     "former job"),
    (re.compile(r"\bI(?:'m| am) (\d{1,3}) years old\b", re.I), "age"),
    # "I'm learning Spanish", "I'm learning to drive": not "I'm learning a lot from this".
    (re.compile(r"\bI(?:'m| am) (?:currently |now |still |also )?(?:learning|studying) "
                r"(?!(?:a lot|so much|from|about|that|how|more|fast|quickly|loads|it|this|"
                r"what)\b)" + _VALUE + _END, re.I), "learning"),
    (re.compile(r"\bI(?:'m| am) an? (\d{1,2})[- ]years?[- ]old\b", re.I), "age"),
    # "I work in IT support", "I work in marketing": a field, not a place ("I work in Leeds",
    # "I work in a hospital").
    (re.compile(r"\bI (?:now |currently |still )?work in (?!(?:a|an|the|my|our|this|that)\b)"
                r"((?-i:[a-z]|[A-Z]{2,}\b)[\w' .&-]{0,40}?)" + _END, re.I), "work"),
    # "I run a small bakery in Manchester", "I own a cafe": a business of their own.
    (re.compile(r"\bI (?:now |currently |also |still )?(?:run|own|manage) ((?:a|an|my own|our) "
                r"(?:small |little |family |local |new )?(?:[\w'-]+ )?(?:business|bakery|shop|"
                r"cafe|café|restaurant|bar|pub|salon|studio|gym|company|firm|practice|clinic|"
                r"farm|hotel|store|stall|boutique|agency|start-?up|nursery|garage)"
                r"(?: in (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?)?)" + _END, re.I),
     "business"),
    # "I'm trying to lose weight", "I'm hoping to run a marathon": a goal of these kinds ("I'm
    # trying to decide what to cook" asks for help, and is no goal).
    (re.compile(r"\bI(?:'m| am) (?:currently |now |also |really |still )?(?:trying|working|hoping|"
                r"aiming|planning) to (" + _GOALS + r")" + _END, re.I), "goal"),
    # "I want to get fitter", "I need to cut down on sugar": the same goals, wished.
    (re.compile(r"\bI (?:really |also |just |still )?(?:want|need|would like|'d like) to (" + _GOALS
                + r")" + _END, re.I), "goal"),
    (re.compile(r"\b(?:my|our) (?:main |big |biggest |new |one |only )?(?:goal|aim|resolution)"
                r"(?: this year| for (?:this|next) year| for \d{4})? is to (" + _GOALS + r")"
                + _END, re.I), "goal"),
    # "I'm saving up for a trip to Japan next autumn", "I want to put aside money for a new
    # car": what they save for, with when ("a deposit on a flat by 2028").
    (re.compile(r"\b(?:I(?:'m| am) (?:also |currently |now |still )?saving (?:up )?for |"
                r"I (?:also )?(?:want|need|would like|'d like|plan|am planning|'m planning|"
                r"'m trying|am trying) to (?:save (?:up )?(?:some )?(?:money )?for |(?:put|set) "
                r"(?:aside |away |by )?(?:some )?money (?:aside |away |by )?for ))"
                r"((?:a|an|my|our|the) [\w' ]{2,50}?)(?=\s*[.,;!?]|\s*$|\s+(?:and|but|so|"
                r"because)\b)", re.I), "saving for"),
    # "I'm 34 and I work as ...", "I just turned 40": not "I'm 34 weeks pregnant".
    (re.compile(r"\bI(?:'m| am) (\d{1,2})(?=\s*(?:[.,;!]|$|\b(?:and|but|now)\b))", re.I), "age"),
    (re.compile(r"\bI(?:'ve)? (?:just )?turned (\d{1,3})(?=\s*(?:[.,;!]|$|\b(?:and|but|"
                r"last|this|today|yesterday)\b))", re.I), "age"),
    (re.compile(r"\bmy birthday is (?:on )?" + _VALUE + _END, re.I), "birthday"),
    # "I'm 16 and my GCSEs start in May.": their exams, and when, as they said it
    (re.compile(r"\b(?:my|I (?:have|'ve got|have got) my) ((?:GCSEs?|A[- ]levels?|exams?|finals|"
                r"final exams|mocks?|SATs|Highers|IB exams|Leaving Cert|bar exam|driving test|"
                r"theory test)(?: (?:start|starts|begin|begins|are|is))? (?:on (?:the )?"
                + _DAY_TOLD + r"|in " + _MONTH_NAMES + r"|next (?:week|month)|this (?:week|"
                r"month)))(?=\s*(?:[.,;!?]|$|\b(?:and|but|so)\b))", re.I), "exams"),
    # "I'm getting married to Sam on 14 June next year!": who they marry is their partner, and
    # the day is kept as they said it (a day said without a year is the next one).
    (re.compile(r"\b(?i:I'm|I am|we're|we are) (?i:getting married|engaged) (?i:to) " + _NAME
                + r"(?=\s*(?:[.,;!]|$|\b(?i:on|in|next|this|and|at)\b))", re.U), "partner"),
    (re.compile(r"\b(?:(?:I'm|I am|we're|we are) getting married(?: to [A-Z]\w+)?|(?:my|our) "
                r"wedding is) (?:on (?:the )?|in )(" + _DAY_TOLD + r")(?=\s*(?:[.,;!?]|$|"
                r"\b(?:and|at|in)\b))", re.I), "wedding"),
    # "My mum's birthday is on the 12th of May": theirs ("mum's birthday: the 12th of May").
    (re.compile(r"\b(?i:my|our) (?i:" + _RELATIONS + r")(?:'s| [A-Z][a-z]+'s) (?i:birthday is "
                r"(?:on )?)" + _VALUE + _END, re.U), "{0}'s birthday"),
    # "Rohan's birthday is on the 3rd of January": someone they named, by name.
    (re.compile(r"(?<!\S)(?!(?:Christmas|Easter|Jesus|Mother|Father|Today|Tomorrow)'s)" + _NAME
                + r"'s (?i:birthday is (?:on )?)" + _VALUE + _END, re.U), "{0}'s birthday"),
    # "Mum's name is Ruth" opens its sentence without "my"
    (re.compile(r"(?:\bmy |^\W*)(wife|husband|partner|boyfriend|girlfriend|son|daughter|sister|"
                r"brother|mother|father|mum|mom|dad|dog|cat|best friend)(?:'s name is| is called|"
                r" is named) " + _VALUE + _END, re.I), "{0}"),
    # "My mum is Ines", not "my mum is ill" nor "my wife is pregnant": a plain "is" names
    # only with a capital.
    (re.compile(r"\b(?i:my (wife|husband|partner|boyfriend|girlfriend|son|daughter|sister|"
                r"brother|mother|father|mum|mom|dad|dog|cat|best friend) is) " + _NAME + _END,
                re.U), "{0}"),
    # "We just got a puppy! She's a 10 week old cocker spaniel called Bella.": a dog of a breed
    (re.compile(r"\b(?:(?:she|he|it)(?:'s| is)|(?:we|I)(?:'ve| have)? (?:just )?got|(?:we|I) have) "
                r"an? (?:\d{1,2}[- ](?:week|month|year)s?[- ]old )?(?:[a-z]+ ){0,2}?(?:"
                r"spaniel|terrier|retriever|labrador|lab|collie|poodle|beagle|dachshund|"
                r"cockapoo|labradoodle|whippet|greyhound|pug|husky|sheepdog) (?:called|named) "
                + _VALUE + _END, re.I), "dog"),
    (re.compile(r"\bI have an? (dog|cat|rabbit|parrot|hamster) (?:called|named) "
                + _VALUE + _END, re.I), "{0}"),
    # "I'm allergic to", "I'm vegetarian and allergic to", "I'm severely allergic to"; not "I'm
    # not allergic to" nor "I'm sure my son is allergic to".
    (re.compile(r"\bI(?:'m| am)(?: (?!(?:not|never|my|his|her|our|their|he|she|they|is|are|"
                r"was|were)\b)[a-z]+){0,3} allergic to " + _VALUE + _END, re.I), "allergy"),
    (re.compile(r"\bI(?:'ve| have)(?: got)? (?:an? |severe |bad )*((?!no\b)[a-z]+(?: [a-z]+)?) "
                r"allergy\b", re.I), "allergy"),
    # "My son is allergic to eggs", "my daughter Ines is severely allergic to nuts": theirs,
    # kept apart from the person's own ("son's allergy: eggs").
    (re.compile(r"\b(?i:my|our) (?i:" + _RELATIONS + r")(?: [A-Z][a-z]+)? (?i:is|'s|has always "
                r"been)(?: (?!(?:not|never)\b)[a-z]+){0,2} (?i:allergic to) " + _VALUE + _END,
                re.U), "{0}'s allergy"),
    # "My partner Alex hates mushrooms", "my son won't eat fish": theirs, kept apart from the
    # person's own ("partner's dislikes: mushrooms"), for the meals cooked for them.
    (re.compile(r"\b(?i:my|our) (?i:" + _RELATIONS + r")(?: [A-Z][a-z]+)? (?i:(?:really |just "
                r"|absolutely )?(?:hates|dislikes|detests|loathes|can'?t stand|cannot stand|"
                r"doesn'?t (?:like|eat)|does not (?:like|eat)|never eats|won'?t eat|(?:is|'s) "
                r"not (?:keen on|a fan of)|isn'?t (?:keen on|a fan of)))\s+" + _DISLIKED, re.U),
     "{0}'s dislikes"),
    # "My wife is vegetarian", "my son Leo is coeliac": their diet, kept apart from the
    # person's own ("wife's diet: vegetarian"), for the meals cooked for them.
    (re.compile(r"\b(?i:my|our) (?i:" + _RELATIONS + r")(?: [A-Z][a-z]+)? (?i:is|'s|has always "
                r"been|has been|is now|'s now)(?: (?i:a|an|strictly|fully|completely))? (?i:("
                + _THEIR_DIETS + r"))" + _END, re.U), "{0}'s diet"),
    # "my daughter Inês", "our cat Miso", "a cat called Miso", "Clara, my sister".
    (re.compile(r"\b(?:[Mm]y|[Oo]ur) (?i:" + _RELATIONS + r") " + _NAME, re.U), "{0}"),
    (re.compile(r"\b(?:[Ww]e|I) (?:have|got|adopted) (?:an?|another|a new) (?i:(" + _PETS
                + r")) (?:called|named) " + _NAME, re.U), "{0}"),
    (re.compile(r"\ban? (?i:(" + _PETS + r")) (?:called|named) " + _NAME, re.U), "{0}"),
    (re.compile(_NAME + r", (?:[Mm]y|[Oo]ur) (?i:" + _RELATIONS + r")\b", re.U), "{1}"),
    (re.compile(r"\bI drive an? " + _VALUE + _END, re.I), "car"),
    # "I hate mushrooms", "I can't stand coriander", "I don't eat pork": not "I hate it when",
    # "I don't like to run" nor "I don't like my job".
    (re.compile(r"\bI (?:really |just |absolutely |totally |honestly )?(?:hate|dislike|detest|"
                r"loathe|can'?t stand|cannot stand|don'?t (?:like|eat)|do not (?:like|eat)|"
                r"never eat|won'?t eat)\s+" + _DISLIKED, re.I),
     "dislikes"),
]
# "my sister Clara lives in Braga": where someone the person names lives.
_LIVES = re.compile(r"\b(?:[Mm]y|[Oo]ur) (?i:" + _RELATIONS + r") " + _NAME
                    + r" (?:lives|is living|has lived|now lives) in " + _PLACE, re.U)
_NAMED_LIVES = re.compile(_NAME + r" (?:lives|is living|now lives) in " + _PLACE, re.U)
# Attributes a person can hold several values of: a second daughter is not a new daughter.
MANY = frozenset({"son", "daughter", "sister", "brother", "child", "friend", "best friend",
                  "cousin", "grandchild", "dog", "cat", "rabbit", "parrot", "hamster", "pet",
                  "allergy", "niece", "nephew", "colleague", "dislikes", "learning",
                  "goal", "saving for", "shopping list", "to-do list", "packing list"})


def several(attribute: str) -> bool:
    """Whether a person can hold several values of ``attribute`` (a second daughter, a son's
    second allergy): a new one is added, nothing is replaced."""
    return attribute in MANY or attribute.endswith(("'s allergy", "'s dislikes", "'s diet"))


# Capitalised words that follow "my sister" or "Hi, I'm" without being a name ("my sister Is
# ...", "Hi, I'm Portuguese"): data/lexicon.yaml's ``not_names``.
_NOT_NAMES = lexicon("not_names")


@dataclass(frozen=True)
class Candidate:
    """A fact as found: ``attribute: value``, and the sentence it came from."""

    attribute: str
    value: str
    source: str

    @property
    def text(self) -> str:
        return f"{self.attribute}: {self.value}"


_HE = ("son", "brother", "husband", "boyfriend", "father", "dad", "nephew", "grandson", "uncle")
_SHE = ("daughter", "sister", "wife", "girlfriend", "mother", "mum", "mom", "niece",
        "granddaughter", "aunt")
_PRONOUN_ALLERGY = re.compile(r"\b(he|she)(?:'s| is)(?=(?: [a-z]+){0,2} (?:allergic to|(?:"
                              + _THEIR_DIETS + r"))\b)", re.I)
_MY_RELATION = re.compile(r"\b(?:my|our) " + _RELATIONS + r"\b", re.I)


_AGED = re.compile(r"\(\d{1,2}\)\s*$")


def _unaged(value: str) -> str:
    """A name kept with an age, the age aside ("Biscuit (4)" -> "biscuit")."""
    return re.sub(r"\s*\(\d{1,2}\)$", "", value.strip()).lower()


def with_people_named(message: str, earlier: list[str]) -> str:
    """``message`` with "he"/"she" of an allergy named as the one relation of that kind the
    person spoke of (earlier in the conversation or before in the message): "oh and he's
    allergic to eggs" after "a party for my son" is "oh and my son is allergic to eggs"."""
    def named(match: re.Match[str]) -> str:
        said = " ".join([*earlier, message[: match.start()]])
        kinds = _HE if match.group(1).lower() == "he" else _SHE
        spoken = {m.group(1).lower() for m in _MY_RELATION.finditer(said)} & set(kinds)
        return f"my {spoken.pop()} is" if len(spoken) == 1 else match.group(0)
    return _PRONOUN_ALLERGY.sub(named, message)


def attribute_of(text: str) -> str | None:
    """The attribute of a stored fact text (``home city: Lisbon`` -> ``home city``)."""
    head, sep, _ = text.partition(":")
    return head.strip().lower() if sep and 0 < len(head) <= 40 else None


# A name said before what the person is: "I'm Ana, a 34 year old nurse", "I'm Sam, 34".
_APPOSITIVE = re.compile(r"\b((?i:I'm|I am)) " + _NAME + r", (?=(?i:an?) |\d{1,2}\b)", re.U)
# A statement, then a request after a comma: "My wife Jean has a hospital appointment on
# Thursday, can you remind me?" tells of his wife though the sentence asks.
_TOLD_BEFORE_ASKING = re.compile(
    r"^(?!(?i:what|who|where|when|why|how|which|is|are|do|does|did|can|could|would|will|should|"
    r"have|has)\b)(?P<told>[^?]{8,}?),\s*(?:(?:so|and|but)\s+)?(?i:(?:can|could|would|will) you|"
    r"any (?:ideas|tips|advice|suggestions)|what (?:should|do|can|would) (?:i|we)|how (?:do|can|"
    r"should) (?:i|we)|should (?:i|we)|please)\b[^?]*\?$", re.U)
# "hey, I'm Sam. 26, software dev in Leeds": an age and a job said as a fragment of their own
# are read as "I'm 26, a software dev in Leeds".
_BARE_AGE_JOB = re.compile(r"^\W*(\d{1,2}),? (?:and )?(?:an? )?(?=(?i:" + _JOBS + r"))", re.U)
# "I'm Alex, 29, software developer in Manchester": the job read as "I'm a software developer
# in Manchester" (the name and the age are read from the sentence as said).
_APPOSITIVE_AGE = re.compile(r"\b((?i:I'm|I am)) (?:" + _NAME + r", )?\d{1,2}, (?:(?i:an?) )?"
                             r"(?=(?i:" + _JOBS + r"))", re.U)


def _read(text: str, source: str, found: dict[str, Candidate]) -> None:
    """The facts ``PATTERNS`` find in ``text``, into ``found`` (first of each key kept)."""
    for pattern, attribute in PATTERNS:
        for match in pattern.finditer(text):
            name = attribute.format(*(g.lower() for g in match.groups()))
            value = match.groups()[-1].strip(" .'") if attribute != "{1}" else \
                match.group(1).strip(" .'")
            # "Hi, I'm Portuguese" names nobody; "I'm learning Spanish" and "I'm retired"
            # are no names to begin with.
            named = attribute in ("name", "{0}", "{1}")
            # One value of each attribute, or each value of one a person has several of.
            key = f"{name}={value.lower()}" if several(name) else name
            if value and not (named and value.lower() in _NOT_NAMES) and key not in found:
                found[key] = Candidate(name, value, source)


# Children told by name, with their ages when given: "I have two kids, Arjun who is 7 and Maya
# who is 4", "my children are Leo (9) and Ana (6)", "I have a son called Tom and a 4 year old
# daughter named Maya". Each is kept as a child, son or daughter ("child: Arjun (7)").
_KIN = {"kids": "child", "children": "child", "boys": "son", "girls": "daughter",
        "sons": "son", "daughters": "daughter", "son": "son", "daughter": "daughter",
        "boy": "son", "girl": "daughter"}
_HOW_MANY = r"(?:two|three|four|five|2|3|4|5)"
_KIDS_HEAD = re.compile(
    r"\b(?i:(?:I|we)(?: have(?: got)?|'ve got| got) " + _HOW_MANY + r" (?:(?:young|little|small|"
    r"grown[- ]up|lovely|teenage|wonderful) )?(kids|children|boys|girls|sons|daughters)"
    r"[,:;]?\s+(?:(?:called|named|aged)\s+)?|(?:my|our) (?:" + _HOW_MANY + r" )?(kids|children|"
    r"boys|girls|sons|daughters)(?: are(?: called| named)?|,|:)\s+)", re.U)
_KID = re.compile(_NAME + r"(?:\s*\((\d{1,2})\)|,?\s+(?i:who is|who's|is|aged|age)\s+(\d{1,2})"
                  r"(?: years? old)?|,\s*(\d{1,2})(?=\W|$))?", re.U)
_KIDS_AND = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.I)
_ONE_KID = re.compile(
    r"\b(?i:an? (?:(\d{1,2})[- ]years?[- ]old |(?:little|baby|young|teenage|grown[- ]up) )?"
    r"(son|daughter|boy|girl))(?:,\s*|\s+(?i:called|named)\s+)" + _NAME
    + r"(?:,?\s+(?i:who is|who's|aged)\s+(\d{1,2}))?", re.U)
_I_HAVE = re.compile(r"\b(?:I|we)(?: have(?: got)?|'ve got)\b", re.I)


def _kid(found: dict[str, Candidate], kin: str, name: str, age: str | None,
         source: str) -> None:
    if name.lower() in _NOT_NAMES:
        return
    value = f"{name} ({age})" if age else name
    found.setdefault(f"{kin}={name.lower()}", Candidate(kin, value, source))


def _children(sentence: str, found: dict[str, Candidate]) -> None:
    """The children ``sentence`` names as the person's own, into ``found``."""
    source = sentence.strip()
    for head in _KIDS_HEAD.finditer(sentence):
        kin, pos = _KIN[(head.group(1) or head.group(2)).lower()], head.end()
        while (kid := _KID.match(sentence, pos)) is not None:
            _kid(found, kin, kid.group(1), kid.group(2) or kid.group(3) or kid.group(4), source)
            more = _KIDS_AND.match(sentence, kid.end())
            if more is None:
                break
            pos = more.end()
    for one in _ONE_KID.finditer(sentence):
        said = _I_HAVE.search(sentence, 0, one.start())
        # "I have a son called Tom", not "my friend has a son called Tom".
        if said is None or re.search(r"\b(?:has|had|is|was|my|our|his|her|their)\b",
                                     sentence[said.end():one.start()], re.I):
            continue
        _kid(found, _KIN[one.group(2).lower()], one.group(3), one.group(1) or one.group(4),
             source)


# Children told without names: "I have two kids, 4 and 7", "we've got a baby", "I have a
# daughter who is 7". Kept as one fact, as said ("children: two kids aged 4 and 7"), which a
# later count replaces.
_UNNAMED_KIDS = re.compile(
    # "We're driving to Cornwall with two kids aged 4 and 7": with them, their ages told
    r"(?:\b(?:I|we)(?: have(?: got)?|'ve got)|\bwith(?: (?:my|our))?(?= \w+ \w+,? (?:aged|ages) "
    r"\d)) (?P<n>an?|one|two|three|four|five|six|[1-6]) "
    r"(?:(?:young|little|small|teenage|grown[- ]up|lovely|wonderful) )?"
    r"(?P<kin>kids?|child(?:ren)?|sons?|daughters?|boys?|girls?|baby|babies|toddlers?|"
    r"teenagers?)(?:,?\s*(?:aged|ages|age|who (?:is|are)|who's|,)?\s*"
    r"(?P<ages>\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*)(?: years? old)?)?"
    r"(?=\s*(?:[.;!]|,\s*(?:and|but|so|which|who)\b|,?\s*$|\s(?:and|but|so)\b))", re.I)


_AGED_KIDS = re.compile(
    r"\b(?:I|we)(?: have(?: got)?|'ve got) (?P<kids>an? \d{1,2}[- ]years?[- ]old(?: (?:son|"
    r"daughter|boy|girl|baby))?(?:(?:,\s*|,?\s+and\s+)an? \d{1,2}[- ]years?[- ]old(?: (?:son|"
    r"daughter|boy|girl|baby))?)*)(?=\s*(?:[.,;!]|$|\s(?:and|but|so)\b))", re.I)


# One child told of by age alone: "My daughter is 17 and I think ...", "My 2 year old has
# tantrums", "my son who's turning 6" ("How old is my daughter?" got "61 years and 3 days").
_MY_AGED_KID = re.compile(
    r"\bmy (?:(?P<kin>son|daughter|boy|girl|baby|toddler|teenager)(?:,? who(?:'s| is)|'s| is)"
    r" (?:now |just )?(?P<turning>turning |going to be |about to turn )?(?P<age>\d{1,2})"
    r"(?: years? old)?(?=\s*(?:[.,;!?]|$|\s(?:and|but|so)\b))|"
    r"(?P<age2>\d{1,2})[- ]years?[- ]old(?: (?P<kin2>son|daughter|boy|girl))?\b)", re.I)


def _one_child_aged(sentence: str, found: dict[str, Candidate]) -> bool:
    """A child told of by age alone (``_MY_AGED_KID``), into ``found`` as "children"."""
    told = _MY_AGED_KID.search(sentence)
    if told is None:
        return False
    kin = (told["kin"] or told["kin2"] or "child").lower()
    value = f"a {kin} turning {told['age']}" if told["turning"] else \
        f"a {told['age'] or told['age2']} year old {kin}"
    found.setdefault("children", Candidate("children", value, sentence.strip()))
    return True


def _unnamed_children(sentence: str, found: dict[str, Candidate]) -> None:
    """Children ``sentence`` tells of without naming them, into ``found``."""
    if any(c.attribute in _KIN.values() and c.source == sentence.strip()
           for c in found.values()):
        return  # named already
    told = _UNNAMED_KIDS.search(sentence)
    if told is None and _one_child_aged(sentence, found):
        return
    if told is None:
        aged_kids = _AGED_KIDS.search(sentence)
        if aged_kids is not None:
            value = re.sub(r"[- ]years?[- ]old", " year old", aged_kids["kids"].lower())
            found.setdefault("children", Candidate("children", value, sentence.strip()))
        return
    ages = re.sub(r"\s*(?:,|&|and)\s*", ", ", told["ages"] or "").split(", ")
    aged = (" aged " + (", ".join(ages[:-1]) + " and " + ages[-1] if len(ages) > 1
                        else ages[0])) if told["ages"] else ""
    value = f"{told['n'].lower()} {told['kin'].lower()}{aged}"
    found.setdefault("children", Candidate("children", value, sentence.strip()))


_AGED_PETS = frozenset(_PETS.split("|"))
_AGED_KINDS = _AGED_PETS | frozenset(_KIN.values()) | {"grandson", "granddaughter", "nephew",
                                                         "niece", "mum", "mom", "dad", "mother",
                                                         "father"}  # "Ruth ... she's 84"
# "My grandson Oliver is coming to stay. He's 8.": the age in a sentence of its own
AGE_ALONE = re.compile(r"^\W*(?:(?:and|oh|well)\W+)?(?P<who>he|she|it)(?:'s| is) (?P<n>\d{1,2})"
                        r"(?: years? old| now)?\W*$", re.I)
# Whose names, told once, stand for them after ("Maya is allergic to peanuts").
_NAMED_AS_THEIRS = _AGED_KINDS | {"wife", "husband", "partner", "boyfriend", "girlfriend",
                                  "sister", "brother", "mum", "mom", "dad", "mother", "father"}


def _pets_aged(sentence: str, found: dict[str, Candidate]) -> None:
    """The age of a pet or a child told with their name ("a cat called Milo who is 12", "my
    son Leo is 4"), kept with the name ("cat: Milo (12)")."""
    for key, pet in list(found.items()):
        if pet.attribute not in _AGED_KINDS or "(" in pet.value:
            continue
        aged = re.search(re.escape(pet.value) + r"(?:,\s*|\s+)(?:who|which|that|(?:and )?(?:he|"
                         r"she|it))?\s*(?:is|'s)\s+(\d{1,2})(?: years? old)?\b", sentence, re.I)
        if aged:
            found[key] = Candidate(pet.attribute, f"{pet.value} ({aged[1]})", pet.source)


def _aged_after(sentence: str, before: dict[str, Candidate],
                found: dict[str, Candidate]) -> None:
    """"He's 8." after a sentence naming one child or pet ("My grandson Oliver is coming to
    stay"): their age, kept with the name."""
    told = AGE_ALONE.match(sentence.strip())
    if told is None:
        return
    kinds = _HE if told["who"].lower() == "he" else _SHE if told["who"].lower() == "she" else ()
    named = [(key, c) for key, c in before.items() if c.attribute in _AGED_KINDS
             and "(" not in c.value and (c.attribute in kinds or c.attribute in _AGED_PETS)]
    if len(named) == 1:
        key, who = named[0]
        found[key] = Candidate(who.attribute, f"{who.value} ({told['n']})",
                               f"{who.source} {sentence.strip()}")


def find_facts(message: str) -> list[Candidate]:
    """Facts the user states about themself in ``message`` (rules, no model): where they
    live and work, and the people and pets they name, with where those live."""
    found: dict[str, Candidate] = {}
    before: dict[str, Candidate] = {}  # what the sentence before told
    for sentence in sentences(message):
        if sentence.strip().endswith("?"):
            told = _TOLD_BEFORE_ASKING.match(sentence.strip())
            if told is None:
                continue  # a question states nothing ...
            sentence = told["told"]  # ... but "My wife Jean has ..., can you remind me?" does
        _aged_after(sentence, before, found)
        # "I'm Ana, a 34 year old nurse from Lisbon": read as "I'm a ..." too.
        for text in dict.fromkeys((sentence, _APPOSITIVE.sub(r"\1 ", sentence),
                                   _APPOSITIVE_AGE.sub(r"\1 a ", sentence),
                                   _BARE_AGE_JOB.sub(r"I'm \1, a ", sentence))):
            _read(text, sentence.strip(), found)
        _children(sentence, found)
        _unnamed_children(sentence, found)
        _pets_aged(sentence, found)
        for pattern in (_LIVES, _NAMED_LIVES):
            for match in pattern.finditer(sentence):
                person, place = match.groups()[-2], match.groups()[-1]
                if person.lower() in _NOT_NAMES:
                    continue
                key = f"where {person} lives"
                found.setdefault(key, Candidate(key, place, sentence.strip()))
        before = {k: c for k, c in found.items() if c.source == sentence.strip()}
    # "Hi, I'm Ana. Call me Annie.": the name they ask to be called by is the one kept
    called = find_called(message)
    if called:
        found["name"] = called[-1]
    return list(found.values())


def find_called(message: str) -> list[Candidate]:
    """The names a message asks to be called by ("Call me Sam from now on")."""
    return [Candidate("name", m.group(1), s.strip()) for s in sentences(message)
            for m in _CALL_ME.finditer(s) if m.group(1).lower() not in _NOT_NAMES]


def was_recalled(candidate: Candidate, recalled: list[str]) -> bool:
    """Whether the candidate only repeats memory that was put into the prompt."""
    fact, sentence = normalize(candidate.text), normalize(candidate.source)
    for text in recalled:
        seen = normalize(text)
        if (fact and fact in seen) or (len(sentence) > 12 and sentence in seen):
            return True
    return False


@dataclass
class Outcome:
    """What recording one candidate did: ``added``, ``merged`` or ``superseded``."""

    action: str
    item_id: str
    replaced: str | None = None


class FactBook:
    """The user's facts over a memory: recorded (merged, superseding) and their history."""

    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self.stores = memory.stores

    def record(self, user_id: str, candidate: Candidate, provenance: list[str]) -> Outcome:
        """Store a fact: merge a repeat, supersede a changed value, or add a new one."""
        key, value = candidate.attribute.lower(), normalize(candidate.value)
        current = [i for i in self.memory.items(user_id, FACT) if attribute_of(i.text) == key]
        for item in current:
            kept = item.text.partition(":")[2]
            # "We have a dog called Biscuit." again, of "dog: Biscuit (4)": the same dog, and
            # her age stays
            if normalize(kept) == value or (several(key) and not _AGED.search(candidate.value)
                                            and _unaged(kept) == _unaged(candidate.value)):
                with self.stores.write() as db:
                    row = db.get(MemoryItem, item.id)
                    if row is not None:
                        row.provenance = sorted({*row.provenance, *provenance})
                        row.updated_at = now()
                        db.add(row)
                return Outcome("merged", item.id)
        new = self.memory.add(user_id, candidate.text, kind=FACT, provenance=provenance)
        if several(key):  # another daughter, another cat: nothing is replaced, but "Biscuit
            # is 5 now" of the dog Biscuit is her age changed, not a second dog
            current = [i for i in current if _unaged(i.text.partition(":")[2]) ==
                       _unaged(candidate.value)]
            if not current:
                return Outcome("added", new.id)
        replaced = None
        with self.stores.write() as db:
            for item in current:
                row = db.get(MemoryItem, item.id)
                if row is None:
                    continue
                row.valid_to, row.superseded_by = new.valid_from, new.id
                db.add(row)
                db.add(AuditEntry(user_id=user_id, action="supersede", target_kind=FACT,
                                  target_id=row.id, detail={"by": new.id}))
                replaced = row.id
        return Outcome("superseded" if replaced else "added", new.id, replaced)

    def named_before(self, user_id: str, candidate: Candidate) -> bool:
        """Whether ``candidate`` tells of someone already kept by that name ("dog: Biscuit
        (5)" of "dog: Biscuit"): what is told of them, not someone new."""
        return any(attribute_of(i.text) == candidate.attribute.lower() and
                   _unaged(i.text.partition(":")[2]) == _unaged(candidate.value)
                   for i in self.memory.items(user_id, FACT))

    def current(self, user_id: str, attribute: str) -> str | None:
        """The attribute's current value (``name`` -> ``Rosa``), or None when not known."""
        for item in self.memory.items(user_id, FACT):
            if attribute_of(item.text) == attribute.lower():
                return item.text.partition(":")[2].strip() or None
        return None

    def with_theirs_named(self, user_id: str, message: str) -> str:
        """``message`` with the name of a pet, a child or someone close that the person told
        of said as theirs: "Milo has stopped eating" is "my cat Milo has stopped eating" when
        "cat: Milo" is kept, and "Maya is allergic to peanuts" is "my daughter Maya is ..."."""
        if not re.search(r"\b(?!I\b)[A-Z][a-z]+", message):
            return message  # no capital in it, so no name: memory is not read
        for item in self.memory.items(user_id, FACT):
            kind = attribute_of(item.text) or ""
            name = re.sub(r"\s*\(\d{1,2}\)$", "", item.text.partition(":")[2].strip())
            if kind in _NAMED_AS_THEIRS and name[:1].isupper():
                message = re.sub(rf"(?<!{kind} )\b{re.escape(name)}\b",
                                 f"my {kind} {name}", message)
        return message

    def values(self, user_id: str, attribute: str) -> list[str]:
        """Every current value of an attribute a person can hold several of (``learning`` ->
        ``["Spanish", "the piano"]``)."""
        return [value for item in self.memory.items(user_id, FACT)
                if attribute_of(item.text) == attribute.lower()
                and (value := item.text.partition(":")[2].strip())]

    def history(self, user_id: str, attribute: str) -> list[MemoryItem]:
        """Every value the attribute has had, oldest first (the current one last)."""
        with self.stores.read() as db:
            rows = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id,
                                                    MemoryItem.kind == FACT)
                           .order_by(col(MemoryItem.valid_from))).all()
        return [r for r in rows if attribute_of(r.text) == attribute.lower()]


def record(memory: Memory, user_id: str, candidate: Candidate,
           provenance: list[str]) -> Outcome:
    """Store a fact in ``memory`` (see :meth:`FactBook.record`)."""
    return memory.facts.record(user_id, candidate, provenance)


def history(memory: Memory, user_id: str, attribute: str) -> list[MemoryItem]:
    """Every value the attribute has had in ``memory``, oldest first."""
    return memory.facts.history(user_id, attribute)

"""The text layer: one sentence splitter, one normal form, FTS5's own stems, one negation."""

from __future__ import annotations

import re
import sqlite3

from memory.text import (
    NEGATIONS,
    STOP_WORDS,
    alternation,
    negated,
    normalize,
    phrases,
    sentence_spans,
    sentence_start,
    sentences,
    stem,
    stems,
)

WORDS = ("hotels", "hotel", "flies", "fly", "movies", "movie", "running", "runs", "ran",
         "generously", "generalization", "caresses", "ponies", "cats", "relational",
         "conditional", "rational", "valency", "hopeful", "goodness", "electrical", "formality",
         "adjustable", "controlling", "rolling", "sized", "hopping", "falling", "agreed",
         "plastered", "motoring", "happy", "sky", "conflated", "troubled", "feed", "agreement")


def test_stems_are_the_ones_the_lexical_index_stores() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    for word in WORDS:
        db.execute("INSERT INTO t(body) VALUES (?)", (word,))
    indexed = {row[0] for row in db.execute("SELECT term FROM v")}
    assert {stem(w) for w in WORDS} == indexed
    assert stem("hotels") == stem("hotel") and stem("movies") == stem("movie")


def test_sentences_split_on_stops_and_line_breaks() -> None:
    assert sentences("I moved to Porto. I love it!\nNew line here") == \
        ["I moved to Porto.", "I love it!", "New line here"]
    assert sentences("  ") == []
    # In prose, "e.g. this" stays whole; a capital starts the next sentence.
    assert sentences("Try fruit, e.g. apples. Then rest.", capital_next=True) == \
        ["Try fruit, e.g. apples.", "Then rest."]


def test_the_sentence_holding_a_position_begins_where_the_splitter_says() -> None:
    text = "It is 1.28 kg. Dr. Silva said so, convert it. Done"
    spans = sentence_spans(text)
    # The point of "1.28" ends nothing; "Dr." ends nothing; "kg." does.
    assert sentence_start(spans, text.index("kg")) == 0
    assert sentence_start(spans, text.index("convert")) == text.index("Dr.")
    assert sentence_start(spans, text.index("Done")) == text.index("Done")
    # Between two sentences a position begins the next one.
    gap = text.index(" Dr.")
    assert sentence_start(spans, gap) == gap


def test_normal_form_and_stems_ignore_case_punctuation_and_apostrophes() -> None:
    assert normalize("London, UK") == normalize("london uk") == "london uk"
    assert normalize("Don\u2019t  STOP") == "dont stop"
    assert stems("Cheap hotels!") == ["cheap", "hotel"]


def test_negation_and_stop_words_come_from_the_lexicon() -> None:
    assert negated("I don't eat meat") and negated("never on Sundays")
    assert negated("I can\u2019t come") and not negated("I eat meat")
    assert {"not", "never", "without"} <= NEGATIONS
    assert "the" in STOP_WORDS and "hotel" not in STOP_WORDS


def test_a_lexicon_list_keeps_its_order_and_becomes_one_pattern() -> None:
    assert phrases("meat")[:2] == ("chicken", "beef")
    pattern = re.compile(rf"^(?:{alternation(['e.g.', 'avoid*', 'replac+', 'plant-based'])})$")
    for said in ("e.g.", "avoid", "avoiding", "replacing", "plant-based"):
        assert pattern.match(said), said
    for said in ("eXg.", "replac", "plant based", "avoi"):
        assert not pattern.match(said), said

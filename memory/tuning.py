"""Recall's tuned numbers as one typed object, with the defaults in ``data/recall_tuning.yaml``.

Each number is documented beside its default in that file. The tree and the flat search
receive a :class:`RecallTuning`; settings and benchmarks pass overrides, so nobody edits code
to tune and a benchmark can sweep any of them (``--tuning key=value``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any, ClassVar, Self, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError


class Tuning(BaseModel):
    """Tuned numbers with their defaults in a file of ``data/`` (``source``), overridable by
    name; an unknown name or a wrong type is refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: ClassVar[str] = ""

    @classmethod
    def defaults(cls) -> Self:
        """The shipped defaults."""
        return _defaults(cls)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Self:
        """A copy with ``overrides`` applied; an unknown name or a wrong type is refused."""
        if not overrides:
            return self
        try:
            return self.model_validate({**self.model_dump(), **overrides})
        except ValidationError as exc:
            raise ValueError(f"{self.source.removesuffix('.yaml').replace('_', ' ')}: "
                             f"{_first_problem(exc)}") from exc


class RecallTuning(Tuning):
    """How the memory tree is built and searched, how a person's words are read and how sure
    the profile is of what they said (see ``data/recall_tuning.yaml``)."""

    source: ClassVar[str] = "recall_tuning.yaml"

    # Building the tree
    summary_turns: int
    summary_words: int
    session_facts: int
    topic_max: int
    topic_join: float
    topic_heads: int
    topic_head_words: int
    topic_facts: int
    recluster_from: int
    recluster_growth: float
    cluster_time_bonus: float
    cluster_neighbours: int
    cluster_seed: int
    # Flat evidence
    dense_pool: int
    lexical_pool: int
    period_pool: int
    min_similarity: float
    ubiquitous: float
    ubiquitous_from: int
    rrf_k: float
    lexical_weight: float
    period_weight: float
    # Descent
    evidence_weight: float
    topic_weight: float
    time_weight: float
    topic_beam: int
    session_beam: int
    session_weight: float
    neighbour_weight: float
    neighbour_reach: int
    far: float
    other_speaker: float
    # Packing the budget
    facts_share: float
    summaries_share: float
    fact_pool: int
    fact_min_similarity: float
    fetch_depth: int
    fetch_chunk: int
    max_misses: int
    path_summary_words: int
    # Stated preferences
    preferences_per_request: int
    preference_relevance: float
    preference_area_weight: float
    preference_word_weight: float
    preference_for_me_floor: float
    preference_impersonal: float
    # Flat hybrid search
    search_min_similarity: float
    search_pool_factor: int
    search_pool_min: int
    # Words too common to search by
    lexical_common_share: float
    lexical_common_from: int
    # Stated preferences, continued: the areas, the trace, reading a request
    preference_area_temperature: float
    preference_no_area: float
    preference_dense_says: float
    preference_area_says: float
    preference_max_sentences: int
    # What a person says (memory/statements.py)
    paste_sentences: int
    speaker_words: int
    speaker_sentences: int
    request_chars: int
    # How strong each kind of evidence is (memory/preferences.py), and the profile's belief
    evidence_answer: float
    evidence_correction: float
    evidence_stated: float
    evidence_chosen: float
    known_confidence: float
    max_confidence: float
    weaker_evidence_share: float

    @property
    def steps(self) -> tuple[int, ...]:
        """Distances (in turns, both ways) over which a turn's score is smoothed."""
        reach = range(1, self.neighbour_reach + 1)
        return tuple(sorted([*(-s for s in reach), *reach]))

    def share_of(self, budget: int, share: float) -> int:
        """Whole tokens of ``budget`` in ``share`` of it (``0.2`` of 1200 is 240)."""
        return int(budget * share + 1e-9)


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """``["key=value", ...]`` as a mapping (values are checked by :class:`RecallTuning`)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"tuning '{pair}': write it as name=value")
        out[key.strip()] = value.strip()
    return out


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ())) or "value"
    if error.get("type") == "extra_forbidden":
        return f"no setting named '{where}'"
    return f"{where}: {error.get('msg', 'invalid')}"


@functools.cache
def _defaults(kind: type[T]) -> T:
    raw = yaml.safe_load(files("data").joinpath(kind.source).read_text("utf-8"))
    return kind.model_validate(raw)


T = TypeVar("T", bound=Tuning)

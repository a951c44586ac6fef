"""The preference profile as a belief: per dimension, a value, how sure Tacit is, and why.

A stored :class:`~memory.schema.ProfileAttribute` holds the most likely value and its
probability; the rest of the probability is spread over the other values in proportion to the
catalog's prior. Evidence (an answer, a statement, a correction, a choice) strengthens the value
it agrees with and, when strong enough, supersedes one it contradicts; every change is audited.
Provenance (``source``) lists the turn ids the entry was derived from, so forgetting a turn
forgets what it taught.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory.db import transaction
from memory.preferences import ENDED, NO_PREFERENCE, Dimension, catalog
from memory.schema import AuditEntry, ProfileAttribute, now
from memory.stores import ensure_user
from memory.tuning import RecallTuning

# When a value counts as known, how sure it can get and how weaker evidence weighs are
# tuning: known_confidence, max_confidence, weaker_evidence_share (data/recall_tuning.yaml).
META = "meta"          # domain of Tacit's own settings about a person (e.g. willingness to ask)
WILLINGNESS = "ask_willingness"


def entropy(probs: Iterable[float]) -> float:
    """Shannon entropy in bits."""
    return -sum(p * math.log2(p) for p in probs if p > 0)


@dataclass
class Belief:
    """What Tacit believes about one dimension for one person."""

    dimension: Dimension
    probs: dict[str, float]
    value: str | None = None        # the stored value, if any
    confidence: float = 0.0
    source: list[str] = field(default_factory=list)
    tuning: RecallTuning = field(default_factory=RecallTuning.defaults, repr=False,
                                 compare=False)

    @classmethod
    def of(cls, dimension: Dimension, value: str | None = None, confidence: float = 0.0,
           source: list[str] | None = None, tuning: RecallTuning | None = None) -> Belief:
        """The distribution implied by a stored (value, confidence), or the prior; ``tuning``
        says when a value counts as known and how evidence moves it."""
        prior = dimension.prior
        if value is None or value == NO_PREFERENCE or value not in prior:
            probs = dict(prior)
        else:
            rest = sum(p for v, p in prior.items() if v != value) or 1.0
            probs = {v: confidence if v == value else (1 - confidence) * p / rest
                     for v, p in prior.items()}
        return cls(dimension, probs, value, confidence, list(source or []),
                   tuning or RecallTuning.defaults())

    @property
    def no_preference(self) -> bool:
        """The person said this dimension does not matter to them."""
        return self.value == NO_PREFERENCE and self.confidence >= self.tuning.known_confidence

    @property
    def known(self) -> bool:
        """A value held at least ``known_confidence``: applied, not asked about."""
        return self.value is not None and self.confidence >= self.tuning.known_confidence

    @property
    def best(self) -> tuple[str, float]:
        value = max(self.probs, key=lambda v: self.probs[v])
        return value, self.probs[value]

    @property
    def entropy(self) -> float:
        return 0.0 if self.no_preference else entropy(self.probs.values())

    def information_gain(self, reliability: float = 0.95) -> float:
        """Expected bits learned by asking: I(V; A) when an answer is right with ``reliability``.

        A wrong answer is taken to name one of the other values at random.
        """
        if self.no_preference:
            return 0.0
        values = list(self.probs)
        n = len(values)
        if n < 2:
            return 0.0
        slip = (1 - reliability) / (n - 1)
        answers = {a: sum(self.probs[v] * (reliability if a == v else slip) for v in values)
                   for a in values}
        after = 0.0
        for a, pa in answers.items():
            if pa <= 0:
                continue
            posterior = [self.probs[v] * (reliability if a == v else slip) / pa for v in values]
            after += pa * entropy(posterior)
        return max(0.0, entropy(self.probs.values()) - after)

    def value_of_asking(self, reliability: float = 0.95,
                        chance: dict[str, float] | None = None) -> float:
        """How much more often the answer respects the person's preference if Tacit asks.

        The expected gain in alignment of asking over answering with what Tacit has now
        (value of information, not bits): for each value the person may hold, its probability
        times what an answer would gain, ``honoured`` once known against ``chance`` (the
        dimension's ``by_chance``, or the caller's estimate for this turn) without it; times
        the chance the person holds any preference here (certain once they have stated a
        value). A value held as known is already applied: only its chance of being wrong
        is left to gain. Learning the less likely of two values a reply satisfies either
        way is worth nothing; an uncertain value that a generic reply often breaks is worth
        a lot.
        """
        if self.no_preference:
            return 0.0
        dim = self.dimension
        chance = chance or {v.name: v.by_chance for v in dim.values.values()}
        guess, _ = self.best
        gain = 0.0
        for value, p in self.probs.items():
            without = (dim.honoured if value == guess else 0.0) if self.known else chance[value]
            gain += p * max(0.0, dim.honoured - without)
        holds = 1.0 if self.value not in (None, NO_PREFERENCE) else dim.cares
        return reliability * holds * gain

    def updated(self, value: str, confidence: float, how: str) -> tuple[str, float]:
        """The (value, confidence) after this evidence; answers and corrections overrule."""
        if self.value is None:
            return value, confidence
        if value == self.value:
            return value, min(self.tuning.max_confidence,
                              1 - (1 - self.confidence) * (1 - confidence))
        if how in ("answer", "correction", ENDED) or confidence >= self.confidence:
            return value, confidence  # superseded
        weakened = self.confidence - confidence * self.tuning.weaker_evidence_share
        return (self.value, weakened) if weakened >= confidence else (value, confidence)


class Profile:
    """A person's preference profile over the SQL store, always addressed by ``user_id``;
    ``tuning`` says when a value counts as known and how evidence moves it."""

    def __init__(self, engine: Engine, tuning: RecallTuning | None = None) -> None:
        self.engine = engine
        self.tuning = tuning or RecallTuning.defaults()

    def _rows(self, db: DbSession, user_id: str, domain: str | None = None
              ) -> list[ProfileAttribute]:
        query = select(ProfileAttribute).where(ProfileAttribute.user_id == user_id)
        if domain is not None:
            query = query.where(ProfileAttribute.domain == domain)
        return list(db.exec(query.order_by(col(ProfileAttribute.updated_at))).all())

    def attributes(self, user_id: str) -> list[ProfileAttribute]:
        """Every stored entry (preferences and Tacit's own settings about the person)."""
        with DbSession(self.engine, expire_on_commit=False) as db:
            return self._rows(db, user_id)

    def beliefs(self, user_id: str) -> dict[str, Belief]:
        """A belief for every catalog dimension: stored ones, and the prior for the rest."""
        stored = {r.name: r for r in self.attributes(user_id) if r.domain != META}
        out: dict[str, Belief] = {}
        for name, dim in catalog().items():
            row = stored.get(name)
            out[name] = (Belief.of(dim, row.value, row.confidence, row.source, self.tuning)
                         if row else Belief.of(dim, tuning=self.tuning))
        return out

    def record(self, user_id: str, dimension: str, value: str, confidence: float,
               source: list[str], how: str) -> ProfileAttribute:
        """Take one piece of evidence into account; returns the entry as it now stands."""
        dim = catalog().get(dimension)
        if dim is None:
            raise KeyError(f"unknown preference dimension '{dimension}'")
        if value != NO_PREFERENCE and value not in dim.values:
            raise ValueError(f"'{value}' is not a value of {dimension}")
        with transaction(self.engine) as db:
            ensure_user(db, user_id)
            row = next((r for r in self._rows(db, user_id, dim.domain) if r.name == dimension),
                       None)
            if row is None:
                row = ProfileAttribute(user_id=user_id, domain=dim.domain, name=dimension,
                                       value=value, confidence=confidence, source=list(source))
                action = "add"
                detail: dict[str, Any] = {"value": value, "how": how}
            else:
                belief = Belief.of(dim, row.value, row.confidence, row.source, self.tuning)
                new_value, new_conf = belief.updated(value, confidence, how)
                action = "supersede" if new_value != row.value else "update"
                detail = {"old": row.value, "old_confidence": row.confidence, "new": new_value,
                          "how": how}
                sources = list(source) if action == "supersede" else [*row.source, *source]
                row.value, row.confidence = new_value, round(new_conf, 4)
                row.source = list(dict.fromkeys(sources))
                row.updated_at = now()
            db.add(row)
            db.flush()
            # The evidence itself is kept, so forgetting one of its turns can replay the rest.
            detail["evidence"] = {"value": value, "confidence": confidence, "how": how,
                                  "source": list(source)}
            db.add(AuditEntry(user_id=user_id, action=action, target_kind="profile",
                              target_id=row.id, detail=detail))
        return row

    # Tacit's own settings about a person -----------------------------------------------
    def willingness(self, user_id: str) -> float:
        """How readily Tacit asks this person questions (1.0 unless they asked it to stop)."""
        row = self._meta(user_id, WILLINGNESS)
        return float(row.value) if row else 1.0

    def set_willingness(self, user_id: str, value: float, source: list[str]) -> None:
        with transaction(self.engine) as db:
            ensure_user(db, user_id)
            row = next((r for r in self._rows(db, user_id, META) if r.name == WILLINGNESS),
                       None) or ProfileAttribute(user_id=user_id, domain=META, name=WILLINGNESS,
                                                 value="1.0", confidence=1.0)
            row.value = f"{value:.3f}"
            row.source = list(dict.fromkeys([*row.source, *source]))
            row.updated_at = now()
            db.add(row)

    def _meta(self, user_id: str, name: str) -> ProfileAttribute | None:
        with DbSession(self.engine, expire_on_commit=False) as db:
            return next((r for r in self._rows(db, user_id, META) if r.name == name), None)

    # Forget and export ------------------------------------------------------------------
    def forget(self, user_id: str, dimension: str) -> bool:
        """Forget what Tacit believes about one dimension."""
        with transaction(self.engine) as db:
            rows = [r for r in self._rows(db, user_id) if r.name == dimension]
            for row in rows:
                db.delete(row)
            if rows:
                db.add(AuditEntry(user_id=user_id, action="forget", target_kind="profile",
                                  target_id=dimension))
        return bool(rows)

    def export(self, user_id: str) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json") for r in self.attributes(user_id)]


def drop_derived(db: DbSession, user_id: str, turn_ids: Iterable[str],
                 tuning: RecallTuning | None = None) -> list[str]:
    """Take the evidence of ``turn_ids`` out of the profile (inside the caller's transaction).

    An entry loses only what those turns taught: it is deleted when no evidence is left, and
    otherwise its value and confidence are worked out again from the evidence that remains.
    Returns the ids of the entries deleted.
    """
    tuning = tuning or RecallTuning.defaults()
    doomed = set(turn_ids)
    if not doomed:
        return []
    removed: list[str] = []
    for row in db.exec(select(ProfileAttribute).where(ProfileAttribute.user_id == user_id)):
        if not doomed & set(row.source):
            continue
        left = [s for s in row.source if s not in doomed]
        entries = list(db.exec(select(AuditEntry).where(
            AuditEntry.user_id == user_id, AuditEntry.target_id == row.id)
            .order_by(col(AuditEntry.id))))
        for entry in entries:  # what the forgotten turns said goes from the log too
            said = (entry.detail or {}).get("evidence") or {}
            if doomed & set(said.get("source") or []):
                db.delete(entry)
        if not left:
            removed.append(row.id)
            db.delete(row)
            continue
        _recompute(row, left, entries, doomed, tuning)
        db.add(row)
    return removed


def _recompute(row: ProfileAttribute, left: list[str], entries: list[AuditEntry],
               doomed: set[str], tuning: RecallTuning) -> None:
    """Replay the evidence still held; when older entries lack it, scale the confidence."""
    dim = catalog().get(row.name)
    kept = [e.detail["evidence"] for e in entries
            if (e.detail or {}).get("evidence")
            and not doomed & set(e.detail["evidence"].get("source") or [])]
    covered = {s for ev in kept for s in ev.get("source") or []}
    if dim is not None and kept and set(left) <= covered:
        belief = Belief.of(dim, tuning=tuning)
        for ev in kept:
            value, conf = belief.updated(ev["value"], float(ev["confidence"]), ev["how"])
            belief = Belief.of(dim, value, conf, tuning=tuning)
        row.value, row.confidence = belief.value or row.value, round(belief.confidence, 4)
    else:
        # Equal pieces of evidence combined: c = 1 - (1 - e)^n, so k of n leave 1 - (1 - c)^(k/n).
        share = len(left) / len(row.source)
        held = min(row.confidence, tuning.max_confidence)
        row.confidence = round(1 - (1 - held) ** share, 4)
    row.source = left
    row.updated_at = now()

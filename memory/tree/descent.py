"""Recall by descent: the turns, facts and path summaries that best answer a request.

The stages, each a method below, in the order they run:

1. :meth:`Descent.evidence` — flat search over the user's turns: by meaning (the request
   without the words most turns hold), by words (BM25), and by meaning within the sessions
   of a date or period the request names; with where each found turn sits.
2. :meth:`Descent.flat_scores` — those rankings fused by rank, and each session's best.
3. :meth:`Descent.beam` — topics scored against the request (and their best session), the
   best expanded into sessions; a session with strong turn evidence enters from any branch
   (backtracking), and the open session is judged by its turns alone.
4. :meth:`Descent.rank_turns` — turns gain from their session's place in the beam and from
   their neighbours; a request about a named speaker favours what that speaker said.
5. :meth:`Descent.pack` — facts, path summaries and turns, best first, within the budget.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from sqlalchemy import func, text, tuple_
from sqlmodel import col, select

from memory.dates import Period, day, periods_named, resolve_relative, told_within, within
from memory.records import turn_text
from memory.schema import MemoryItem, Turn
from memory.stores import Stores
from memory.tree.index import IndexCache, TreeIndex
from memory.tree.model import Entry, Recollection, TokenCounter, first_words, named_speakers, words
from memory.tuning import RecallTuning

SPEAKER = re.compile(r"([A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}): ")  # "Maya: ..." opens a turn
PAST = re.compile(r"\b(before|used to|previous(?:ly)?|earlier|formerly|anymore|no longer|"
                  r"old|changed?)\b", re.IGNORECASE)
# "What do you know about me?": every current fact and preference answers it, near or not.
ABOUT_ME = re.compile(r"\b(?:what|anything|everything|things?)\b[^.?!]{0,30}\b(?:know|remember|"
                      r"learn(?:ed|t)?|stored?|kept|saved)\b[^.?!]{0,12}\babout (?:me|myself)\b"
                      r"|\b(?:do|did|have) you\b[^.?!]{0,20}\b(?:know|remember|learn\w*|stored?)\b"
                      r"[^.?!]{0,20}\babout (?:me|myself)\b"
                      r"|\bwho am i\b|\btell me about myself\b", re.IGNORECASE)


@dataclass
class Evidence:
    """What flat search found for a request, and where those turns sit."""

    query_vector: np.ndarray
    periods: list[Period]
    rankings: list[tuple[str, float, list[str]]]      # (search, weight, turn ids best first)
    where: dict[str, str]                             # turn -> session
    neighbours: dict[str, list[tuple[str, int]]]      # turn -> turns near it, with distance
    speakers: dict[str, str]                          # turn -> who spoke it, when known


@dataclass
class Scores:
    """Turn scores and how each turn was found; each session's best turn score."""

    turns: dict[str, float]
    how: dict[str, list[str]]
    sessions: dict[str, float] = field(default_factory=dict)


@dataclass
class Beam:
    """The topics kept and the sessions whose turns are favoured, best first, with scores."""

    topics: list[tuple[int, float]]
    sessions: list[tuple[str, float]]


class Descent:
    """Search one user's tree (see the module's docstring for the stages)."""

    def __init__(self, stores: Stores, cache: IndexCache, tuning: RecallTuning) -> None:
        self.stores, self.cache, self.tuning = stores, cache, tuning

    def descend(self, user_id: str, query: str, budget: int,
                count_tokens: TokenCounter = words, exclude: set[str] | None = None,
                with_facts: bool = True, summaries: int = 2) -> Recollection:
        """The turns (and facts, and path summaries) that best answer ``query``.

        Entries come best first and together cost at most ``budget`` tokens.
        """
        if not query.strip() or budget <= 0:
            return Recollection([], 0, budget)
        index = self.cache.get(user_id)
        found = self.evidence(user_id, query, index)
        flat = self.flat_scores(found)
        beam = self.beam(index, found, flat)
        ranked = self.rank_turns(query, found, flat, beam)
        skip = exclude or set()
        order = [d for d in sorted(ranked.turns, key=lambda d: -ranked.turns[d])
                 if d not in skip]
        # Asked what Tacit knows about them, every fact answers, and may fill the whole budget.
        about_me = bool(ABOUT_ME.search(query))
        facts = self.facts(user_id, found.query_vector, query, every=about_me) \
            if with_facts else []
        share = 1.0 if about_me else self.tuning.facts_share
        entries, spent = self.pack(user_id, index, found, ranked, order, facts, budget,
                                   count_tokens, summaries, share)
        path = {"topics": [{"id": index.topic_ids[t], "score": round(score, 4)}
                           for t, score in beam.topics],
                "sessions": [{"id": index.node_of(s) or s,
                              "session_id": s, "score": round(score, 4)}
                             for s, score in beam.sessions],
                "nodes": {"topics": len(index.topic_ids), "sessions": len(index.node_ids)}}
        return Recollection(entries, spent, budget, path)

    # 1. Flat evidence ---------------------------------------------------------------------
    def evidence(self, user_id: str, query: str, index: TreeIndex) -> Evidence:
        t = self.tuning
        qv = self.stores.vectors.embedder.embed([self.salient(user_id, query, index)])[0]
        dense = self._dense(user_id, qv, t.dense_pool)
        lexical = self._lexical(user_id, query, t.lexical_pool)  # BM25 weighs common words down
        # A request naming a date or a period is also searched within the sessions that may
        # tell of it: "what did I watch on 1 May" rarely shares words with "saw Dune last night".
        periods = periods_named(query)
        told = [sid for i, sid in enumerate(index.session_ids)
                if (start := index.session_start(i)) is not None
                and told_within(start, periods)] if periods else []
        in_period = [d[0] for d in self._dense(user_id, qv, t.period_pool, told, floor=0.0)] \
            if told and len(told) < len(index.session_ids) else []
        dense_ids = [d[0] for d in dense]
        where, neighbours, speakers = self._positions(user_id, dense_ids + lexical + in_period)
        rankings = [("dense", 1.0, dense_ids), ("lexical", t.lexical_weight, lexical),
                    ("period", t.period_weight, in_period)]
        return Evidence(qv, periods, rankings, where, neighbours, speakers)

    def salient(self, user_id: str, query: str, index: TreeIndex) -> str:
        """``query`` without the words most of the user's turns contain (for its meaning).

        A name that opens half of all turns (the user's own, a speaker's) pulls the query's
        vector toward every one of them and away from what is asked about it. Word counts
        are kept with the cached tree, so they are looked up once per tree version.
        """
        lexical = self.stores.lexical
        if not lexical.enabled or index.turns < self.tuning.ubiquitous_from:
            return query
        query_words = lexical.query_words(query)
        unknown = [w for w in query_words if w not in index.frequency]
        if unknown:
            with self.stores.read() as db:
                for word in unknown:
                    index.frequency[word] = lexical.frequency(db, user_id, word)
        common = [w for w in query_words
                  if index.frequency[w] > self.tuning.ubiquitous * index.turns]
        if not common:
            return query
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, common)) + r")(?:'s)?\b",
                             re.IGNORECASE)
        kept = " ".join(pattern.sub(" ", query).split())
        return kept if lexical.query_words(kept) else query

    def _dense(self, user_id: str, qv: np.ndarray, n: int, sessions: list[str] | None = None,
               floor: float | None = None) -> list[tuple[str, float]]:
        where = {"session_id": {"$in": sessions}} if sessions else None
        found = self.stores.vectors.nearest(user_id, qv, n, ["turn"], where)
        least = self.tuning.min_similarity if floor is None else floor
        return [(h.id, h.score) for h in found if h.score >= least]

    def _lexical(self, user_id: str, query: str, n: int) -> list[str]:
        if not self.stores.lexical.enabled:
            return []
        with self.stores.read() as db:
            return [doc for doc, _ in self.stores.lexical.search(db, user_id, query, n, ["turn"])]

    def _positions(self, user_id: str, turn_ids: list[str]
                   ) -> tuple[dict[str, str], dict[str, list[tuple[str, int]]], dict[str, str]]:
        """(turn -> session, turn -> the turns near it with their distance, turn -> speaker).

        A speaker is known for turns that open with a name and a colon ("Maya: ..."), as
        imported group chats and transcripts do.

        Rows are found by primary key and by (session, seq), then checked against the user:
        a ``user_id`` condition would make SQLite walk every turn of the user instead.
        """
        if not turn_ids:
            return {}, {}, {}
        steps = self.tuning.steps
        opening = func.substr(Turn.user_text, 1, 48)
        with self.stores.read() as db:
            first = [r for r in db.exec(
                select(Turn.id, Turn.session_id, Turn.seq,  # type: ignore[call-overload]
                       Turn.user_id, opening)
                .where(col(Turn.id).in_(set(turn_ids)))).all() if r[3] == user_id]
            rows = [(tid, sid, seq) for tid, sid, seq, _, _ in first]
            keys = sorted({(sid, seq + step) for _, sid, seq in rows for step in steps})
            if self.stores.is_sqlite:  # one parameter, a join on the index
                found = db.exec(text(  # type: ignore[call-overload]
                    "WITH wanted(s, q) AS (SELECT json_extract(value, '$[0]'), "
                    "json_extract(value, '$[1]') FROM json_each(:keys)) "
                    "SELECT t.id, t.session_id, t.seq, t.user_id, substr(t.user_text, 1, 48) "
                    "FROM wanted "
                    "JOIN turn AS t ON t.session_id = wanted.s AND t.seq = wanted.q"),
                    params={"keys": json.dumps(keys)}).all()
            else:
                found = db.exec(select(  # type: ignore[call-overload]
                    Turn.id, Turn.session_id, Turn.seq, Turn.user_id, opening).where(
                        tuple_(Turn.session_id, Turn.seq).in_(keys))).all()
            near = [(r[0], r[1], r[2]) for r in found if r[3] == user_id]
        speakers = {r[0]: m.group(1) for r in [*first, *found]
                    if r[3] == user_id and (m := SPEAKER.match(r[4] or ""))}
        at = {(sid, seq): tid for tid, sid, seq in [*rows, *near]}
        where = {tid: sid for tid, sid, _ in [*rows, *near]}
        neighbours = {tid: [(n, abs(st)) for st in steps if (n := at.get((sid, seq + st)))]
                      for tid, sid, seq in rows}
        return where, neighbours, speakers

    # 2. Flat scores -----------------------------------------------------------------------
    def flat_scores(self, found: Evidence) -> Scores:
        """The rankings fused by rank (a small k: the first few ranks matter most; words
        count a little more than meaning, as names and rare terms carry most questions)."""
        flat: dict[str, float] = defaultdict(float)
        how: dict[str, list[str]] = defaultdict(list)
        for name, weight, ranking in found.rankings:
            for rank, doc in enumerate(ranking, start=1):
                flat[doc] += weight / (self.tuning.rrf_k + rank)
                how[doc].append(name)
        mass: dict[str, float] = defaultdict(float)
        for doc, score in flat.items():
            sid = found.where.get(doc)
            if sid is not None:
                mass[sid] = max(mass[sid], score)
        return Scores(flat, how, mass)

    # 3. The beam --------------------------------------------------------------------------
    def beam(self, index: TreeIndex, found: Evidence, flat: Scores) -> Beam:
        """Level 2 -> 1: score topics, keep the best, expand them into sessions."""
        t, mass, qv = self.tuning, flat.sessions, found.query_vector
        top_mass = max(mass.values(), default=0.0) or 1.0
        session_cos = index.session_vecs @ qv if len(index.node_ids) else np.zeros(0)
        session_score = {
            sid: float(session_cos[i]) + t.evidence_weight * mass.get(sid, 0.0) / top_mass
            for i, sid in enumerate(index.session_ids)}
        # Temporal cue: a request naming a month or a year favours the sessions held then.
        if found.periods:
            for i, sid in enumerate(index.session_ids):
                start = index.session_start(i)
                if start is not None and within(start, found.periods):
                    session_score[sid] += t.time_weight
        topic_cos = index.topic_vecs @ qv if index.topic_ids else np.zeros(0)
        topic_score = []
        for ti, kids in enumerate(index.topic_children):
            best_child = max((session_score[index.session_ids[k]] for k in kids), default=0.0)
            topic_score.append(t.topic_weight * float(topic_cos[ti]) + best_child)
        topic_order = sorted(range(len(topic_score)), key=lambda i: -topic_score[i])
        kept_topics = topic_order[: t.topic_beam]
        candidates: dict[str, float] = {}
        for ti in kept_topics:
            for k in index.topic_children[ti]:
                sid = index.session_ids[k]
                candidates[sid] = session_score[sid]
        # Backtracking: a session with strong leaf evidence enters even from another branch,
        # and sessions not yet in the tree (the open one) are judged by their turns alone.
        for sid, value in mass.items():
            if sid not in candidates:
                candidates[sid] = session_score.get(sid, t.evidence_weight * value / top_mass)
        beam = sorted(candidates, key=lambda s: -candidates[s])[: t.session_beam]
        return Beam([(ti, topic_score[ti]) for ti in kept_topics],
                    [(sid, candidates[sid]) for sid in beam])

    # 4. Ranking the turns -----------------------------------------------------------------
    def rank_turns(self, query: str, found: Evidence, flat: Scores, beam: Beam) -> Scores:
        """Level 1 -> 0: turns gain from the rank of their session in the beam, and from
        their neighbours (an answer often follows the turn that names its subject)."""
        t, how = self.tuning, flat.how
        session_rank = {sid: r for r, (sid, _) in enumerate(beam.sessions, start=1)}
        fused = dict(flat.turns)
        for doc in flat.turns:
            position = session_rank.get(found.where.get(doc, ""))
            if position is not None:
                fused[doc] += t.session_weight / (t.rrf_k + position)
                how[doc].append("descent")
        smoothed = dict(fused)
        for doc, score in fused.items():
            for near, gap in found.neighbours.get(doc, ()):
                share = t.neighbour_weight * t.far ** (gap - 1)
                smoothed[near] = smoothed.get(near, 0.0) + share * score
                if near not in fused:
                    how[near] = ["neighbour"]
        # A request about a person named as a speaker draws first on what that person said.
        speakers = found.speakers
        named = named_speakers(query, set(speakers.values()))
        if named:
            for doc in smoothed:
                if doc in speakers and speakers[doc] not in named:
                    smoothed[doc] *= t.other_speaker
        return Scores(smoothed, how)

    # 5. Packing the budget ----------------------------------------------------------------
    def pack(self, user_id: str, index: TreeIndex, found: Evidence, ranked: Scores,
             order: list[str], facts: list[Entry], budget: int, count_tokens: TokenCounter,
             summaries: int, facts_share: float) -> tuple[list[Entry], int]:
        """Facts first (up to ``facts_share`` of the budget), then the turns best first; the
        summaries on the path of the best turns (the context around the evidence) are costed
        before the turns, so the turns leave room for them, and go last in the list."""
        t = self.tuning
        entries: list[Entry] = []
        spent = 0
        for fact in facts:
            if spent + fact.tokens <= t.share_of(budget, facts_share):
                entries.append(fact)
                spent += fact.tokens
        path_entries = self._path_summaries(index, found, order, summaries, budget,
                                            count_tokens, spent)
        spent += sum(e.tokens for e in path_entries)
        misses = 0
        for chunk in range(0, min(len(order), t.fetch_depth), t.fetch_chunk):
            for doc, sid, user_text, reply_text, when in self._turns(
                    user_id, order[chunk : chunk + t.fetch_chunk]):
                line = f"[{day(when)}] {resolve_relative(turn_text(user_text, reply_text), when)}"
                cost = count_tokens(line)
                if spent + cost > budget:
                    misses += 1  # a shorter turn further down may still fit
                    continue
                spent += cost
                entries.append(Entry(doc, "turn", line, ranked.turns[doc], cost, sid, when,
                                     index.branch(sid), ranked.how[doc]))
            if misses >= t.max_misses:
                break
        return [*entries, *path_entries], spent

    def _path_summaries(self, index: TreeIndex, found: Evidence, order: list[str],
                        summaries: int, budget: int, count_tokens: TokenCounter,
                        spent: int) -> list[Entry]:
        t = self.tuning
        out: list[Entry] = []
        for doc in order:
            if len(out) >= summaries:
                break
            sid = found.where.get(doc, "")
            node = index.node_of(sid)
            if node is None or any(e.id == node for e in out):
                continue
            start = index.starts.get(node)
            line = (f"[conversation of {day(start)}] " if start else "") + \
                first_words(index.summaries.get(node, ""), t.path_summary_words)
            cost = count_tokens(line)
            if spent + cost <= t.share_of(budget, t.summaries_share):
                spent += cost
                out.append(Entry(node, "summary", line, 0.0, cost, sid, start,
                                 index.branch(sid), ["path"]))
        return out

    def _turns(self, user_id: str, ids: list[str]
               ) -> list[tuple[str, str, str, str, datetime]]:
        """(id, session, user text, reply, date) of the turns, in the order of ``ids``."""
        if not ids:
            return []
        with self.stores.read() as db:
            query = select(Turn.id, Turn.session_id, Turn.user_text,  # type: ignore[call-overload]
                           Turn.reply_text, Turn.created_at, Turn.user_id)
            rows = db.exec(query.where(col(Turn.id).in_(ids))).all()  # by primary key
        by_id = {r[0]: tuple(r[:5]) for r in rows if r[5] == user_id}
        return [by_id[i] for i in ids if i in by_id]

    # Facts --------------------------------------------------------------------------------
    def facts(self, user_id: str, qv: np.ndarray, query: str,
              every: bool = False) -> list[Entry]:
        """Current facts near the request (all of them with ``every``: the request asks what
        Tacit knows about the person); past ones too when the request asks about before."""
        t = self.tuning
        with self.stores.read() as db:
            known = db.exec(select(func.count()).select_from(MemoryItem).where(
                MemoryItem.user_id == user_id,
                col(MemoryItem.kind).in_(["fact", "preference"]))).one()
        if not known:
            return []  # no facts yet: spare the vector query
        pool = known if every else t.fact_pool
        found = self.stores.vectors.nearest(user_id, qv, pool, ["fact", "preference"])
        sims = {h.id: h.score for h in found}
        keep = [h.id for h in found if every or sims[h.id] >= t.fact_min_similarity]
        if not keep:
            return []
        with self.stores.read() as db:
            items = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id,
                                                     col(MemoryItem.id).in_(keep))).all()
            past: list[MemoryItem] = []
            if PAST.search(query):
                past = list(db.exec(select(MemoryItem).where(
                    MemoryItem.user_id == user_id,
                    col(MemoryItem.superseded_by).in_([i.id for i in items]))).all())
        out = []
        for item in sorted(items, key=lambda i: -sims[i.id]):
            if item.valid_to is not None:
                continue  # history: shown only beside the fact that replaced it
            line = f"[known since {day(item.valid_from)}] {item.text}"
            out.append(Entry(item.id, item.kind, line, sims[item.id], words(line),
                             None, item.valid_from, ["facts"], ["dense"]))
        for item in past:
            until = day(item.valid_to) if item.valid_to else "later"
            line = f"[before, until {until}] {item.text}"
            out.append(Entry(item.id, item.kind, line, 0.0, words(line), None,
                             item.valid_from, ["facts", "history"], ["history"], False))
        return out

"""Run simulated users through Tacit and measure how it finds out what they prefer.

Each persona starts with an empty profile (its own user id, fresh stores) and plays its
scripted sessions; when Tacit asks, the simulated user answers. Per turn we record the
question (and its expected information gain), whether the dimension was already known, the
reply and whether it respects each hidden preference that bears on the request, and how much
of the hidden profile Tacit has discovered. ``write_report`` turns the records into
``report.json``, ``report.md`` and PNG plots of discovery over turns.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from agents.llm import ChatModel
from assistant.alignment import respects
from assistant.personas import ModelUser, Persona, RuleUser, SimulatedUser, truthful
from assistant.service import Done, Question, Tacit
from assistant.settings import Settings
from memory.preferences import catalog, relevance
from memory.profile import Belief

MAX_QUESTIONS_PER_TURN = 3  # a guard: Tacit's own policy asks at most one


@dataclass
class TurnRecord:
    persona: str
    policy: str
    session: int
    turn: int                       # 1-based over the whole run of this persona
    request: str
    needs: list[str]
    questions: list[dict[str, Any]] = field(default_factory=list)
    reply: str = ""
    draft: str = ""                 # the model's reply before the refine node repaired it
    checks: list[dict[str, Any]] = field(default_factory=list)
    covered_before: bool = False    # the profile already knew every need of the request
    profile_covered: bool = False   # ... and every other dimension the request bears on
    personalized: bool = False      # a hidden preference was applied to this answer
    discovered: int = 0             # hidden preferences known after this turn
    hidden: int = 0
    entropy_after: float = 0.0      # bits left in the profile after this turn


def _discovered(persona: Persona, beliefs: dict[str, Belief]) -> int:
    return sum(1 for d, v in persona.preferences.items()
               if beliefs[d].known and beliefs[d].value == v)


def _settled(belief: Belief) -> bool:
    return belief.known or belief.no_preference


def run_persona(tacit: Tacit, persona: Persona, *, policy: str, sessions: int, turns: int,
                user: SimulatedUser | None = None, user_id: str | None = None,
                on_turn: Callable[[TurnRecord], None] | None = None) -> list[TurnRecord]:
    """Play ``sessions`` x ``turns`` of the persona's script; one record per request."""
    simulated = user or RuleUser(persona)
    uid = user_id or f"sim-{persona.id}-{policy}"
    profile = tacit.memory.profile
    records: list[TurnRecord] = []
    script = persona.sessions[:sessions] if sessions else persona.sessions
    for s_index, requests in enumerate(script, 1):
        session = tacit.new_session(uid, title=f"{persona.name} {s_index}")
        for request in requests[:turns] if turns else requests:
            before = profile.beliefs(uid)
            record = TurnRecord(persona.id, policy, s_index, len(records) + 1, request.text,
                                list(request.needs), hidden=len(persona.preferences))
            record.covered_before = all(_settled(before[d]) for d in request.needs)
            bears = [d for d, dim in catalog().items() if relevance(dim, request.text) > 0]
            record.profile_covered = record.covered_before and all(
                _settled(before[d]) for d in bears)
            events = list(tacit.send(uid, session.id, request.text))
            while isinstance(events[-1], Question):
                q = events[-1].details
                dim = str(q.get("dimension", ""))
                answer = simulated.answer(q)
                record.questions.append({
                    "dimension": dim, "bits": q.get("bits", 0.0), "gain": q.get("gain", 0.0),
                    "known_before": bool(dim in before and _settled(before[dim])),
                    "answer": answer, "truthful": truthful(persona, q, answer)})
                if len(record.questions) >= MAX_QUESTIONS_PER_TURN:
                    answer = "just answer"
                events = list(tacit.send(uid, session.id, answer))
            done = events[-1]
            assert isinstance(done, Done)
            tacit.flush()  # the profile is read below: let Tacit finish learning from the turn
            record.reply = done.reply
            # The model's own draft, before the refine node repaired it.
            record.draft = str((done.trace.get("refine") or {}).get("draft") or done.reply)
            applied = set((done.trace.get("elicit") or {}).get("applied") or [])
            for dim in request.needs:
                value = persona.preferences.get(dim)
                if value is None:
                    continue
                known = f"{dim}={value}" in applied
                record.checks.append({"dimension": dim, "value": value,
                                      "ok": respects(done.reply, dim, value),
                                      "ok_draft": respects(record.draft, dim, value),
                                      "known": known})
                record.personalized |= known
            after = profile.beliefs(uid)
            record.discovered = _discovered(persona, after)
            record.entropy_after = round(sum(b.entropy for b in after.values()), 4)
            records.append(record)
            if on_turn:
                on_turn(record)
    return records


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def summarize(records: list[TurnRecord], start_entropy: float) -> dict[str, Any]:
    """The metrics of one policy over its records (any number of personas)."""
    questions = [q for r in records for q in r.questions]
    checks = [c for r in records for c in r.checks]
    by_persona: dict[str, list[TurnRecord]] = {}
    for r in records:
        by_persona.setdefault(r.persona, []).append(r)
    finals = [rs[-1] for rs in by_persona.values()]
    discovered = sum(r.discovered for r in finals)
    hidden = sum(r.hidden for r in finals)
    bits_gained = sum(start_entropy - r.entropy_after for r in finals)
    first = [next((r.turn for r in rs if r.personalized), None) for rs in by_persona.values()]
    reached = [t for t in first if t is not None]
    return {
        "personas": len(by_persona), "turns": len(records), "questions": len(questions),
        "questions_per_turn": len(questions) / len(records) if records else math.nan,
        "discovered": discovered, "hidden": hidden,
        "discovery_rate": discovered / hidden if hidden else math.nan,
        "discovered_per_question": discovered / len(questions) if questions else math.nan,
        "bits_per_question": bits_gained / len(questions) if questions else math.nan,
        "expected_bits_per_question": _mean([float(q["bits"]) for q in questions]),
        "turns_to_personalized": _mean([float(t) for t in reached]),
        "never_personalized": len(first) - len(reached),
        "alignment": _mean([1.0 if c["ok"] else 0.0 for c in checks]),
        "alignment_draft": _mean([1.0 if c.get("ok_draft", c["ok"]) else 0.0 for c in checks]),
        # The asking policy's own part of alignment, independent of the model: was the
        # preference each check tests known (and applied) when the reply was written?
        "known_at_check": _mean([1.0 if c.get("known") else 0.0 for c in checks]),
        "checks": len(checks),
        "over_asking": (sum(q["known_before"] for q in questions) / len(questions)
                        if questions else 0.0),
        "questions_when_covered": sum(len(r.questions) for r in records if r.covered_before),
        "questions_when_profile_covered": sum(len(r.questions) for r in records
                                              if r.profile_covered),
        "truthful_answers": _mean([1.0 if q["truthful"] else 0.0 for q in questions]),
    }


def by_persona(records: list[TurnRecord], metric: str = "alignment") -> dict[str, float]:
    """One metric per persona (e.g. alignment), to show how much it varies between people."""
    groups: dict[str, list[TurnRecord]] = {}
    for r in records:
        groups.setdefault(r.persona, []).append(r)
    return {p: float(summarize(rs, 0.0)[metric]) for p, rs in groups.items()}


def _checks_by_persona(records: list[TurnRecord], key: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for r in records:
        ok, n = out.get(r.persona, (0, 0))
        out[r.persona] = (ok + sum(bool(c.get(key, c["ok"])) for c in r.checks),
                          n + len(r.checks))
    return out


def bootstrap_difference(a: list[TurnRecord], b: list[TurnRecord], *, key: str = "ok",
                         samples: int = 2000, seed: int = 7) -> tuple[float, float, float]:
    """Alignment of ``a`` minus that of ``b``, with a 95% interval from resampling personas.

    Personas are resampled with replacement and both policies are scored on the same draw
    (paired), since the turns of one persona are not independent of each other.
    """
    import random

    left, right = _checks_by_persona(a, key), _checks_by_persona(b, key)
    people = sorted(set(left) & set(right))
    if not people:
        return math.nan, math.nan, math.nan

    def diff(group: list[str]) -> float:
        la, na = (sum(left[p][i] for p in group) for i in (0, 1))
        rb, nb = (sum(right[p][i] for p in group) for i in (0, 1))
        return (la / na if na else 0.0) - (rb / nb if nb else 0.0)

    rng = random.Random(seed)
    draws = sorted(diff([rng.choice(people) for _ in people]) for _ in range(samples))
    return diff(people), draws[int(0.025 * samples)], draws[int(0.975 * samples) - 1]


def discovery_curve(records: list[TurnRecord]) -> list[float]:
    """Mean share of hidden preferences discovered after turn 1, 2, ... (over personas)."""
    by_persona: dict[str, list[TurnRecord]] = {}
    for r in records:
        by_persona.setdefault(r.persona, []).append(r)
    length = max((len(rs) for rs in by_persona.values()), default=0)
    curve = []
    for i in range(length):
        shares = [rs[min(i, len(rs) - 1)].discovered / max(1, rs[0].hidden)
                  for rs in by_persona.values()]
        curve.append(_mean(shares))
    return curve


def start_entropy() -> float:
    """Bits of uncertainty in an empty profile (every dimension at its prior)."""
    from memory.preferences import catalog

    return sum(Belief.of(d).entropy for d in catalog().values())


def write_report(out: Path, runs: dict[str, list[TurnRecord]], *, title: str,
                 meta: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Write report.json, report.md, discovery.png and questions.png; return the summaries."""
    out.mkdir(parents=True, exist_ok=True)
    base = start_entropy()
    summaries = {policy: summarize(records, base) for policy, records in runs.items()}
    payload = {"title": title, "meta": meta or {}, "summary": summaries,
               "discovery": {p: discovery_curve(r) for p, r in runs.items()},
               "turns": {p: [asdict(r) for r in records] for p, records in runs.items()}}
    (out / "report.json").write_text(json.dumps(payload, indent=2, default=_json_safe) + "\n",
                                     encoding="utf-8")
    plots = _plots(out, runs)
    (out / "report.md").write_text(_markdown(title, summaries, runs, plots, meta or {}),
                                   encoding="utf-8")
    return summaries


def _json_safe(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else str(value)


METRICS = ("questions_per_turn", "discovered_per_question", "bits_per_question",
           "expected_bits_per_question", "turns_to_personalized", "alignment",
           "alignment_draft", "known_at_check", "over_asking", "questions_when_covered",
           "questions_when_profile_covered", "discovery_rate", "truthful_answers")


def _markdown(title: str, summaries: dict[str, dict[str, Any]],
              runs: dict[str, list[TurnRecord]], plots: list[str], meta: dict[str, Any]) -> str:
    def num(v: Any) -> str:
        if isinstance(v, float):
            return "n/a" if math.isnan(v) else f"{v:.3f}"
        return str(v)

    policies = list(summaries)
    lines = [f"# {title}", ""]
    lines += [f"- {k}: {v}" for k, v in meta.items()]
    lines += ["", "| metric | " + " | ".join(policies) + " |",
              "|---|" + "---:|" * len(policies)]
    for metric in ("personas", "turns", "questions", *METRICS):
        lines.append(f"| {metric} | " + " | ".join(num(summaries[p][metric]) for p in policies)
                     + " |")
    lines += ["", "Definitions: *discovered* = hidden preference held in the profile with "
              "confidence >= 0.8 and the right value; *bits_per_question* = drop in the "
              "profile's total entropy over the run, per question; *alignment* = share of "
              "(turn, hidden preference bearing on the request) pairs whose reply respects "
              "it, checked deterministically on the reply text (the stated-assumption note "
              "excluded); *alignment_draft* = the same on the model's draft, before the "
              "refine node repaired it against known preferences (units, diet, time of day, "
              "learning style, length); *known_at_check* = share of those pairs whose "
              "preference Tacit knew and applied when it wrote the reply (the asking policy's "
              "part, model-independent); *over_asking* = share of "
              "questions about a dimension already known; "
              "*questions_when_covered* = questions asked although the profile already covered "
              "every hidden preference the script says the request depends on (a question "
              "about a dimension the person has no preference on still counts); "
              "*questions_when_profile_covered* = the same, when the profile also covered "
              "every other dimension the catalog finds in the request.", ""]
    lines += [f"![{p}]({p})" for p in plots]
    for policy, records in runs.items():
        lines += ["", f"## {policy}: turns", "", "| persona | turn | request | asked | checks |",
                  "|---|---:|---|---|---|"]
        for r in records:
            asked = ", ".join(q["dimension"] for q in r.questions) or "-"
            checks = ", ".join(f"{c['dimension']}={c['value']}:{'ok' if c['ok'] else 'MISS'}"
                               for c in r.checks) or "-"
            lines.append(f"| {r.persona} | {r.turn} | {r.request} | {asked} | {checks} |")
    return "\n".join(lines) + "\n"


def _plots(out: Path, runs: dict[str, list[TurnRecord]]) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # plots are a bonus: the JSON and Markdown carry every number
        return []
    made = []
    fig, ax = plt.subplots(figsize=(6, 4))
    for policy, records in runs.items():
        curve = discovery_curve(records)
        ax.plot(range(1, len(curve) + 1), curve, marker="o", label=policy)
    ax.set_xlabel("turn")
    ax.set_ylabel("hidden preferences discovered (share)")
    ax.set_ylim(0, 1.05)
    ax.set_title("Discovery over turns")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "discovery.png", dpi=110)
    plt.close(fig)
    made.append("discovery.png")
    fig, ax = plt.subplots(figsize=(6, 4))
    for policy, records in runs.items():
        per_turn: dict[int, list[int]] = {}
        for r in records:
            per_turn.setdefault(r.turn, []).append(len(r.questions))
        turns = sorted(per_turn)
        cumulative, total = [], 0.0
        for t in turns:
            total += _mean([float(x) for x in per_turn[t]])
            cumulative.append(total)
        ax.plot(turns, cumulative, marker="o", label=policy)
    ax.set_xlabel("turn")
    ax.set_ylabel("questions asked (cumulative, per persona)")
    ax.set_title("Questions over turns")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "questions.png", dpi=110)
    plt.close(fig)
    made.append("questions.png")
    return made


def simulate(settings: Settings, personas: list[Persona], *, policies: tuple[str, ...] = ("tacit",),
             sessions: int = 0, turns: int = 0, user_model: str = "rule",
             model: ChatModel | None = None,
             on_turn: Callable[[TurnRecord], None] | None = None) -> dict[str, list[TurnRecord]]:
    """Run every persona under every policy, each policy on fresh stores, one shared model.

    ``sessions``/``turns`` of 0 play the whole script. ``user_model`` is "rule" (truthful
    answers from the persona) or "model" (the ``simulated_user`` model role answers).
    """
    import tempfile

    from assistant.models import create_model

    chat = model or create_model(settings.chat)
    player: ChatModel | None = None
    if user_model == "model":
        spec = settings.role("simulated_user")
        player = chat if spec == settings.chat else create_model(spec)
    runs: dict[str, list[TurnRecord]] = {}
    for policy in policies:
        records: list[TurnRecord] = []
        with tempfile.TemporaryDirectory(prefix="tacit-sim-", ignore_cleanup_errors=True) as tmp:
            isolated = settings.model_copy(update={
                "data_dir": Path(tmp), "database_url": None, "chroma_path": None,
                "chroma_url": None, "ask_policy": policy})
            tacit = Tacit(isolated, model=chat)
            try:
                for persona in personas:
                    user: SimulatedUser = (ModelUser(persona, player) if player is not None
                                           else RuleUser(persona))
                    records += run_persona(tacit, persona, policy=policy, sessions=sessions,
                                           turns=turns, user=user, on_turn=on_turn)
            finally:
                tacit.close()
        runs[policy] = records
    return runs

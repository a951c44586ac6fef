"""The turn graph: recall → safety → elicit → respond → refine → memorize. Wiring only.

After safety the graph branches (``agents.safety.route``): a crisis goes straight to respond,
so no question comes before the resources; a sensitive request whose plan wants attributes
goes through ``safety_ask`` (one question card) before elicit; anything else to elicit.
"""

from __future__ import annotations

import copy
import inspect
import time
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from agents.contract import STATE_MODELS, TurnTrace
from agents.elicit import elicit
from agents.memorize import memorize
from agents.recall import recall
from agents.refine import refine
from agents.respond import respond
from agents.safety import route as after_safety
from agents.safety import route_after_card, safety
from agents.safety_ask import safety_ask
from agents.safety_assessment import SafetyAssessment, SafetySession
from agents.state import TurnContext, TurnState

# A node takes the state (and the run's context) and returns the keys it changes.
Node = Callable[..., Mapping[str, Any]]

ROUTE = ("recall", "safety", "elicit", "respond", "refine", "memorize")
NODES: dict[str, Node] = {
    "recall": recall, "safety": safety, "safety_ask": safety_ask, "elicit": elicit,
    "respond": respond, "refine": refine, "memorize": memorize,
}


# The typed values the turn state keeps in a checkpoint; only these (and LangGraph's own safe
# types) are rebuilt from a checkpoint, and without the warning unregistered types get.
STATE_TYPES = (SafetyAssessment, SafetySession, *STATE_MODELS)


def _typed(checkpointer: BaseCheckpointSaver[Any] | None) -> BaseCheckpointSaver[Any] | None:
    """The checkpointer, reading back the state's own types by an explicit allowlist."""
    if checkpointer is None or not isinstance(checkpointer.serde, JsonPlusSerializer):
        return checkpointer
    clone = copy.copy(checkpointer)
    clone.serde = JsonPlusSerializer(
        allowed_msgpack_modules=[(t.__module__, t.__name__) for t in STATE_TYPES])
    return clone


def _timed(name: str, node: Node) -> Node:
    """Wrap a node so the trace records how long it took."""
    takes_runtime = len(inspect.signature(node).parameters) > 1

    def run(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        started = time.perf_counter()
        update = node(state, runtime) if takes_runtime else node(state)
        ms = round((time.perf_counter() - started) * 1000, 2)
        trace = TurnTrace.of(update.get("trace")).model_copy(update={"timings_ms": {name: ms}})
        return {**update, "trace": trace}

    run.__name__ = name
    return run


def build_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    nodes: dict[str, Node] | None = None,
) -> CompiledStateGraph[TurnState, TurnContext, TurnState, TurnState]:
    """Compile the turn graph; parts arrive per run as ``context=TurnContext(...)``.

    ``nodes`` replaces nodes by name (tests use it to script a node's behaviour).
    """
    chosen = {**NODES, **(nodes or {})}
    builder = StateGraph(TurnState, context_schema=TurnContext)
    for name in (*ROUTE, "safety_ask"):
        builder.add_node(name, _timed(name, chosen[name]))
    builder.add_edge(START, ROUTE[0])
    for here, there in pairwise(ROUTE):
        if here != "safety":
            builder.add_edge(here, there)
    builder.add_conditional_edges("safety", after_safety, ["respond", "safety_ask", "elicit"])
    # An answer to the card may itself tell of a crisis: the same routing applies.
    builder.add_conditional_edges("safety_ask", route_after_card, ["respond", "elicit"])
    builder.add_edge(ROUTE[-1], END)
    return builder.compile(checkpointer=_typed(checkpointer))

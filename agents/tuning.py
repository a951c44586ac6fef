"""A turn's tuned numbers outside recall, as one typed object (defaults in
``data/turn_tuning.yaml``, where each is documented); settings override them by name."""

from __future__ import annotations

from typing import ClassVar

from memory.tuning import Tuning


class TurnTuning(Tuning):
    """When to ask, when an instruction applies, how the reply is fitted."""

    source: ClassVar[str] = "turn_tuning.yaml"

    # Asking
    answer_reliability: float
    willingness_floor: float
    assume_at: float
    last_question_bar: float
    # Standing instructions
    trigger_similarity: float
    domain_similarity: float
    # The reply
    message_share: float
    brief_reply_tokens: int
    detailed_factor: int
    repeat_similarity: float
    retry_temperature: float
    # Capture (agents/capture.py) and repeats across sessions (agents/recall.py)
    capture_max_words: int
    capture_max_candidates: int
    stated_confidence: float
    stated_choice_confidence: float
    shown_choice_confidence: float
    choice_words: int
    named_only_words: int
    model_kept_share: float
    said_before_sessions: int
    said_before_replies: int
    same_sentence_similarity: float
    # What the person is shown of a draft (agents/replies.py)
    hold_words: int
    copy_similarity: float
    recalled_reply_words: int
    short_reply_words: int

"""The commented starter deck that `nora decks new NAME` writes."""

from __future__ import annotations

SCHEMA_FILE = "nora-deck.schema.json"

STARTER = """\
# yaml-language-server: $schema={schema}
# Your own nora deck. Every field is explained in nora's README ("Deck format").
# Check it any time with: nora decks validate {path}
id: {deck_id}
title: {title}
description: >-
  What this deck drills, in a sentence or two.
# Modes this deck joins (technical, behavioral, standard, salary-negotiation).
modes: [technical]
cards:
  - id: {deck_id}-example            # unique across all decks; never reuse an id
    prompt: What does a confusion matrix show?
    category: {title}
    kind: concept                     # or coding, design, behavioral, negotiation, question-to-ask
    difficulty: 1                     # 1 basic, 2 intermediate, 3 advanced
    time_limit: 150                   # seconds; without it the mode's default applies
    key_points:                       # 3-6 statements you can tick or not
      - "A table of predicted class against actual class"
      - "Its cells are true positives, false positives, false negatives and true negatives"
      - "Precision, recall and accuracy are all read off its cells"
    answer: >-
      It cross-tabulates what the model predicted against what was true, so each cell counts
      one kind of outcome. For a binary problem that gives true and false positives and true
      and false negatives, and every threshold-based metric is a ratio of those counts.
    follow_ups:
      - Which cell would you watch most closely for a fraud model, and why?
    tags: [example]
"""


def starter_deck(deck_id: str, title: str, path: str) -> str:
    return STARTER.format(schema=SCHEMA_FILE, deck_id=deck_id, title=title, path=path)

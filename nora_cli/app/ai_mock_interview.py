"""The AI interviewer across a mock interview (`nora drill standard`): a word in character at
each stage change, the debrief at the end, and both saved to the history as one record
(`core.records.DrillDebrief`) with every call's wait. With the interviewer off, none of this
runs and the drill is the offline one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from nora_cli.coach.coach import Coach
from nora_cli.coach.interview_material import DebriefRow
from nora_cli.coach.interviewer import Interviewer
from nora_cli.core.engine import DrillCard
from nora_cli.core.errors import NoraError
from nora_cli.core.interview import ModelCall, StageTransition
from nora_cli.core.records import Attempt, DrillDebrief
from nora_cli.core.summary import StageResult
from nora_cli.store import history
from nora_cli.ui import interviewer_view as view
from nora_cli.ui.prose import say

SHOW_AGAIN = "Saved: the debrief; `nora history debrief` shows it again."
STOPPED = "The mock interview was stopped with Ctrl-C, so there is no debrief."


def for_drill(
    console: Console, coach: Coach | None, items: Sequence[DrillCard]
) -> MockInterview | None:
    """The interviewer's part of this drill when it is a mock interview and the interviewer
    is on; None otherwise."""
    interviewer = coach.interviewer if coach is not None else None
    if interviewer is None or not any(item.stage for item in items):
        return None
    return MockInterview(console, interviewer, items)


def debrief_rows(attempts: Sequence[Attempt], items: Sequence[DrillCard]) -> list[DebriefRow]:
    """The answered cards as the interviewer is told about them (skipped ones left out)."""
    cards = {item.card.id: item.card for item in items}
    return [
        DebriefRow(
            a.stage,
            cards[a.card_id].prompt if a.card_id in cards else a.card_id,
            len(a.covered),
            a.key_points_total,
            a.rating,
            a.interview,
        )
        for a in attempts
        if not a.skipped
    ]


@dataclass
class MockInterview:
    """What the interviewer says between stages and at the end, shown as it comes (each
    wait with its cost, each failure as one line) and kept for the saved record."""

    console: Console
    interviewer: Interviewer
    items: Sequence[DrillCard]
    transitions: list[StageTransition] = field(default_factory=list)
    calls: list[ModelCall] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def between(
        self, ended: StageResult, attempts: Sequence[Attempt], starting: str, cards: int
    ) -> None:
        """The interviewer's word as the stage `ended` gives way to `starting`."""
        if not self.interviewer.active:
            return
        model = self.interviewer.model_id
        view.waiting(self.console, model, "moving on to the next stage")
        rows = debrief_rows(attempts, self.items)
        line, call, note = self.interviewer.transition(ended, rows, starting, cards)
        self._shown(call, note)
        if line:
            self.transitions.append(StageTransition(ended.stage, starting, line))
            view.transition(self.console, line)

    def finish(
        self,
        attempts: Sequence[Attempt],
        drill_id: str,
        mode: str,
        save: Callable[[DrillDebrief], None],
        *,
        interrupted: bool = False,
    ) -> DrillDebrief | None:
        """The debrief, when anything was answered and the drill was not stopped with Ctrl-C
        (which leaves at once, without another wait), then the record of every call made for
        this mock interview, saved with `save`; None when there was no call to record."""
        rows = debrief_rows(attempts, self.items)
        debrief = None
        if interrupted and self.calls:
            self.notes.append(STOPPED)
        elif self.interviewer.active and rows:
            view.waiting(self.console, self.interviewer.model_id, "writing your debrief")
            debrief, call, note = self.interviewer.debrief(rows)
            self._shown(call, note)
            if debrief is not None:
                view.debrief_panel(self.console, debrief, self.interviewer.model_id)
        if not self.calls:
            return None
        record = DrillDebrief(
            drill_id, mode, history.now(), self.interviewer.model_id, debrief,
            tuple(self.transitions), tuple(self.calls), tuple(self.notes),
        )  # fmt: skip
        try:
            save(record)
        except NoraError as exc:
            say(self.console, f"The debrief could not be saved: {exc.message}", "yellow")
            return None
        if debrief is not None:
            say(self.console, Text(SHOW_AGAIN, style="dim"))
        return record

    def _shown(self, call: ModelCall | None, note: str) -> None:
        if call is not None:
            self.calls.append(call)
            view.call_line(self.console, call)
        if note:
            self.notes.append(note)
            view.notes(self.console, [note])

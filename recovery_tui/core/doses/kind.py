"""What every dose kind answers, so the rest of the code asks instead of testing names.

A dose kind is one subclass of `DoseKind` in one module of this package, registered
under the string a plan file writes as `dose = "..."` (and a log record keeps as
`kind`). The loader asks it for its keys and a `Dose`; the engine asks it for the steps
of a set; the coaching text and cues ask it for words; the history, report and charts
ask it how its record reads. The defaults here are those of plain reps.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Protocol

from ..session.types import Phase

if TYPE_CHECKING:
    from ..plans.model import Dose
    from ..session.types import EngineConfig


class KeyReader(Protocol):
    """The plan loader's reader of one `[[exercise]]` table.

    Each call checks one key and raises a `ConfigError` located the house way
    (``file: line N: exercise 3 (Name): 'key': what is allowed``), so a kind never
    writes an error message of its own.
    """

    def has(self, key: str) -> bool: ...

    def reps(self, key: str = "reps") -> tuple[int, int]:
        """A whole number 1-500, or a "LOW-HIGH" range: (low, high)."""
        ...

    def whole(self, key: str, low: int, high: int) -> int: ...

    def seconds(self, key: str, low: float, high: float) -> float: ...

    def choice(self, key: str, choices: tuple[str, ...]) -> str: ...


class Step(NamedTuple):
    """One step of a set the engine runs: a phase, and its countdown (None: open)."""

    phase: Phase
    seconds: float | None


class ChartSeries(StrEnum):
    """Which left-against-right series a kind's logged results feed (`insight.trends`)."""

    SIDE_REPS = "side_reps"
    """Reps counted on each side (when a session was cut short)."""
    SET_TIMES = "set_times"
    """How long each timed set lasted on each side (`set_seconds`)."""


class DoseKind:
    """One way of counting an exercise. Subclasses set the class variables and
    override what differs from plain reps."""

    name: ClassVar[str] = ""
    """The `dose` string in a plan file and the `kind` of its log results."""
    keys: ClassVar[tuple[str, ...]] = ()
    """Its own TOML keys, beside the common ones (name, cues, tempo_seconds...)."""
    required: ClassVar[Mapping[str, str]] = {}
    """Its keys that must be given, each with the rule a message quotes."""
    chart: ClassVar[ChartSeries] = ChartSeries.SIDE_REPS
    """Which left-against-right series its logged results feed."""
    label: ClassVar[str] = "Reps"
    """What its results are called in a heading: the report's table, the summary's
    column, a chart's title (``Sets to fatigue``)."""
    floor_names: ClassVar[Mapping[Phase, str]] = {}
    """Its own big words for a phase of its work (``UNTIL TIRED``), over the session's."""
    count_noun: ClassVar[str] = "rep"
    """What one of its counts is called where a logged result is read back (``4 holds``)."""

    @property
    def timed_sets(self) -> bool:
        """Each count is a set the runner ends, its time kept in the record's
        `set_seconds`: its results feed the set-times series, not the reps each side."""
        return self.chart is ChartSeries.SET_TIMES

    def __repr__(self) -> str:
        return f"<dose kind {self.name!r}>"

    # ---- the plan file -------------------------------------------------------

    def parse(self, keys: KeyReader) -> Dose:
        """The dose an exercise table describes (its keys are already known to be ours)."""
        raise NotImplementedError

    def describe(self, dose: Dose) -> str:
        """A short description such as ``10-15 reps``."""
        return f"{amount(dose)} {noun(dose, 'rep')}"

    # ---- counting ------------------------------------------------------------

    def required_count(self, dose: Dose) -> int:
        """The count at which a side counts as done: the low end of a range."""
        return dose.low

    def target_count(self, dose: Dose) -> int:
        """The count at which a side is finished: the top of a range."""
        return dose.high

    # ---- the engine's steps --------------------------------------------------

    def work(self, dose: Dose, config: EngineConfig, tempo: float) -> Step:
        """The step that does one count: a rep paced by the tempo, or counted by hand."""
        return Step(Phase.REP, tempo if config.pacing == "auto" else None)

    def between(self, dose: Dose, config: EngineConfig) -> Step | None:
        """The step after a count when the side goes on (None: the next count at once)."""
        return None

    # ---- words ---------------------------------------------------------------

    def count_words(self, dose: Dose, count: int) -> str:
        """The count in progress: ``rep 3 of 10-15``."""
        return f"rep {count + 1} of {target_text(dose)}"

    def phase_words(self, phase: Phase, dose: Dose, count: int, side: str, pacing: str) -> str:
        """The line under the big number during the work (rests and switches are the
        session's): ``Rep 7 of 15 · left``, ``Hold · rep 2 of 4``, ``Get ready``."""
        on_side = "" if side == "both" else f" · {side}"
        rep = self.count_words(dose, count)
        if phase is Phase.COUNT_IN:
            return f"Get ready{on_side}"
        if phase is Phase.HOLD:
            return f"Hold{on_side} · {rep}"
        if phase is Phase.RELAX:
            return f"Relax{on_side} · next is {rep}"
        if pacing == "manual":
            return f"{rep.capitalize()}{on_side} · enter when done"
        return f"{rep.capitalize()}{on_side}"

    def go_words(self, dose: Dose, count: int) -> str:
        """Said (and shown) as the work starts."""
        return "Go"

    def shows_range(self, dose: Dose) -> bool:
        """Whether the runner is told where a range stands (``2 to go to 10``)."""
        return dose.is_range

    # ---- the record ----------------------------------------------------------

    def result_lines(
        self, counts: Mapping[str, int], set_seconds: Mapping[str, list[float]]
    ) -> list[str]:
        """What a logged result says in the history and the summary, counted in its
        `count_noun`: ``left 15 · right 15 reps``, ``4 holds``, ``1 rep``."""
        parts = [str(n) if side == "both" else f"{side} {n}" for side, n in counts.items()]
        one = all(n == 1 for n in counts.values())
        return [" · ".join(parts) + f" {self.count_noun}{'' if one else 's'}"]


def amount(dose: Dose) -> str:
    """``10-15`` or ``12``."""
    return f"{dose.low}-{dose.high}" if dose.is_range else str(dose.low)


def noun(dose: Dose, word: str) -> str:
    """``rep`` for exactly one, else ``reps``."""
    return word if not dose.is_range and dose.low == 1 else f"{word}s"


def target_text(dose: Dose) -> str:
    """What is aimed at on a side: ``10-15`` or ``15``."""
    return f"{dose.low}-{dose.high}" if dose.is_range else str(dose.high)

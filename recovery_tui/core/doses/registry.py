"""The dose kinds by name: the one table the loader, the engine's records and the
charts look a kind up in."""

from __future__ import annotations

from collections.abc import Iterable

from .kind import DoseKind

_KINDS: dict[str, DoseKind] = {}


def register(kind: DoseKind) -> DoseKind:
    """Add a kind under its `name` (plan files may then use it); returns it."""
    if not kind.name or kind.name in _KINDS:
        raise ValueError(f"a dose kind needs a name of its own, got {kind.name!r}")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Take a kind out again (a test's kind, once the test is over)."""
    _KINDS.pop(name, None)


def kind_named(name: str) -> DoseKind | None:
    """The kind a plan file names, None if there is no such kind."""
    return _KINDS.get(name)


def kind_names() -> tuple[str, ...]:
    """Every kind's name, in the order they were registered (messages list them so)."""
    return tuple(_KINDS)


def kinds() -> tuple[DoseKind, ...]:
    return tuple(_KINDS.values())


def record_kind(name: str) -> DoseKind:
    """The kind a logged result names; plain reps for a kind this build does not know
    (a log from a newer version, a plan's own kind since removed): its counts still read."""
    return _KINDS.get(name) or _KINDS["reps"]


def set_times_label(names: Iterable[str] = ()) -> str:
    """What the set-times series is called where it is shown: the labels of the timed
    kinds among `names` (the logged results shown), or of every timed kind if none is."""
    named = set(names)
    timed = [k for k in _KINDS.values() if k.timed_sets and (k.name in named or not named)]
    return " / ".join(k.label for k in timed) or "Timed sets"

"""The plan catalog: the built-in plans, then the user's custom plan files.

One bad custom file never hides the others; each failure becomes a located message.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from ..errors import ConfigError, decode_utf8
from ..safe_text import clean
from .loader import ID_RULE, load_plan_file, parse_plan
from .model import Plan

BUILTIN_ORDER = ("full-circuit", "down-dog-block", "circuit-without-quad-pump")


def builtin_plans() -> list[Plan]:
    """The plans shipped in recovery_tui/data/plans, in BUILTIN_ORDER."""
    return list(_builtin_plans())


@cache
def _builtin_plans() -> tuple[Plan, ...]:
    folder = Path(__file__).resolve().parents[2] / "data" / "plans"  # a plain install
    resources = list(folder.glob("*.toml"))
    plans = []
    for resource in sorted(resources, key=lambda item: _builtin_rank(item.name)):
        stem = resource.name.removesuffix(".toml")
        text = decode_utf8(resource.read_bytes(), resource.name)
        plan = parse_plan(text, source_name=resource.name, default_id=stem, builtin=True)
        plans.append(replace(plan, path=str(resource)))
    return tuple(plans)


def _builtin_rank(name: str) -> tuple[int, str]:
    stem = name.removesuffix(".toml")
    rank = BUILTIN_ORDER.index(stem) if stem in BUILTIN_ORDER else len(BUILTIN_ORDER)
    return rank, name


@dataclass(frozen=True)
class PlanFailure:
    """A plan file that was not loaded, and why, located (file, line, what is allowed)."""

    path: Path | None
    """None when the plans folder itself could not be listed."""
    message: str

    def __post_init__(self) -> None:  # it quotes the file: cleaned by the text-safety policy
        object.__setattr__(self, "message", clean(self.message))


@dataclass
class PlanCatalog:
    """Every usable plan (built-ins first) and a failure for each plan file not loaded."""

    plans: list[Plan]
    failures: list[PlanFailure] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """The failures' messages, for stderr."""
        return [failure.message for failure in self.failures]

    def get(self, plan_id: str) -> Plan | None:
        return next((plan for plan in self.plans if plan.id == plan_id), None)

    def clash(self, plan: Plan, path: Path) -> str | None:
        """Why `plan`, read from `path`, cannot join: its id is taken. None when it can."""
        taken = self.get(plan.id)
        if taken is None:
            return None
        return (
            f"{path}: id '{plan.id}' is already used by {_describe(taken)}; "
            f'add a different id = "..." to this file ({ID_RULE})'
        )

    def add_file(self, path: Path) -> None:
        """Load one custom plan file, or record why it was not loaded."""
        try:
            plan = load_plan_file(path)
        except ConfigError as error:
            self.failures.append(PlanFailure(path, str(error)))
            return
        problem = self.clash(plan, path)
        if problem:
            self.failures.append(PlanFailure(path, problem))
        else:
            self.plans.append(plan)


def load_catalog(plans_dir: Path | None) -> PlanCatalog:
    """Built-in plans, then each ``*.toml`` in ``plans_dir``; one bad file never hides the rest."""
    catalog = PlanCatalog(builtin_plans())
    for path in _custom_files(plans_dir, catalog.failures):
        catalog.add_file(path)
    return catalog


def check_plan_file(path: Path, plans_dir: Path | None) -> Plan:
    """The plan in `path` if the catalog would take it, else ConfigError saying why.

    Every rule the catalog applies: the file's own (syntax, keys, doses), then its id
    against the built-in plans and the custom ones. A file in the plans folder is judged
    where it stands (a file loaded before it may hold its id); a file elsewhere, as if
    copied in now.
    """
    plan = load_plan_file(path)
    catalog = load_catalog(plans_dir)
    here = _resolved(path)
    if any(p.path and _resolved(Path(p.path)) == here for p in catalog.plans):
        return plan
    for failure in catalog.failures:
        if failure.path is not None and _resolved(failure.path) == here:
            raise ConfigError(failure.message.replace(str(failure.path), str(path), 1))
    problem = catalog.clash(plan, path)
    if problem:
        raise ConfigError(problem)
    return plan


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _custom_files(plans_dir: Path | None, failures: list[PlanFailure]) -> list[Path]:
    if plans_dir is None or not plans_dir.exists():
        return []
    try:
        # Not only regular files: a pipe, a link loop or a folder gets its own message.
        return sorted(plans_dir.glob("*.toml"), key=lambda p: p.name)
    except OSError as error:
        message = f"{plans_dir}: cannot list the plans folder: {error.strerror or error}"
        failures.append(PlanFailure(None, message))
        return []


def _describe(plan: Plan) -> str:
    if plan.builtin:
        return f'the built-in plan "{plan.name}"'
    return f'"{plan.name}" ({plan.path})'

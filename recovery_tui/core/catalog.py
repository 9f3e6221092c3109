"""The plan catalog: the built-in plans, then the user's custom plan files.

One bad custom file never hides the others; each failure becomes a located message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .errors import ConfigError
from .plan import Plan
from .plan_loader import ID_RULE, _decode, load_plan_file, parse_plan

BUILTIN_ORDER = ("full-circuit", "down-dog-block", "circuit-without-quad-pump")


def builtin_plans() -> list[Plan]:
    """The plans shipped in recovery_tui/data/plans, in BUILTIN_ORDER."""
    return list(_builtin_plans())


@cache
def _builtin_plans() -> tuple[Plan, ...]:
    folder = Path(__file__).resolve().parent.parent / "data" / "plans"  # a plain install
    resources = list(folder.glob("*.toml"))
    plans = []
    for resource in sorted(resources, key=lambda item: _builtin_rank(item.name)):
        stem = resource.name.removesuffix(".toml")
        text = _decode(resource.read_bytes(), resource.name)
        plan = parse_plan(text, source_name=resource.name, default_id=stem, builtin=True)
        plans.append(replace(plan, path=str(resource)))
    return tuple(plans)


def _builtin_rank(name: str) -> tuple[int, str]:
    stem = name.removesuffix(".toml")
    rank = BUILTIN_ORDER.index(stem) if stem in BUILTIN_ORDER else len(BUILTIN_ORDER)
    return rank, name


@dataclass
class PlanCatalog:
    """Every usable plan (built-ins first) and a message for each plan file that failed."""

    plans: list[Plan]
    errors: list[str]

    def get(self, plan_id: str) -> Plan | None:
        return next((plan for plan in self.plans if plan.id == plan_id), None)


def load_catalog(plans_dir: Path | None) -> PlanCatalog:
    """Built-in plans, then each ``*.toml`` in ``plans_dir``; one bad file never hides the rest."""
    catalog = PlanCatalog(builtin_plans(), [])
    for path in _custom_files(plans_dir, catalog.errors):
        try:
            plan = load_plan_file(path)
        except ConfigError as error:
            catalog.errors.append(str(error))
            continue
        if clash := catalog.get(plan.id):
            catalog.errors.append(
                f"{path}: id '{plan.id}' is already used by {_describe(clash)}; "
                f'add a different id = "..." to this file ({ID_RULE})'
            )
        else:
            catalog.plans.append(plan)
    return catalog


def _custom_files(plans_dir: Path | None, errors: list[str]) -> list[Path]:
    if plans_dir is None or not plans_dir.exists():
        return []
    try:
        return sorted((p for p in plans_dir.glob("*.toml") if p.is_file()), key=lambda p: p.name)
    except OSError as error:
        errors.append(f"{plans_dir}: cannot list the plans folder: {error.strerror or error}")
        return []


def _describe(plan: Plan) -> str:
    if plan.builtin:
        return f'the built-in plan "{plan.name}"'
    return f'"{plan.name}" ({plan.path})'

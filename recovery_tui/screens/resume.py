"""On start-up, offer to resume a session an earlier run left unfinished (crash, SIGHUP)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.engine_state import StateError, session_from_state
from ..core.engine_types import EngineConfig
from ..core.resume import Claim, claim_orphans
from ..dialogs.choice import ChoiceDialog

if TYPE_CHECKING:
    from ..app import RecoveryApp


def offer_resume(app: RecoveryApp) -> bool:
    """Ask about each unfinished session in turn; True if there was anything to ask."""
    try:
        claims, _held = claim_orphans(app.paths.data_dir)
    except OSError as error:
        app.notify(f"Could not look for unfinished sessions: {error}", severity="warning")
        return False
    if not claims:
        return False
    _ask(app, claims)
    return True


def _ask(app: RecoveryApp, claims: list[Claim]) -> None:
    if not claims:
        if app.start_now:
            app.start_session(app.start_plan or app.settings.default_plan)
        return
    claim, rest = claims[0], claims[1:]
    state = claim.state
    name = state.get("plan_name") or state.get("plan", "?")
    started = str(state.get("started", ""))[:16].replace("T", " ")
    where = f"round {int(state.get('round', 0)) + 1}, exercise {int(state.get('index', 0)) + 1}"
    dialog = ChoiceDialog(
        f"{name}, started {started}, stopped at {where}.",
        [("resume", "Resume"), ("partial", "Save as partial"), ("discard", "Discard")],
        title="Unfinished session",
    )

    def answered(answer: str | None) -> None:
        _handle(app, claim, answer or "cancel")
        if answer != "resume":
            _ask(app, rest)
        else:
            for other in rest:
                other.release()

    app.push_screen(dialog, answered)


def _handle(app: RecoveryApp, claim: Claim, answer: str) -> None:
    plan = app.plan(str(claim.state.get("plan", "")))
    session = None
    if plan is not None:
        config = EngineConfig.from_settings(app.settings)
        try:
            session = session_from_state(plan, config, claim.state, app.clock, app.now)
        except StateError as error:
            app.notify(f"{claim.state_file}: {error}", severity="error", timeout=20)
    if session is None:
        app.notify(
            f"Cannot restore {claim.state_file}: its plan is missing or changed; "
            "the file is kept as it is.",
            severity="error",
            timeout=20,
        )
        claim.release()
        return
    if answer == "resume":
        app.start_session(plan.id if plan else "", session=session, claim=claim)
    elif answer == "partial":
        if app.save_record(session.to_record()):
            claim.discard()
        else:
            claim.release()
    elif answer == "discard":
        claim.discard()
    else:
        claim.release()

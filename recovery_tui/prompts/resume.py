"""On start-up, offer to resume a session an earlier run left unfinished (crash, SIGHUP).

Each unfinished session is restored before anything is asked, so the question is only
put for sessions that can really be resumed; one that cannot (its plan is gone or
changed, the file is damaged) gets a message naming its file, which is kept as it is.

Every start asks, and almost always there is nothing to resume: the engine, the saved-state
reader and the dialog are imported only once a session is found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from ..core.errors import UserError
from ..core.scale import score
from ..core.session.types import EngineConfig
from ..core.session.unfinished import Claim, claim_orphans, describe_state

if TYPE_CHECKING:
    from ..app import RecoveryApp
    from ..core.journal.record import SessionRecord
    from ..core.session.engine import Session

Restorable: TypeAlias = "tuple[Claim, Session]"


def offer_resume(app: RecoveryApp) -> bool:
    """Ask about each unfinished session in turn; True if there was anything to ask."""
    try:
        claims, _held = claim_orphans(app.paths.data_dir)
    except OSError as error:
        app.notify(
            f"Could not look for unfinished sessions: {error}", severity="warning", markup=False
        )
        return False
    claims = [claim for claim in claims if not _logged_already(app, claim)]
    restorable = [found for claim in claims if (found := _restore(app, claim)) is not None]
    if not restorable:
        return False
    _ask(app, restorable)
    return True


def _logged_already(app: RecoveryApp, claim: Claim) -> bool:
    """A crash after the session reached the log left its state file: remove it quietly."""
    try:
        logged = app.journal.contains(claim.session_id)
    except UserError:
        logged = False
    if logged:
        claim.discard()
    return logged


def _restore(app: RecoveryApp, claim: Claim) -> Restorable | None:
    """The session saved in `claim`, paused where it stopped; None (and a message) if not."""
    from ..core.session.saved import StateError, session_from_state

    plan = app.plan(str(claim.state.get("plan", "")))
    try:
        if plan is None:
            raise StateError("its plan is not among the plans loaded")
        config = EngineConfig.from_settings(app.settings)
        session = session_from_state(plan, config, claim.state, app.clock, app.now)
    except StateError as error:
        app.notify(
            f"{claim.state_file}: cannot resume this session: {error}. "
            "The file is kept as it is; delete it to stop this message.",
            title="Unfinished session not restored",
            severity="error",
            timeout=20,
            markup=False,
        )
        claim.release()
        return None
    return claim, session


def _ask(app: RecoveryApp, pending: list[Restorable]) -> None:
    from ..dialogs.choice import ChoiceDialog

    if not pending:
        if app.start_now:
            app.start_session(app.start_plan or app.settings.default_plan)
        return
    (claim, session), rest = pending[0], pending[1:]
    started = session.started.astimezone().strftime("%Y-%m-%d %H:%M")
    what = f"{describe_state(claim.state)}, started {started}"
    if session.finished:  # stopped during the closing questions: only the saving is left
        question = f"{what}: finished, but not in your history yet."
        answers = [("save", "Save it"), ("discard", "Discard")]
    else:
        question = (
            f"{what}. Resume it where it stopped, save what was done as partial, or discard it?"
        )
        answers = [("resume", "Resume"), ("save", "Save as partial"), ("discard", "Discard")]
    dialog = ChoiceDialog(question, answers, title="Unfinished session", guard=True)

    def answered(answer: str | None) -> None:
        _handle(app, claim, session, answer or "cancel")
        if answer == "resume":
            for other, _session in rest:
                other.release()
        else:
            _ask(app, rest)

    app.push_screen(dialog, answered)


def _record_of(session: Session, claim: Claim) -> SessionRecord:
    record = session.to_record()
    record.check_before = score(claim.state.get("check_before"))
    return record


def _handle(app: RecoveryApp, claim: Claim, session: Session, answer: str) -> None:
    if answer == "resume":
        app.start_session(session.plan.id, session=session, claim=claim)
    elif answer == "save":
        from ..core.session.saved import saved_record

        record = saved_record(claim.state) or _record_of(session, claim)
        if app.save_record(record):
            claim.discard()
        # else: keep the claim, so no other instance takes the session meanwhile; the
        # record waits in app.unsaved and the state file stays until it is saved.
    elif answer == "discard":
        claim.discard()
    else:
        claim.release()

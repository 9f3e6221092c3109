"""Broken plan files: one summary notification, and each file's message in the plan list."""

from __future__ import annotations

from app_helpers import AppFactory, footer_keys, text_of, watch_notifications
from textual.widgets import OptionList

from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.screens.home import HomeScreen

EXERCISE = b'[[exercise]]\nname = "a"\ndose = "reps"\nreps = 5\n'
BROKEN = {
    "a-syntax.toml": b'name = "x\n',
    "b-rounds.toml": b'name = "B"\nrounds = 0\n' + EXERCISE,
    "c-clash.toml": b'id = "full-circuit"\nname = "C"\n' + EXERCISE,
    "d-empty.toml": b"",
    "e-utf8.toml": b'name = "\xff"\n',
}


async def test_broken_plans_get_one_notification_and_a_place_in_the_plan_list(
    make_app: AppFactory, paths: AppPaths
) -> None:
    paths.plans_dir.mkdir(parents=True)
    for name, content in BROKEN.items():
        (paths.plans_dir / name).write_bytes(content)
    app = make_app()
    shown = watch_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [n.message for n in shown] == [
            "5 plans not loaded — see the plan list (marked ⚠) for what is wrong with each."
        ]
        plans = app.screen.query_one("#plan-list", OptionList)
        labels = [str(plans.get_option_at_index(i).prompt) for i in range(plans.option_count)]
        assert labels[3:] == [f"⚠ {name}  (not loaded)" for name in BROKEN]
        assert "⏎ Start" in await footer_keys(pilot)
        plans.highlighted = 5  # c-clash.toml
        await pilot.pause()
        plan_text = text_of(app, "#plan-detail")
        assert "This plan file was not loaded" in plan_text
        assert f"{paths.plans_dir / 'c-clash.toml'}: id 'full-circuit' is already used" in plan_text
        assert "⏎ Start" not in await footer_keys(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # nothing to start
        plans.highlighted = 3
        await pilot.pause()
        assert f"{paths.plans_dir / 'a-syntax.toml'}: line 1" in text_of(app, "#plan-detail")

"""The docs name what is there: every path they give exists, the map of the code lists
real files, and README's settings example is the settings as they are.

Docs go stale by moves and renames that no other test notices; these read the Markdown
as text, so a renamed module or a new setting fails here, pointing at the doc to fix.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from recovery_tui.core.settings.fields import FIELDS, Settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "recovery_tui"
DOCS = ["README.md", "docs/architecture.md", "docs/plan-format.md", "docs/performance.md"]
BASES = [ROOT, PACKAGE, PACKAGE / "core"]
"""Where a path in the docs may start: the repository, the package, or core."""
AT_RUN_TIME = {"unfinished/"}
"""Folders the docs name that the app makes in the data folder, not in the repository."""


def backticked_paths(doc: str) -> list[str]:
    """Code spans that are a path: they hold a `/` or are a module's file name
    (`conftest.py`), and no placeholder (NAME, <id>)."""
    spans = re.findall(r"`([^`\s]+)`", (ROOT / doc).read_text(encoding="utf-8"))
    return sorted(
        {
            span
            for span in spans
            if ("/" in span or span.endswith(".py"))
            and re.fullmatch(r"[\w.*/-]+", span)
            and "NAME" not in span
            and not span.startswith("/")
            and span not in AT_RUN_TIME
        }
    )


def exists(path: str) -> bool:
    """A file or folder (globs allowed) under one of BASES; `pkg/Name` is a class that
    package defines (`core/journal/SessionLog`)."""
    for base in BASES:
        if any(base.glob(path.rstrip("/"))):
            return True
    if "/" not in path:  # a file name alone: anywhere in the package, the tests or bench
        return any(any((ROOT / top).rglob(path)) for top in ("recovery_tui", "tests", "bench"))
    folder, _, name = path.rpartition("/")
    if name[:1].isupper():
        return any(
            re.search(rf"^class {name}\b", file.read_text(encoding="utf-8"), re.M)
            for base in BASES
            if (base / folder).is_dir()
            for file in (base / folder).rglob("*.py")
        )
    return False


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_a_doc_names_exists(doc: str) -> None:
    paths = backticked_paths(doc)
    assert paths, f"{doc} names no path: the pattern above no longer finds them"
    missing = [path for path in paths if not exists(path)]
    assert not missing, f"{doc} names paths that do not exist: {missing}"


def map_entries() -> dict[str, str]:
    """The files and folders of architecture.md's map (its first code block), each with
    its description; paths built from the indentation (`core/`, `  plans/`, `    model.py`)."""
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    block = text.split("```", 2)[1]
    entries: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    path = ""
    for line in block.splitlines()[1:]:
        indent = len(line) - len(line.lstrip(" "))
        match = re.match(r"([\w*.]+(?:/[\w*.]+)*/?)(?:\s|$)", line.lstrip(" "))
        if indent > 8 or match is None or not re.search(r"/$|\.(py|toml|tcss)$", match[1]):
            entries[path] += " " + line.strip()  # the entry's description goes on
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = "".join(name for _, name in stack) + match[1]
        entries[path] = line.lstrip(" ")[len(match[1]) :].strip()
        if path.endswith("/"):
            stack.append((indent, match[1]))
    return entries


def test_the_map_of_the_code_lists_real_files() -> None:
    entries = map_entries()
    assert "recovery_tui/core/session/engine.py" in entries  # the map was read
    assert "bench/" in entries
    missing = [entry for entry in entries if not any(ROOT.glob(entry.rstrip("/")))]
    assert not missing, f"docs/architecture.md's map names what does not exist: {missing}"


def named_in(description: str, module: Path) -> bool:
    """A folder's line names its module by file name, stem or class (`SideCounter`)."""
    words = set(re.findall(r"[\w.]+", description))
    camel = "".join(part.title() for part in module.stem.split("_"))
    return bool({module.name, module.stem, camel} & words)


def test_the_map_draws_every_module() -> None:
    """A new module is on the map, where a newcomer looks for it: a line of its own, or
    named on its folder's line (`screens/`: home, active...)."""
    entries = map_entries()
    missing = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.name.startswith("__"):
            continue
        path = str(module.relative_to(ROOT))
        folder = f"{module.parent.relative_to(ROOT)}/"
        if path not in entries and not named_in(entries.get(folder, ""), module):
            missing.append(path)
    assert not missing, f"modules docs/architecture.md's map leaves out: {missing}"


def readme_settings_example() -> dict[str, object]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Settings", 1)[1]
    return tomllib.loads(section.split("```toml", 1)[1].split("```", 1)[0])


def test_readme_settings_example_is_every_setting_with_its_default() -> None:
    example = readme_settings_example()
    assert list(example) == [spec.name for spec in FIELDS]
    defaults = Settings()
    for name, value in example.items():
        default = getattr(defaults, name)
        if default is not None:  # race_date has none; the example shows one
            assert value == default, f"README's settings example: {name} = {value!r}"

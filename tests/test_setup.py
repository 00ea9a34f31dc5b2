"""CI runs the README's test command and nothing else, so a missing install step shows."""

from __future__ import annotations

import re

from tests.support.workspace import REPO

# What .ci/run may do besides the README's test command: none of it installs anything.
ALLOWED = (
    re.compile(r"set -euo pipefail"),
    re.compile(r'cd "\$\(dirname "\$0"\)/\.\."'),
    re.compile(r"export [A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9_.,:/@+-]*"),
)


def readme_commands() -> list[str]:
    """The commands of the README's fenced sh blocks, without their comments."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    return [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()
            if line.split("#", 1)[0].strip()]


def ci_lines() -> list[str]:
    """The lines of .ci/run that do something (no blank lines, comments or shebang)."""
    text = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_readme_has_one_test_command() -> None:
    tests = [c for c in readme_commands() if c.startswith("make test")]
    assert tests == ["make test"], readme_commands()


def test_ci_runs_the_readme_test_command_and_nothing_else() -> None:
    (command,) = [c for c in readme_commands() if c.startswith("make test")]
    lines = ci_lines()
    others = [line for line in lines if line != command]
    assert lines.count(command) == 1, lines
    assert lines[-1] == command, "the README's test command is what .ci/run ends with"
    unexplained = [line for line in others if not any(p.fullmatch(line) for p in ALLOWED)]
    assert unexplained == [], f".ci/run does more than the README's test command: {unexplained}"

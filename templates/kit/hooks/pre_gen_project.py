"""The kit's pre-generation hook: check the answers and the folder before anything is written.

The answers were checked (and asked again) while cookiecutter asked them
(pmo_kit_answers.py); this hook checks them once more, as `pmo new` passes them in too,
and refuses a folder that is not empty (`cookiecutter -f`).

cookiecutter renders this file as a template before it runs it. The answers
arrive once, as a JSON string, and the code below the raw marker is left as it
is, so no answer is ever evaluated. render_kit replaces the imports below with
the source of generator/kit/hooks/tiers.py and checks.py: the hook needs only the
standard library.
"""

from __future__ import annotations

import json
import os
import sys

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
# {% raw %}
from generator.kit.hooks.tiers import check_tier  # noqa: E402
from generator.kit.hooks.checks import check_answers  # noqa: E402


def find_problems(context: dict[str, object], project_dir: str) -> list[str]:
    """Every problem with the answers and the target folder."""
    answers = {k: str(v) for k, v in context.items() if not k.startswith("_")}
    kit = context["_pmo_kit"]
    problems = check_answers(answers, dict(kit["checks"]), tuple(kit["tiers"]),
                             kit["tier_rule"])
    if problems:
        return problems
    if os.path.basename(project_dir) != answers["project_slug"]:
        return [f"the project folder {project_dir!r} does not match project_slug "
                f"{answers['project_slug']!r}; choose a plain folder name as project_slug"]
    if os.listdir(project_dir):
        return [f"{project_dir} already exists and is not empty; the kit never overwrites a "
                "project: choose another project_slug or output folder"]
    return []


def main() -> int:
    problems = find_problems(CONTEXT, os.getcwd())
    for problem in problems:
        print(f"kit: {problem}", file=sys.stderr)
    if problems:
        print("kit: nothing was written; run cookiecutter again with corrected answers.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
# {% endraw %}

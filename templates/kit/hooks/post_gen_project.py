"""The kit's post-generation hook: keep the tier's files and fill the answers into them.

cookiecutter renders this file as a template before it runs it. The answers
arrive once, as a JSON string, and the code below the raw marker is left as it
is, so no answer is ever evaluated. render_kit replaces the import below with
the source of generator/kit/hooks/fill.py: the hook needs only the standard library.
"""

from __future__ import annotations

import json
import os
import sys

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
# {% raw %}
from generator.kit.hooks.fill import build_project, public_answers  # noqa: E402


def main() -> int:
    answers = public_answers(CONTEXT)
    kept = build_project(os.getcwd(), answers)
    print(f"kit: project ready in {os.getcwd()} ({len(kept)} files for tier {answers['tier']})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
# {% endraw %}

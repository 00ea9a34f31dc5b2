"""Where the tool's own files are: templates, JSON Schemas and the default site settings.

In a source checkout (and an editable install) they are the repository's `templates/`,
`standards/schemas/` and `mkdocs.yml`; an installed wheel carries copies of them in the
package's `_data/` folder (setup.py copies them at build time), so `pmo` works wherever
pip put it, e.g. in a pre-commit hook's environment.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
_BUNDLED = PACKAGE / "_data"
ROOT = _BUNDLED if _BUNDLED.is_dir() else PACKAGE.parent
TEMPLATES_DIR = ROOT / "templates"
SCHEMAS_DIR = ROOT / "standards" / "schemas"
DEFAULT_SITE_CONFIG = ROOT / "mkdocs.yml"
# What the wheel copies into `_data/`, relative to the repository (see setup.py).
BUNDLED = ("templates", "standards/schemas", "mkdocs.yml")

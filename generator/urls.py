"""Where each standard is published in the handbook site.

The site renderer writes pages there and the kit links projects to them, so both
take the paths from here.
"""

from __future__ import annotations

from generator.model import Standard

SECTIONS = {"charter": "charter", "framework": "framework", "policy": "policies",
            "artefact": "artefacts", "role": "roles", "glossary": "glossary", "faq": "faq"}


def page_path(standard: Standard) -> str:
    """Path of a standard's page below docs/, e.g. `policies/risk.md`."""
    return f"{SECTIONS[standard.kind]}/{standard.id}.md"


def page_url_path(standard: Standard) -> str:
    """The page's address below the site root with directory URLs, e.g. `policies/risk/`."""
    return f"{SECTIONS[standard.kind]}/{standard.id}/"

"""The registry of kinds: what a kind of standard is, declared once.

A kind (policy, artefact, role ...) is one `Kind` entry in `generator/model/kinds.py`:
its folder under standards/, its JSON Schema, its model class, its labels, its site
template, its Word layout and its changelog heading. Every stage asks the registry
instead of keeping a table of its own, and an entry that lacks a part is refused when
it is registered, at import time, never as a KeyError while rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from generator.errors import PmoError
from generator.model.layout import Block
from generator.model.standard import Standard
from generator.shared.resources import ROOT, SCHEMAS_DIR, TEMPLATES_DIR

SITE_TEMPLATES_DIR = TEMPLATES_DIR / "site"
REGISTRY_FILE = "generator/model/kinds.py"


class KindError(PmoError):
    """A kind's registry entry is incomplete or clashes with another one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Kind:
    """One kind of standard and every part the stages need of it."""

    name: str = ""                 # "policy": the kind's name in messages, manifests, models
    folder: str = ""               # "policies": its folder under standards/ and the site
    model: type[Standard] | None = None
    label: str = ""                # "Policy": one standard of the kind
    section_title: str = ""        # "Governance policies": the site's navigation section
    changelog_heading: str = ""    # "Policies": its heading in release notes
    word_part: str = ""            # "Policies": its part of the Word handbook
    word_category: str = ""        # "Policy": the category property of its documents
    site_template: str = ""        # "policy.md.j2" under templates/site/
    word_layout: tuple[Block, ...] = ()  # how the Word handbook shows its own fields
    always_indexed: bool = True    # an index page even for one standard (else from two)
    order_by: str | None = None    # a field that orders its standards (else title / id)
    # Kind-specific completion of a built standard (e.g. default tiers), or None.
    finish: Callable[[Any, Any], Any] | None = None

    def __post_init__(self) -> None:
        for part in ("name", "folder", "model", "label", "section_title", "changelog_heading",
                     "word_part", "word_category", "site_template", "word_layout"):
            if not getattr(self, part):
                raise KindError(f"kind {self.name or '?'!r} has no {part.replace('_', ' ')}: "
                                f"every kind declares {_PARTS} in its entry in {REGISTRY_FILE}")
        if not (isinstance(self.model, type) and issubclass(self.model, Standard)):
            raise KindError(f"kind {self.name!r}: its model {self.model!r} is not a Standard "
                            "dataclass")
        for what, path in (("schema", SCHEMAS_DIR / self.schema),
                           ("site template", SITE_TEMPLATES_DIR / self.site_template)):
            if not path.is_file():
                raise KindError(f"kind {self.name!r}: its {what} {path.relative_to(ROOT)} "
                                "does not exist; add the file or fix the entry in "
                                f"{REGISTRY_FILE}")
        own = {f.name for f in fields(self.model)}
        for block in self.word_layout:
            missing = [f for f in block.fields() if f not in own]
            if missing:
                raise KindError(f"kind {self.name!r}: its Word layout shows "
                                f"{', '.join(missing)}, which {self.model.__name__} does not "
                                "have")

    @property
    def schema(self) -> str:
        """The schema's file name under standards/schemas/."""
        return f"{self.name}.schema.json"

    def page_path(self, standard_id: str) -> str:
        """Path of a standard's site page below docs/, e.g. `policies/risk.md`."""
        return f"{self.folder}/{standard_id}.md"


_PARTS = ", ".join(("name", "folder", "model", "label", "section title", "changelog heading",
                    "Word part", "Word category", "site template", "Word layout"))


class Registry:
    """The kinds in the order the handbook presents them."""

    def __init__(self) -> None:
        self._kinds: dict[str, Kind] = {}
        self._by_class: dict[type, Kind] = {}

    def register(self, kind: Kind) -> Kind:
        for other in self._kinds.values():
            if other.name == kind.name or other.folder == kind.folder or other.model is kind.model:
                raise KindError(f"kind {kind.name!r} clashes with kind {other.name!r} (same "
                                "name, folder or model class)")
        self._kinds[kind.name] = kind
        assert kind.model is not None
        self._by_class[kind.model] = kind
        return kind

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def order(self, name: str) -> int:
        """Position of kind `name` in the handbook's order."""
        return self.names.index(name)

    def by_folder(self) -> dict[str, str]:
        """Folder under standards/ -> kind name."""
        return {k.folder: k.name for k in self}

    def of(self, standard: Standard) -> Kind:
        return self._kinds[standard.kind]


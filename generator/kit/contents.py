"""What each tier's project receives, derived from the model.

`tier_contents` says which files, standards and README a project of each tier
receives: the data the post-generation hook reads.
"""

from __future__ import annotations

from generator.kit.questions import labels
from generator.model import Artefact, Handbook, Settings, Standard, page_url_path
from generator.model.applicability import artefacts_for, policies_in_force


def page_url(settings: Settings, standard: Standard) -> str | None:
    """The standard's page address on the handbook site, or None when handbook.yaml gives no
    site_url: a project folder is not the site, so a relative site path would lead nowhere."""
    if not settings.site_url:
        return None
    return f"{settings.site_url.rstrip('/')}/{page_url_path(standard)}"


def kit_files(artefact: Artefact) -> tuple[str, ...]:
    """The file an artefact gives a project: a register's workbook, which is its one record
    (no Word copy to keep in step), or else its Word template."""
    if artefact.format == "register" and artefact.register is not None:
        return (f"{artefact.id}.xlsx",)
    return (f"{artefact.id}.docx",)


def tier_standards(handbook: Handbook, tier: int) -> dict[str, str]:
    """id -> version of each standard a `tier` project follows: policies in force, its artefacts."""
    policies = {p.id: p.version for p in policies_in_force(handbook)}
    artefacts = {a.id: a.version for a in artefacts_for(handbook, tier)}
    return dict(sorted({**policies, **artefacts}.items()))


def tier_contents(handbook: Handbook, tier: int, readme: str) -> dict[str, object]:
    """What the post-generation hook needs for a project of `tier`."""
    artefacts = artefacts_for(handbook, tier)
    return {
        "files": sorted(f for a in artefacts for f in kit_files(a)),
        "artefacts": {a.id: a.version for a in sorted(artefacts, key=lambda a: a.id)},
        "standards": tier_standards(handbook, tier),
        "readme": readme,
    }


def kit_data(handbook: Handbook, readmes: dict[int, str]) -> dict[str, object]:
    """The kit's private data file: versions, placeholder labels, and each tier's contents."""
    settings = handbook.settings
    return {
        "kit_version": settings.version,
        "handbook_version": settings.version,
        "organisation": settings.organisation,
        "pmo_type": settings.pmo_type,
        "labels": labels(handbook),
        "tier_names": {str(t.id): t.name for t in settings.tiers},
        "tiers": {str(t.id): tier_contents(handbook, t.id, readmes[t.id]) for t in settings.tiers},
    }

"""The handbook model: typed, immutable, built from validated data; renderers import it only.

Dates are `datetime.date`, lists are tuples. What a kind of standard is lives in one
registry (`generator.model.kinds.KINDS`).
"""

from generator.model.answers import BUILTIN_ANSWERS, answer_label, placeholder
from generator.model.handbook import Handbook, build_model, content_hash
from generator.model.kinds import (
    KINDS,
    Artefact,
    Charter,
    Faq,
    Field,
    Gate,
    Glossary,
    Measure,
    Milestone,
    Obligation,
    Pillar,
    Policy,
    PolicyRole,
    Question,
    Requirement,
    Role,
    Section,
    SectionTable,
    Service,
    TableColumn,
    Term,
    page_path,
    page_url_path,
)
from generator.model.registry import Kind, KindError
from generator.model.releases import ReleaseChange, ReleaseNote
from generator.model.settings import (
    OBLIGATION_RANK,
    PMO_TYPES,
    Answer,
    PmoType,
    Settings,
    Tier,
)
from generator.model.standard import Approval, HistoryEntry, RaciRow, Standard

__all__ = [
    "Approval", "BUILTIN_ANSWERS", "KINDS", "OBLIGATION_RANK", "PMO_TYPES", "Answer", "Artefact",
    "Charter", "Faq", "Field", "Gate", "Glossary", "Handbook", "HistoryEntry", "Kind", "KindError",
    "Measure", "Milestone", "Obligation", "Pillar", "PmoType", "Policy", "PolicyRole",
    "Question", "RaciRow", "ReleaseChange", "ReleaseNote", "Requirement", "Role", "Section",
    "SectionTable", "Service", "Settings", "Standard", "TableColumn", "Term", "Tier",
    "answer_label", "build_model", "content_hash", "page_path", "page_url_path", "placeholder",
]

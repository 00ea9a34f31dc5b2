"""The standards loaded again only where a file changed, for the live preview.

`Standards.load()` gives the handbook `load_handbook` gives, with every check: each
file's load and schema check, and its built standard, are kept by the file's
content; the checks that need every document (cross-references, version rules) and
the model's assembly run every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from generator.errors import Problem, StandardsError
from generator.model import Handbook, Standard, build_model
from generator.model.handbook import build_settings, build_standard
from generator.release.changelog import release_notes
from generator.release.manifest import manifests_dir
from generator.release.version_rules import check_versions
from generator.shared.clock import today
from generator.shared.parallel import gc_paused
from generator.source.check import load_and_check_schemas
from generator.source.files import find_standards
from generator.source.loader import Document
from generator.source.references import check_references


class Standards:
    """A standards folder, loaded again only where a file changed."""

    def __init__(self, standards_dir: Path) -> None:
        self.dir = standards_dir
        self.checked: dict[str, tuple[bytes, Document, list[Problem]]] = {}
        self.built: dict[tuple[str, bytes, bytes], Standard] = {}

    def load(self) -> Handbook:
        """The handbook as `load_handbook` gives it; StandardsError with every problem."""
        with gc_paused():
            files, problems = find_standards(self.dir)
            digests = {display: hashlib.sha256(path.read_bytes()).digest()
                       for path, _, display in files}
            stale = [f for f in files if f[2] not in self.checked
                     or self.checked[f[2]][0] != digests[f[2]]]
            for (document, found) in load_and_check_schemas(stale):
                self.checked[document.display] = (digests[document.display], document, found)
            listed = {display for _, _, display in files}
            for display in [d for d in self.checked if d not in listed]:
                del self.checked[display]
            loaded = [self.checked[display][1:] for _, _, display in files]
            problems += [p for _, found in loaded for p in found]
            problems += check_references(loaded)
            documents = [document for document, _ in loaded]
            if not problems:
                problems = check_versions(documents, self.dir)
        if problems:
            raise StandardsError(sorted(set(problems)))
        return self._model(documents, digests)

    def _model(self, documents: list[Document], digests: dict[str, bytes]) -> Handbook:
        settings_document = next(d for d in documents if d.kind == "handbook")
        settings = build_settings(settings_document.data)
        handbook_digest = digests[settings_document.display]
        standards = []
        kept: dict[tuple[str, bytes, bytes], Standard] = {}
        for document in documents:
            if document.kind == "handbook":
                continue
            key = (document.display, digests[document.display], handbook_digest)
            standard = self.built.get(key) or build_standard(
                document.kind, document.display, document.data, settings)
            kept[key] = standard
            standards.append(standard)
        self.built = kept
        handbook = build_model(settings_document.data, (), built=standards)
        return dataclasses.replace(handbook, releases=release_notes(manifests_dir(self.dir)),
                                   as_of=today())

"""Kit renderer: a cookiecutter template that starts a project with its tier's artefacts."""

from generator.kit.render import render_kit

__all__ = ["render_kit"]

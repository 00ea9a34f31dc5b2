"""Site renderer: the handbook as a searchable mkdocs-material site."""

from generator.site.render import render_site

__all__ = ["render_site"]

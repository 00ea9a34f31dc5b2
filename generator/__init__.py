"""PMO Handbook: standards as checked YAML, published as a site, Word documents and a kit."""

__version__ = "0.1.0"

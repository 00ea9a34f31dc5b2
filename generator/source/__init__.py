"""Loading and validation: standards YAML in, located problems and validated data out."""

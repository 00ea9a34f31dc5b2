"""The commands: `pmo` and its verbs, on top of the library API (generator.pipeline)."""

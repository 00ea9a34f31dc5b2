"""Releases as data: manifests, version rules, diffs, release notes, and git tags."""

"""The pipeline: load and validate -> model -> renderers -> publish, and releases.

The only package that knows every stage: it hands each renderer what it needs and
moves outputs into place all or nothing.
"""

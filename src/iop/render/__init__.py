"""Signing copies: an agreement rendered to PDF/A (Typst), DOCX and HTML through Pandoc.

``document`` builds one Pandoc AST per agreement; ``pdf`` and ``office`` turn it
into files; ``batch`` renders many agreements on both cores and skips those
whose outputs are up to date; ``gate`` refuses agreements that fail validation
or linting.
"""

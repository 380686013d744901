"""``iop import``: agreements from Word, ODT, PDF, Markdown and plain text into YAML drafts."""

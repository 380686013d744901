"""The revision workflow: semantic diff and redline, formatter, scaffold for new agreements."""

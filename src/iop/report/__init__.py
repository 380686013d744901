"""Reporters turn diagnostics into text for people or machines."""

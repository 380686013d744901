"""The public register: a static website of every decided agreement, without personal data."""

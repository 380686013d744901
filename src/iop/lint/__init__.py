"""The LOU-risk linter: rule packs (:mod:`iop.lint.rules`), Swedish text matching
(:mod:`iop.lint.text`) and the engine that applies them (:mod:`iop.lint.engine`)."""

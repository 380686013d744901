"""The LOU-risk linter: rule packs (:mod:`iop.lint.rules`), Swedish text matching
(:mod:`iop.lint.text`) and the engine that applies them (:mod:`iop.lint.ruleset`, :mod:`iop.lint.plan`,
:mod:`iop.lint.document`, :mod:`iop.lint.batch`)."""

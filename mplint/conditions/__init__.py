"""Declarative rule conditions: the small when/require language of rules/README.md.

A rule entry may say, instead of naming a Python check:

    path: InferenceSpecification.Containers[*].Image    # optional scope: each node is checked
    when: {path: $.SkipModelValidation, equals: All}     # optional: the rule applies only if
    require: {matches: '\\d{12}\\.dkr\\.ecr\\..*'}       # this must hold, else a finding
    message: "image {value} is not from an approved registry"

Conditions are plain data, compiled once per run into small objects and evaluated over the
spec's plain data. Nothing is ever executed: regexes are the only "code", and the only
placeholders in messages are {reason}, {value} and {path}.

`paths` reads the path grammar, `compilation` turns an entry into a DeclarativeRule,
`evaluation` evaluates it in three-valued logic, `messages` words values and fills message
templates.
"""

from mplint.conditions.compilation import DeclarativeRule, compile_rule
from mplint.conditions.errors import ConditionError
from mplint.conditions.messages import a_type

__all__ = ["ConditionError", "DeclarativeRule", "a_type", "compile_rule"]

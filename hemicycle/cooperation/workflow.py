"""Which status an activity may move to from which (pure rules, no Django).

proposed → agreed → scheduled → held → reported is the normal path. Before it is held, an activity can be
postponed (and later agreed or scheduled again) or cancelled. Reported and cancelled are final.
"""

TRANSITIONS: dict[str, frozenset[str]] = {
    "proposed": frozenset({"agreed", "postponed", "cancelled"}),
    "agreed": frozenset({"scheduled", "postponed", "cancelled"}),
    "scheduled": frozenset({"held", "postponed", "cancelled"}),
    "postponed": frozenset({"proposed", "agreed", "scheduled", "cancelled"}),
    "held": frozenset({"reported"}),
    "reported": frozenset(),
    "cancelled": frozenset(),
}

#: Fields whose change is "significant" for calendar clients: they raise the SEQUENCE (RFC 5545 3.8.7.4).
SIGNIFICANT_FIELDS = frozenset({"start", "end", "timezone", "status", "title", "venue", "city", "kind"})


class TransitionError(ValueError):
    """An activity was asked to move to a status it cannot reach from where it is."""


def check_transition(current: str, target: str) -> None:
    """Raise ``TransitionError`` with a reason unless ``current`` → ``target`` is allowed."""
    if current not in TRANSITIONS:
        raise TransitionError(f"unknown status “{current}”")
    if target not in TRANSITIONS:
        raise TransitionError(f"unknown status “{target}”")
    if target == current:
        raise TransitionError(f"the activity is already {current}")
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (it is final)"
        raise TransitionError(f"an activity that is {current} cannot become {target}; allowed: {allowed}")

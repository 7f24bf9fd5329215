"""Which status an agreement may move to from which (pure rules, no Django).

draft → signed → in force → expired or terminated. A signed agreement that never entered into force can still be
terminated (a party withdraws before ratification). Expired and terminated are final: a renewal is a new agreement.
"""

AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"signed"}),
    "signed": frozenset({"in_force", "terminated"}),
    "in_force": frozenset({"expired", "terminated"}),
    "expired": frozenset(),
    "terminated": frozenset(),
}


class AgreementTransitionError(ValueError):
    """An agreement was asked to move to a status it cannot reach from where it is."""


def check_agreement_transition(current: str, target: str) -> None:
    """Raise ``AgreementTransitionError`` with a reason unless ``current`` → ``target`` is allowed."""
    if current not in AGREEMENT_TRANSITIONS:
        raise AgreementTransitionError(f"unknown status “{current}”")
    if target not in AGREEMENT_TRANSITIONS:
        raise AgreementTransitionError(f"unknown status “{target}”")
    if target == current:
        raise AgreementTransitionError(f"the agreement is already {current.replace('_', ' ')}")
    if target not in AGREEMENT_TRANSITIONS[current]:
        allowed = ", ".join(s.replace("_", " ") for s in sorted(AGREEMENT_TRANSITIONS[current])) or "none (it is final)"
        raise AgreementTransitionError(
            f"an agreement that is {current.replace('_', ' ')} cannot become {target.replace('_', ' ')}; "
            f"allowed: {allowed}")

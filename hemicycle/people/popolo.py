"""Popolo JSON: the registry written out in the Popolo data specification (export)."""


def export_registry(organization=None) -> dict:
    """The registry (or ``organization``'s part of it) as one Popolo document.

    Placeholder: a full implementation comes with the Popolo import/export work.
    """
    return {"persons": [], "organizations": [], "memberships": [], "posts": [], "areas": [], "events": []}

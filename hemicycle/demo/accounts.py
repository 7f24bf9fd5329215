"""Staff accounts for the demo: one per role, so that a visitor can try the back office as each of them."""

import os

from django.contrib.auth.models import Group

from hemicycle.accounts.models import User
from hemicycle.accounts.roles import ADMINISTRATOR, CLERK, INTERNATIONAL_RELATIONS_OFFICER, MODERATOR, ensure_roles

DEMO_STAFF = [
    ("admin@hemicycle.localhost", ADMINISTRATOR, True),
    ("clerk@hemicycle.localhost", CLERK, False),
    ("relations@hemicycle.localhost", INTERNATIONAL_RELATIONS_OFFICER, False),
    ("moderator@hemicycle.localhost", MODERATOR, False),
]


def demo_password() -> str:
    return os.environ.get("HEMICYCLE_DEMO_PASSWORD", "hemicycle-demo")


def demo_staff_ensure() -> list[tuple[str, str]]:
    """Create or reset the demo staff accounts; returns (email, role) pairs."""
    ensure_roles()
    made = []
    for email, role, superuser in DEMO_STAFF:
        user, _ = User.objects.get_or_create(email=email)
        user.is_staff = True
        user.is_superuser = superuser
        user.email_confirmed = True
        user.is_active = True
        user.set_password(demo_password())
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        made.append((email, role))
    return made

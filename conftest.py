"""Shared test fixtures: personas for every role, on a real database.

alice is a citizen, carl a clerk, irene an international relations officer, mona a moderator and ada an
administrator. Their password is PASSWORD.
"""

import pytest

pytest_plugins = ["hemicycle.core.testing_smtp"]  # the smtp_server fixture: a real SMTP server on localhost

PASSWORD = "correct horse battery staple"


def _make_user(email, *, role=None, staff=False, superuser=False):
    from django.contrib.auth.models import Group

    from hemicycle.accounts.models import User

    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=staff or bool(role),
                                    is_superuser=superuser, email_confirmed=True)
    if role:
        from hemicycle.accounts.roles import ensure_roles

        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(db):
    """A citizen with a confirmed email address."""
    return _make_user("alice@example.org")


@pytest.fixture
def carl(db):
    """A clerk."""
    from hemicycle.accounts.roles import CLERK

    return _make_user("carl@parliament.example", role=CLERK)


@pytest.fixture
def irene(db):
    """An international relations officer."""
    from hemicycle.accounts.roles import INTERNATIONAL_RELATIONS_OFFICER

    return _make_user("irene@parliament.example", role=INTERNATIONAL_RELATIONS_OFFICER)


@pytest.fixture
def mona(db):
    """A moderator."""
    from hemicycle.accounts.roles import MODERATOR

    return _make_user("mona@parliament.example", role=MODERATOR)


@pytest.fixture
def ada(db):
    """An administrator."""
    from hemicycle.accounts.roles import ADMINISTRATOR

    return _make_user("ada@parliament.example", role=ADMINISTRATOR)


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Each test starts in the default language: a page requested in Kazakh must not leak into the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()

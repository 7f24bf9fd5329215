"""Schemathesis over the legislation endpoints: every answer is one the OpenAPI document declares, in its shape."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from hemicycle.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection():
    """Called through the raw WSGI app, Django would close the test's database connection after each request
    (PostgreSQL then fails the next query); the test client unhooks the same signals for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, keep_test_connection):
    from hemicycle.legislation.tests.factories_votes import make_vote, make_world

    world = make_world()
    make_vote(world)
    return world


@schema.include(tag="legislation").parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_legislation_api_conforms(case, world):
    case.call_and_validate()

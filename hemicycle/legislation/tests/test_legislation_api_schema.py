"""Schemathesis over the legislation endpoints: every answer is one the OpenAPI document declares, in its shape."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from hemicycle.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def world(db):
    from hemicycle.legislation.tests.factories_votes import make_vote, make_world

    world = make_world()
    make_vote(world)
    return world


@schema.include(tag="legislation").parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_legislation_api_conforms(case, world):
    case.call_and_validate()

"""The OpenAPI document names each schema once: two different schemas under one name would silently
overwrite each other in /api/v1/openapi.json (django-ninja keys components by class name)."""

import importlib

from ninja import Schema

API_MODULES = ["hemicycle.people.api", "hemicycle.cooperation.api", "hemicycle.legislation.api", "hemicycle.api"]


def test_no_two_different_schemas_share_a_name():
    seen: dict[str, type] = {}
    for module_name in API_MODULES:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, Schema) and value.__module__ == module_name):
                continue
            other = seen.setdefault(value.__name__, value)
            if other is not value:
                assert other.model_json_schema() == value.model_json_schema(), (
                    f"{value.__name__} is defined differently in {other.__module__} and {value.__module__}"
                )

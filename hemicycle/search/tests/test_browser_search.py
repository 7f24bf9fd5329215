"""Search in a real browser, without JavaScript: type words in Kazakh and Dutch, narrow by kind and committee, open a
highlighted result; axe-core finds nothing to fix on the results page in any language."""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from hemicycle.legislation.tests import factories
from hemicycle.portal.tests.test_browser import (  # noqa: F401 — pytest fixtures used by name
    axe_violations,
    browser,
    describe,
    open_page,
    page,
)
from hemicycle.search.tests.test_search import _article, _bill

pytestmark = pytest.mark.browser
SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.fixture
def bills(live_server):
    world = factories.chambers()
    world["budget"] = _bill(world, "B-1", committee=world["old_budget"], en="Republican budget for 2027",
                            kk="2027 жылға арналған республикалық бюджет туралы",
                            nl="Begroting van de Republiek voor 2027", ru="О республиканском бюджете на 2027 год",
                            body=_article({"en": "The budget committee examines the budget of every ministry.",
                                           "nl": "De begrotingscommissie onderzoekt de begrotingen van elk ministerie.",
                                           "kk": "Бюджет комитеті әр министрліктің бюджетін қарайды."}))
    world["other"] = _bill(world, "B-2", committee=world["old_legal"], en="Budget code amendments",
                           nl="Wijziging van het begrotingswetboek", kk="Бюджет кодексіне өзгерістер")
    return world


def test_search_without_javascript_in_kazakh_filters_and_opens_a_result(browser, live_server, bills):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        open_page(page, f"{live_server.url}/kk/")
        page.fill("#site-search", "бюджетін")  # an inflected form: "its budget" (accusative)
        page.press("#site-search", "Enter")
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == "/kk/search/"
        titles = page.locator(".search-hit h3 a")
        assert titles.count() >= 3  # both bills and the text of the first
        assert page.locator(".search-hit mark").count() >= 3

        # Narrow to bills of the budget committee through the filters form.
        page.locator(".search-filters summary").click()
        page.check("#kind-bill")
        page.select_option("#search-committee", bills["old_budget"].public_uuid)
        page.locator(".search-form button[type=submit]").click()
        page.wait_for_load_state("load")
        query = parse_qs(urlsplit(page.url).query)
        assert query["kind"] == ["bill"] and query["committee"] == [bills["old_budget"].public_uuid]
        assert titles.count() == 1
        titles.first.click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == f"/kk/legislation/bills/{bills['budget'].public_uuid}/"
    finally:
        context.close()


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_results_page_passes_axe(page, live_server, bills, language):  # noqa: F811
    open_page(page, f"{live_server.url}/{language}/search/?q=budget+begroting+бюджет&kind=bill&kind=text")
    page.locator(".search-filters summary").click()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    if os.environ.get("SCREENSHOTS") == "1" and language in ("nl", "kk"):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"search-{language}.png"), full_page=True)

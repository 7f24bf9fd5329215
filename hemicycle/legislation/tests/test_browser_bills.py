"""The bill pages in a real browser: axe-core in every language, the phone layout, no CSP or script errors.

Reuses the Chromium and page fixtures of the portal's browser tests; the data is the small bill world of
factories_pages (a bill that passed from the Mazhilis to the Kurultai, two versions, amendments, votes).
"""

import re

import pytest
from django.conf import settings
from django.utils import translation

from hemicycle.legislation.tests import factories_pages as f
from hemicycle.portal.tests.test_browser import (  # noqa: F401 — pytest fixtures used by name
    axe_violations,
    browser,
    describe,
    open_page,
    page,
)

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _ in settings.LANGUAGES]


@pytest.fixture
def bills(live_server):
    world = f.bill_world()
    with translation.override("en"):
        paths = {
            "list": "/legislation/bills/",
            "bill": world["bill"].get_absolute_url(),
            "version": world["v2"].get_absolute_url(),
            "amendment": world["adopted"].get_absolute_url(),
            "committee": world["committee"].get_absolute_url(),
        }
    return {name: re.sub(r"^/en/", "/", path) for name, path in paths.items()}


@pytest.mark.parametrize("language", ["kk", "nl"])
def test_bill_pages_pass_axe_in_kazakh_and_dutch(page, live_server, bills, language):  # noqa: F811
    failures = []
    for name, path in bills.items():
        url = f"{live_server.url}/{language}{path}"
        open_page(page, url)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name} page {url}:\n{describe(violations)}")
    assert not failures, "axe-core found violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code not in ("kk", "nl")])
def test_bill_page_passes_axe_in_the_other_languages(page, live_server, bills, language):  # noqa: F811
    open_page(page, f"{live_server.url}/{language}{bills['bill']}")
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_bill_page_on_a_phone_fits_and_marks_the_current_step(browser, live_server, bills):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    problems = []
    phone.on("pageerror", lambda error: problems.append(str(error)))
    phone.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        for path in bills.values():
            open_page(phone, f"{live_server.url}/kk{path}")
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"
        open_page(phone, f"{live_server.url}/nl{bills['bill']}")
        current = phone.locator('.progress-line [aria-current="step"]')
        assert current.count() == 1
        assert "Eerste lezing" in current.inner_text()
        # The bill stylesheet applied (a CSP block would leave the steps as a plain list).
        assert phone.evaluate("getComputedStyle(document.querySelector('.progress-line')).display") == "flex"
    finally:
        context.close()
    assert not problems, "\n".join(problems)

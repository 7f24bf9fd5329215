"""Cooperation pages in a real browser: the partnership, meeting and briefing pages pass axe-core (WCAG 2.2 AA) in
every language, and work without JavaScript.

Reuses the portal's browser fixtures (Debian's Chromium through Playwright, against the live server) with the
demo world loaded, plus the factory partnership of hemicycle.cooperation.tests.factories.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from hemicycle.cooperation.models import Partnership
from hemicycle.cooperation.tests import factories
from hemicycle.portal.tests.test_browser import (  # noqa: F401 — browser and page are fixtures
    LANGUAGES,
    axe_violations,
    browser,
    describe,
    open_page,
    page,
)
from hemicycle.portal.tests.world import load_world

pytestmark = pytest.mark.browser


@pytest.fixture
def cooperation(live_server):
    """The demo world (with its Kazakhstan–Belgium partnership, when the demo has one) and a factory partnership."""
    load_world()
    made = factories.cooperation_world()
    return {"partnerships": list(Partnership.objects.filter(is_published=True)), "factory": made}


def _path(url: str) -> str:
    return re.sub(r"^/[a-z]{2}/", "/", url)


def cooperation_pages(data) -> dict[str, str]:
    """Partnership, latest meeting and briefing of every published partnership, as paths without a language."""
    pages = {}
    with translation.override("en"):
        for partnership in data["partnerships"]:
            key = partnership.public_uuid[:8]
            pages[f"partnership {key}"] = _path(partnership.get_absolute_url())
            pages[f"briefing {key}"] = _path(reverse("cooperation:briefing", args=[partnership.public_uuid]))
            meeting = partnership.meetings.filter(is_published=True).order_by("-start").first()
            if meeting is not None:
                pages[f"meeting {key}"] = _path(meeting.get_absolute_url())
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_partnership_meeting_and_briefing_pages_pass_axe_in_every_language(page, live_server, cooperation,  # noqa: F811
                                                                             language):
    failures = []
    pages = cooperation_pages(cooperation)
    assert len(pages) >= 3 * len(cooperation["partnerships"]) - 1 and len(cooperation["partnerships"]) >= 1
    for name, path in pages.items():
        url = f"{live_server.url}/{language}{path}"
        open_page(page, url)
        assert page.get_attribute("html", "lang") == language
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name} page {url}:\n{describe(violations)}")
    assert not failures, "axe-core found violations:\n" + "\n".join(failures)


def test_ledger_filter_works_without_javascript(browser, live_server, cooperation):  # noqa: F811
    partnership = cooperation["factory"]["partnership"]
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        open_page(tab, f"{live_server.url}/fr/cooperation/partnerships/{partnership.public_uuid}/commitments/")
        tab.select_option("#f-status", "overdue")
        tab.click(".ledger-filter button[type=submit]")
        tab.wait_for_load_state("load")
        assert "status=overdue" in tab.url
        rows = tab.locator("table tbody tr")
        assert rows.count() == 1
        assert "Send the reform briefing note" in rows.first.inner_text()
    finally:
        context.close()


def test_briefing_prints_without_the_site_chrome(page, live_server, cooperation):  # noqa: F811
    partnership = cooperation["factory"]["partnership"]
    open_page(page, f"{live_server.url}/en/cooperation/partnerships/{partnership.public_uuid}/briefing/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.language-switcher')).display") == "none"
    assert page.locator("h1").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

"""The difference and phrase pages in a real browser: axe-core (WCAG 2.2 AA) finds nothing, in every language."""

import pytest

from hemicycle.legislation.tests.factories_texts import make_texts_world
from hemicycle.portal.tests.test_browser import (  # noqa: F401 — browser and page are fixtures
    LANGUAGES,
    axe_violations,
    browser,
    describe,
    open_page,
    page,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_diff_and_phrase_pages_pass_axe(page, live_server, language):  # noqa: F811
    world = make_texts_world()
    base = f"{live_server.url}/{language}/legislation/bills/{world.bill.public_uuid}"
    failures = []
    for url in (f"{base}/diff/", f"{base}/diff/?from=1&to=3", f"{base}/phrase/?q=published+online",
                f"{base}/phrase/?q=reports+every+year", f"{base}/phrase/?q=nothing+like+this"):
        open_page(page, url)
        assert page.get_attribute("html", "lang") == language
        violations = axe_violations(page)
        if violations:
            failures.append(f"{url}:\n{describe(violations)}")
    assert not failures, "axe-core found violations:\n" + "\n".join(failures)

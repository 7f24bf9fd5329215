"""The portal in a real browser: accessibility (axe-core), languages, search without JavaScript, CSP.

Drives Debian's Chromium (/usr/bin/chromium; `make test` installs it) through Playwright against pytest-django's
live server, with the demo world loaded. SCREENSHOTS=1 saves screenshots of the home and a person page in
Kazakh and French to screenshots/ at the root of the repository.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from django.conf import settings

from hemicycle.portal.tests.world import load_world

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
LANGUAGES = [code for code, _ in settings.LANGUAGES]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module. Playwright's sync API keeps an event loop running in this thread, so Django
    would refuse ORM calls from the tests (SynchronousOnlyOperation); they are safe here: the loop is Playwright's.
    """
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def world(live_server):
    return load_world()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def pages_of(world) -> dict[str, str]:
    """The three kinds of page every language must get right, as paths without the language prefix."""
    return {
        "home": "/",
        "person": _strip_language(world["person"].get_absolute_url()),
        "organization": _strip_language(world["organization"].get_absolute_url()),
    }


def _strip_language(path: str) -> str:
    return re.sub(r"^/[a-z]{2}/", "/", path)


def open_page(page, url: str):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    return response


def axe_violations(page) -> list[dict]:
    # Injected through the DevTools protocol, not a <script> tag: the strict CSP would block an inline script.
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      at {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')[:200]!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_person_and_organization_pages_pass_axe_in_every_language(page, live_server, world, language):
    failures = []
    for name, path in pages_of(world).items():
        url = f"{live_server.url}/{language}{path}"
        open_page(page, url)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name} page {url}:\n{describe(violations)}")
    assert not failures, "axe-core found violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_hreflang_alternates_match_the_url(page, live_server, world, language):
    for path in pages_of(world).values():
        url = f"{live_server.url}/{language}{path}"
        open_page(page, url)

        assert page.get_attribute("html", "lang") == language, url
        alternates = {
            link.get_attribute("hreflang"): link.get_attribute("href")
            for link in page.locator("head link[rel=alternate][hreflang]").all()
        }
        assert set(LANGUAGES) <= set(alternates), (url, alternates)
        for code in LANGUAGES:
            href = urlsplit(alternates[code])
            assert href.scheme in {"http", "https"} and href.netloc, alternates[code]
            assert href.path == f"/{code}{path}", (url, code, alternates[code])
        assert urlsplit(alternates["x-default"]).path == f"/en{path}"


def test_language_switcher_keeps_you_on_the_same_page(page, live_server, world):
    person_path = _strip_language(world["person"].get_absolute_url())
    open_page(page, f"{live_server.url}/en{person_path}")
    english_heading = page.locator("h1").first.inner_text()

    for code in ("kk", "fr", "de"):
        page.locator(f"nav.language-switcher a[hreflang={code}]").click()
        page.wait_for_load_state("load")

        assert urlsplit(page.url).path == f"/{code}{person_path}"
        assert page.get_attribute("html", "lang") == code
        assert page.locator("nav.language-switcher a[aria-current]").get_attribute("hreflang") == code
    # Same person, another language: the interface around the name changed, the page did not.
    assert page.locator("h1").first.inner_text().strip()
    assert english_heading.strip()


def test_search_box_works_without_javascript(browser, live_server, world):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        open_page(page, f"{live_server.url}/fr/")
        family_name = world["person"].family_name or world["person"].name.split()[-1]

        page.fill("#site-search", family_name)
        page.press("#site-search", "Enter")
        page.wait_for_load_state("load")

        assert urlsplit(page.url).path == "/fr/search/"
        # reverse() follows whatever language the test thread last activated: compare paths without the prefix.
        person_path = "/fr" + _strip_language(world["person"].get_absolute_url())
        result = page.locator(f".search-hits a[href='{person_path}']")
        assert result.count() == 1, page.content()[:2000]
        result.click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == person_path
    finally:
        context.close()


def test_pages_render_without_csp_or_script_errors(page, live_server, world):
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)

    for language in ("kk", "en"):
        for path in pages_of(world).values():
            open_page(page, f"{live_server.url}/{language}{path}")
        open_page(page, f"{live_server.url}/{language}/search/?q=a")

    assert not problems, "\n".join(problems)
    # The stylesheet really applied (a CSP block of it would leave the page unstyled).
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline"


def test_screenshots_of_home_and_person_pages(page, live_server, world):
    if os.environ.get("SCREENSHOTS") != "1":
        pytest.skip("set SCREENSHOTS=1 to save screenshots")
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    person_path = _strip_language(world["person"].get_absolute_url())
    for language in ("kk", "fr"):
        for name, path in (("home", "/"), ("person", person_path)):
            open_page(page, f"{live_server.url}/{language}{path}")
            page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-{language}.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        open_page(page, f"{live_server.url}/{language}{person_path}")
        page.screenshot(path=str(SCREENSHOT_DIR / f"person-{language}-mobile.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

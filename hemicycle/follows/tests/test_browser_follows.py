"""Following in a real browser: alice logs in from a bill's page, follows it, finds it on "My follows", changes the
email frequency and unfollows; the same without JavaScript for a committee; axe-core finds nothing to fix on the
pages with the follow box and on "My follows"; no CSP or script error on the way.

Reuses the Chromium and page fixtures of the portal's browser tests and the bill world of the bill pages.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation

from conftest import PASSWORD
from hemicycle.follows.models import Follow
from hemicycle.legislation.tests import factories_pages as f
from hemicycle.portal.tests.test_browser import (  # noqa: F401 — pytest fixtures used by name
    axe_violations,
    browser,
    describe,
    open_page,
    page,
)

pytestmark = pytest.mark.browser


def _path(obj) -> str:
    with translation.override("en"):
        return re.sub(r"^/en/", "/", obj.get_absolute_url())


@pytest.fixture
def bills(live_server):
    world = f.bill_world()
    return {"world": world, "bill": _path(world["bill"]), "committee": _path(world["committee"]),
            "person": _path(world["sponsor"])}


def _watch(tab, problems: list):
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)


def _assert_axe_clean(tab, where: str):
    violations = axe_violations(tab)
    assert not violations, f"{where}:\n{describe(violations)}"


def _log_in(tab, email: str):
    tab.fill("input[name=username]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_load_state("load")


def test_alice_follows_a_bill_sees_it_on_my_follows_and_unfollows(page, live_server, bills, alice):  # noqa: F811
    problems = []
    _watch(page, problems)
    base = live_server.url
    open_page(page, f"{base}/en{bills['bill']}")
    _assert_axe_clean(page, "bill page, visitor")
    box = page.locator("section.follow-box")
    assert box.locator("a[type='application/rss+xml']").count() == 1
    box.get_by_role("link", name="Log in to follow").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/en/accounts/login/"

    _log_in(page, alice.email)
    assert urlsplit(page.url).path == f"/en{bills['bill']}"  # back on the bill
    _assert_axe_clean(page, "bill page with the follow form")
    box.get_by_label("Email").select_option("weekly")
    box.get_by_role("button", name=re.compile("^Follow")).click()
    page.wait_for_load_state("load")

    assert urlsplit(page.url).path == f"/en{bills['bill']}"
    assert "You follow" in page.locator("[role=status]").inner_text()
    assert "You follow it: email weekly." in box.inner_text()
    follow = Follow.objects.get(user=alice)
    assert (follow.bill_id, follow.frequency) == (bills["world"]["bill"].pk, "weekly")
    _assert_axe_clean(page, "bill page, following")

    page.get_by_role("link", name="My account").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=re.compile("^My follows")).click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/en/follow/"
    item = page.locator(".follow-list li").filter(has_text="On open parliament")
    assert item.count() == 1
    _assert_axe_clean(page, "My follows")

    item.get_by_label(re.compile("^Email")).select_option("daily")
    item.get_by_role("button", name=re.compile("^Save")).click()
    page.wait_for_load_state("load")
    assert Follow.objects.get(pk=follow.pk).frequency == "daily"

    page.locator(".follow-list li").filter(has_text="On open parliament").get_by_role(
        "button", name=re.compile("^Unfollow")).click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/en/follow/"
    assert "You no longer follow" in page.locator("[role=status]").inner_text()
    assert "You follow nothing yet" in page.locator("main").inner_text()
    assert not Follow.objects.filter(user=alice).exists()
    assert not problems, "\n".join(problems)


def test_following_a_committee_works_without_javascript(browser, live_server, bills, alice):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        base = live_server.url
        open_page(page, f"{base}/kk/accounts/login/?next=/kk{bills['committee']}")
        _log_in(page, alice.email)
        assert urlsplit(page.url).path == f"/kk{bills['committee']}"
        box = page.locator("section.follow-box")
        ics = box.locator("a[type='text/calendar']").get_attribute("href")
        assert ics == f"/calendars/bodies/{bills['world']['committee'].public_uuid}/sittings.ics"
        box.locator("button[type=submit]").click()
        page.wait_for_load_state("load")
        assert Follow.objects.get(user=alice).organization_id == bills["world"]["committee"].pk
        box.locator("form[action*='/delete/'] button").click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == f"/kk{bills['committee']}"
        assert not Follow.objects.filter(user=alice).exists()
    finally:
        context.close()


@pytest.mark.parametrize("language", ["kk", "ru", "fr", "nl", "de"])
def test_the_follow_box_and_my_follows_pass_axe_in_every_language(page, live_server, bills, alice,  # noqa: F811
                                                                  language):
    from hemicycle.follows.services import follow_create

    world = bills["world"]
    follow_create(user=alice, bill=world["bill"])
    follow_create(user=alice, organization=world["committee"], frequency="never")
    open_page(page, f"{live_server.url}/{language}/accounts/login/")
    _log_in(page, alice.email)
    for path in (bills["bill"], bills["committee"], bills["person"], "/follow/"):
        open_page(page, f"{live_server.url}/{language}{path}")
        _assert_axe_clean(page, f"{language}{path}")


def test_following_a_search_from_its_results_without_javascript(browser, live_server, alice):  # noqa: F811
    from hemicycle.legislation.tests import factories
    from hemicycle.search.tests.test_search import _bill

    world = factories.chambers()
    _bill(world, "W-1", committee=world["old_legal"], en="On water resources", kk="Су ресурстары туралы")
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        open_page(tab, f"{live_server.url}/en/accounts/login/?next=/en/search/%3Fq%3Dwater%26kind%3Dbill")
        _log_in(tab, alice.email)
        assert urlsplit(tab.url).path == "/en/search/"
        box = tab.locator("section.follow-box")
        assert box.locator("h2").inner_text() == "Follow this search"
        box.locator("select[name=frequency]").select_option("weekly")
        box.locator("button[type=submit]").click()
        tab.wait_for_load_state("load")
        assert urlsplit(tab.url).query == "q=water&kind=bill"
        follow = Follow.objects.get(user=alice)
        assert (follow.query, follow.frequency) == ({"q": "water", "kind": ["bill"]}, "weekly")
        open_page(tab, f"{live_server.url}/en/follow/")
        assert "Search “water” (kind: bill)" in tab.locator(".follow-list").inner_text()
    finally:
        context.close()


def test_the_search_page_with_the_follow_box_passes_axe(page, live_server, alice):  # noqa: F811
    from hemicycle.legislation.tests import factories
    from hemicycle.search.tests.test_search import _bill

    world = factories.chambers()
    _bill(world, "W-1", en="On water resources", kk="Су ресурстары туралы")
    open_page(page, f"{live_server.url}/kk/accounts/login/")
    _log_in(page, alice.email)
    for language in ("kk", "en"):
        open_page(page, f"{live_server.url}/{language}/search/?q=water")
        assert page.locator("section.follow-box form").count() == 1
        _assert_axe_clean(page, f"{language} search page")

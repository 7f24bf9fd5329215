"""The interface in every language: complete catalogues, compiled files up to date, pages that really translate."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from hemicycle.people.models import Membership, Organization, Person

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED = ["kk", "ru", "fr", "nl", "de"]  # English is the source language: its catalogue only carries plurals
NAVIGATION = ["People", "Bodies", "Open data", "Log in", "Search", "Skip to main content"]

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")


def po_file(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def msgfmt(*args: str) -> str:
    """Run msgfmt and return what it reports (it writes its statistics to stderr)."""
    done = subprocess.run(["msgfmt", *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stderr


@needs_msgfmt
@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_is_complete(lang):
    report = msgfmt("--check", "--statistics", "-o", "/dev/null", str(po_file(lang)))
    assert "translated message" in report, report
    assert "untranslated" not in report, report
    assert "fuzzy" not in report, report


@needs_msgfmt
@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_compiled_catalogue_matches_the_po_file(lang, tmp_path):
    # Compare what gettext loads, not bytes: two msgfmt versions may lay the same catalogue out differently.
    fresh = tmp_path / "django.mo"
    msgfmt("-o", str(fresh), str(po_file(lang)))
    committed = po_file(lang).with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run `manage.py compilemessages`"
    with committed.open("rb") as f:
        old = gettext.GNUTranslations(f)
    with fresh.open("rb") as f:
        new = gettext.GNUTranslations(f)
    assert old._catalog == new._catalog, f"{committed} is stale: run `manage.py compilemessages`"
    assert [old.plural(n) for n in range(200)] == [new.plural(n) for n in range(200)]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_home_page_navigation_is_translated(client, db, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    with translation.override(lang):
        labels = {label: translation.gettext(label) for label in NAVIGATION}
    for english, translated in labels.items():
        assert translated != english, f"{english!r} has no {lang} translation"
        assert escape(translated) in html, f"{translated!r} ({english!r}) is not on the {lang} home page"
        assert f">{english}<" not in html, f"{english!r} is shown in English on the {lang} home page"


def test_person_page_in_kazakh(client, db):
    chamber = Organization.objects.create(name_en="Mazhilis", name_kk="Мәжіліс", classification="chamber")
    person = Person.objects.create(name_en="Aigerim Demo", name_kk="Әйгерім Демо", gender="female")
    Membership.objects.create(person=person, organization=chamber, role="member", start_date="2023-03-29")
    with translation.override("kk"):
        url = person.get_absolute_url()
    assert url.startswith("/kk/")

    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="kk"' in html
    for kazakh in ["Тұлға", "Жынысы", "әйел", "Қазіргі лауазымдары мен мүшеліктері", "Рөлі", "Орган", "Кезең",
                   "мүше", "Мәжіліс", "Әйгерім Демо", "Соңғы өзгеріс", "Жария идентификатор", "Тұлғалар", "Іздеу",
                   "Кіру"]:
        assert kazakh in html, f"{kazakh!r} is missing from the Kazakh person page"
    for english in ["Current offices and memberships", ">Role<", ">Body<", ">Period<", ">Gender<", ">Person",
                    "Last changed", ">People<", ">Log in<"]:
        assert english not in html, f"{english!r} is shown in English on the Kazakh person page"

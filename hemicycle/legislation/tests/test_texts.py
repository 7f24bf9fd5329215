"""The pure text engine: applying amendments, comparing versions article by article, tracing a phrase."""

import pytest

from hemicycle.legislation import texts
from hemicycle.legislation.tests.factories_texts import original_body
from hemicycle.legislation.texts import AmendmentSpec, TextError

A12 = AmendmentSpec("ocd-amendment/12", "replace", "chp_1__art_2__para_1",
                    {"en": "An answer is given within fifteen working days."})
A13 = AmendmentSpec("ocd-amendment/13", "insert_after", "chp_1__art_2__para_1",
                    {"en": "Every answer is published online."}, new_eid="chp_1__art_2__para_2", new_num="2")
A14 = AmendmentSpec("ocd-amendment/14", "delete", "chp_1__art_3")


def amended():
    return texts.apply_amendments(original_body(), [A12, A13, A14])


def test_replace_insert_delete_and_provenance():
    before = original_body()
    body, provenance = texts.apply_amendments(before, [A12, A13, A14])
    nodes = texts.node_index(body)
    assert nodes["chp_1__art_2__para_1"]["text"]["en"] == "An answer is given within fifteen working days."
    # Languages the amendment does not word keep their text.
    assert nodes["chp_1__art_2__para_1"]["text"]["kk"] == "Жауап отыз күн ішінде беріледі."
    art2 = nodes["chp_1__art_2"]
    assert [c["eId"] for c in art2["children"]] == ["chp_1__art_2__para_1", "chp_1__art_2__para_2"]
    assert art2["children"][1]["num"] == "2" and art2["children"][1]["type"] == "paragraph"
    assert "chp_1__art_3" not in nodes
    assert provenance == {"chp_1__art_2__para_1": A12.public_id, "chp_1__art_2__para_2": A13.public_id,
                          "chp_1__art_3": A14.public_id}
    assert texts.node_index(before)["chp_1__art_2__para_1"]["text"]["en"].endswith("thirty days."), "input kept"


def test_unknown_target_is_refused_with_the_amendment_and_the_eid():
    with pytest.raises(TextError, match=r"Amendment ocd-amendment/99: there is no provision with eId 'art_9'"):
        texts.apply_amendments(original_body(), [AmendmentSpec("ocd-amendment/99", "replace", "art_9", {"en": "x"})])


@pytest.mark.parametrize(("spec", "message"), [
    (AmendmentSpec("a", "rewrite", "chp_1__art_1", {"en": "x"}), "unknown action"),
    (AmendmentSpec("a", "replace", "chp_1__art_1", {}), "no proposed wording"),
    (AmendmentSpec("a", "insert_after", "chp_1__art_1", {"en": "x"}), "needs the eId"),
    (AmendmentSpec("a", "insert_after", "chp_1__art_1", {"en": "x"}, new_eid="chp_1__art_2"), "already exists"),
])
def test_invalid_amendments(spec, message):
    with pytest.raises(TextError, match=message):
        texts.apply_amendments(original_body(), [spec])


def test_word_diff_segments():
    segments = texts.word_diff("An answer is given within thirty days.", "An answer is given within fifteen days.")
    assert segments == [texts.Segment("equal", "An answer is given within "), texts.Segment("delete", "thirty "),
                        texts.Segment("insert", "fifteen "), texts.Segment("equal", "days.")]
    assert "".join(s.text for s in segments if s.op != "insert") == "An answer is given within thirty days."


def test_diff_article_by_article():
    body, provenance = amended()
    changes = texts.diff_versions(original_body(), body, new_provenance=provenance, lang="en")
    assert [(c.eid, c.kind) for c in changes] == [("chp_1__art_2", "changed"), ("chp_1__art_3", "removed")]
    art2, art3 = changes
    assert art2.amendment_ids == [A12.public_id, A13.public_id]
    assert art2.amendment_id == A12.public_id
    assert texts.Segment("delete", "thirty ") in art2.segments
    assert any(s.op == "insert" and "fifteen working" in s.text for s in art2.segments)
    assert any(s.op == "insert" and "published online" in s.text for s in art2.segments)
    assert [[s.op for s in line] for line in art2.lines][1] == ["insert"]
    assert art3.amendment_ids == [A14.public_id] and art3.old_text == "The committee reports every year."
    assert art3.segments == [texts.Segment("delete", "The committee reports every year.")]


def test_diff_reports_added_articles_and_skips_unchanged():
    new_article = AmendmentSpec("ocd-amendment/20", "insert_after", "chp_1__art_3", {"en": "Entry into force."},
                                new_eid="chp_1__art_4", new_num="4")
    body, provenance = texts.apply_amendments(original_body(), [new_article])
    changes = texts.diff_versions(original_body(), body, new_provenance=provenance, lang="en")
    assert [(c.eid, c.kind, c.amendment_ids) for c in changes] == [("chp_1__art_4", "added",
                                                                    ["ocd-amendment/20"])]
    assert texts.diff_versions(original_body(), original_body(), new_provenance={}, lang="en") == []


def test_diff_in_another_language():
    body, provenance = amended()
    changes = texts.diff_versions(original_body(), body, new_provenance=provenance, lang="kk")
    # The amendments here are worded in English only: in Kazakh, paragraph 1 reads as before, and Article 2 differs
    # only by its new (untranslated) paragraph 2.
    assert changes[0].eid == "chp_1__art_2" and changes[0].amendment_ids == [A13.public_id]
    assert changes[0].new_text == "1. Жауап отыз күн ішінде беріледі.\n2."


def test_phrase_history_entered_and_removed():
    v1 = original_body()
    v2, p2 = texts.apply_amendments(v1, [A12, A13])
    v3, p3 = texts.apply_amendments(v2, [AmendmentSpec("ocd-amendment/30", "delete", "chp_1__art_2__para_2")],
                                    provenance=p2)
    versions = [(1, "as introduced", v1, {}), (2, "after first reading", v2, p2), (3, "final", v3, p3)]
    history = texts.phrase_history(versions, "  PUBLISHED   online ", "en")
    assert history.found
    assert history.first == texts.PhraseEvent("entered", 2, "after first reading", "chp_1__art_2__para_2", "2",
                                               A13.public_id, "paragraph")
    assert history.was_removed
    assert history.removed.version == 3 and history.removed.amendment_id == "ocd-amendment/30"
    assert history.occurrences == [(2, ["chp_1__art_2__para_2"])]


def test_phrase_history_original_wording_and_not_found():
    versions = [(1, "as introduced", original_body(), {})]
    history = texts.phrase_history(versions, "open parliament", "en")
    assert history.first.version == 1 and history.first.amendment_id == "" and not history.was_removed
    assert not texts.phrase_history(versions, "budget", "en").found
    assert not texts.phrase_history(versions, "   ", "en").found

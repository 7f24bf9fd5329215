"""Server-side SVG charts (pure: no database): well-formed, accessible, every value written as text."""

import xml.etree.ElementTree as ET

import pytest

from hemicycle.cooperation import charts

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{NS}text")]


@pytest.fixture
def implementation():
    return charts.implementation_chart(
        chart_id="impl", title="Implementation of “Joint calendar” & more", description="7 planned, 3 held.",
        quarters=["Q1 2025", "Q2 2025", "Q3 2025"], planned=[2, 4, 1], held=[2, 1, 0], planned_label="Planned",
        held_label="Held or reported", value_axis_label="Activities")


@pytest.fixture
def overdue():
    return charts.overdue_chart(
        chart_id="late", title="Overdue commitments", description="6 overdue.",
        groups=["Foreign Affairs <KZ>", "Aigerim Mysal"],
        buckets=[("0–30 days late", [2, 0]), ("31–90 days late", [1, 1]), ("more than 90 days late", [1, 0])],
        total_label="{total} overdue")


def test_implementation_chart_is_an_accessible_image(implementation):
    root = parse(implementation)

    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "impl-title impl-desc"
    assert root.find(f"{NS}title").get("id") == "impl-title"
    assert root.find(f"{NS}title").text == "Implementation of “Joint calendar” & more"  # escaped, then parsed
    assert root.find(f"{NS}desc").text == "7 planned, 3 held."
    assert root.get("viewBox").startswith("0 0 ")


def test_implementation_chart_writes_every_value_and_label_as_text(implementation):
    words = texts(parse(implementation))

    for label in ("Q1 2025", "Q2 2025", "Q3 2025", "Planned", "Held or reported", "Activities"):
        assert label in words
    # Bar values, in order: (planned, held) per quarter.
    bar_values = [t.text for t in parse(implementation).iter(f"{NS}text") if t.get("font-weight") == "bold"]
    assert bar_values == ["2", "2", "4", "1", "1", "0"]


def test_series_differ_by_pattern_not_colour_alone(implementation):
    root = parse(implementation)
    bars = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]

    fills = {r.get("fill") for r in bars}
    assert fills == {"url(#impl-p0)", "#0b4f6c"}  # hatched planned, solid held
    assert root.find(f".//{NS}pattern[@id='impl-p0']") is not None
    assert bars[0].find(f"{NS}title").text == "Q1 2025: Planned 2"


def test_no_style_attribute_for_a_strict_csp(implementation, overdue):
    for svg in (implementation, overdue):
        assert all("style" not in element.attrib for element in parse(svg).iter())
        assert "<script" not in svg and "style=" not in svg


def test_overdue_chart_stacks_buckets_and_writes_counts_and_totals(overdue):
    root = parse(overdue)
    words = texts(root)

    assert "Foreign Affairs <KZ>" in words  # escaped in the SVG, intact once parsed
    assert "4 overdue" in words and "1 overdue" in words
    for label in ("0–30 days late", "31–90 days late", "more than 90 days late"):
        assert label in words
    segment_titles = [r.find(f"{NS}title").text for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert segment_titles == [
        "Foreign Affairs <KZ>: 0–30 days late 2",
        "Foreign Affairs <KZ>: 31–90 days late 1",
        "Foreign Affairs <KZ>: more than 90 days late 1",
        "Aigerim Mysal: 31–90 days late 1",  # empty parts are not drawn
    ]
    patterns = {p.get("id") for p in root.iter(f"{NS}pattern")}
    assert patterns == {"late-p0", "late-p1"}  # hatched, dotted; the third is solid


def test_long_labels_are_shortened_in_the_drawing_only():
    svg = charts.overdue_chart(chart_id="x", title="t", description="d", groups=["A" * 60],
                               buckets=[("a", [1]), ("b", [0]), ("c", [0])])
    root = parse(svg)

    assert "A" * 31 + "…" in texts(root)
    assert root.find(f".//{NS}rect/{NS}title").text.startswith("A" * 60)


def test_empty_and_zero_data_still_draw():
    empty = parse(charts.implementation_chart(chart_id="e", title="t", description="d", quarters=[], planned=[],
                                              held=[], planned_label="P", held_label="H"))
    zeros = parse(charts.implementation_chart(chart_id="z", title="t", description="d", quarters=["Q1"],
                                              planned=[0], held=[0], planned_label="P", held_label="H"))
    nothing_late = parse(charts.overdue_chart(chart_id="n", title="t", description="d", groups=[],
                                              buckets=[("a", []), ("b", []), ("c", [])]))

    assert empty.get("role") == zeros.get("role") == nothing_late.get("role") == "img"
    assert "Q1" in texts(zeros)


def test_bad_data_is_refused():
    with pytest.raises(ValueError, match="values"):
        charts.implementation_chart(chart_id="b", title="t", description="d", quarters=["Q1", "Q2"], planned=[1],
                                    held=[1, 2], planned_label="P", held_label="H")
    with pytest.raises(ValueError, match="negative"):
        charts.implementation_chart(chart_id="b", title="t", description="d", quarters=["Q1"], planned=[-1],
                                    held=[0], planned_label="P", held_label="H")


def test_axis_steps_are_round():
    assert charts._nice_max(3) == (3, 1)
    assert charts._nice_max(12) == (15, 5)
    assert charts._nice_max(37) == (40, 10)


@pytest.mark.parametrize("days, bucket", [(1, 0), (30, 0), (31, 1), (90, 1), (91, 2), (400, 2)])
def test_lateness_buckets(days, bucket):
    assert charts.lateness_bucket(days) == bucket


def test_colours_have_enough_contrast_on_white():
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for style in (*charts.IMPLEMENTATION_STYLES, *charts.OVERDUE_STYLES):
        assert (1.05) / (luminance(style.colour) + 0.05) >= 3, style
    assert 1.05 / (luminance(charts.INK) + 0.05) >= 4.5
    assert 1.05 / (luminance(charts.MUTED) + 0.05) >= 4.5


def test_long_category_labels_wrap_instead_of_overlapping():
    quarters = ["2025, 4-тоқсан", "2026, 1-тоқсан", "Q3 2026"]
    root = parse(charts.implementation_chart(chart_id="kk", title="t", description="d", quarters=quarters,
                                             planned=[1, 0, 3], held=[1, 0, 2], planned_label="Жоспарланған",
                                             held_label="Өткізілген немесе есебі берілген"))
    words = texts(root)

    assert "2025," in words and "4-тоқсан" in words  # two lines under its bars
    assert "Q3 2026" in words  # short enough for one
    # Each category's slot is at least as wide as its longest line, so neighbours do not run into each other.
    lines = [t for t in root.iter(f"{NS}text") if t.text in {"4-тоқсан", "1-тоқсан"}]
    xs = sorted(float(t.get("x")) for t in lines)
    assert xs[1] - xs[0] >= charts._text_width("4-тоқсан")
    # The drawing is wide enough for the legend too.
    assert float(root.get("viewBox").split()[2]) >= charts._text_width("Өткізілген немесе есебі берілген") + 60

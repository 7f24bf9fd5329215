"""Charts as SVG text, drawn on the server from plain numbers (pure: no Django).

The pages embed the SVG inline, so a chart is readable without JavaScript and passes a strict CSP: everything is
drawn with presentation attributes (``fill``, ``stroke``, ``font-size``), never ``style=``. Each chart is an
image to assistive technology (``role="img"`` named by its ``<title>`` and ``<desc>``); the page puts the same
numbers in a table right below it. Series differ by pattern as well as by colour (hatched, dotted, solid), every
value is also written as text, and every colour has at least 3:1 contrast against white (WCAG 1.4.11).

Callers pass the words already translated: this module knows no language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

INK = "#1b1f24"
MUTED = "#4a5360"
GRID = "#c9d0d8"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass(frozen=True)
class Style:
    """How a series is painted: ``pattern`` is "solid", "hatch", "dots" or "cross"; ``colour`` has ≥ 3:1 on white."""

    pattern: str
    colour: str


#: Planned (hatched outline) against held (solid): the two read apart in greyscale too.
IMPLEMENTATION_STYLES = (Style("hatch", "#0b4f6c"), Style("solid", "#0b4f6c"))
#: Lateness from mild to severe: hatched amber-brown, dotted red, solid dark red.
OVERDUE_STYLES = (Style("hatch", "#8a6100"), Style("dots", "#b3261e"), Style("solid", "#6e1a0c"))


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]


def _text_width(text: str, size: int = 12) -> float:
    """A generous estimate of a text's width: Cyrillic and bold digits run wider than Latin letters."""
    return len(text) * size * 0.62


def _wrap(label: str, width: float, size: int = 12, max_lines: int = 2) -> list[str]:
    """A category label in lines that fit ``width`` (broken at spaces; the last line takes what is left)."""
    words, lines = label.split(), []
    while words and len(lines) < max_lines - 1:
        line = words.pop(0)
        while words and _text_width(f"{line} {words[0]}", size) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines.append(" ".join(words))
    return lines or [""]


def _num(value: float) -> str:
    """A value as a reader writes it: 3, not 3.0."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _fmt(value: float) -> str:
    """A coordinate, short."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 12, weight: str = "normal",
          fill: str = INK) -> str:
    return (f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}">{escape(content)}</text>')


def _defs(chart_id: str, styles: Sequence[Style]) -> tuple[str, list[str]]:
    """Pattern definitions for the styles, and the ``fill`` value of each."""
    defs, fills = [], []
    for i, style in enumerate(styles):
        pid = f"{chart_id}-p{i}"
        if style.pattern == "hatch":
            defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
                        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{style.colour}" stroke-width="3"/></pattern>')
            fills.append(f"url(#{pid})")
        elif style.pattern == "dots":
            defs.append(f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                        f'<rect width="5" height="5" fill="#ffffff"/>'
                        f'<circle cx="2.5" cy="2.5" r="1.6" fill="{style.colour}"/></pattern>')
            fills.append(f"url(#{pid})")
        elif style.pattern == "cross":
            defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                        f'<rect width="6" height="6" fill="#ffffff"/>'
                        f'<path d="M0 0L6 6M6 0L0 6" stroke="{style.colour}" stroke-width="1.5"/></pattern>')
            fills.append(f"url(#{pid})")
        else:
            fills.append(style.colour)
    return (f"<defs>{''.join(defs)}</defs>" if defs else ""), fills


def _open(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id={quoteattr(chart_id)} role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family={quoteattr(FONT)}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _legend(series: Sequence[Series], styles: Sequence[Style], fills: Sequence[str], x: float, y: float) -> str:
    parts = []
    for s, style, fill in zip(series, styles, fills, strict=False):
        parts.append(f'<rect x="{_fmt(x)}" y="{_fmt(y - 11)}" width="16" height="14" fill="{fill}" '
                     f'stroke="{style.colour}" stroke-width="1.5"/>')
        parts.append(_text(x + 22, y, s.label))
        x += 22 + _text_width(s.label) + 24
    return f'<g class="legend">{"".join(parts)}</g>'


def _nice_max(value: float) -> tuple[float, float]:
    """A round top for the value axis and the step between its grid lines (about five of them)."""
    if value <= 0:
        return 1, 1
    if value <= 5:
        return math.ceil(value), 1
    raw_step = value / 5
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(f * magnitude for f in (1, 2, 5, 10) if f * magnitude >= raw_step)
    step = max(1, step)
    return math.ceil(value / step) * step, step


def _check(categories: Sequence[str], series: Sequence[Series], styles: Sequence[Style]) -> None:
    if len(series) > len(styles):
        raise ValueError(f"{len(series)} series but only {len(styles)} styles")
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.label!r} has {len(s.values)} values for {len(categories)} categories")
        if any(v < 0 for v in s.values):
            raise ValueError(f"series {s.label!r} has a negative value")


def grouped_bar_chart(*, chart_id: str, title: str, description: str, categories: Sequence[str],
                      series: Sequence[Series], styles: Sequence[Style] = IMPLEMENTATION_STYLES,
                      value_axis_label: str = "") -> str:
    """Vertical bars, one group per category and one bar per series, each bar labelled with its value."""
    _check(categories, series, styles)
    bar_w, gap_in, gap_out = 22, 4, 26
    group_w = len(series) * bar_w + (len(series) - 1) * gap_in
    # Each category gets room for its bars and for its label, wrapped at spaces onto at most two lines.
    wrap_at = max(group_w + gap_out, 90) - 10
    lines = [_wrap(c, wrap_at) for c in categories]
    slot = max([group_w + gap_out] + [_text_width(line) + 12 for label in lines for line in label])
    left, right, top = 48, 16, 52
    bottom = 22 + 15 * max((len(label) for label in lines), default=1)
    plot_w = max(320, len(categories) * slot)
    plot_h = 180
    legend_w = 22 + sum(22 + _text_width(s.label) + 24 for s in series)
    width, height = max(left + plot_w + right, int(left + legend_w)), top + plot_h + bottom
    top_value, step = _nice_max(max((v for s in series for v in s.values), default=0))
    defs, fills = _defs(chart_id, styles)
    out = _open(chart_id, width, height, title, description)
    out.append(defs)
    out.append(_legend(series, styles, fills, left, 22))

    def y_of(value: float) -> float:
        return top + plot_h - plot_h * value / top_value

    grid = []
    tick = 0.0
    while tick <= top_value + 1e-9:
        y = y_of(tick)
        grid.append(f'<line x1="{left}" y1="{_fmt(y)}" x2="{left + plot_w}" y2="{_fmt(y)}" stroke="{GRID}" '
                    f'stroke-width="1"/>')
        grid.append(_text(left - 6, y + 4, _num(tick), anchor="end", size=11, fill=MUTED))
        tick += step
    out.append(f'<g class="grid">{"".join(grid)}</g>')
    if value_axis_label:
        out.append(_text(left, top - 10, value_axis_label, size=11, fill=MUTED))
    slot = plot_w / max(1, len(categories))
    bars = []
    for ci, category in enumerate(categories):
        x0 = left + ci * slot + (slot - group_w) / 2
        for si, s in enumerate(series):
            value = s.values[ci]
            x = x0 + si * (bar_w + gap_in)
            y = y_of(value)
            h = top + plot_h - y
            bars.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{bar_w}" height="{_fmt(h)}" fill="{fills[si]}" '
                        f'stroke="{styles[si].colour}" stroke-width="1.5"><title>{escape(category)}: '
                        f'{escape(s.label)} {_num(value)}</title></rect>')
            bars.append(_text(x + bar_w / 2, y - 4, _num(value), anchor="middle", size=11, weight="bold"))
        for li, line in enumerate(lines[ci]):
            bars.append(_text(left + ci * slot + slot / 2, top + plot_h + 18 + 15 * li, line, anchor="middle",
                              size=12))
    out.append(f'<g class="bars">{"".join(bars)}</g>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{INK}" '
               f'stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def stacked_bar_chart(*, chart_id: str, title: str, description: str, categories: Sequence[str],
                      series: Sequence[Series], styles: Sequence[Style] = OVERDUE_STYLES,
                      total_label: str = "") -> str:
    """Horizontal bars, one per category, stacked by series; each part carries its count, each bar its total.

    ``total_label`` is a format with ``{total}`` (e.g. "{total} overdue") written after each bar.
    """
    _check(categories, series, styles)
    label_chars = min(32, max((len(c) for c in categories), default=8))
    left = 16 + int(_text_width("x" * label_chars))
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    total_texts = [total_label.format(total=_num(t)) if total_label else _num(t) for t in totals]
    right = 16 + int(max((_text_width(t) for t in total_texts), default=20))
    top, row_h, bar_h = 48, 32, 20
    plot_w = 420
    legend_w = 16 + sum(22 + _text_width(s.label) + 24 for s in series)
    width = max(left + plot_w + right, int(legend_w))
    height = top + max(1, len(categories)) * row_h + 12
    top_value = max(totals, default=0) or 1
    defs, fills = _defs(chart_id, styles)
    out = _open(chart_id, width, height, title, description)
    out.append(defs)
    out.append(_legend(series, styles, fills, 16, 22))
    rows = []
    for ci, category in enumerate(categories):
        y = top + ci * row_h
        rows.append(_text(left - 8, y + bar_h / 2 + 4, _shorten(category, 32), anchor="end"))
        x = float(left)
        for si, s in enumerate(series):
            value = s.values[ci]
            if value <= 0:
                continue
            w = plot_w * value / top_value
            rows.append(f'<rect x="{_fmt(x)}" y="{y}" width="{_fmt(w)}" height="{bar_h}" fill="{fills[si]}" '
                        f'stroke="{styles[si].colour}" stroke-width="1.5"><title>{escape(category)}: '
                        f'{escape(s.label)} {_num(value)}</title></rect>')
            if w >= 24:
                # A white tab under the count keeps it readable on a hatched or dark part.
                cx = x + w / 2
                rows.append(f'<rect x="{_fmt(cx - 10)}" y="{y + 3}" width="20" height="14" rx="3" fill="#ffffff" '
                            f'stroke="{styles[si].colour}" stroke-width="1"/>')
                rows.append(_text(cx, y + 14, _num(value), anchor="middle", size=11, weight="bold"))
            x += w
        rows.append(_text(x + 6, y + bar_h / 2 + 4, total_texts[ci], size=12, weight="bold"))
    if not categories:
        rows.append(_text(left, top + 16, "0"))
    out.append(f'<g class="bars">{"".join(rows)}</g>')
    out.append(f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{height - 8}" stroke="{INK}" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)


def implementation_chart(*, chart_id: str, title: str, description: str, quarters: Sequence[str],
                         planned: Sequence[int], held: Sequence[int], planned_label: str, held_label: str,
                         value_axis_label: str = "") -> str:
    """Programme implementation: activities planned against activities held, per quarter."""
    return grouped_bar_chart(chart_id=chart_id, title=title, description=description, categories=quarters,
                             series=[Series(planned_label, planned), Series(held_label, held)],
                             styles=IMPLEMENTATION_STYLES, value_axis_label=value_axis_label)


def overdue_chart(*, chart_id: str, title: str, description: str, groups: Sequence[str],
                  buckets: Sequence[tuple[str, Sequence[int]]], total_label: str = "") -> str:
    """Overdue commitments per group (partnership or owner), stacked by how late: ``buckets`` is
    ``[(label, counts per group), …]`` from the least to the most late."""
    return stacked_bar_chart(chart_id=chart_id, title=title, description=description, categories=groups,
                             series=[Series(label, counts) for label, counts in buckets], styles=OVERDUE_STYLES,
                             total_label=total_label)


#: Lateness buckets for overdue commitments: (lowest days late, highest days late or None).
LATENESS_BUCKETS = ((0, 30), (31, 90), (91, None))


def lateness_bucket(days_late: int) -> int:
    """Index in ``LATENESS_BUCKETS`` of a commitment ``days_late`` days past its due date."""
    for i, (_low, high) in enumerate(LATENESS_BUCKETS):
        if high is None or days_late <= high:
            return i
    return len(LATENESS_BUCKETS) - 1

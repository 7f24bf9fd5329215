"""Joint programmes and their activities: pages, versions and their differences, charts, CSV, print."""

import csv
import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from hemicycle.cooperation import programme_diff as diffs
from hemicycle.cooperation import programme_selectors as sel
from hemicycle.cooperation.models import Activity, Partnership, Programme
from hemicycle.cooperation.programme_times import parse_quarter_key, quarter_key, utc_offset_label
from hemicycle.people.models import Organization
from hemicycle.portal.templatetags.hemicycle import translated_value

NAV = "cooperation"


def _programme(request, uuid) -> Programme:
    return get_object_or_404(sel.visible_programmes(request.user), public_id=f"ocd-programme/{uuid}")


def _latest_version(programme: Programme):
    return programme.versions.order_by("-number").first()


class ActivityFilterForm(forms.Form):
    """The programme page's filters (a GET form: the filtered page has its own address and works without JS)."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    organizer = forms.ChoiceField(label=gettext_lazy("Organizing side"), required=False)
    quarter = forms.ChoiceField(label=gettext_lazy("Quarter"), required=False)

    def __init__(self, *args, programme: Programme, visible, moments, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["kind"].choices = everyone + [(v, str(label).capitalize()) for v, label in Activity.Kind.choices]
        self.fields["status"].choices = everyone + [(v, str(label).capitalize())
                                                    for v, label in Activity.Status.choices]
        partnership = programme.partnership
        organizers = {org.pk: org for org in (partnership.parliament, partnership.counterpart)}
        organizers.update({org.pk: org for org in Organization.objects.filter(
            pk__in=visible.order_by().values("organizer_id")).exclude(pk__in=organizers)})
        self.fields["organizer"].choices = everyone + [
            (org.public_id, str(translated_value(org, "name"))) for org in organizers.values()]
        quarters = sel.programme_quarters(programme, moments)
        self.fields["quarter"].choices = everyone + [(f"{y}-Q{q}", sel.quarter_label(y, q)) for y, q in quarters]

    def criteria(self) -> dict:
        """The valid filters; an invalid one is ignored (and its error shown next to it)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"kind": data.get("kind", ""), "status": data.get("status", ""),
                "organizer": data.get("organizer", ""), "quarter": parse_quarter_key(data.get("quarter", ""))}


FILTERS = ("kind", "status", "organizer", "quarter")
#: Activities per page of the programme page; the CSV files and the print version have them all.
PAGE_SIZE = 100


def _filtered(request, programme: Programme):
    """(form, moments of every visible activity, the activities the filters keep: a queryset or a list)."""
    visible = sel.visible_activities(request.user).filter(programme=programme)
    moments = sel.moments(visible)
    filters = {key: request.GET[key] for key in FILTERS if request.GET.get(key)}
    form = ActivityFilterForm(filters or None, programme=programme, visible=visible, moments=moments)
    kept = sel.filter_activities(visible, **form.criteria()) if filters else visible.order_by("start", "pk")
    return form, moments, kept


def _filter_query(request) -> str:
    """The page's filters as a query string (without the page number), for the CSV and print links."""
    query = request.GET.copy()
    for key in list(query):
        if key not in FILTERS or not query.get(key):
            del query[key]
    return query.urlencode()


@require_safe
def programme_detail(request, uuid):
    programme = _programme(request, uuid)
    form, moments, kept = _filtered(request, programme)
    page = Paginator(kept, PAGE_SIZE).get_page(request.GET.get("page"))
    quarters = sel.implementation_by_quarter(programme, moments)
    return render(request, "cooperation/programme_detail.html", {
        "programme": programme, "partnership": programme.partnership, "version": _latest_version(programme),
        "form": form, "months": sel.by_month(sel.activity_rows(page.object_list)), "page": page,
        "shown": page.paginator.count, "total": len(moments), "quarters": quarters,
        "chart": sel.implementation_svg(programme, quarters),
        "query": _filter_query(request), "sees_everything": sel.sees_unpublished(request.user), "nav": NAV,
    })


@require_safe
def programme_implementation(request, uuid):
    programme = _programme(request, uuid)
    activities = sel.moments(sel.visible_activities(request.user).filter(programme=programme))
    quarters = sel.implementation_by_quarter(programme, activities)
    commitments = sel.visible_commitments(request.user).filter(partnership=programme.partnership)
    groups = sel.overdue_groups(commitments, by="owner")
    title = _("Overdue commitments of “%(partnership)s”, by owner and by how late") % {
        "partnership": translated_value(programme.partnership, "title")}
    return render(request, "cooperation/programme_implementation.html", {
        "programme": programme, "partnership": programme.partnership, "quarters": quarters,
        "chart": sel.implementation_svg(programme, quarters),
        "overdue_groups": groups, "overdue_chart": sel.overdue_svg(groups, title=title) if groups else "",
        "overdue_title": title, "lateness_labels": sel.lateness_labels(), "today": timezone.localdate(),
        "nav": NAV,
    })


@require_safe
def programme_print(request, uuid):
    programme = _programme(request, uuid)
    _form, moments, kept = _filtered(request, programme)
    rows = sel.activity_rows(kept)
    return render(request, "cooperation/programme_print.html", {
        "programme": programme, "partnership": programme.partnership, "version": _latest_version(programme),
        "months": sel.by_month(rows), "filtered": len(rows) != len(moments),
        "printed_at": timezone.now(), "page_url": request.build_absolute_uri(programme.get_absolute_url()),
        "nav": NAV,
    })


@require_safe
def programme_versions(request, uuid):
    programme = _programme(request, uuid)
    versions = list(programme.versions.order_by("-number"))
    return render(request, "cooperation/programme_versions.html", {
        "programme": programme, "partnership": programme.partnership, "versions": versions,
        "numbers": [v.number for v in versions], "nav": NAV,
    })


def _public_rows(request, snapshot: list) -> list:
    """A version's rows a reader may see: for the public, only activities that are public now (an embargoed
    activity must not show through an old version)."""
    if sel.sees_unpublished(request.user):
        return snapshot
    uids = {row.get("uid") for row in snapshot if isinstance(row, dict)}
    public = set(sel.visible_activities(request.user).filter(uid__in=uids).values_list("uid", flat=True))
    return [row for row in snapshot if isinstance(row, dict) and row.get("uid") in public]


def _pick_translation(values: dict) -> str:
    """The reader's language from a snapshot's {language: text}, or the first language that has one."""
    from django.utils.translation import get_language

    language = (get_language() or "en").split("-")[0]
    if values.get(language):
        return values[language]
    for code in ("en", "ru", "kk", "fr", "nl", "de", ""):
        if values.get(code):
            return values[code]
    return next((v for v in values.values() if v), "")


FIELD_LABELS = {
    "title": gettext_lazy("Title"), "kind": gettext_lazy("Kind"), "status": gettext_lazy("Status"),
    "start": gettext_lazy("Start"), "end": gettext_lazy("End"), "timezone": gettext_lazy("Time zone"),
    "venue": gettext_lazy("Venue"), "city": gettext_lazy("City"), "organizer": gettext_lazy("Organizing side"),
}


def _value_text(field: str, value, organizers: dict) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.datetime):
        return (f"{date_format(value, 'DATE_FORMAT')}, {value.strftime('%H:%M')} "
                f"{sel.zone_label(str(value.tzinfo), value)}")
    if field == "kind":
        return str(Activity.Kind(value).label) if value in Activity.Kind.values else str(value)
    if field == "status":
        return str(Activity.Status(value).label) if value in Activity.Status.values else str(value)
    if field == "organizer":
        org = organizers.get(value)
        return str(translated_value(org, "name")) if org else str(value)
    if field == "timezone":
        return f"{sel.zone_name(value)} ({value})"
    return str(value)


def _language_name(code: str) -> str:
    from django.utils.translation import get_language_info

    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _diff_view_model(diff: diffs.ProgrammeDiff, request) -> list[dict]:
    organizer_ids = {e.row.get("organizer") for e in diff.entries}
    organizer_ids |= {c.old for e in diff.entries for c in e.changes if c.field == "organizer"}
    organizer_ids |= {c.new for e in diff.entries for c in e.changes if c.field == "organizer"}
    organizers = {o.public_id: o for o in Organization.objects.filter(public_id__in=organizer_ids - {None})}
    labels = {diffs.ADDED: _("Added"), diffs.REMOVED: _("Removed"),
              diffs.CHANGED: _("Changed")}
    symbols = {diffs.ADDED: "+", diffs.REMOVED: "−", diffs.CHANGED: "~"}
    pages = {a.uid: a.get_absolute_url()
             for a in sel.visible_activities(request.user).filter(uid__in=[e.uid for e in diff.entries])}
    out = []
    for entry in diff.entries:
        when = ""
        if entry.start and entry.end:
            when = f"{sel._range_text(entry.start, entry.end)} {sel.zone_label(entry.timezone, entry.start)}"
        changes = []
        for change in entry.changes:
            label = str(FIELD_LABELS.get(change.field, change.field))
            if change.language:
                label = f"{label} ({_language_name(change.language)})"
            changes.append({"label": label, "old": _value_text(change.field, change.old, organizers),
                            "new": _value_text(change.field, change.new, organizers),
                            "language": change.language})
        out.append({
            "change": entry.change, "label": labels[entry.change], "symbol": symbols[entry.change],
            "uid": entry.uid, "title": _pick_translation(entry.title), "when": when, "url": pages.get(entry.uid, ""),
            "kind": _value_text("kind", entry.row.get("kind"), organizers),
            "status": _value_text("status", entry.row.get("status"), organizers),
            "organizer": _value_text("organizer", entry.row.get("organizer"), organizers),
            "changes": changes,
        })
    return out


@require_safe
def programme_diff(request, uuid):
    programme = _programme(request, uuid)
    versions = {v.number: v for v in programme.versions.all()}
    numbers = sorted(versions)
    error = ""
    old = new = None
    try:
        to_number = int(request.GET.get("to") or (numbers[-1] if numbers else 0))
        from_number = int(request.GET.get("from") or (numbers[-2] if len(numbers) > 1 else to_number))
    except ValueError:
        error = _("Choose two versions of the programme by their numbers.")
    else:
        old, new = versions.get(from_number), versions.get(to_number)
        if numbers and (old is None or new is None):
            error = _("This programme has no version with that number. Its versions are: %(numbers)s.") % {
                "numbers": ", ".join(str(n) for n in numbers)}
            old = new = None
    entries, diff = [], None
    if old is not None and new is not None:
        diff = diffs.diff_snapshots(_public_rows(request, old.snapshot), _public_rows(request, new.snapshot))
        entries = _diff_view_model(diff, request)
    response = render(request, "cooperation/programme_diff.html", {
        "programme": programme, "partnership": programme.partnership, "old": old, "new": new, "diff": diff,
        "entries": entries, "numbers": numbers, "error": error, "nav": NAV,
    }, status=400 if error else 200)
    return response


# --- CSV -------------------------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP: CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_response(filename: str, header: list, rows) -> HttpResponse:
    """UTF-8 with a byte-order mark, so that spreadsheet apps read Kazakh, Russian and French right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _slug(programme: Programme) -> str:
    return f"programme-{programme.public_uuid}"


@require_safe
def programme_csv(request, uuid):
    """The programme as a reader sees it (with the page's filters), one activity per row, headers translated."""
    programme = _programme(request, uuid)
    _form, _moments, kept = _filtered(request, programme)
    labels = _Labels()
    header = [_("Date"), _("Local time"), _("Time zone"), _("Start (UTC)"), _("End (UTC)"), _("Kind"), _("Title"),
              _("Venue"), _("City"), _("Organizing side"), _("Status"), _("Quarter"), _("UID"), _("Sequence")]
    rows = []
    for a in kept:
        when = sel.activity_when(a)
        rows.append([when.local_date, when.local_times, f"{when.zone} {a.timezone}", _utc(a.start), _utc(a.end),
                     labels.kind(a), _cell(translated_value(a, "title")), _cell(translated_value(a, "venue")),
                     _cell(translated_value(a, "city")), _cell(labels.organizer(a)), labels.status(a),
                     quarter_key(a.local_start.date()), a.uid, a.sequence])
    return _csv_response(f"{_slug(programme)}.csv", header, rows)


class _Labels:
    """Labels looked up once per file rather than once per row: a programme may have thousands of activities."""

    def __init__(self):
        self.kinds = {value: str(label) for value, label in Activity.Kind.choices}
        self.statuses = {value: str(label) for value, label in Activity.Status.choices}
        self.names: dict[int, str] = {}
        placeholder = "00000000-0000-4000-8000-000000000000"
        self._activity_path = (reverse("cooperation:activity", args=[placeholder]), placeholder)

    def kind(self, activity) -> str:
        return self.kinds.get(activity.kind, activity.kind)

    def status(self, activity) -> str:
        return self.statuses.get(activity.status, activity.status)

    def organizer(self, activity) -> str:
        if activity.organizer_id not in self.names:
            self.names[activity.organizer_id] = str(translated_value(activity.organizer, "name"))
        return self.names[activity.organizer_id]

    def activity_path(self, activity) -> str:
        path, placeholder = self._activity_path
        return path.replace(placeholder, activity.public_uuid)


ACTIVITY_COLUMNS = ["uid", "kind", "kind_label", "title", "start_local", "end_local", "timezone", "utc_offset",
                    "start_utc", "end_utc", "status", "status_label", "organizer_id", "organizer", "venue", "city",
                    "assembly", "bodies", "delegation", "sequence", "embargo_until", "url", "updated_at"]


@require_safe
def activities_csv(request, uuid):
    """Every activity of the programme the reader may see, as data: stable column names, codes and labels."""
    programme = _programme(request, uuid)
    activities = (sel.visible_activities(request.user).filter(programme=programme).select_related("assembly")
                  .prefetch_related("bodies", "delegation").order_by("start", "pk"))
    labels, base = _Labels(), request.build_absolute_uri("/").rstrip("/")
    rows = []
    for a in activities:
        start, end = a.local_start, a.local_end
        rows.append([
            a.uid, a.kind, labels.kind(a), _cell(translated_value(a, "title")),
            start.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M"), a.timezone,
            utc_offset_label(start), _utc(a.start), _utc(a.end), a.status, labels.status(a),
            a.organizer.public_id, _cell(labels.organizer(a)),
            _cell(translated_value(a, "venue")), _cell(translated_value(a, "city")),
            _cell(translated_value(a.assembly, "name")) if a.assembly else "",
            _cell("; ".join(str(translated_value(b, "name")) for b in a.bodies.all())),
            _cell("; ".join(str(translated_value(p, "name")) for p in a.delegation.all())),
            a.sequence, _utc(a.embargo_until) if a.embargo_until else "",
            base + labels.activity_path(a), _utc(a.updated_at),
        ])
    return _csv_response(f"{_slug(programme)}-activities.csv", ACTIVITY_COLUMNS, rows)


COMMITMENT_COLUMNS = ["id", "title", "owner", "owner_id", "side", "due_on", "status", "status_label",
                      "days_overdue", "closed_on", "evidence", "evidence_url", "agreed_at_meeting", "agreement"]


@require_safe
def commitments_csv(request, uuid):
    """A partnership's commitments ledger: owner, due date, status, evidence."""
    partnerships = Partnership.objects.all()
    if not sel.sees_unpublished(request.user):
        partnerships = partnerships.filter(is_published=True)
    partnership = get_object_or_404(partnerships, public_id=f"ocd-partnership/{uuid}")
    commitments = (sel.visible_commitments(request.user).filter(partnership=partnership)
                   .select_related("agreement").order_by("due_on", "pk"))
    today = timezone.localdate()
    rows = []
    for c in commitments:
        owner = c.owner_person or c.owner_organization
        rows.append([
            c.public_id, _cell(translated_value(c, "title")), _cell(sel.owner_label(c)),
            owner.public_id if owner else "", c.side, c.due_on.isoformat() if c.due_on else "", c.status,
            c.get_status_display(), (today - c.due_on).days if c.is_overdue(today) else "",
            c.closed_on.isoformat() if c.closed_on else "", _cell(translated_value(c, "evidence")),
            c.evidence_url,
            _cell(translated_value(c.meeting, "title")) if c.meeting and c.meeting.is_published else "",
            _cell(translated_value(c.agreement, "title")) if c.agreement and c.agreement.is_published else "",
        ])
    return _csv_response(f"partnership-{partnership.public_uuid}-commitments.csv", COMMITMENT_COLUMNS, rows)


# --- One activity ----------------------------------------------------------------------------------------------

@require_safe
def activity_detail(request, uuid):
    activity = sel.visible_activities(request.user).select_related("assembly").filter(
        public_id=f"ocd-activity/{uuid}").first()
    if activity is None:
        raise Http404
    sees_everything = sel.sees_unpublished(request.user)
    documents = activity.documents.all() if sees_everything else activity.documents.filter(is_published=True)
    commitments = activity.commitments.select_related("owner_person", "owner_organization")
    if not sees_everything:
        commitments = commitments.filter(is_published=True)
    return render(request, "cooperation/activity_detail.html", {
        "activity": activity, "programme": activity.programme, "partnership": activity.programme.partnership,
        "when": sel.activity_when(activity), "is_public": activity.is_public(),
        "history": activity.status_changes.all(), "delegation": activity.delegation.order_by("sort_name", "name"),
        "bodies": activity.bodies.order_by("name"), "documents": documents,
        "commitments": commitments, "sees_everything": sees_everything,
        "is_joint_initiative": activity.kind == Activity.Kind.JOINT_INITIATIVE, "nav": NAV,
        "today": timezone.localdate(),
    })

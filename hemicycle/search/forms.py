"""The search form: what the page, the API and a followed search accept, and the clear errors when it is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemicycle.legislation.models import Bill, Stage
from hemicycle.people.models import Organization
from hemicycle.search.models import SearchDocument

ORDERS = [("relevance", _("Most relevant first")), ("newest", _("Newest first"))]


def stage_choices() -> list[tuple[str, str]]:
    """Every stage code of every bill type, named once, in procedure order."""
    seen: dict[str, str] = {}
    for stage in Stage.objects.order_by("order", "workflow_id"):
        seen.setdefault(stage.code, str(stage.name))
    return [("", _("Any stage")), *seen.items()]


def committees() -> list[Organization]:
    """The committees that lead at least one bill."""
    return list(Organization.objects.filter(pk__in=Bill.objects.values("committee")).order_by("name"))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to look for"), max_length=200, required=False,
                        help_text=_('All words must appear. "Quotes" find an exact phrase; a minus sign excludes a '
                                    "word."))
    kind = forms.MultipleChoiceField(label=_("Look in"), choices=SearchDocument.Kind.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    stage = forms.ChoiceField(label=_("Stage of the bill"), required=False)
    committee = forms.ChoiceField(label=_("Committee"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    order = forms.ChoiceField(label=_("Order"), choices=ORDERS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stage_choices()
        self.committees = {org.public_uuid: org for org in committees()}
        self.fields["committee"].choices = [("", _("Any committee")),
                                            *((uuid, str(org.name)) for uuid, org in self.committees.items())]

    @property
    def stage_names(self) -> dict[str, str]:
        """Stage code → its name, for showing results."""
        return {code: str(name) for code, name in self.fields["stage"].choices if code}

    def clean_committee(self) -> Organization | None:
        """The committee chosen (the choice field checked that it is one)."""
        return self.committees.get(self.cleaned_data["committee"])

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

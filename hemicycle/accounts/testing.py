"""Helpers for tests that work in the back office the way a member of staff does: through its forms."""

import datetime


def _field_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if field.disabled:
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, datetime.date | datetime.datetime):
            data[bound.html_name] = value.isoformat()
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response) -> dict:
    """What the admin add/change form rendered in ``response`` would post if saved unchanged.

    Covers the main form and every inline formset (management form and rows), so a test can change one value
    and post the rest as a browser would.
    """
    data = _field_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(_field_data(formset.management_form))
        for form in formset.forms:
            data.update(_field_data(form))
    return data

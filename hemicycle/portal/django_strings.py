"""Django's own messages that our public forms show but Django's Kazakh catalogue leaves in English.

Nothing imports this module: it only marks the strings so that `makemessages` copies them into our catalogues
(locale/<lang>/LC_MESSAGES/django.po), which Django reads before its own. The msgids must stay exactly as
Django 5.2 writes them (curly apostrophes included); for ru, fr, nl and de our catalogues repeat Django's wording.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Sign-up, password change and password reset forms (django.contrib.auth.forms).
AUTH_FORMS = (
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
)

# The password rules in settings.AUTH_PASSWORD_VALIDATORS: help texts under the field, errors after a try.
PASSWORD_VALIDATORS = (
    ngettext_lazy("Your password must contain at least %(min_length)d character.",
                  "Your password must contain at least %(min_length)d characters.", "min_length"),
    ngettext_lazy("This password is too short. It must contain at least %d character.",
                  "This password is too short. It must contain at least %d characters.", "min_length"),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)

# Field validation (django.core.validators) on the email and display-name fields.
VALIDATORS = (
    gettext_noop("Enter a valid email address."),
    ngettext_lazy("Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                  "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                  "limit_value"),
)

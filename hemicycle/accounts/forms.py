"""Forms for citizens' accounts. Every input says what it is for (labels, autocomplete tokens) so that browsers,
password managers and assistive technologies can fill it in."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hemicycle.accounts import services
from hemicycle.accounts.models import User


def _email_field(autocomplete: str, **attrs) -> forms.EmailField:
    return forms.EmailField(label=_("Email address"), max_length=254,
                            widget=forms.EmailInput(attrs={"autocomplete": autocomplete, **attrs}))


class SignUpForm(forms.Form):
    email = _email_field("email")
    display_name = forms.CharField(
        label=_("Display name (optional)"), max_length=150, required=False,
        help_text=_("Shown next to what you write on the site. Leave it empty to stay anonymous."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                help_text=_("Type the same password, to be sure of it."),
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, not at import, so that the rules are listed in the reader's language.
        self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean_email(self):
        return services.email_normalize(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1:
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password1, user=candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        if password1 and password2 and password1 != password2:
            self.add_error("password2", ValidationError(_("The two passwords differ."), code="password_mismatch"))
        return cleaned


class LoginForm(auth_forms.AuthenticationForm):
    """Log in with an email address; refuses accounts whose address is not confirmed yet."""

    username = _email_field("username", autofocus=True)
    error_messages = {
        "invalid_login": _("This email address and password do not match an account. Check both and try again."),
        "inactive": _("This account has been deactivated."),
        "unconfirmed": _("Please confirm your email address first, with the link we sent you."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.unconfirmed_email = ""

    def clean_username(self):
        return services.email_normalize(self.cleaned_data["username"])

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            # The error is about the pair, not one field: point both inputs at the message (login.html's id).
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update({"aria-describedby": "login-errors", "aria-invalid": "true"})
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Staff accounts are opened by an administrator, who vouches for the address.
        if not user.email_confirmed and not user.is_staff:
            self.unconfirmed_email = user.email
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class ResendConfirmationForm(forms.Form):
    email = _email_field("email")


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name (optional)"), max_length=150, required=False,
        help_text=_("Shown next to what you write on the site. Leave it empty to stay anonymous."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of our emails"), choices=settings.LANGUAGES,
        widget=forms.Select(attrs={"autocomplete": "language"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, writing to each person in the language of their account."""

    email = _email_field("email")

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        language = context["user"].preferred_language or translation.get_language()
        if language not in services.LANGUAGE_CODES:
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Choosing a new password from a reset link; the link proved the address, so it is now confirmed."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            services.email_mark_confirmed(user=user)
        return user

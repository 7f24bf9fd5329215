"""Citizens' accounts: sign up, confirm the address, log in and out, reset the password, "my account".

Every page works without JavaScript. Sign-up, login and the pages that send mail are rate-limited by IP
address (login also by the address typed in); over the limit, the portal's 429 page answers.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from hemicycle.accounts import services
from hemicycle.accounts.forms import (
    LoginForm,
    PasswordResetForm,
    ProfileForm,
    ResendConfirmationForm,
    SetPasswordForm,
    SignUpForm,
)

LOGIN_RATE_GROUP = "hemicycle.accounts.login"


def _signup_rate(group, request) -> str:
    # Read at request time, so that a test (or an operator, via the environment) can change it.
    return settings.RATELIMIT_SIGNUP


def _login_rate(group, request) -> str:
    return settings.RATELIMIT_LOGIN


def posted_email_key(group, request) -> str:
    """Rate-limit key: the address typed into a login form, normalized so that case does not reset the count."""
    return services.email_normalize(request.POST.get("username", "") or request.POST.get("email", ""))


def rate_limit_guard(view):
    """Answer with the portal's 429 page when a ratelimit decorator around ``view`` found the request over."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if getattr(request, "limited", False):
            return import_string(settings.RATELIMIT_VIEW)(request)
        return view(request, *args, **kwargs)

    return guarded


def signup_rate_limit(view, group=None):
    """At most RATELIMIT_SIGNUP posts per IP address: sign-up, and the forms that send us mail.

    Each view counts apart (``group`` defaults to the view's dotted name).
    """
    return ratelimit(group=group, key="ip", rate=_signup_rate, method="POST", block=False)(rate_limit_guard(view))


def login_rate_limits(view):
    """At most RATELIMIT_LOGIN login attempts per IP address, and as many per account address."""
    view = rate_limit_guard(view)
    view = ratelimit(group=LOGIN_RATE_GROUP, key=posted_email_key, rate=_login_rate, method="POST",
                     block=False)(view)
    return ratelimit(group=LOGIN_RATE_GROUP + ".ip", key="ip", rate=_login_rate, method="POST", block=False)(view)


def _site_url(request) -> str:
    """Where links in our mail point: the host this person is using (ALLOWED_HOSTS vouches for it)."""
    return request.build_absolute_uri("/").rstrip("/")


@sensitive_post_parameters("password1", "password2")
@never_cache
@signup_rate_limit
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_sign_up(email=form.cleaned_data["email"], password=form.cleaned_data["password1"],
                              display_name=form.cleaned_data["display_name"], language=get_language(),
                              site_url=_site_url(request))
        request.session["accounts_check_inbox"] = form.cleaned_data["email"]
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


@never_cache
def signup_done(request):
    return render(request, "accounts/signup_done.html", {"email": request.session.get("accounts_check_inbox", "")})


@never_cache
def email_confirm(request, token):
    try:
        services.email_confirm(token=token)
    except services.EmailConfirmationError as error:
        return render(request, "accounts/confirm_failed.html",
                      {"reason": error.reason, "form": ResendConfirmationForm()}, status=400)
    messages.success(request, _("Thank you: your email address is confirmed. You can now log in."))
    return redirect("accounts:login")


@never_cache
@signup_rate_limit
@require_http_methods(["GET", "HEAD", "POST"])
def confirmation_resend(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.email_confirmation_resend(email=form.cleaned_data["email"], site_url=_site_url(request))
        request.session["accounts_check_inbox"] = form.cleaned_data["email"]
        return redirect("accounts:signup_done")
    return render(request, "accounts/confirmation_resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login = login_rate_limits(LoginView.as_view())


logout = auth_views.LogoutView.as_view()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    user = request.user
    form = ProfileForm(request.POST or None, initial={
        "display_name": user.display_name,
        "preferred_language": user.preferred_language or get_language(),
    })
    if request.method == "POST" and form.is_valid():
        services.user_profile_update(user=user, display_name=form.cleaned_data["display_name"],
                                     preferred_language=form.cleaned_data["preferred_language"])
        messages.success(request, _("Your account is updated."))
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form, "nav": "account"})


password_reset = signup_rate_limit(auth_views.PasswordResetView.as_view(
    form_class=PasswordResetForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset_body.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
), group="hemicycle.accounts.password_reset")


password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=SetPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change_form.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")

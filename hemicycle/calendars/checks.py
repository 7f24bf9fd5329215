"""System checks for federation: a key that cannot be read is an error; none at all in production, a warning."""

from django.conf import settings
from django.core import checks

from hemicycle.calendars import signing


@checks.register("federation")
def federation_key_check(app_configs=None, **kwargs):
    seed = getattr(settings, "HEMICYCLE_FEDERATION_KEY", "")
    if seed:
        try:
            signing.load_private_key(seed)
        except signing.SignatureError as exc:
            return [checks.Error(f"HEMICYCLE_FEDERATION_KEY is unusable: {exc}.",
                                 hint="`hemicycle federation-keygen` prints a new key.", id="calendars.E001")]
    return []


@checks.register("federation", deploy=True)
def federation_deploy_check(app_configs=None, **kwargs):
    messages = []
    if not getattr(settings, "HEMICYCLE_FEDERATION_KEY", ""):
        messages.append(checks.Warning(
            "HEMICYCLE_FEDERATION_KEY is not set: federation is off (its endpoints answer 503).",
            hint="Set it from a secret store; `hemicycle federation-keygen` prints a new key.", id="calendars.W001"))
    if settings.HEMICYCLE_INSTANCE_ID == "hemicycle.localhost":
        messages.append(checks.Warning(
            "HEMICYCLE_INSTANCE_ID is the default: partners identify this instance by it.",
            hint="Set it to this instance's host name, e.g. hemicycle.parliament.example.", id="calendars.W002"))
    return messages

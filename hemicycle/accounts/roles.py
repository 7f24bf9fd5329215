"""Staff roles. Each is a Django group whose permissions are set here, in code, and applied after migrations.

- administrator: everything.
- clerk: the registry of the parliament itself (persons, chambers, committees, political groups, posts,
  memberships, areas, legislative periods).
- international relations officer: the bodies of cooperation (friendship groups, delegations, embassies,
  international assemblies) and memberships in them; persons (ambassadors, partners' members); the records of
  cooperation (partnerships, meetings, agreements, commitments, programmes and their activities).
- moderator: citizens' accounts (activate, deactivate); later, citizens' contributions.
- legislation (clerks and administrators only): workflows and their stages, bill types, bills, versions,
  amendments, sittings and vote events.

Model permissions say which kinds of record a role may touch; ``can_edit`` says which records within a model
(a clerk may change a committee but not an embassy). The back office applies both.
"""

from django.db import DEFAULT_DB_ALIAS

ADMINISTRATOR = "administrator"
CLERK = "clerk"
INTERNATIONAL_RELATIONS_OFFICER = "international relations officer"
MODERATOR = "moderator"

ROLES = (ADMINISTRATOR, CLERK, INTERNATIONAL_RELATIONS_OFFICER, MODERATOR)

#: Organization classifications each role keeps (values of ``Organization.Classification``).
CLERK_CLASSIFICATIONS = frozenset(
    {"parliament", "chamber", "committee", "political_group", "party", "government_body", "other"}
)
COOPERATION_CLASSIFICATIONS = frozenset({"friendship_group", "delegation", "embassy", "international_assembly"})

_ALL = ("add", "change", "delete", "view")
_VIEW = ("view",)
# The generic parts (other names, identifiers, contacts, links) are edited inline on their owner.
_GENERIC = {"othername": _ALL, "identifier": _ALL, "contactdetail": _ALL, "link": _ALL}

#: Cooperation records are the international relations officers' alone (clerks and moderators get none). Versions,
#: status histories and partners' proposals are written by the cooperation services and federation, never by hand.
COOPERATION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "partnership": _ALL, "assemblydelegation": _ALL, "meeting": _ALL, "meetingparticipant": _ALL,
    "pressrelease": _ALL, "agreement": _ALL, "agreementsignatory": _ALL, "commitment": _ALL, "programme": _ALL,
    "activity": _ALL, "document": _ALL,
    "programmeversion": _VIEW, "activitystatuschange": _VIEW, "activityproposal": _VIEW,
}

# LEGISLATION ------------------------------------------------------------------------------------------------
#: The legislative record is the clerks' (and administrators'); other roles get nothing special (the public pages
#: show everyone what is published). Stage changes and votes are written by the legislation services and the
#: roll-call import, never typed in row by row, so the back office only shows them.
LEGISLATION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "workflow": _ALL, "stage": _ALL, "transition": _ALL, "billtype": _ALL, "bill": _ALL, "billversion": _ALL,
    "amendment": _ALL, "sitting": _ALL, "agendaitem": _ALL, "voteevent": _ALL,
    "billstagechange": _VIEW, "vote": _VIEW,
}
# ------------------------------------------------------------------------------------------------------------

#: Model permissions per role, as {app_label: {model_name: actions}}. The administrator holds every permission.
ROLE_PERMISSIONS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    CLERK: {
        "people": {
            "person": _ALL, "organization": _ALL, "membership": _ALL, "post": _ALL, "area": _ALL, "event": _ALL,
            "succession": _ALL, **_GENERIC,
        },
        "legislation": LEGISLATION_PERMISSIONS,
    },
    INTERNATIONAL_RELATIONS_OFFICER: {
        "people": {
            "person": _ALL, "organization": _ALL, "membership": _ALL, "post": _ALL, **_GENERIC,
            # Read-only, so that memberships and bodies can point at a country or a legislative period.
            "area": _VIEW, "event": _VIEW, "succession": _VIEW,
        },
        "cooperation": COOPERATION_PERMISSIONS,
    },
    MODERATOR: {
        "accounts": {"user": ("view", "change")},
    },
}


def ensure_roles(using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the four role groups and set their permissions to exactly what this module says. Idempotent.

    Permissions are created first for every installed app, so that this works whatever order the apps' own
    post-migrate handlers run in.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        if role == ADMINISTRATOR:
            wanted = Permission.objects.using(using).all()
        else:
            codenames = {
                (app_label, f"{action}_{model}")
                for app_label, models in ROLE_PERMISSIONS[role].items()
                for model, actions in models.items()
                for action in actions
            }
            wanted = [
                perm
                for perm in Permission.objects.using(using).select_related("content_type")
                if (perm.content_type.app_label, perm.codename) in codenames
            ]
        group.permissions.set(wanted)


def user_roles(user) -> frozenset[str]:
    """The roles ``user`` holds as active staff (a superuser holds every role). Cached on the user object."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        return frozenset(ROLES)
    if not user.is_staff:
        return frozenset()
    # Like Django's own permission cache: computed once per request's user object.
    cached = getattr(user, "_hemicycle_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._hemicycle_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    """Whether ``user`` is active staff holding ``role`` (superusers hold every role)."""
    return role in user_roles(user)


def acts_as(user, role: str) -> bool:
    """Whether ``user`` may act in ``role``: holds it, or is an administrator (who may do everything)."""
    roles = user_roles(user)
    return role in roles or ADMINISTRATOR in roles


def editable_classifications(user) -> frozenset[str]:
    """The organization classifications ``user`` may create and change."""
    roles = user_roles(user)
    if ADMINISTRATOR in roles:
        return CLERK_CLASSIFICATIONS | COOPERATION_CLASSIFICATIONS
    allowed: frozenset[str] = frozenset()
    if CLERK in roles:
        allowed |= CLERK_CLASSIFICATIONS
    if INTERNATIONAL_RELATIONS_OFFICER in roles:
        allowed |= COOPERATION_CLASSIFICATIONS
    return allowed


def can_edit(user, obj) -> bool:
    """Whether ``user`` may change or delete the record ``obj`` (model permissions are checked separately).

    - administrator: everything;
    - clerk: organizations of the parliament's own kinds, posts and memberships in them, persons, areas,
      legislative periods and successions between its bodies;
    - international relations officer: bodies of cooperation, posts and memberships in them, persons;
    - moderator: accounts of citizens (not of staff), and nothing in the registry.

    Other names, identifiers, contact details and links follow the record they belong to. Cooperation records
    (partnerships, meetings, agreements, commitments, programmes, activities, …) are the officers' alone.
    """
    roles = user_roles(user)
    if not roles:
        return False
    if ADMINISTRATOR in roles:
        return True
    label = obj._meta.label_lower
    if label == "accounts.user":
        return MODERATOR in roles and not (obj.is_staff or obj.is_superuser)
    if label == "people.organization":
        return obj.classification in editable_classifications(user)
    if label in {"people.membership", "people.post"}:
        return obj.organization.classification in editable_classifications(user)
    if label == "people.person":
        return bool(roles & {CLERK, INTERNATIONAL_RELATIONS_OFFICER})
    if label in {"people.area", "people.event"}:
        return CLERK in roles
    if label == "people.succession":
        return CLERK in roles and can_edit(user, obj.predecessor) and can_edit(user, obj.successor)
    if label in {"people.othername", "people.identifier", "people.contactdetail", "people.link"}:
        owner = obj.owner
        return owner is not None and can_edit(user, owner)
    if obj._meta.app_label == "cooperation":
        return INTERNATIONAL_RELATIONS_OFFICER in roles
    # LEGISLATION: workflows, bills, texts, amendments, sittings and votes are the clerks' alone.
    if obj._meta.app_label == "legislation":
        return CLERK in roles
    return False

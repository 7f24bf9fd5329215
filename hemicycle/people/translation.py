"""Which content fields exist in six languages (django-modeltranslation), and the change history.

History is registered here, after the translated columns exist, so that it records every language's value.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from hemicycle.people.models import (
    Area,
    ContactDetail,
    Event,
    Identifier,
    Link,
    Membership,
    Organization,
    OtherName,
    Person,
    Post,
    Succession,
)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "summary", "biography", "honorific_prefix")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "abstract", "description")


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name",)


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("label",)


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("label",)


@register(Succession)
class SuccessionTranslation(TranslationOptions):
    fields = ("note",)


for model in (Person, Organization, Area, Event, Post, Membership, Succession,
              OtherName, Identifier, ContactDetail, Link):
    keep_history(model)

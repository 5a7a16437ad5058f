"""Test data for the government structure. Rows are created directly: these factories build
the world a test starts from; the behaviour under test goes through services."""

import datetime

import factory

from django.contrib.auth import get_user_model

from ventanilla.government.models import (
    AdministrativeUnit,
    Agency,
    Holiday,
    Jurisdiction,
    Level,
    Membership,
    Office,
    OpeningException,
    OpeningHours,
    Role,
)
from ventanilla.government.services import BACK_OFFICE_GROUP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persona{n}@example.mx")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Pérez {n}")
    password = factory.django.Password("Prueba-Segura-2026")


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("slug",)

    level = Level.FEDERAL
    name = factory.Sequence(lambda n: f"Jurisdicción {n}")
    slug = factory.Sequence(lambda n: f"jurisdiccion-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"Secretaría {n}")
    name_en = factory.Sequence(lambda n: f"Ministry {n}")
    acronym = factory.Sequence(lambda n: f"SEC{n}")
    slug = factory.Sequence(lambda n: f"secretaria-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Dirección General {n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Oficina {n}")
    street = "Av. Juárez 100"
    municipality = "Xalapa"
    state = "Veracruz"
    postal_code = "91000"


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    office = factory.SubFactory(OfficeFactory)
    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(15)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    office = factory.SubFactory(OfficeFactory)
    date = datetime.date(2026, 12, 24)


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    date = datetime.date(2026, 12, 25)
    name = "Navidad"
    name_en = "Christmas Day"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A role, with the back-office access the membership service would grant."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.OFFICER

    @factory.post_generation
    def back_office(obj, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            obj.user.groups.add(Group.objects.get(name=BACK_OFFICE_GROUP))
            if not obj.user.is_staff:
                obj.user.is_staff = True
                obj.user.save(update_fields=["is_staff"])


def staff(role: str, agency=None, **user_fields):
    """A user holding `role` in `agency` (none for platform administrators)."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, role=role, agency=agency if role != Role.PLATFORM_ADMIN else None)
    return user

"""`manage.py load_demo`: every app's demonstration data (ventanilla.core.demo's registry).

This module's own loader is the government structure and one account per role.

Idempotent: every row is found by its natural key (slug, name, e-mail, date) and updated in
place, through the services, which write nothing when nothing changed; running it twice leaves
the same rows and no new audit entries. Refused where settings.VENTANILLA_ALLOW_DEMO_DATA is
False (production), because it creates accounts with a published password.
"""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ventanilla.core import demo
from ventanilla.core.channels import Channel
from ventanilla.core.context import channel_context
from ventanilla.government import demo_data, services
from ventanilla.government.access import SYSTEM
from ventanilla.government.models import (
    AdministrativeUnit,
    Agency,
    Holiday,
    Jurisdiction,
    Membership,
    Office,
    OpeningException,
    OpeningHours,
)

OFFICE_FIELDS = (
    "name", "name_en", "street", "neighbourhood", "municipality", "state", "postal_code",
    "latitude", "longitude", "phone", "hours",
)


def _upsert(model, lookup: dict, values: dict, create, update):
    """Create the row found by `lookup`, or update it with `values`, through the services."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    if instance.pk is None:
        return create(instance, actor=SYSTEM)
    return update(instance, actor=SYSTEM)


class Command(BaseCommand):
    help = "Load demonstration data: agencies, offices, holidays, one account per staff role, the catalog."

    def handle(self, *args, **options):
        if not settings.VENTANILLA_ALLOW_DEMO_DATA:
            raise CommandError(
                "Demo data is disabled here (VENTANILLA_ALLOW_DEMO_DATA is False): it would create "
                "accounts with a published password."
            )
        demo.run_all(self.stdout)

    def load_government(self) -> None:
        with channel_context(Channel.SYSTEM), transaction.atomic():
            jurisdictions = self.load_jurisdictions()
            self.load_holidays(jurisdictions["mexico"])
            agencies = self.load_agencies(jurisdictions)
            self.load_users(agencies[demo_data.DEMO_STAFF_AGENCY])
        self.print_credentials(agencies[demo_data.DEMO_STAFF_AGENCY])

    def load_jurisdictions(self) -> dict[str, Jurisdiction]:
        result = {}
        for slug, level, name, name_en, parent, inegi_code in demo_data.JURISDICTIONS:
            result[slug] = _upsert(
                Jurisdiction, {"slug": slug},
                {"level": level, "name": name, "name_en": name_en, "parent": result.get(parent),
                 "inegi_code": inegi_code},
                services.create_jurisdiction, services.update_jurisdiction,
            )
        return result

    def load_holidays(self, federation: Jurisdiction) -> None:
        year = timezone.localdate().year
        for day, name, name_en in demo_data.national_holidays(year) + demo_data.national_holidays(year + 1):
            _upsert(
                Holiday, {"jurisdiction": federation, "date": day}, {"name": name, "name_en": name_en},
                services.create_holiday, services.update_holiday,
            )

    def load_agencies(self, jurisdictions) -> dict[str, Agency]:
        result = {}
        for data in demo_data.AGENCIES:
            head_name, head_title, head_title_en = data["head"]
            agency = _upsert(
                Agency, {"slug": data["slug"]},
                {
                    "jurisdiction": jurisdictions[data["jurisdiction"]],
                    "parent": result.get(data.get("parent")),
                    "name": data["name"], "name_en": data["name_en"], "acronym": data["acronym"],
                    "website": data["website"], "phone": data["phone"],
                    "email": f"contacto@{data['slug']}.demo.ventanilla.mx",
                    "head_name": head_name, "head_title": head_title, "head_title_en": head_title_en,
                    **demo_data.agency_texts(data),
                },
                services.create_agency, services.update_agency,
            )
            result[data["slug"]] = agency
            units = [
                _upsert(AdministrativeUnit, {"agency": agency, "name": name}, {},
                        services.create_unit, services.update_unit)
                for name in data["units"]
            ]
            for office_data in data["offices"]:
                self.load_office(agency, units[0], dict(zip(OFFICE_FIELDS, office_data, strict=True)))
        return result

    def load_office(self, agency: Agency, unit: AdministrativeUnit, data: dict) -> Office:
        office = Office.objects.filter(agency=agency, name=data["name"]).first() or Office(agency=agency)
        for name in OFFICE_FIELDS:
            if name not in ("latitude", "longitude", "hours"):
                setattr(office, name, data[name])
        office.unit = unit
        office.latitude, office.longitude = Decimal(data["latitude"]), Decimal(data["longitude"])
        office.accessibility = "Acceso con rampa, sanitario accesible y atención preferente."
        office.accessibility_en = "Ramp access, accessible toilet and priority service."
        # Assigning to a cluster relation replaces it in memory; the service saves the difference.
        office.hours = [
            OpeningHours(weekday=day, opens=opens, closes=closes)
            for day, periods in demo_data.HOURS[data["hours"]].items()
            for opens, closes in periods
        ]
        year = timezone.localdate().year
        office.exceptions = [
            OpeningException(
                date=datetime.date(year, 12, 24), opens=datetime.time(9), closes=datetime.time(13),
                reason="Horario especial de Nochebuena", reason_en="Christmas Eve hours",
            ),
            OpeningException(date=datetime.date(year, 12, 31), reason="Cierre por fin de año",
                             reason_en="Closed for New Year's Eve"),
        ]
        if office.pk is None:
            return services.create_office(office, actor=SYSTEM)
        return services.update_office(office, actor=SYSTEM)

    def load_users(self, agency: Agency) -> None:
        User = get_user_model()
        for email, first_name, last_name, role in demo_data.DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, demo_data.DEMO_PASSWORD)
            elif not user.check_password(demo_data.DEMO_PASSWORD):
                user.set_password(demo_data.DEMO_PASSWORD)
            user.first_name, user.last_name = first_name, last_name
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if role is None:
                continue
            role_agency = None if role == "platform_admin" else agency
            if not Membership.objects.filter(user=user, agency=role_agency, role=role).exists():
                services.grant_membership(actor=SYSTEM, user=user, agency=role_agency, role=role)

    def print_credentials(self, agency: Agency) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo accounts (password for all: {demo_data.DEMO_PASSWORD}):")
        for email, _first, _last, role in demo_data.DEMO_USERS:
            where = "" if role in (None, "platform_admin") else f" of {agency.acronym}"
            self.stdout.write(f"  {email:38} {role or 'citizen'}{where}")
        self.stdout.write("Staff sign in at /admin/; citizens at /cuenta/login/.")


def load_government(stdout) -> None:
    """The registered demo loader (government/apps.py): the structure every other demo refers to."""
    Command(stdout=stdout).load_government()

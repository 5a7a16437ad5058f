"""Test data for accounts, shared by every app:

from ventanilla.accounts.tests.factories import UserFactory
"""

import factory

from allauth.account.models import EmailAddress
from django.utils import timezone

from ventanilla.accounts.models import User
from ventanilla.accounts.services import PRIVACY_NOTICE_VERSION

DEFAULT_PASSWORD = "correcto-caballo-bateria-grapa"


class UserFactory(factory.django.DjangoModelFactory):
    """A citizen who signed up, accepted the privacy notice and confirmed their e-mail address.

    `UserFactory(password="...")` sets the password (default DEFAULT_PASSWORD);
    `UserFactory(verified=False)` leaves the e-mail address unconfirmed.
    """

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"ciudadana{n}@example.mx")
    first_name = "María"
    last_name = "López Hernández"
    privacy_notice_accepted_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = PRIVACY_NOTICE_VERSION
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.update_or_create(
                user=obj,
                email=obj.email,
                defaults={"verified": extracted is not False, "primary": True},
            )


class StaffUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"servidor{n}@example.gob.mx")
    is_staff = True

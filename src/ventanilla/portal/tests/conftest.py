import pytest

from django.contrib.auth import get_user_model

from ventanilla.government.models import Agency, Jurisdiction, Level


@pytest.fixture
def agencies(db):
    return create_agencies()


@pytest.fixture
def committed_agencies(transactional_db):
    """The same rows, committed, so a live server thread sees them."""
    return create_agencies()


def create_agencies():
    """Two federal agencies, one state agency, one inactive agency and one in an inactive state."""
    federal = Jurisdiction.objects.create(level=Level.FEDERAL, name="Federación", name_en="Federation",
                                          slug="federacion")
    oaxaca = Jurisdiction.objects.create(level=Level.STATE, name="Oaxaca", slug="oaxaca", parent=federal)
    closed = Jurisdiction.objects.create(
        level=Level.MUNICIPAL, name="Extinto", slug="extinto", is_active=False
    )
    rows = [
        Agency(jurisdiction=federal, name="Secretaría de Salud", name_en="Ministry of Health", acronym="SSA",
               slug="ssa"),
        Agency(jurisdiction=federal, name="Servicio de Administración Tributaria",
               name_en="Tax Administration", acronym="SAT", slug="sat"),
        Agency(jurisdiction=oaxaca, name="Secretaría de Finanzas", acronym="SEFIN", slug="sefin"),
        Agency(jurisdiction=federal, name="Comisión Disuelta", acronym="CD", slug="cd", is_active=False),
        Agency(jurisdiction=closed, name="Tesorería Extinta", acronym="TE", slug="te"),
    ]
    return Agency.objects.bulk_create(rows)


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user(email="ana@example.mx", password="Prueba-Segura-2026")


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        email="funcionaria@example.mx", password="Prueba-Segura-2026", is_staff=True
    )

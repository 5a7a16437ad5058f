"""The demo content loader, registered with `manage.py load_demo` (ventanilla.core.demo) after the
catalog it links to.

Reads content/demo/texts.py and writes, in Spanish and English rows sharing a translation_key
derived from each item's stable id (uuid5, as wagtail-localize would): the head's welcome,
action-plan banners (portal-wide and of a few agencies), news, and service charters covering
demo sheets. Each row is published through a revision, so the live state, the revision history,
the audit (government.editorial) and the page cache's invalidation all follow. Library documents
(pamphlets, a form, a calendar and each charter's PDF) get small real PDFs generated here
(content/demo/pdf.py). A second run finds every row unchanged and writes nothing.
"""

import hashlib
import json
import uuid

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Locale

from ventanilla.catalog.demo_data import expand
from ventanilla.catalog.demo_data import translation_key as sheet_translation_key
from ventanilla.catalog.models import ServiceSheet
from ventanilla.core.channels import Channel
from ventanilla.core.context import channel_context
from ventanilla.government.models import Agency

from .demo import texts
from .demo.pdf import pdf
from .models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter

NAMESPACE = uuid.UUID("0b6f3c52-9e1d-4c5e-8f0a-3d2b7a9c4e61")
LANGUAGES = ("es-mx", "en")
STREAM_FIELDS = ("body", "commitments")


def translation_key(item_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"ventanilla.content.demo:{item_id}")


def _pick(pair, lang: str):
    return pair[0] if lang == "es-mx" else pair[1]


class _Loader:
    def __init__(self):
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        self.agencies = {agency.slug: agency for agency in Agency.objects.all()}
        specs, _first_of = expand()
        # A demo procedure id -> its rows by language: every modality (a charter covers them all);
        # the first one stands for the procedure in links.
        modalities: dict[str, list] = {}
        for spec in specs:
            modalities.setdefault(spec.base["id"], []).append(sheet_translation_key(spec.id))
        keys = [key for group in modalities.values() for key in group]
        rows = ServiceSheet.objects.filter(translation_key__in=keys).select_related("locale")
        by_key = {(row.translation_key, row.locale.language_code): row for row in rows}
        self.sheets = {
            (procedure, lang): [by_key[(key, lang)] for key in group if (key, lang) in by_key]
            for procedure, group in modalities.items()
            for lang in LANGUAGES
        }
        self.written = 0

    # -- helpers -------------------------------------------------------------------------------
    def agency(self, slug):
        return self.agencies.get(slug) if slug else None

    def sheet_url(self, sheet_id, lang) -> str:
        with translation.override(lang):
            if sheet_id is None:
                return reverse("catalog:index")
            sheets = self.sheets.get((sheet_id, lang))
            return (
                reverse("catalog:sheet", kwargs={"slug": sheets[0].slug})
                if sheets
                else reverse("catalog:index")
            )

    def upsert(self, model, item_id: str, lang: str, values: dict, relations: dict | None = None):
        """Create or update the item's row in `lang` and publish it, unless it is live and unchanged."""
        key = translation_key(item_id)
        locale = self.locales[lang]
        obj = model.objects.filter(translation_key=key, locale=locale).first()
        return self.publish(obj or model(translation_key=key, locale=locale), values, relations or {})

    def publish(self, obj, values: dict, relations: dict):
        """Write `values` and `relations` to `obj` and publish it through a revision, if they changed."""
        if obj.pk is not None and obj.live and _unchanged(obj, values, relations):
            return obj
        for name, value in values.items():
            setattr(obj, name, value)
        for name, objs in relations.items():
            setattr(obj, name, objs)
        obj.full_clean()
        obj.save()
        obj.save_revision(user=None, log_action=True).publish(user=None)
        self.written += 1
        return obj

    def document(self, item_id: str, title: str, paragraphs: list[str], language: str, agency=None):
        """The Wagtail document of a demo file, created once (its title carries the item's id),
        in the agency's collection (government.media) when it belongs to one."""
        document_model = get_document_model()
        doc_title = f"{title} [{item_id}]"
        document = document_model.objects.filter(title=doc_title).first()
        collection_id = getattr(agency, "collection_id", None)
        if document is None:
            content = pdf(title, paragraphs, "es-MX" if language == "es" else language)
            document = document_model(title=doc_title)
            if collection_id:  # else Wagtail's default, the root
                document.collection_id = collection_id
            document.file.save(f"{item_id}.pdf", ContentFile(content), save=False)
            document.file_size = len(content)
            document.file_hash = hashlib.sha1(content).hexdigest()
            document.save()
            self.written += 1
        elif collection_id and document.collection_id != collection_id:
            document.collection_id = collection_id
            document.save(update_fields=["collection"])
        return document

    def library_entry(self, spec: dict, document):
        values = {
            "title": spec["title"][0],
            "title_en": spec["title"][1],
            "description": spec["description"][0],
            "description_en": spec["description"][1],
            "document": document,
            "kind": spec["kind"],
            "language": spec["language"],
            "published_on": spec["published_on"],
            "agency": self.agency(spec["agency"]),
        }
        row = LibraryDocument.objects.filter(document=document).first()
        return self.publish(row or LibraryDocument(), values, {})

    # -- content -------------------------------------------------------------------------------
    def welcome(self):
        spec = texts.WELCOME
        for lang in LANGUAGES:
            self.upsert(
                HeadWelcome,
                spec["id"],
                lang,
                {
                    "name": spec["name"],
                    "title": _pick(spec["title"], lang),
                    "message": _pick(spec["message"], lang),
                },
            )

    def banners(self):
        for spec in texts.BANNERS:
            for lang in LANGUAGES:
                self.upsert(
                    Banner,
                    spec["id"],
                    lang,
                    {
                        "title": _pick(spec["title"], lang),
                        "text": _pick(spec["text"], lang),
                        "link_url": self.sheet_url(spec["sheet"], lang),
                        "link_text": _pick(spec["link_text"], lang),
                        "starts_on": spec["starts_on"],
                        "ends_on": spec["ends_on"],
                        "priority": spec["priority"],
                        "agency": self.agency(spec["agency"]),
                    },
                )

    def news(self):
        for spec in texts.NEWS:
            for lang in LANGUAGES:
                body = [
                    {"type": "paragraph", "value": f"<p>{text}</p>"} for text in _pick(spec["body"], lang)
                ]
                if "quote" in spec:
                    quote, attribution = spec["quote"]
                    body.append(
                        {"type": "quote", "value": {"text": _pick(quote, lang), "attribution": attribution}}
                    )
                self.upsert(
                    NewsItem,
                    spec["id"],
                    lang,
                    {
                        "title": _pick(spec["title"], lang),
                        "slug": _pick(spec["slug"], lang),
                        "summary": _pick(spec["summary"], lang),
                        "body": body,
                        "published_on": spec["published_on"],
                        "agency": self.agency(spec["agency"]),
                    },
                )

    def charters(self):
        for spec in texts.CHARTERS:
            title_es = spec["title"][0]
            lines = (
                [spec["introduction"][0]]
                + [
                    f"{attribute[0]}: {standard[0]}. {measurement[0]}"
                    for attribute, standard, measurement in spec["commitments"]
                ]
                + [spec["complaints"][0], f"Teléfono: {spec['phone']}. Correo: {spec['email']}."]
            )
            document = self.document(spec["id"], title_es, lines, "es", self.agency(spec["agency"]))
            self.library_entry(
                {
                    "title": spec["title"],
                    "description": spec["introduction"],
                    "kind": "charter",
                    "language": "es",
                    "published_on": spec["valid_from"],
                    "agency": spec["agency"],
                },
                document,
            )
            # Both languages link the Spanish sheets, as a translation made with wagtail-localize does;
            # pages match them to the reader's language by translation_key.
            sheets = [
                sheet for sheet_id in spec["sheets"] for sheet in self.sheets.get((sheet_id, "es-mx"), [])
            ]
            for lang in LANGUAGES:
                commitments = [
                    {
                        "type": "commitment",
                        "value": {
                            "attribute": _pick(attribute, lang),
                            "standard": _pick(standard, lang),
                            "measurement": _pick(measurement, lang),
                        },
                    }
                    for attribute, standard, measurement in spec["commitments"]
                ]
                self.upsert(
                    ServiceCharter,
                    spec["id"],
                    lang,
                    {
                        "title": _pick(spec["title"], lang),
                        "agency": self.agency(spec["agency"]),
                        "introduction": _pick(spec["introduction"], lang),
                        "commitments": commitments,
                        "valid_from": spec["valid_from"],
                        "valid_until": spec["valid_until"],
                        "document": document,
                        "complaints": _pick(spec["complaints"], lang),
                        "complaints_phone": spec["phone"],
                        "complaints_email": spec["email"],
                    },
                    {"sheets": sheets},
                )

    def documents(self):
        for spec in texts.DOCUMENTS:
            title = spec["title"][0] if spec["language"] == "es" else spec["title"][1]
            document = self.document(
                spec["id"], title, spec["pages"], spec["language"], self.agency(spec["agency"])
            )
            self.library_entry(spec, document)


def _raw(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True)


def _unchanged(obj, values: dict, relations: dict) -> bool:
    for name, value in values.items():
        current = getattr(obj, name)
        if name in STREAM_FIELDS:
            # Stored blocks carry an id each; compare what the blocks say.
            stored = [{"type": block["type"], "value": block["value"]} for block in current.raw_data]
            if _raw(stored) != _raw(list(value)):
                return False
        elif current != value:
            return False
    for name, objs in relations.items():
        if {o.pk for o in getattr(obj, name).all()} != {o.pk for o in objs}:
            return False
    return True


def load(stdout) -> None:
    """The registered demo loader (content/apps.py)."""
    with channel_context(Channel.SYSTEM), transaction.atomic():
        loader = _Loader()
        loader.welcome()
        loader.banners()
        loader.news()
        loader.charters()
        loader.documents()
    stdout.write(
        f"Content: {len(texts.NEWS)} news, {len(texts.BANNERS)} banners, {len(texts.CHARTERS)} charters "
        f"per language, {len(texts.DOCUMENTS) + len(texts.CHARTERS)} library documents "
        f"({loader.written} rows written)."
    )

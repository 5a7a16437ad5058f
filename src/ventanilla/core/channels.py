"""The channels a citizen reaches the government through.

A case may start on one channel and finish on another, so every audit entry and every
record that a citizen creates says which channel it came from.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    KIOSK = "kiosk", _("Kiosk")
    CALL_CENTRE = "call_centre", _("Call centre")
    COUNTER = "counter", _("Office counter")
    API = "api", _("API")
    SYSTEM = "system", _("System")


# Staff working at a counter or in the call centre pick their channel for the session.
SESSION_CHANNEL_KEY = "ventanilla_channel"
ASSISTED_CHANNELS = (Channel.COUNTER, Channel.CALL_CENTRE, Channel.KIOSK)

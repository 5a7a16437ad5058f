"""How django-axes names the account a sign-in attempt targets (settings.AXES_USERNAME_CALLABLE).

allauth authenticates with `authenticate(request, email=..., password=...)`, the Wagtail and
Django admins with `username=...`, and axes' middleware looks at the posted "login" field; all
of them must count against the same, lower-cased e-mail address, or a failed allauth sign-in
would be recorded under no username at all.
"""

CREDENTIAL_KEYS = ("email", "login", "username")


def username_from_request(request, credentials=None) -> str | None:
    for source in (credentials or {}, getattr(request, "POST", {}) if request is not None else {}):
        for key in CREDENTIAL_KEYS:
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None

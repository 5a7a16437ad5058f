"""An OpenID Connect identity provider for the end-to-end test of "Sign in with Llave MX"
(test_oidc_e2e.py), served by the live server under /test-idp/ beside the site's own URLs.

It speaks the protocol for real: discovery, the authorization endpoint (the citizen has already
proved who they are: it answers at once with a code, or with access_denied when the test says
the citizen cancelled), the token endpoint (client secret, redirect URI and PKCE S256 checked;
an RS256-signed ID token with the nonce), userinfo (bearer token checked) and the JWKS. Only
this test module's URL configuration includes it.
"""

import base64
import hashlib
import json
import secrets
import time
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from ventanilla.urls import urlpatterns as site_urlpatterns

CLIENT_ID = "ventanilla-prueba"
CLIENT_SECRET = secrets.token_urlsafe(24)
KEY_ID = "llave-prueba-1"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)

# The citizen the provider vouches for, and what the test asks of it.
IDENTITY = {
    "sub": "GOMA850101MDFRRN09",
    "email": "ana.gomez@example.mx",
    "email_verified": True,
    "given_name": "Ana",
    "family_name": "Gómez Martínez",
    "name": "Ana Gómez Martínez",
}
STATE = {"deny": False, "codes": {}, "tokens": {}, "token_requests": 0, "pkce_verified": 0}


def issuer(request) -> str:
    return request.build_absolute_uri("/test-idp")


def discovery(request):
    base = issuer(request)
    return JsonResponse({
        "issuer": base,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
    })


def authorize(request):
    params = request.GET
    if params.get("client_id") != CLIENT_ID or params.get("response_type") != "code":
        return HttpResponseBadRequest("unknown client or response type")
    redirect_uri, state = params["redirect_uri"], params.get("state", "")
    if STATE["deny"]:
        return HttpResponseRedirect(f"{redirect_uri}?{urlencode({'error': 'access_denied', 'state': state})}")
    code = secrets.token_urlsafe(16)
    STATE["codes"][code] = {
        "redirect_uri": redirect_uri,
        "nonce": params.get("nonce"),
        "challenge": params.get("code_challenge"),
        "method": params.get("code_challenge_method"),
    }
    return HttpResponseRedirect(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}")


@csrf_exempt
def token(request):
    STATE["token_requests"] += 1
    data = request.POST
    grant = STATE["codes"].pop(data.get("code", ""), None)  # a code is good once
    if data.get("client_id") != CLIENT_ID or data.get("client_secret") != CLIENT_SECRET:
        return JsonResponse({"error": "invalid_client"}, status=401)
    if grant is None or data.get("redirect_uri") != grant["redirect_uri"]:
        return JsonResponse({"error": "invalid_grant", "error_description": "code, redirect_uri"}, status=400)
    if grant["challenge"]:  # PKCE, when the client started it (S256 only)
        verifier = data.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if grant["method"] != "S256" or challenge != grant["challenge"]:
            return JsonResponse({"error": "invalid_grant", "error_description": "PKCE"}, status=400)
        STATE["pkce_verified"] += 1
    now = int(time.time())
    claims = {**IDENTITY, "iss": issuer(request), "aud": CLIENT_ID, "iat": now, "exp": now + 300}
    if grant["nonce"]:
        claims["nonce"] = grant["nonce"]
    access_token = secrets.token_urlsafe(24)
    STATE["tokens"][access_token] = IDENTITY
    id_token = jwt.encode(claims, _KEY, algorithm="RS256", headers={"kid": KEY_ID})
    return JsonResponse(
        {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
    )


def userinfo(request):
    scheme, _space, access_token = request.headers.get("Authorization", "").partition(" ")
    identity = STATE["tokens"].get(access_token) if scheme == "Bearer" else None
    if identity is None:
        return JsonResponse({"error": "invalid_token"}, status=401)
    return JsonResponse(identity)


def jwks(request):
    key = json.loads(RSAAlgorithm.to_jwk(_KEY.public_key()))
    return JsonResponse({"keys": [{**key, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]})


urlpatterns = [
    path("test-idp/.well-known/openid-configuration", discovery),
    path("test-idp/authorize", authorize),
    path("test-idp/token", token),
    path("test-idp/userinfo", userinfo),
    path("test-idp/jwks", jwks),
    *site_urlpatterns,
]

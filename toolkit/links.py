"""Links to a desk in a browser: each unit's own, and the office's.

A link carries a random token (`secrets`, 192 bits); the ledger keeps only its SHA-256, so a copy of the desk
gives no one a working link, and a lost link is revoked by issuing a new one (`Ledger.add_link`). The forms
of a page carry a token of their own (`form_token`), derived from the desk's secret and the link, that a
page of another site cannot know: a request without it changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote

OFFICE = "*"  # the holder of the office's link, which sees and decides everything
TOKEN_BYTES = 24


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def url(base: str, token: str) -> str:
    return f"{base.rstrip('/')}/k/{quote(token)}"


def form_token(secret: str, token: str) -> str:
    """The token a link's forms carry: `secret` (the desk's) signs the link's digest."""
    return hmac.new(bytes.fromhex(secret), f"form:{digest(token)}".encode(), hashlib.sha256).hexdigest()


def form_token_ok(secret: str, token: str, given: str) -> bool:
    return hmac.compare_digest(form_token(secret, token), given)

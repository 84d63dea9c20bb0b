"""The verification code a final prints beside its QR code on every page, and the address of
its public page (`PUBLIC_URL/verifikasi/<code>`).

Ten characters of Crockford's base32 (no I, L, O or U, so nothing is mistaken when typed;
about 50 bits, so codes cannot be guessed), shown as two groups of five.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
PAGE_PATH = "/verifikasi"
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh code, as stored (no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """'K7QM4XPA92' as printed: 'K7QM4-XPA92'."""
    return f"{code[:5]}-{code[5:]}"


def normalized(text: str) -> str | None:
    """A code as a person may type it (lower case, dashes, spaces, O for 0), as stored; None
    if it cannot be one."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -_.").translate(_TYPED)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def page_url(public_url: str, code: str) -> str:
    """The public page of the final with this code."""
    return f"{public_url.rstrip('/')}{PAGE_PATH}/{shown(code)}"


def site(public_url: str) -> str:
    """The address without its scheme, as printed for a person to type."""
    return public_url.split("://", 1)[-1].rstrip("/")

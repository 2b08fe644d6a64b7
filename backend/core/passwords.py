"""Password hashing (argon2 via pwdlib)."""

import threading
from functools import lru_cache

from pwdlib import PasswordHash


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


# Each argon2 computation takes 64 MiB (about 80 MB of the worker's resident memory) and a core for a fraction of
# a second: a burst of sign-ins on the thread pool's 40 threads took gigabytes at once and starved every other
# request of CPU. One runs at a time and the rest wait their turn, so a worker stays near 200 MB and keeps a core
# for everything else; sign-ins are rare (a refresh token lasts 14 days).
_hashing = threading.BoundedSemaphore(1)


def hash_password(password: str) -> str:
    with _hashing:
        return _hasher().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    with _hashing:
        return _hasher().verify(password, password_hash)


# Compared against when no account matches, so timing does not reveal which e-mails exist.
_DUMMY_HASH: str | None = None


def burn_verification_time(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("not-a-real-password")
    verify_password(password, _DUMMY_HASH)

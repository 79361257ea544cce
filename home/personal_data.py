"""Personal data in the public forms' submissions, encrypted at rest.

The fields that say who a person is (name, passport or press card number, e-mail, phone) are stored
encrypted with Fernet (AES with an HMAC) under the keys of `FORM_DATA_KEYS`, set from the environment's
`FORM_DATA_KEY`: the first key encrypts, every key decrypts, so a key is rotated by putting the new one
first, running `manage.py rotate_form_data_key`, then dropping the old one. A database dump or backup
alone does not give them away. The handling group reads them in clear in the admin, its exports and its
e-mails; other fields (outlet, country, dates, the question asked) are left in clear to stay readable
in the database.
"""

import functools
import logging
import re

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

PREFIX = "fernet:"  # marks an encrypted value in a submission's form_data
PERSONAL_FIELDS = ("full_name", "document_number", "email", "phone")  # the public forms' names for them


@functools.cache
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    return _fernet(tuple(settings.FORM_DATA_KEYS))


def is_encrypted(value):
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(value):
    return PREFIX + fernet().encrypt(value.encode()).decode()


def decrypt(value):
    if not is_encrypted(value):
        return value
    try:
        return fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        logger.error("A form submission's field was encrypted with a key that FORM_DATA_KEY no longer holds")
        return gettext("(encrypted with a key no longer configured)")


def encrypt_fields(data, names=PERSONAL_FIELDS):
    """The form data with the named text fields encrypted (empty ones, and those already encrypted, as they are)."""

    def needs(name, value):
        return name in names and isinstance(value, str) and value and not is_encrypted(value)

    return {name: encrypt(value) if needs(name, value) else value for name, value in data.items()}


def decrypt_fields(data):
    return {name: decrypt(value) for name, value in data.items()}


def rotate_fields(data):
    """The form data with every encrypted field encrypted again with the first key."""
    return {
        name: PREFIX + fernet().rotate(value[len(PREFIX) :].encode()).decode() if is_encrypted(value) else value
        for name, value in data.items()
    }


def document_key(value):
    """A document number as people type it in different ways: "P 123-4567" is "p1234567"."""
    return re.sub(r"[\W_]+", "", str(value)).casefold()


def is_persons(data, query):
    """Whether decrypted form data is the person's that `query` names, by e-mail address or document number."""
    query = query.strip()
    if not query:
        return False
    if "@" in query:
        return str(data.get("email", "")).strip().casefold() == query.casefold()
    key = document_key(query)
    return bool(key) and document_key(data.get("document_number", "")) == key

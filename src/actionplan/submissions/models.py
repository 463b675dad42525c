"""The forms already saved, each by the one-time token it was shown with, and where saving it led."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

TOKEN_FIELD = "submission_token"  # noqa: S105 (the name of a form field, not a secret)


def new_token() -> str:
    """A token for one showing of a form: 32 hexadecimal characters, never given twice."""
    return secrets.token_hex(16)


class Submission(models.Model):
    """A form submission that saved something: the unique token makes a second save of it fail in the database."""

    token = models.CharField(max_length=32, unique=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    result = models.CharField(max_length=2000, help_text="The page the first submission led to.")

    def __str__(self) -> str:
        return f"{self.token} → {self.result}"

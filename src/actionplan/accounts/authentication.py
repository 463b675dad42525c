"""Signing in by username and password, the person loaded on each request with the roles they hold."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from actionplan.accounts.models import User


class MembershipBackend(ModelBackend):
    """Django's own backend, except that the person is read with their roles in the same query, so that the
    navigation and the permission table know them on every page without asking the database again."""

    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.with_roles().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

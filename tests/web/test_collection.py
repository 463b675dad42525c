"""A web process collects its garbage seldom enough that older generations are not swept every few pages."""

from __future__ import annotations

import gc

from django.conf import settings


def test_the_youngest_generation_is_collected_at_the_configured_threshold() -> None:
    assert settings.ACTIONPLAN_GC_THRESHOLD == 50_000
    assert gc.get_threshold() == (settings.ACTIONPLAN_GC_THRESHOLD, 20, 20)

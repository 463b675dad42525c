"""Helpers for the drafting tests: a draft with recommendations to answer."""

from __future__ import annotations

import re

import pytest

from actionplan.storage import models
from tests.web.conftest import Estate


@pytest.fixture
def draft(estate: Estate) -> models.ActionPlan:
    """The home establishment's draft plan (six generated recommendations, answered)."""
    return estate.draft


def first_recommendation(plan: models.ActionPlan) -> models.Recommendation:
    return plan.recommendations.order_by("position").first()


def page_title(body: str) -> str:
    """The page's <title>, white space tidied."""
    found = re.search(r"<title>(.*?)</title>", body, re.S)
    assert found, "the page has no title"
    return " ".join(found.group(1).split())

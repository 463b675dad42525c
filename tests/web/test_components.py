"""GOV.UK components rendered from cached templates give the same HTML, byte for byte, as the library's own rendering.

Every page of the permission matrix is requested by every person let in (GET, and POST with nothing filled in,
so error summaries and error messages are rendered too); each component rendered along the way is rendered
both ways with the same data and the two results compared.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.safestring import SafeString
from govuk_frontend_django.components import inset_text
from govuk_frontend_django.components.base import GovUKComponent

from actionplan.pages import components
from tests.web import test_permission_matrix
from tests.web.test_permission_matrix import CASES, PEOPLE, _request

matrix_estate = test_permission_matrix.matrix_estate


@pytest.fixture
def both_ways() -> Any:
    """Render each component the library's way and the cached way; keep what each gave."""
    rendered: list[tuple[str, str, str]] = []

    def render_twice(self: GovUKComponent, *args: Any, **kwargs: Any) -> str:
        uncached = components.library_render(self, *args, **kwargs)
        cached = components.cached_render(self, *args, **kwargs)
        rendered.append((type(self).__name__, uncached, cached))
        return cached

    GovUKComponent.render = render_twice  # type: ignore[method-assign]
    GovUKComponent.__str__ = render_twice  # type: ignore[method-assign,assignment]
    GovUKComponent.__html__ = render_twice  # type: ignore[attr-defined]
    yield rendered
    components.install()


def test_the_cached_rendering_is_installed() -> None:
    assert GovUKComponent.render is components.cached_render
    assert GovUKComponent.__html__ is components.cached_render  # type: ignore[attr-defined]


def _visitor(case: Any, method: str) -> str:
    """Someone the page lets in for this method: the public where everyone may, else the first person allowed."""
    if case.lets_in("public", method):
        return "public"
    return next(who for who in PEOPLE if case.lets_in(who, method))


def test_every_page_is_the_same_byte_for_byte(client: Any, matrix_estate: Any, both_ways: Any) -> None:
    differing: list[str] = []
    for name, case in sorted(CASES.items()):
        url = reverse(name, kwargs=case.kwargs(matrix_estate))
        for method in sorted(case.methods):
            client.logout()
            who = _visitor(case, method)
            if who != "public":
                client.force_login(matrix_estate.people[who])
            both_ways.clear()
            _request(client, method, url)
            page = f"{method} {url} as {who}"
            differing += [f"{page}: {kind}" for kind, uncached, cached in both_ways if uncached != cached]
    assert differing == []


def test_the_pages_render_components_of_every_kind_they_use(client: Any, matrix_estate: Any, both_ways: Any) -> None:
    """The comparison above is worth something only if pages do render their components through this path."""
    client.force_login(matrix_estate.people["coordinator"])
    for name, method in [("plan", "GET"), ("drafting:add", "POST"), ("drafting:overview", "GET")]:
        _request(client, method, reverse(name, kwargs=CASES[name].kwargs(matrix_estate)))
    kinds = {kind for kind, _, _ in both_ways}
    expected = {"GovUKButton", "GovUKHeader", "GovUKFooter", "GovUKSummaryList", "GovUKErrorSummary", "GovUKRadios"}
    assert expected <= kinds


def test_data_that_differs_only_in_being_marked_safe_is_not_confused() -> None:
    """Rendered components are kept by their data: text escaped and text marked safe must stay apart."""
    plain = inset_text.COMPONENT(text="<b>Bold</b>")
    marked = inset_text.COMPONENT(text=SafeString("<b>Bold</b>"))
    for component in (plain, marked, plain, marked):
        assert component.render() == components.library_render(component)
    assert plain.render() != marked.render()

"""The search pages: everything a person may read, and the published plans only."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actionplan.accounts.models import User
from actionplan.search.engine import FACET_NAMES, QueryRefused, Results, search
from actionplan.search.forms import MAX_QUERY_CHARACTERS, SearchForm


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """Anyone. A signed-in person finds what they read: the plans of their memberships as they now are, the
    versions sent to their inspectorate, and the published versions of every other plan; the public finds
    the published versions only."""
    return _search(request, request.user, published_only=False)


@require_safe
def search_published(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not: the published versions of the published plans only, as the public reads them."""
    return _search(request, AnonymousUser(), published_only=True)


def _search(request: HttpRequest, reader: User | AnonymousUser, *, published_only: bool) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    chosen = {name: request.GET.getlist(name) for name in FACET_NAMES if request.GET.getlist(name)}
    results: Results | None = None
    problem = ""
    if len(query) > MAX_QUERY_CHARACTERS:
        problem = f"Search for {MAX_QUERY_CHARACTERS} characters or fewer: shorten what you typed."
    elif query:
        try:
            results = search(query, reader, chosen, request.GET.get("page"))
        except QueryRefused as refused:
            problem = str(refused)
    form = SearchForm(request.GET, facets=results.facets if results else None)
    form.is_valid()
    if problem:
        form.add_error("q", problem)
    context = {"form": form, "results": results, "query": query, "published_only": published_only}
    return render(request, "search/search.html", context)

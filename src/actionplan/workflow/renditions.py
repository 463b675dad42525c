"""A frozen version's files and public page table, rendered once and kept in Django's default storage.

A version never changes, so what is written from it never changes either: the first reader pays for the
rendering, everyone after reads the stored file, whichever app server they reach (the storage is shared: a
folder every server mounts, or an object store). Files are kept per release too, so a new release with a
changed writer renders afresh.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from markupsafe import Markup

from actionplan import __version__
from actionplan.core import canonical
from actionplan.core.writing import FORMATS, write_plan
from actionplan.core.writing.web_page import render_plan_table
from actionplan.workflow.models import PlanVersion

FOLDER = "plan-versions"
# How long a browser or proxy may reuse a published file before asking again (with its ETag).
PUBLIC_MAX_AGE = 300


def stored_name(version: PlanVersion, kind: str) -> str:
    """Where the rendering of ``version`` as ``kind`` (a format, or "table") is kept."""
    suffix = FORMATS[kind].suffix if kind in FORMATS else ".html"
    return f"{FOLDER}/{version.pk}/{__version__}/{kind}{suffix}"


def _kept(name: str, render: Callable[[], bytes]) -> bytes:
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    content = render()
    saved = default_storage.save(name, ContentFile(content))
    # Another server rendered the same file at the same moment; its copy stands and this one goes.
    if saved != name:
        default_storage.delete(saved)
    return content


def version_file(version: PlanVersion, format: str) -> bytes:
    """The version written as ``format`` (a key of FORMATS)."""
    return _kept(stored_name(version, format), lambda: write_plan(canonical.plan_from_dict(version.document), format))


def version_table(version: PlanVersion) -> Markup:
    """The version's plan table for its page (see render_plan_table)."""
    html = _kept(
        stored_name(version, "table"),
        lambda: str(render_plan_table(canonical.plan_from_dict(version.document))).encode(),
    )
    return Markup(html.decode())  # noqa: S704 - our own writer's escaped output, stored as written


def version_download(request: HttpRequest, version: PlanVersion, format: str, *, public: bool) -> HttpResponse:
    """The version's file with validators, or 304 Not Modified when the reader already holds it."""
    etag = f'"{version.pk}-{format}-{__version__}"'
    last_modified = int(version.created.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(version_file(version, format), content_type=FORMATS[format].media_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # The same address gives the inspectorate the version sent to it, so a shared cache keeps only public copies.
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response

"""What the public and the inspectorate read, rendered once per content and kept in Django's default storage.

They read a signed-off version with its delivery brought up to date, so what they download changes only when
the version or the delivery does. Each rendering is kept under a digest of the plan it was written from: the
first reader pays for it, everyone after reads the stored file, whichever app server they reach (the storage is
shared: a folder every server mounts, or an object store). Files are kept per release too, so a new release
with a changed writer renders afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from markupsafe import Markup

from actionplan import __version__
from actionplan.core import canonical
from actionplan.core.plan import Plan
from actionplan.core.writing import FORMATS, write_plan
from actionplan.core.writing.web_page import render_plan_table

FOLDER = "plan-versions"
# How long a browser or proxy may reuse a published file before asking again (with its ETag).
PUBLIC_MAX_AGE = 300


def content_key(plan: Plan) -> str:
    """A digest of everything a rendering of ``plan`` shows: equal plans share their files."""
    return hashlib.sha256(canonical.dumps(plan).encode()).hexdigest()[:40]


def stored_name(key: str, kind: str) -> str:
    """Where the rendering of the plan with ``key`` as ``kind`` (a format, or "table") is kept."""
    suffix = FORMATS[kind].suffix if kind in FORMATS else ".html"
    return f"{FOLDER}/{key}/{__version__}/{kind}{suffix}"


def _kept(name: str, render: Callable[[], bytes]) -> bytes:
    if not settings.ACTIONPLAN_KEEP_RENDERED:
        return render()
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    content = render()
    saved = default_storage.save(name, ContentFile(content))
    # Another server rendered the same file at the same moment; its copy stands and this one goes.
    if saved != name:
        default_storage.delete(saved)
    return content


def kept_table(plan: Plan) -> Markup:
    """The plan's table for its page (see render_plan_table), rendered once per content."""
    html = _kept(stored_name(content_key(plan), "table"), lambda: str(render_plan_table(plan)).encode())
    return Markup(html.decode())  # noqa: S704 - our own writer's escaped output, stored as written


def kept_download(request: HttpRequest, plan: Plan, format: str, *, public: bool) -> HttpResponse:
    """The plan written as ``format``, rendered once per content, with an ETag; 304 when the reader holds it."""
    key = content_key(plan)
    etag = f'"{key}-{format}-{__version__}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        content = _kept(stored_name(key, format), lambda: write_plan(plan, format))
        response = HttpResponse(content, content_type=FORMATS[format].media_type)
    response["ETag"] = etag
    # The same address gives the inspectorate the version sent to it, so a shared cache keeps only public copies.
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response

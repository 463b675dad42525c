"""The plan as a tagged, landscape A4 PDF, printed from its web page by WeasyPrint with no network access."""

from __future__ import annotations

import mimetypes
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan
from actionplan.core.writing.web_page import render_html
from actionplan.core.writing.wording import Wording


def assets_folder() -> Path:
    return Path(str(resources.files("actionplan.core.writing").joinpath("assets"))).resolve()


class PackageAssetFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches files from the package's own assets folder and refuses every other URL.

    Plan text comes from people outside the service; a PDF must never make the server fetch
    what that text names, on the network or on the server's disk.
    """

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" and not parts.netloc else None
        if path is None or not path.is_relative_to(assets_folder()) or not path.is_file():
            raise PlanError(f"refused to fetch {url!r}: a plan may only use the package's own assets")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})


def _printed(html: str) -> bytes:
    document = HTML(string=html, base_url=assets_folder().as_uri() + "/", url_fetcher=PackageAssetFetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def render_pdf(plan: Plan, *, wording: Wording | None = None) -> bytes:
    """The plan as PDF/UA-1: tagged for screen readers, with its title and language set."""
    try:
        return _printed(render_html(plan, wording=wording))
    except AssertionError:
        # WeasyPrint stops on an assertion when a part it may not break is taller than a page. The page keeps
        # whole only the recommendations it estimates will fit; text of unusually wide characters can defeat
        # the estimate, and then the plan is printed again with every recommendation free to break.
        return _printed(render_html(plan, wording=wording, keep_whole=False))

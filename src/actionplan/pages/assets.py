"""Serve GOV.UK Frontend and MOJ Frontend assets at /assets/, where their compiled CSS looks for them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware


class FrontendAssetsMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise for static files, plus the fonts and images both frontends ask for by absolute path."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for folder in settings.FRONTEND_ASSET_DIRS:
            self.add_files(str(folder), prefix="assets/")

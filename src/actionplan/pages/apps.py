"""The pages app."""

import gc

from django.apps import AppConfig
from django.conf import settings


class PagesConfig(AppConfig):
    name = "actionplan.pages"
    verbose_name = "Pages"

    def ready(self) -> None:
        from actionplan.pages import components

        if settings.ACTIONPLAN_KEEP_RENDERED:
            components.install()
        # A page makes tens of thousands of short-lived objects (rows, templates, plan documents). At Python's
        # default of a collection every 700 new objects, the older generations are swept every few pages and
        # each sweep stalls a request by 50-100 ms; collecting the youngest objects less often keeps pages
        # steady while the memory a worker holds stays bounded.
        gc.set_threshold(settings.ACTIONPLAN_GC_THRESHOLD, 20, 20)

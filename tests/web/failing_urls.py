"""The service's URLs and one view that fails, to see the error page a real failure gets."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from actionplan.urls import handler400, handler500, urlpatterns


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a view failed")


urlpatterns = [*urlpatterns, path("fails/", fails)]
__all__ = ["handler400", "handler500", "urlpatterns"]

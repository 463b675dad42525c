"""URLs of search."""

from django.urls import path

from actionplan.search import api, views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("published/search/", views.search_published, name="search-published"),
    path("api/search/", api.search_api, name="api-search"),
]

"""URLs of the workflow app."""


urlpatterns: list = []

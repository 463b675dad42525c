"""URLs of the drafting app."""


urlpatterns: list = []

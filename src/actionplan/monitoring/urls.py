"""URLs of the monitoring app."""


urlpatterns: list = []

"""URLs of the service: each app keeps its own."""

from django.contrib import admin
from django.urls import include, path

from actionplan.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("session/", views.session, name="session"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include("actionplan.drafting.urls")),
    path("", include("actionplan.workflow.urls")),
    path("", include("actionplan.monitoring.urls")),
    # Before the analysis pages: the cycle serves two of them, under the same /analysis/ prefix.
    path("", include("actionplan.cycle.urls")),
    path("analysis/", include("actionplan.analysis.urls")),
    path("", include("actionplan.owners.handover_urls")),
    path("", include("actionplan.api.urls")),
    path("", include("actionplan.owners.urls")),
    path("", include("actionplan.search.urls")),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
handler500 = views.server_error

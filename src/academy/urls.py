from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Booster Academy — platform admin"
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("academy.editions.urls")),
    path("", include("academy.accounts.urls")),
    path("", include("academy.registry.urls")),
    path("", include("academy.applications.urls")),
    path("", include("academy.applications.urls_screening")),
    path("", include("academy.reviews.urls")),
    path("", include("academy.selection.urls")),
    path("", include("academy.mail.urls")),
    path("", include("academy.programme.urls")),
    path("", include("academy.participation.urls")),
    path("", include("academy.community.urls")),
    path("", include("academy.completion.urls")),
    path("", include("academy.reports.urls")),
    path("", include("academy.privacy.urls")),
    path("api/v1/", include("academy.api.urls")),
    path("", include("academy.ops.urls")),
]

handler400 = "academy.ops.errors.bad_request"
handler403 = "academy.ops.errors.permission_denied"
handler404 = "academy.ops.errors.page_not_found"
handler500 = "academy.ops.errors.server_error"

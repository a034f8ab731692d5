from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content.core import admin_views as content_admin_views
from content.core import routing as content_routing
from content.core.image_files import serve_image_file
from content.core.sitemap import LanguageTreesSitemap
from marketplace.shop import prune
from search.urls import api_urlpatterns as search_api_urls
from search.urls import page_urlpatterns as search_page_urls

from .api import api_router


@never_cache
def health(request):
    """Liveness and database check for load balancers."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def robots(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")  # robots.txt wants an absolute URL
    lines = [
        "User-agent: *", "Disallow: /cms/", "Disallow: /django-admin/", f"Sitemap: {sitemap_url}"
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Wagtail's "failwhale" page raises on purpose (to try the error page): not routed here.
WAGTAIL_ADMIN_UNROUTED = frozenset({"wagtailadmin_error_test"})

urlpatterns = [
    # Wagtail's own workflow action, with a confirmation message (before Wagtail's admin).
    path(
        "cms/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        content_admin_views.workflow_action,
        name="content_core_workflow_action",
    ),
    # Wagtail's "Move" and page search: translators work on live pages only (decision 0010).
    path(
        "cms/pages/<int:page_to_move_id>/move/",
        content_admin_views.move_page,
        name="content_core_move_page",
    ),
    path("cms/pages/search/", content_admin_views.page_search, name="content_core_page_search"),
    path(
        "cms/pages/search/results/",
        content_admin_views.page_search,
        {"results_only": True},
        name="content_core_page_search_results",
    ),
    path("cms/", include(prune(wagtailadmin_urls.urlpatterns, WAGTAIL_ADMIN_UNROUTED))),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(search_api_urls)),
    path("api/v2/", api_router.urls),
    path("health/", health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguageTreesSitemap}}, name="sitemap"),
    path("robots.txt", robots, name="robots"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.MEDIA_URL.startswith("/") and not settings.STORAGES["default"]["BACKEND"].startswith(
    "storages."
):
    # Image files on disk go through their collection's privacy (content/core/image_files.py),
    # ahead of whatever else serves the media folder.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<folder>original_images|images)/(?P<name>[^/]+)$",
            serve_image_file,
            name="wemi_image_file",
        )
    )

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("shop/isee/", include("marketplace.pricing.urls")),
    path("shop/documents/", include("marketplace.documents.urls")),
    path("shop/accounts/my-data/", include("marketplace.rights.urls")),
    path("shop/sharing/", include("marketplace.sharing.urls")),
    path("shop/organisations/<int:pk>/welfare/", include("marketplace.ledger.welfare_urls")),
    path("shop/organisations/", include("marketplace.organisations.urls")),
    path("shop/accounts/vouchers/", include("marketplace.ledger.urls")),
    path("shop/accounts/welfare/", include("marketplace.ledger.welfare_employee_urls")),
    path("shop/", include("marketplace.urls")),
    path("shop/accounts/orders/", include("marketplace.fulfilment.customer_urls")),
    path("shop/accounts/privacy/", include("marketplace.privacy.urls")),
    path("shop/accounts/quotes/", include("marketplace.quotes.urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("appointments/", include("content.appointments.urls")),
    path("", include("content.feedback.urls")),
    path("", include(search_page_urls)),
    # Wagtail's catch-all comes last; its page view with routes cached per publish first.
    re_path(wagtail_urls.serve_pattern, content_routing.serve, name="wemi_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "config.views.page_not_found"
handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler500 = "config.views.server_error"

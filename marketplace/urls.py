from django.urls import path, re_path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("services/<uuid:service_key>/add/", views.add_to_basket, name="add-to-basket"),
    # Citizens buy from the service pages: Oscar's catalogue pages lead there.
    re_path(r"^catalogue/(?:[\w-]+_(?P<product_pk>\d+)/)?", views.catalogue_redirect),
    path("", views.catalogue_redirect),
]

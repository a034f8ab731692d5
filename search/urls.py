from django.urls import path

from .views.api import SearchAPIView
from .views.pages import MinorsCatalogueView, SearchView

# Inside the language prefix (/<lang>/cerca/).
page_urlpatterns = [
    path("cerca/", SearchView.as_view(), name="site-search"),
    # "Milano 0-18": the catalogue of activities for minors.
    path("cerca/0-18/", MinorsCatalogueView.as_view(), name="minors-catalogue"),
]
# Outside it (/api/search/?lang=...).
api_urlpatterns = [path("api/search/", SearchAPIView.as_view(), name="search-api")]

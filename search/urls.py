from django.urls import path

from .views.api import SearchAPIView
from .views.pages import SearchView

# Inside the language prefix (/<lang>/cerca/).
page_urlpatterns = [path("cerca/", SearchView.as_view(), name="site-search")]
# Outside it (/api/search/?lang=...).
api_urlpatterns = [path("api/search/", SearchAPIView.as_view(), name="search-api")]

from django.http import JsonResponse
from django.views import defaults


def page_not_found(request, exception):
    """The site's 404 page; for API clients, JSON shaped like the Wagtail API's errors."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)

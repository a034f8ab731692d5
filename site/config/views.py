"""The site's error views (``handler400``, ``handler403``, ``handler404``, ``handler500``).

Each renders the site's page in the language of the address; for the API, JSON shaped like
the Wagtail API's errors. An error page must render for any request that reached it: the
request that caused a 400 may be the one whose query string cannot be read (more parameters
than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``), and the page's own template (the header's search
form, the language links) reads it again. Such unreadable input is set aside first.
"""

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django.views import defaults

API_PREFIX = "/api/"


def forget_unreadable_input(request):
    """Replace ``request.GET`` / ``request.POST`` by empty ones if they cannot be parsed.

    Django raises ``TooManyFieldsSent`` (a ``SuspiciousOperation``) on every access to a
    query string with too many parameters, so nothing that renders for this request may
    read it. Returns whether anything was set aside.
    """
    forgotten = False
    try:
        request.GET  # noqa: B018 (parsing is the point)
    except (SuspiciousOperation, BadRequest):
        request.GET = QueryDict()
        forgotten = True
    try:
        request.POST  # noqa: B018
    except (SuspiciousOperation, BadRequest, OSError):
        request._post, request._files = QueryDict(), MultiValueDict()
        forgotten = True
    return forgotten


def _is_api(request):
    return request.path_info.startswith(API_PREFIX)


def bad_request(request, exception):
    """400: the request cannot be answered as sent."""
    forget_unreadable_input(request)
    if _is_api(request):
        return JsonResponse({"message": "Bad request."}, status=400)
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    """403: the site's page, with Django's message when the view gave one."""
    forget_unreadable_input(request)
    if _is_api(request):
        return JsonResponse({"message": "Permission denied."}, status=403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    """The site's 404 page; for API clients, JSON shaped like the Wagtail API's errors."""
    forget_unreadable_input(request)
    if _is_api(request):
        return JsonResponse({"message": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500: ``500.html`` needs neither the request nor the database."""
    if _is_api(request):
        return JsonResponse({"message": "Server error."}, status=500)
    return defaults.server_error(request)

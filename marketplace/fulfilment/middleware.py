from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class OscarDashboardForSuperusersMiddleware:
    """Oscar's dashboard is a superusers' tool: providers and Comune staff work in /cms/.

    Oscar protects its dashboard views with ``is_staff`` or partner permissions; this closes
    every view of the ``dashboard`` URL namespace to anyone but superusers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "dashboard" not in match.namespaces:
            return None
        if request.user.is_superuser:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied

"""The ASGI application: Django's pages (HTTP) and the quote threads' WebSockets.

In the demo, ``manage.py runserver`` (Daphne) serves both. In production gunicorn (WSGI,
``config.wsgi``) keeps serving pages and a Daphne process serves only ``/ws/`` behind the
proxy (deploy/varnish/wemi.vcl, docs/decisions/0026).
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
# Django is set up before anything imports models (the consumers do).
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from marketplace.quotes.routing import websocket_urlpatterns  # noqa: E402


def websocket_application():
    """Session cookie authentication; a page of another site cannot open a socket with the
    visitor's cookie (the Origin must be one of ALLOWED_HOSTS, read when this is built)."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))


application = ProtocolTypeRouter({"http": django_application, "websocket": websocket_application()})

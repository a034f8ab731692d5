"""WebSocket routes (``config.asgi``): one socket per open thread page."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/quotes/<uuid:quote_uuid>/", consumers.ThreadConsumer.as_asgi()),
]

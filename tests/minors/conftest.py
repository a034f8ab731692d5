from tests.content.conftest import provider, taxonomy  # noqa: F401

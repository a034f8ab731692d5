from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "scheduler"
    verbose_name = "Scheduled jobs"

    def ready(self):
        from . import jobs  # noqa: F401  (registers WeMi's periodic jobs)

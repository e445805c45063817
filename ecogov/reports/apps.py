from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ecogov.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

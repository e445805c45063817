from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "ecogov.dashboard"
    label = "dashboard"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

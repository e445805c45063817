from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "ecogov.monitoring"
    label = "monitoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

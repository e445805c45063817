from django.apps import AppConfig


class EmergencyConfig(AppConfig):
    name = "ecogov.emergency"
    label = "emergency"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

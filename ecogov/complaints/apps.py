from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "ecogov.complaints"
    label = "complaints"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

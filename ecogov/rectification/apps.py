from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "ecogov.rectification"
    label = "rectification"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

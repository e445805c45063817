from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "ecogov.enforcement"
    label = "enforcement"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "ecogov.supervision"
    label = "supervision"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "ecogov.outreach"
    label = "outreach"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

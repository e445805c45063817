from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ecogov.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

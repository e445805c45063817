from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "ecogov.registry"
    label = "registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

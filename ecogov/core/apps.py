from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ecogov.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions, throttle  # noqa: F401  (throttle: login signal receivers)

        contributions.register()

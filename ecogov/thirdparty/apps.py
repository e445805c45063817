from django.apps import AppConfig


class ThirdpartyConfig(AppConfig):
    name = "ecogov.thirdparty"
    label = "thirdparty"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "ecogov.assessment"
    label = "assessment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

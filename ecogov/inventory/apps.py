from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "ecogov.inventory"
    label = "inventory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import contributions

        contributions.register()

"""Open days leave the complaints app for ``outreach``: the three tables are
renamed to outreach's names (rows, keys and foreign keys kept) and the models
leave this app's state; ``outreach.0001_initial`` takes them over."""

from django.db import migrations

MOVED = ("facility", "opendayevent", "opendayregistration")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_defaults")]

    operations = [
        *[migrations.AlterModelTable(name=name, table=f"outreach_{name}") for name in MOVED],
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OpenDayRegistration"),
                migrations.DeleteModel(name="OpenDayEvent"),
                migrations.DeleteModel(name="Facility"),
            ],
        ),
    ]

"""The holiday table moves to core's working-day clock: every row is copied to
``core.Holiday`` (the bureau's own calendar changes), then the old table goes."""

from django.db import migrations


def copy_rows(apps, schema_editor):
    old = apps.get_model("enforcement", "Holiday")
    new = apps.get_model("core", "Holiday")
    for row in old.objects.all():
        new.objects.update_or_create(date=row.date, defaults={"workday": row.workday, "name": row.name})


def copy_back(apps, schema_editor):
    old = apps.get_model("enforcement", "Holiday")
    new = apps.get_model("core", "Holiday")
    for row in new.objects.all():
        old.objects.update_or_create(date=row.date, defaults={"workday": row.workday, "name": row.name})


class Migration(migrations.Migration):

    dependencies = [
        ("enforcement", "0001_initial"),
        ("core", "0003_holiday"),
    ]

    operations = [
        migrations.RunPython(copy_rows, copy_back),
        migrations.DeleteModel(name="Holiday"),
    ]

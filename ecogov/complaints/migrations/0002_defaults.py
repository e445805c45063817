from django.db import migrations


def forwards(apps, schema_editor):
    from ecogov.complaints import defaults

    defaults.load(apps)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

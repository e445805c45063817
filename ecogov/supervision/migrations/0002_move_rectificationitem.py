"""RectificationItem moves to the rectification app (its migration 0001 takes
the model over). The table is renamed, not copied: every row, every id and
every foreign key (to the inspection and the responsible unit) stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='rectificationitem', table='rectification_rectificationitem'),
            ],
            state_operations=[
                migrations.DeleteModel(name='RectificationItem'),
            ],
        ),
    ]

"""RectificationItem, taken over from supervision (its migration 0002 renamed
the table to ``rectification_rectificationitem`` and dropped the model from its
state). Nothing is created here: the state gains the model, the database keeps
its rows; the content type follows so that audit rows and permissions keep
pointing at the items."""

import django.db.models.deletion
from django.db import migrations, models


def _move_content_type(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    moving = ContentType.objects.using(db).filter(app_label=old, model='rectificationitem')
    if not ContentType.objects.using(db).filter(app_label=new, model='rectificationitem').exists():
        moving.update(app_label=new)


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'supervision', 'rectification')


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'rectification', 'supervision')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('registry', '0002_registration_unit'),
        ('supervision', '0002_move_rectificationitem'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RectificationItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('problem', models.TextField(verbose_name='problem')),
                        ('deadline', models.DateField(verbose_name='deadline')),
                        ('status', models.CharField(choices=[('open', '整改中'), ('done', '已整改'), ('overdue', '逾期未整改')], default='open', max_length=10, verbose_name='status')),
                        ('closed_date', models.DateField(blank=True, null=True, verbose_name='closed on')),
                        ('source_inspection', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rectifications', to='supervision.inspection')),
                        ('supervised_object', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rectification_items', to='registry.supervisedobject', verbose_name='responsible unit')),
                    ],
                    options={
                        'verbose_name': 'rectification item',
                        'verbose_name_plural': 'rectification items',
                        'ordering': ['deadline', 'id'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

"""The open-day models, taken over from the complaints app: ``complaints.0003``
has renamed their tables, so this migration only adds them to outreach's state
(no table is created) and moves their content types, with the audit history
and permissions that hang on them, from "complaints" to "outreach"."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import ecogov.complaints.crypto

MOVED = ("facility", "opendayevent", "opendayregistration")


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_types(apps, "complaints", "outreach")


def backwards(apps, schema_editor):
    _move_content_types(apps, "outreach", "complaints")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_user_enterprise"),
        ("complaints", "0003_move_open_days_to_outreach"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="Facility",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                    ("name", models.CharField(max_length=200, verbose_name="name")),
                    ("kind", models.CharField(max_length=60, verbose_name="kind")),
                    ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                    ("active", models.BooleanField(default=True, verbose_name="active")),
                    ("jurisdiction", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                                       to="core.jurisdiction", verbose_name="jurisdiction")),
                ],
                options={"verbose_name": "open facility", "ordering": ["name"]},
            ),
            migrations.CreateModel(
                name="OpenDayEvent",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                    ("date", models.DateField(db_index=True, verbose_name="date")),
                    ("title", models.CharField(max_length=200, verbose_name="title")),
                    ("capacity", models.PositiveIntegerField(verbose_name="capacity")),
                    ("registration_open", models.BooleanField(default=True, verbose_name="registration open")),
                    ("held", models.BooleanField(default=False, verbose_name="held")),
                    ("facility", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="events",
                                                   to="outreach.facility", verbose_name="facility")),
                ],
                options={"verbose_name": "open day", "ordering": ["-date"]},
            ),
            migrations.CreateModel(
                name="OpenDayRegistration",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                    ("code", models.CharField(max_length=12, unique=True, verbose_name="registration code")),
                    ("name", ecogov.complaints.crypto.EncryptedTextField(verbose_name="name")),
                    ("phone", ecogov.complaints.crypto.EncryptedTextField(verbose_name="phone")),
                    ("party_size", models.PositiveSmallIntegerField(default=1, verbose_name="party size")),
                    ("attended", models.PositiveSmallIntegerField(default=0, verbose_name="attended")),
                    ("created", models.DateTimeField(default=django.utils.timezone.now)),
                    ("event", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                related_name="registrations", to="outreach.opendayevent")),
                ],
                options={"verbose_name": "open-day registration", "ordering": ["created"]},
            ),
        ]),
        migrations.RunPython(forwards, backwards),
    ]

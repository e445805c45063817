"""The six document types a fresh install starts with (staff edit them afterwards)."""

from django.db import migrations

OFFICE = "市生态环境局办公室"
TYPES = [
    ("monthly", "生态环境工作简报", OFFICE, "市委办公室，市政府办公室"),
    ("quarterly", "生态环境工作季度总结", OFFICE, "市委办公室，市政府办公室"),
    ("annual", "生态环境工作年度总结", OFFICE, "市委办公室，市政府办公室"),
    ("leader", "生态环境工作要情", OFFICE, "局领导班子成员"),
    ("rectification", "生态环境问题整改工作通报", OFFICE, "各县（区）人民政府，市直有关单位"),
    ("public", "生态环境状况公报", "市生态环境局", ""),
]


def create(apps, schema_editor):
    BriefingType = apps.get_model("reports", "BriefingType")
    for kind, name, office, copy_to in TYPES:
        BriefingType.objects.get_or_create(kind=kind, defaults={"name": name, "issuing_office": office,
                                                                "copy_to": copy_to})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

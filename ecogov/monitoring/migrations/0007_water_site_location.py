"""Drinking-water sources get ``lon``/``lat`` (WGS-84): the fields moved up into the abstract
``WaterSite``; on sections only the verbose names change (no SQL)."""

from django.db import migrations, models

import ecogov.core.validators


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0006_reading_monthly_partitions'),
    ]

    operations = [
        migrations.AddField(
            model_name='drinkingwatersource',
            name='lat',
            field=models.FloatField(blank=True, null=True, validators=[ecogov.core.validators.validate_lat], verbose_name='latitude (WGS-84)'),
        ),
        migrations.AddField(
            model_name='drinkingwatersource',
            name='lon',
            field=models.FloatField(blank=True, null=True, validators=[ecogov.core.validators.validate_lon], verbose_name='longitude (WGS-84)'),
        ),
        migrations.AlterField(
            model_name='watersection',
            name='lat',
            field=models.FloatField(blank=True, null=True, validators=[ecogov.core.validators.validate_lat], verbose_name='latitude (WGS-84)'),
        ),
        migrations.AlterField(
            model_name='watersection',
            name='lon',
            field=models.FloatField(blank=True, null=True, validators=[ecogov.core.validators.validate_lon], verbose_name='longitude (WGS-84)'),
        ),
    ]

"""Reading -> station integrity by set-based triggers instead of a per-row foreign-key check.

On PostgreSQL a foreign key checks every inserted reading on its own (a
``SELECT ... FOR KEY SHARE`` per row, a third of a bulk ingest). There the
foreign key is dropped and these triggers keep the same guarantees once per
statement: after each INSERT or UPDATE statement on ``monitoring_reading``,
the distinct stations of the new rows are locked ``FOR KEY SHARE`` (as a
foreign key would, so a concurrent delete waits) and any reading whose station
does not exist raises ``foreign_key_violation`` (Django's ``IntegrityError``).

SQLite keeps its native (deferred) foreign key: it is cheaper there than any
trigger. So the station field's change is applied to the PostgreSQL schema only
(the state says ``db_constraint=False`` for both), and the batch index is
dropped first, while the state still has the foreign key, because SQLite
rebuilds the table for it.

On both backends deleting a station deletes its readings (``ON DELETE
CASCADE``, as the model says; Django's collector has normally deleted them
already). SQLite drops a table's triggers, and the foreign key of this field,
when a later migration rebuilds the table:
``ecogov/monitoring/tests/test_reading_integrity.py`` checks both on the
migrated test database of each backend.
"""

from django.db import migrations, models

PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION monitoring_reading_station_check() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE missing bigint;
    BEGIN
        PERFORM 1 FROM monitoring_station s WHERE s.id IN (SELECT DISTINCT station_id FROM new_rows) FOR KEY SHARE;
        SELECT n.station_id INTO missing FROM new_rows n
         WHERE NOT EXISTS (SELECT 1 FROM monitoring_station s WHERE s.id = n.station_id) LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                MESSAGE = format('monitoring_reading: station %s does not exist', missing);
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER monitoring_reading_station_insert AFTER INSERT ON monitoring_reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_reading_station_check()
    """,
    """
    CREATE TRIGGER monitoring_reading_station_update AFTER UPDATE ON monitoring_reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_reading_station_check()
    """,
    """
    CREATE OR REPLACE FUNCTION monitoring_station_cascade_readings() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM monitoring_reading WHERE station_id IN (SELECT id FROM old_rows);
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER monitoring_station_cascade_readings AFTER DELETE ON monitoring_station
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_station_cascade_readings()
    """,
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS monitoring_reading_station_insert ON monitoring_reading",
    "DROP TRIGGER IF EXISTS monitoring_reading_station_update ON monitoring_reading",
    "DROP TRIGGER IF EXISTS monitoring_station_cascade_readings ON monitoring_station",
    "DROP FUNCTION IF EXISTS monitoring_reading_station_check()",
    "DROP FUNCTION IF EXISTS monitoring_station_cascade_readings()",
]
SQLITE_INSTALL = [
    """
    CREATE TRIGGER monitoring_station_cascade_readings AFTER DELETE ON monitoring_station
    BEGIN DELETE FROM monitoring_reading WHERE station_id = OLD.id; END
    """,
]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS monitoring_station_cascade_readings"]


class AlterFieldOnPostgreSQL(migrations.AlterField):
    """``AlterField`` whose schema change is made on PostgreSQL only (the state changes everywhere)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)  # no placeholders: the text is passed as is

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0002_reading_ingest_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reading",
            name="batch",
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True,
                                    on_delete=models.deletion.SET_NULL, related_name="+", to="monitoring.ingestbatch"),
        ),
        AlterFieldOnPostgreSQL(
            model_name="reading",
            name="station",
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=models.deletion.CASCADE,
                                    related_name="readings", to="monitoring.station"),
        ),
        migrations.RunPython(
            _run({"postgresql": PG_INSTALL, "sqlite": SQLITE_INSTALL}),
            _run({"postgresql": PG_REMOVE, "sqlite": SQLITE_REMOVE}),
        ),
    ]

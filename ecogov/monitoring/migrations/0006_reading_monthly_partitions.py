"""PostgreSQL only: the readings table becomes a table partitioned by month on ``time`` (``partitions``).

The rows move into the new table (a partition per month found, and the default partition); the
primary key becomes ``(id, time)``, as partitioning requires (``id`` stays unique: one sequence feeds it);
the unique ``(station, time)`` constraint, the time index and the station integrity triggers of
migration 0003 are recreated on the partitioned table with the same names. SQLite keeps one table.
"""

from django.db import migrations

OLD = "monitoring_reading_unpartitioned"
#: The statement triggers of migration 0003 (same names, same function), dropped and made again on the new table.
DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS monitoring_reading_station_insert ON monitoring_reading",
    "DROP TRIGGER IF EXISTS monitoring_reading_station_update ON monitoring_reading",
]
CREATE_TRIGGERS = [
    """
    CREATE TRIGGER monitoring_reading_station_insert AFTER INSERT ON monitoring_reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_reading_station_check()
    """,
    """
    CREATE TRIGGER monitoring_reading_station_update AFTER UPDATE ON monitoring_reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_reading_station_check()
    """,
]


def _month_list(cur) -> list[tuple[int, int]]:
    cur.execute(
        f"SELECT DISTINCT EXTRACT(YEAR FROM t)::int, EXTRACT(MONTH FROM t)::int FROM "
        f"(SELECT (time AT TIME ZONE current_setting('TimeZone')) - interval '1 hour' AS t FROM {OLD}) x")
    return sorted(cur.fetchall())


def forward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    from django.conf import settings

    with conn.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'monitoring_reading'")
        indexes = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'monitoring_reading'::regclass")
        constraints = [r[0] for r in cur.fetchall()]
        cur.execute(f"SET LOCAL TimeZone = '{settings.TIME_ZONE}'")
        for sql in DROP_TRIGGERS:
            cur.execute(sql)
        cur.execute(f"ALTER TABLE monitoring_reading RENAME TO {OLD}")
        for c in constraints:
            cur.execute(f'ALTER TABLE {OLD} RENAME CONSTRAINT "{c}" TO "{c[:50]}_old"')
        for i in set(indexes) - set(constraints):
            cur.execute(f'ALTER INDEX "{i}" RENAME TO "{i[:50]}_old"')
        cur.execute(f"CREATE TABLE monitoring_reading (LIKE {OLD} INCLUDING DEFAULTS) PARTITION BY RANGE (time)")
        cur.execute("CREATE SEQUENCE monitoring_reading_part_id_seq OWNED BY monitoring_reading.id")
        cur.execute("ALTER TABLE monitoring_reading ALTER COLUMN id SET DEFAULT nextval('monitoring_reading_part_id_seq')")
        cur.execute("ALTER TABLE monitoring_reading ADD CONSTRAINT monitoring_reading_pkey PRIMARY KEY (id, time)")
        cur.execute("ALTER TABLE monitoring_reading ADD CONSTRAINT monitoring_reading_station_hour "
                    "UNIQUE (station_id, time)")
        for i in set(indexes) - set(constraints):
            cur.execute(f'CREATE INDEX "{i}" ON monitoring_reading (time)')
        cur.execute("CREATE TABLE monitoring_reading_default PARTITION OF monitoring_reading DEFAULT")
        for year, month in _month_list(cur):
            part = f"monitoring_reading_p{year:04d}_{month:02d}"
            nxt = (year + month // 12, month % 12 + 1)
            cur.execute(f"CREATE TABLE {part} PARTITION OF monitoring_reading FOR VALUES FROM "
                        f"('{year:04d}-{month:02d}-01 01:00') TO ('{nxt[0]:04d}-{nxt[1]:02d}-01 01:00')")
        cur.execute(f"INSERT INTO monitoring_reading SELECT * FROM {OLD}")
        cur.execute("SELECT setval('monitoring_reading_part_id_seq', COALESCE((SELECT MAX(id) FROM monitoring_reading), 0) + 1, false)")
        cur.execute(f"DROP TABLE {OLD}")
        for sql in CREATE_TRIGGERS:
            cur.execute(sql)


def backward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cur:
        for sql in DROP_TRIGGERS:
            cur.execute(sql)
        cur.execute(f"CREATE TABLE {OLD} (LIKE monitoring_reading INCLUDING DEFAULTS)")
        cur.execute(f"INSERT INTO {OLD} SELECT * FROM monitoring_reading")
        cur.execute("ALTER TABLE monitoring_reading ALTER COLUMN id DROP DEFAULT")
        cur.execute(f"ALTER SEQUENCE monitoring_reading_part_id_seq OWNED BY {OLD}.id")
        cur.execute("DROP TABLE monitoring_reading CASCADE")
        cur.execute(f"ALTER TABLE {OLD} RENAME TO monitoring_reading")
        cur.execute("ALTER TABLE monitoring_reading ADD CONSTRAINT monitoring_reading_pkey PRIMARY KEY (id)")
        cur.execute("ALTER TABLE monitoring_reading ADD CONSTRAINT monitoring_reading_station_hour "
                    "UNIQUE (station_id, time)")
        cur.execute("CREATE INDEX monitoring__time_323cf3_idx ON monitoring_reading (time)")
        for sql in CREATE_TRIGGERS:
            cur.execute(sql)


class Migration(migrations.Migration):
    atomic = True
    dependencies = [("monitoring", "0005_derived_pending_backfill_fetch")]
    operations = [migrations.RunPython(forward, backward)]

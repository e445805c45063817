"""What the monitoring crash tests compare between a clean run and a killed-then-rerun one (plain SQL keyed
by station code, read through ``ecogov.testing.subprocess_db.SubprocessDB.snapshot``)."""

READINGS_SQL = (
    "SELECT s.code, CAST(r.time AS TEXT), r.so2, r.no2, r.co, r.o3, r.pm10, r.pm25, r.published_aqi, "
    "r.published_primary, CAST(r.invalid AS TEXT) FROM monitoring_reading r "
    "JOIN monitoring_station s ON s.id = r.station_id ORDER BY 1, 2"
)
DAILY_SQL = (
    "SELECT s.code, CAST(d.date AS TEXT), d.so2, d.no2, d.co, d.pm10, d.pm25, d.o3_8h, d.o3_1h_max, d.aqi, "
    "d.\"primary\", d.version, d.hours FROM monitoring_stationdaily d "
    "JOIN monitoring_station s ON s.id = d.station_id ORDER BY 1, 2"
)
STATIONS_SQL = "SELECT code, name, area, lon, lat, kind FROM monitoring_station ORDER BY code"
MONITORING_ROWS = {"readings": READINGS_SQL, "daily": DAILY_SQL, "stations": STATIONS_SQL}

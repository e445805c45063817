"""``ecogov aqi --report {daily,hourly} [--version {2012,2026}] IN.csv OUT.csv``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ecogov.monitoring.aqi_csv import HeaderError, convert_file
from ecogov.standards.hj633 import MISSING_POLICIES


class Command(BaseCommand):
    help = (
        "Compute IAQI, AQI, primary pollutants, level and category for a CSV of concentrations "
        "(HJ 633). 计算CSV中各行的空气质量分指数、AQI、首要污染物、级别和类别。"
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # our --version selects the HJ 633 version; it replaces Django's --version
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--report",
            choices=["daily", "hourly"],
            required=True,
            help="daily (日报) or hourly real-time (实时报) report",
        )
        parser.add_argument(
            "--version",
            dest="hj633_version",
            choices=["2012", "2026"],
            default=None,
            help="HJ 633 version; default: by each row's date column, else 2026",
        )
        parser.add_argument(
            "--missing-policy",
            dest="missing_policy",
            choices=sorted(MISSING_POLICIES),
            default=None,
            help="publication rule when an item is missing (default per version)",
        )
        parser.add_argument("in_csv", help="input CSV (UTF-8)")
        parser.add_argument("out_csv", help="output CSV (UTF-8)")

    def handle(self, *args, **options):
        try:
            result = convert_file(
                options["in_csv"],
                options["out_csv"],
                report=options["report"],
                version=options["hj633_version"],
                missing_policy=options["missing_policy"],
            )
        except (OSError, HeaderError, ValueError) as exc:
            raise CommandError(f"{exc}", returncode=2) from exc
        for warning in result.warnings:
            self.stderr.write(f"warning / 警告: {warning}")
        for error in result.errors:
            self.stderr.write(f"{error}")
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} of {result.rows} rows bad, written with empty results / "
                f"{result.rows}行中有{len(result.errors)}行数据有误，结果留空",
                returncode=1,
            )
        self.stdout.write(f"{result.rows} rows written to {options['out_csv']} / 已写入{result.rows}行")

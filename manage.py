#!/usr/bin/env python
"""Django's manage.py; ``ecogov`` (the installed command) does the same."""

from ecogov.cli import main

if __name__ == "__main__":
    main()

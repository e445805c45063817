"""gunicorn settings of ``ecogov serve`` (``gunicorn -c python:ecogov.gunicorn_conf ecogov.wsgi``).

Workers and threads follow the core count (``ECOGOV_WEB_WORKERS``/``ECOGOV_WEB_THREADS``
override them). A worker is replaced after ``max_requests`` (with jitter, so they do
not all restart together), which bounds memory growth. ``kill -HUP $(cat var/gunicorn.pid)``
restarts the workers gracefully: new ones start with the new code, old ones finish
their requests (up to ``graceful_timeout``) before they exit; no request is dropped.
"""

import os

from ecogov.serving import web_threads, web_workers

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = web_workers()
threads = web_threads()
worker_class = "gthread"
timeout = 60  # a request is never allowed to hold a worker longer
graceful_timeout = 30
keepalive = 5
max_requests = 50000
max_requests_jitter = 5000
backlog = 2048
pidfile = os.environ.get("ECOGOV_WEB_PIDFILE") or None
accesslog = os.environ.get("ECOGOV_WEB_ACCESS_LOG") or None
errorlog = "-"
loglevel = "warning"

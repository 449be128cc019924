"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py` (see README, Production)."""

import multiprocessing
import os

wsgi_app = "companion:create_app()"
bind = os.environ.get("COMPANION_BIND", "127.0.0.1:8000")
# SQLite: keep 1 worker (one writer). PostgreSQL: more workers, and Redis for the rate limits.
workers = int(os.environ.get("COMPANION_WORKERS", "1"))
threads = int(os.environ.get("COMPANION_THREADS", str(min(4, 2 * multiprocessing.cpu_count()))))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Requests from a flaky phone connection must not hold a worker for long.
limit_request_line = 4094
limit_request_fields = 50
accesslog = "-"
errorlog = "-"
# Path only (%(U)s, never the query string), no client address, no referrer or user agent:
# places, positions, answers and notebook codes never reach the logs.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Error lines too: gunicorn names the failed request's URL, query string included, unless cut.
logger_class = "companion.web.logs.RedactedGunicornLogger"
# gunicorn's control socket (gunicornc) is not used; under systemd its default place (~/.gunicorn) is read-only,
# which logged an error at every start.
control_socket_disable = True


def post_worker_init(worker):
    """Each worker builds the directory's index and gazetteer before it takes a request (about half a second),
    so no person's search waits for it. A database not set up yet is left to the first search."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from companion.directory import warm_up

    engine = getattr(worker.wsgi, "extensions", {}).get("engine")
    if engine is None:  # another app served with these settings (the load benchmark's bare Flask)
        return
    try:
        with Session(engine) as session:
            warm_up(session)
    except SQLAlchemyError:
        worker.log.warning("directory index not built at start: database not ready")

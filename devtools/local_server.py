"""Servers this project starts on loopback for itself: benchmarks, load tests, browser tests,
screenshots and the page audit. Nothing here runs in a request.

- `free_port()`: a port nobody listens on.
- `serving(command, env, url, log)`: any server command in a subprocess, waited for until `url`
  answers, stopped afterwards; its output goes to `log` (a pipe nobody reads would fill and stall it).
- `gunicorn(env, port)`, `runserver(env, port, log)`: the two servers the project runs.
- `throwaway_site()`: the whole site on a database of its own (a fresh SQLite file loaded from
  fixtures/, collected static files, media and backups in one temporary directory), served by
  gunicorn as production serves it, DEBUG off. Your database is never touched. `prepared_site()`
  and `serve_prepared()` are its two halves, for a caller that serves one copy several times;
  `site_at(url)` is a server you name, or else a throwaway one (`manage.py screenshots`, `page_audit`).
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url):
    """True once anything answers HTTP at `url` (an error status is an answer too)."""
    try:
        urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 (a loopback URL we built)
    except urllib.error.HTTPError:
        return True
    except OSError:  # not listening yet (URLError, ConnectionError, TimeoutError are OSErrors)
        return False
    return True


@contextmanager
def serving(command, env, url, log, what="the server", timeout=30):
    """Run `command` (a list) from the project directory until the block ends; wait for `url` first."""
    with open(log, "w") as log_file:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        deadline = time.monotonic() + timeout
        while not answers(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start: {Path(log).read_text()[-2000:]}")
            time.sleep(0.2)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def gunicorn(env, port, workers=2, log=None, probe="/static/favicon.svg", threads=1):
    """gunicorn with the project's gunicorn.conf.py, as `make serve` and production run it.

    With `threads` above 1, each worker serves that many connections at once (gthread): a browser
    talking to it directly, with no proxy in between, opens connections ahead of need, and each
    idle one holds a single-threaded worker until gunicorn's 30-second timeout.
    """
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "vmc_project.wsgi",
        "--config",
        str(ROOT / "gunicorn.conf.py"),
    ]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        log = log or Path(scratch) / "gunicorn.log"
        with serving(command, env, base + probe, log, "gunicorn"):
            yield base


@contextmanager
def runserver(env, port, log, probe="/"):
    """Django's runserver without the reloader."""
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    base = f"http://127.0.0.1:{port}"
    with serving(command, env, base + probe, log, "runserver"):
        yield base


def site_environment(directory):
    """Settings for a copy of the site living entirely in `directory`, DEBUG off."""
    directory = Path(directory)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "BACKUP_DIR": str(directory / "backups"),
        "CONTENT_VERSION_FILE": str(directory / "content-version"),
        "CACHE_URL": "locmemcache://throwaway",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own default; a test run may have set another
    return env


def prepared_site(directory):
    """Fill `directory` with a database loaded from fixtures/ and the collected static files."""
    env = site_environment(directory)
    for command in (["setup_site"], ["collectstatic", "--noinput"]):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {command[0]} failed: {(done.stdout + done.stderr)[-2000:]}")
    return env


@contextmanager
def serve_prepared(env, workers=2, threads=4):
    """gunicorn on a site made by `prepared_site()`, for browsers; yields its base URL."""
    log = Path(env["STATIC_ROOT"]).parent / "gunicorn.log"
    with gunicorn(env, free_port(), workers=workers, log=log, threads=threads) as base:
        yield base


@contextmanager
def throwaway_site(workers=2):
    """The site with the fixtures on a database of its own, served by gunicorn; yields its base URL."""
    with tempfile.TemporaryDirectory(prefix="vmc-site-") as directory:
        env = prepared_site(directory)
        with serve_prepared(env, workers=workers) as base:
            yield base


@contextmanager
def site_at(url=None, workers=2):
    """The site at `url` when one is given (a server you run), else a throwaway one; yields its base URL."""
    if url:
        yield url.rstrip("/")
    else:
        with throwaway_site(workers=workers) as base:
            yield base

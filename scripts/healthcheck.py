"""Container health check of the web process: GET /healthz as the proxy would send it.

Run by docker-compose.yml inside the web container. Sends the first of THADS_ALLOWED_HOSTS as
the Host and ``X-Forwarded-Proto: https`` (so SECURE_SSL_REDIRECT does not answer 301), and
exits 0 on a 2xx answer, 1 otherwise.
"""

import http.client
import os
import sys


def main() -> int:
    """Exit status 0 when the web process answers the health check with 2xx."""
    host = os.environ.get("THADS_ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost"
    port = int(os.environ.get("THADS_HEALTHCHECK_PORT", "8000"))
    path = os.environ.get("THADS_HEALTHCHECK_PATH", "/healthz")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError as error:
        sys.stderr.write(f"healthcheck: {error}\n")
        return 1
    finally:
        connection.close()
    return 0 if 200 <= status < 300 else 1


if __name__ == "__main__":
    sys.exit(main())

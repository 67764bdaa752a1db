"""Running Regiokompas in production: the web server (gunicorn), JSON logs with a request id, health
endpoints, Prometheus metrics and the Numba cache folder. See docs/operations.md."""

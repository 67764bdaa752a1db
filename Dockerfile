# syntax=docker/dockerfile:1
# Regiokompas as a container image: docs/operations.md.
#   docker build -t regiokompas .
# Three stages: the NL Design System CSS (npm), the Python environment (from the lock file), and the
# run-time image: Debian slim with the libraries WeasyPrint needs, no compilers, a non-root user,
# the static files and the compiled analysis kernels (Numba cache) built in.

FROM node:20-bookworm-slim AS css
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm AS python
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/regiokompas
WORKDIR /build
COPY requirements/runtime.txt requirements/runtime.txt
RUN /opt/regiokompas/bin/pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md LICENSE ./
COPY src src
RUN /opt/regiokompas/bin/pip install --no-cache-dir --no-deps .

FROM python:3.11-slim-bookworm AS runtime
# CairoSVG (charts in docx) draws with Cairo; DejaVu is the fallback font. Typst makes the PDF
# with its own engine. Versions follow the Debian release of the base image (security updates
# come with a rebuild).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcairo2 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin regiokompas \
    && mkdir -p /data /var/cache/regiokompas/numba \
    && chown regiokompas:regiokompas /data /var/cache/regiokompas/numba
COPY --from=python /opt/regiokompas /opt/regiokompas
COPY --from=css /build/node_modules /opt/node_modules
ENV PATH=/opt/regiokompas/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    REGIOKOMPAS_DATA_DIR=/data \
    REGIOKOMPAS_STATIC_ROOT=/opt/regiokompas-static \
    REGIOKOMPAS_NODE_MODULES=/opt/node_modules \
    NUMBA_CACHE_DIR=/var/cache/regiokompas/numba
# Static files with hashed names (owned by root: read-only for the application), and the analysis
# kernels compiled once into the Numba cache, which stays writable for the application user.
# Only for these build steps: a throw-away key and data folder (the real ones come at run time).
RUN SECRET_KEY=build-only REGIOKOMPAS_DATA_DIR=/tmp/build regiokompas collectstatic \
    && SECRET_KEY=build-only REGIOKOMPAS_DATA_DIR=/tmp/build python -c "from regiokompas.commands import _warm_up_engine; _warm_up_engine()" \
    && rm -rf /tmp/build \
    && chown -R 10001:10001 /var/cache/regiokompas/numba
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["regiokompas"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]

# One image for the three processes of docker-compose.yml: web (gunicorn), worker and beat (Celery).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    OMP_THREAD_LIMIT=1 \
    DJANGO_SETTINGS_MODULE=thads.settings.base \
    THADS_VAR_DIR=/app/var \
    THADS_STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media

# What scripts/system_packages.sh installs: OCR with Vietnamese, poppler, fonts with Vietnamese
# glyphs, gettext, and Chromium for HTML-to-PDF rendering (system checks thads.W001-W005).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       tesseract-ocr tesseract-ocr-vie poppler-utils fontconfig fonts-noto-core fonts-liberation2 \
       gettext chromium \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /home/thads --uid 10001 thads
WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
# Editable, so BASE_DIR stays /app (templates/, static/ and locale/ live beside the packages).
RUN pip install --no-deps -e . \
    && if [ -d locale ]; then python manage.py compilemessages --ignore=.venv --verbosity 0; fi \
    && THADS_SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media \
    && chown -R thads:thads /app/var

USER thads
EXPOSE 8000
CMD ["gunicorn", "thads.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

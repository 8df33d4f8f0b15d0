# Production image: gunicorn serves the app, WhiteNoise serves the collected static files.
# The same image runs the web server, the Celery worker and Celery beat (see docker-compose.yml).

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm run --silent vendor


FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000

RUN useradd --create-home --uid 1000 app
WORKDIR /app

COPY . .
COPY --from=assets /build/static/vendor ./static/vendor

# Editable, so that BASE_DIR stays /app, where the templates, locale and static folders are.
RUN pip install -e .

# collectstatic imports the settings, which require keys; these exist only for this command.
RUN python -m config.demo messages \
    && SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(40))')" \
       FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
       DEBUG=false ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput \
    && mkdir -p var && chown -R app:app var

USER app
EXPOSE 8000

CMD ["sh", "-c", "exec gunicorn config.wsgi:application --bind 0.0.0.0:${PORT} --access-logfile -"]

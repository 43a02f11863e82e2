"""Settings of the THADS platform, every production difference read from the environment.

Defaults make a fresh clone run as the embedded demo: SQLite under ``var/``, tasks in-process,
local media. Production sets ``DATABASE_URL``, ``REDIS_URL``, ``THADS_SECRET_KEY`` and friends
(README.md lists every variable). ``manage.py check --deploy`` reports nothing with
``THADS_DEBUG=false`` and real values.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from thads.env import BASE_DIR
from thads.env import env

VAR_DIR = Path(env.str("THADS_VAR_DIR", default=str(BASE_DIR / "var")))

# --- Core -------------------------------------------------------------------------------------
DEBUG = env.bool("THADS_DEBUG", default=False)
SECRET_KEY = env.str(
    "THADS_SECRET_KEY",
    # The embedded demo needs no configuration; production refuses to start on this value
    # (thads.checks.check_production_settings, thads.E001).
    default="insecure-demo-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz",
)
ALLOWED_HOSTS = env.list("THADS_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("THADS_CSRF_TRUSTED_ORIGINS", default=[])
ROOT_URLCONF = "thads.urls"
WSGI_APPLICATION = "thads.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
# Set on the demo only, so it can print logins and trust loopback proxies.
THADS_DEMO = env.bool("THADS_DEMO", default=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.admin",
    "django_htmx",
    "template_partials",
    "guardian",
    "axes",
    # platform core
    "thads.apps.ThadsConfig",
    "thads.org",
    "thads.audit",
    "thads.calendar",
    "thads.documents",
    "thads.numbering",
    "thads.notify",
    "thads.integrations",
    # domain apps
    "decisions",
    "enforcement",
    "receipts",
    "citizen_reception",
    "ioc_dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Beyond capacity: 503 + Retry-After to requests that queued too long (off unless set).
    "thads.middleware.LoadSheddingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the user chose another language with the switcher (its cookie).
    "thads.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before LoginRequiredMiddleware: says "session expired" on the redirect to the login page.
    "thads.middleware.SessionExpiredMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thads.audit.middleware.AuditContextMiddleware",
    # Axes must come last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thads.context_processors.navigation",
            ],
            "builtins": [
                "thads.templatetags.thads",
                "template_partials.templatetags.partials",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'thads.sqlite3'}")
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the in-process task runner and the web server share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("THADS_DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Cache and tasks --------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "thads",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# No broker: the embedded default runs the same tasks in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("THADS_TASKS_EAGER", default=not CELERY_BROKER_URL)
# In-process tasks fail as in a worker: the failure callback records it (a job is marked
# failed) and the web request that queued the task after commit carries on.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("THADS_TASK_SOFT_TIME_LIMIT", default=25 * 60)
CELERY_TASK_TIME_LIMIT = env.int("THADS_TASK_TIME_LIMIT", default=30 * 60)
# Above the longest hard time limit, so a running task is never redelivered under it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 10 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- Authentication ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Idle timeout: every request renews a 30-minute session (quality.md S5).
SESSION_COOKIE_AGE = env.int("THADS_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = env.int("THADS_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("THADS_LOGIN_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a proxy the real client address comes from X-Forwarded-For (set the proxy count).
AXES_IPWARE_PROXY_COUNT = env.int("THADS_PROXY_COUNT", default=0)
#: Load shedding (thads.middleware.LoadSheddingMiddleware): the longest a request may have waited
#: behind the proxy before it is answered 503 instead; 0 turns it off (production: 1000).
SHED_QUEUE_MS = env.int("THADS_SHED_QUEUE_MS", default=0)
SHED_RETRY_AFTER = env.int("THADS_SHED_RETRY_AFTER", default=5)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# The same client address as the audit trail (django-ipware is not installed).
AXES_CLIENT_IP_CALLABLE = "thads.audit.context.request_client_ip"

# django-guardian: no anonymous user row; the public portal never uses object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# --- Security ---------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("THADS_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("THADS_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("THADS_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "thads.views.csrf_failure"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thads.formats"]
LANGUAGE_COOKIE_NAME = "thads_language"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("THADS_STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Debian's chromium for browser tests and server-side rendering checks (thads.W005).
THADS_CHROMIUM_PATH = env.str("THADS_CHROMIUM_PATH", default="")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "THADS_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# --- Signing (thads.documents.signing, built by the decisions and receipts issues) ------------
# Named PDF_SIGNING_* because Django owns SIGNING_BACKEND (cookie signing).
PDF_SIGNING_BACKEND = env.str("THADS_PDF_SIGNING_BACKEND", default="software")  # software|pkcs11
PDF_SIGNING_DIR = Path(env.str("THADS_PDF_SIGNING_DIR", default=str(VAR_DIR / "signing")))
PDF_SIGNING_CA_CERT = env.str("THADS_PDF_SIGNING_CA_CERT", default="")
PDF_SIGNING_PKCS11_LIB = env.str("THADS_PDF_SIGNING_PKCS11_LIB", default="")
PDF_SIGNING_PKCS11_TOKEN = env.str("THADS_PDF_SIGNING_PKCS11_TOKEN", default="")
PDF_SIGNING_PKCS11_PIN = env.str("THADS_PDF_SIGNING_PKCS11_PIN", default="")
# Signing keys are never in the database in clear; the software keystore is encrypted with this.
PDF_SIGNING_KEY_PASSPHRASE = env.str("THADS_PDF_SIGNING_KEY_PASSPHRASE", default="")
# Regular TTF files tried in order for PDF text (Decree 30: Times New Roman metrics); empty: the
# platform's list (Liberation Serif, Noto Serif, DejaVu Serif).
PDF_FONT_PATHS = env.list("THADS_PDF_FONT_PATHS", default=[])
# Absolute base of links printed in QR codes (https://thads.example.gov.vn); empty: localhost.
PUBLIC_BASE_URL = env.str("THADS_PUBLIC_BASE_URL", default="")
# Public verification page: lookups per client address per minute, and the largest PDF accepted.
VERIFY_RATE_LIMIT_PER_MINUTE = env.int("THADS_VERIFY_RATE_LIMIT_PER_MINUTE", default=30)
VERIFY_MAX_UPLOAD_BYTES = env.int("THADS_VERIFY_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)

# Whitenoise serves collected static files in production; with DEBUG it finds them directly.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Documents: uploads, checks and the text/OCR pipeline (thads/documents/conf.py) -----------
DOCUMENTS_MAX_UPLOAD_BYTES = env.int("THADS_DOCUMENTS_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
DOCUMENTS_MAX_PAGES = env.int("THADS_DOCUMENTS_MAX_PAGES", default=500)
DOCUMENTS_MAX_PIXELS = env.int("THADS_DOCUMENTS_MAX_PIXELS", default=60_000_000)
DOCUMENTS_MAX_STREAM_BYTES = env.int("THADS_DOCUMENTS_MAX_STREAM_BYTES", default=50 * 1024 * 1024)
DOCUMENTS_MAX_INFLATED_BYTES = env.int(
    "THADS_DOCUMENTS_MAX_INFLATED_BYTES", default=200 * 1024 * 1024
)
DOCUMENTS_VALIDATION_MEMORY_BYTES = env.int(
    "THADS_DOCUMENTS_VALIDATION_MEMORY_BYTES", default=512 * 1024 * 1024
)
DOCUMENTS_VALIDATION_CPU_SECONDS = env.int("THADS_DOCUMENTS_VALIDATION_CPU_SECONDS", default=4)
DOCUMENTS_VALIDATION_TIMEOUT_SECONDS = env.float(
    "THADS_DOCUMENTS_VALIDATION_TIMEOUT_SECONDS", default=4.5
)
DOCUMENTS_OCR_LANG = env.str("THADS_DOCUMENTS_OCR_LANG", default="vie")
DOCUMENTS_OCR_DPI = env.int("THADS_DOCUMENTS_OCR_DPI", default=300)
DOCUMENTS_OCR_TIMEOUT_SECONDS = env.int("THADS_DOCUMENTS_OCR_TIMEOUT_SECONDS", default=120)
DOCUMENTS_TESSERACT_CMD = env.str("THADS_DOCUMENTS_TESSERACT_CMD", default="tesseract")

# --- Judgments (decisions.extraction) ----------------------------------------------------------
# "rules": the deterministic parser; "hybrid": refined by the project's token classifier
# (decisions/extraction/weights; needs the `ml` extra: torch, transformers).
JUDGMENT_EXTRACTION_MODE = env.str("THADS_JUDGMENT_EXTRACTION_MODE", default="rules")

# --- Citizen reception: public filing and tracking (citizen_reception.public) ----------------
# Tracking lookups per client address per minute, and unknown codes per address per hour before
# every lookup from it is refused (guessing codes is slowed; quality.md S4).
PETITION_TRACK_RATE_LIMIT_PER_MINUTE = env.int("THADS_PETITION_TRACK_PER_MINUTE", default=30)
PETITION_TRACK_MISSES_PER_HOUR = env.int("THADS_PETITION_TRACK_MISSES_PER_HOUR", default=20)
# One-time code requests and submits per client address per hour; petitions filed per identity
# number per day.
PETITION_OTP_PER_IP_PER_HOUR = env.int("THADS_PETITION_OTP_PER_IP_PER_HOUR", default=10)
PETITION_SUBMIT_PER_IP_PER_HOUR = env.int("THADS_PETITION_SUBMIT_PER_IP_PER_HOUR", default=10)
PETITION_SUBMIT_PER_ID_PER_DAY = env.int("THADS_PETITION_SUBMIT_PER_ID_PER_DAY", default=5)
# Attachments of an online petition: how many, the largest file and the largest total (bytes).
PETITION_ATTACHMENTS_MAX_COUNT = env.int("THADS_PETITION_ATTACHMENTS_MAX_COUNT", default=5)
PETITION_ATTACHMENT_MAX_BYTES = env.int(
    "THADS_PETITION_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024
)
PETITION_ATTACHMENTS_MAX_TOTAL_BYTES = env.int(
    "THADS_PETITION_ATTACHMENTS_MAX_TOTAL_BYTES", default=25 * 1024 * 1024
)

# --- Notifications and integrations (thads.notify, thads.integrations) ------------------------
# Every outside system is reached through thads.integrations. THADS_USE_<SYSTEM>=true talks to
# the real partner at THADS_INTEGRATION_<SYSTEM>_URL, sending ..._TOKEN as a bearer token and
# signing each body with ..._SECRET (HMAC-SHA256); on with no URL or secret is a system check
# error (integrations.E001). Off (the default) the system is the local simulator
# (`manage.py integrations_simulator`) at THADS_INTEGRATION_SIMULATOR_URL.
INTEGRATION_SYSTEMS = (
    "VNEID",
    "SMS_GATEWAY",
    "BANK",
    "LAND_REGISTRY",
    "VEHICLE_REGISTRY",
    "POPULATION_DB",
    "PROCURACY",
    "COURT",
)
INTEGRATIONS = {
    system: {
        "enabled": env.bool(f"THADS_USE_{system}", default=False),
        "url": env.str(f"THADS_INTEGRATION_{system}_URL", default=""),
        "token": env.str(f"THADS_INTEGRATION_{system}_TOKEN", default=""),
        "secret": env.str(f"THADS_INTEGRATION_{system}_SECRET", default=""),
    }
    for system in INTEGRATION_SYSTEMS
}
INTEGRATION_SIMULATOR_URL = env.str(
    "THADS_INTEGRATION_SIMULATOR_URL", default="http://127.0.0.1:8790"
)
INTEGRATION_SIMULATOR_SECRET = env.str(
    "THADS_INTEGRATION_SIMULATOR_SECRET", default="thads-simulator-dev-secret"
)
INTEGRATION_CONNECT_TIMEOUT = env.float("THADS_INTEGRATION_CONNECT_TIMEOUT", default=3.0)
INTEGRATION_READ_TIMEOUT = env.float("THADS_INTEGRATION_READ_TIMEOUT", default=10.0)

# --- Email and logging ------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("THADS_EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("THADS_DEFAULT_FROM_EMAIL", default="khong-tra-loi@thads.gov.vn")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("THADS_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

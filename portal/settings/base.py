"""Settings shared by every environment; configuration comes from the environment."""

import base64
import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps it translates,
    # and its migrate/makemigrations commands replace Django's.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "home",
    "news",
    "promotion",
    "search",
    "plans",
    "library",
    "press",
    "accounts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.refuse_tracing",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns a lockout into its page
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file for the quick start; PostgreSQL through DATABASE_URL in CI and production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that does not answer fails a request within seconds instead of holding a worker: a
# connect timeout, and on PostgreSQL a statement timeout for the web processes (portal/wsgi.py sets
# PORTAL_WEB_PROCESS; the task worker and management commands may run longer).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    if os.environ.get("PORTAL_WEB_PROCESS"):
        _options["options"] = f"-c statement_timeout={int(os.environ.get('DATABASE_STATEMENT_TIMEOUT', '10000'))}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when set, is the cache all servers share. When it is down or slow, the site still serves:
# every cache call is a miss after at most half a second, logged once a minute (portal.logs).
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in to the admin (accounts/, README "Sign-in protection"). Failed sign-ins are counted by
# django-axes in the database: one account from one address is locked after AXES_FAILURE_LIMIT
# failures, one address after AXES_ADDRESS_FAILURE_LIMIT, for AXES_COOLOFF_MINUTES after the last.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "accounts.throttling.AccountAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_address"  # the reader's address behind TRUSTED_PROXIES
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_ENABLE_ADMIN = False  # Django's admin is not installed; `manage.py axes_reset_username` unlocks
# Two-step verification (TOTP): required of superusers and of these groups (regular expressions on
# their names) when TWO_FACTOR_REQUIRED is on, which production always is; optional for the others.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
TWO_FACTOR_GROUPS = [r": Lãnh đạo duyệt$", r"^Kế hoạch TTĐN: Điều phối", r"^Quản trị hệ thống$"]
# A session without a request of its own for this long is signed out (accounts.middleware).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

# Languages: this list is the one place to add or remove a language. The first one is the
# default; every other language falls back to English, then to the default (English itself
# falls back to the default only). See README, "Adding a language".
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("lo", "ພາສາລາວ"),
    ("km", "ភាសាខ្មែរ"),
]
LANGUAGE_CODE = LANGUAGES[0][0]
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (LANGUAGE_CODE,),
    **{code: ("en", LANGUAGE_CODE) for code in MODELTRANSLATION_LANGUAGES if code not in ("en", LANGUAGE_CODE)},
}
# locale/wagtail completes Wagtail's own admin catalogue (see README, "Admin in Vietnamese").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
# Django ships no locale data for Lao: its language info is added here, its date and number
# formats live in portal/formats/lo, and month and day names in locale/lo.
LANG_INFO.setdefault("lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"})
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_NAME = "portal_language"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Uploaded files under MEDIA_ROOT are served by the application itself (portal.views.media), for
# a site on one server or servers sharing MEDIA_ROOT, behind a CDN; SERVE_MEDIA=false when a web
# server or object storage serves them instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Where `manage.py backup` writes its archives unless told (README, "Backup and restore").
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # seconds; a hanging mail server must not hang a task
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Cổng thông tin đối ngoại")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name authenticator apps show beside the code
# Addresses readers can type in every language: Vietnamese without diacritics, Lao and Khmer
# transliterated (home/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Public forms (home/form_pages.py): submissions accepted per hour from one address, and how many
# reverse proxies in front of the site add X-Forwarded-For (0: the address is the connection's).
FORM_SUBMISSIONS_PER_HOUR = int(os.environ.get("FORM_SUBMISSIONS_PER_HOUR", "5"))
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
RATELIMIT_FAIL_OPEN = True  # when the cache is down, the public forms are let through rather than refused

# Background work (the forms' e-mails, Wagtail's own tasks): run at once in the request by default;
# production queues it in the database for `manage.py db_worker` (README, "Production").
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# Days the public forms' submissions (personal data) are kept; purge_form_submissions deletes older ones.
FORM_SUBMISSIONS_KEPT_DAYS = int(os.environ.get("FORM_SUBMISSIONS_KEPT_DAYS", "365"))
# Fernet keys that encrypt their personal fields (home/personal_data.py): FORM_DATA_KEY, comma-separated;
# the first encrypts, all decrypt. Development and tests use a fixed key that is no secret; production
# refuses to start with it.
NON_SECRET_FORM_DATA_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"portal: not a secret").digest()).decode()
FORM_DATA_KEYS = env_list("FORM_DATA_KEY") or [NON_SECRET_FORM_DATA_KEY]
WAGTAILIMAGES_IMAGE_MODEL = "home.PortalImage"
# Translators edit only the other languages' descriptions (alt text) of the images.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.PortalImageForm"
# The admin speaks Vietnamese (the default for every new user) or English; Wagtail has no Lao
# or Khmer admin catalogue.
WAGTAILADMIN_PERMITTED_LANGUAGES = [(code, name) for code, name in LANGUAGES if code in (LANGUAGE_CODE, "en")]
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False  # workflow e-mails go to the department's groups
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False  # languages are fields of one page (modeltranslation)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# Uploads are checked by their content, whatever their name; SVG and web pages are refused (home/uploads.py).
WAGTAILDOCS_EXTENSIONS = [
    extension.lower().lstrip(".")
    for extension in env_list("DOCUMENT_EXTENSIONS", "csv,docx,odt,pdf,pptx,rtf,txt,xlsx,zip")
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.PortalDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Search runs on the site's database; with ELASTICSEARCH_URL set it runs on Elasticsearch
# (search/backends.py), and the database index is kept too, for readers' searches to fall back on
# while Elasticsearch is unreachable.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = {"database": {"BACKEND": "search.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
        # A reader's search waits at most SEARCH_TIMEOUT seconds (no retries) before the database
        # answers it; the task worker and commands, which index, wait longer.
        "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "1" if os.environ.get("PORTAL_WEB_PROCESS") else "30")),
        "OPTIONS": {"max_retries": 0} if os.environ.get("PORTAL_WEB_PROCESS") else {},
    }
else:
    WAGTAILSEARCH_BACKENDS["default"] = WAGTAILSEARCH_BACKENDS.pop("database")
# After the search server fails, readers' searches go to the database this long before trying it again.
SEARCH_BREAKER_SECONDS = int(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))

# Content-Security-Policy (portal.middleware). The public site runs no inline script;
# Wagtail's admin needs inline scripts and styles.
CSP_PUBLIC = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "frame-src 'self' https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com https://www.openstreetmap.org",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
CSP_ADMIN = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "frame-src 'self' https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own admin frame

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {name: {"()": "portal.logs.OncePerMinute"} for name in ("portal.cache", "search.unavailable")},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {name: {"filters": [name]} for name in ("portal.cache", "search.unavailable")},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

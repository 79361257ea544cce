from .base import *  # noqa: F403

DEBUG = True
# A development-only key: production.py refuses to start without its own SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-not-for-production"  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (the SQLite database and uploads live here)

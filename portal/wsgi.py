import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
os.environ.setdefault("PORTAL_WEB_PROCESS", "1")  # web requests get the database's statement timeout

application = get_wsgi_application()

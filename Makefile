# Quick start: `make run` serves the demo portal, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The address e-mails link to (the site's WAGTAILADMIN_BASE_URL): what `make run` serves, unless set.
WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
LOCALE_FLAGS = $$($(PY) -c "from django.utils.translation import to_locale; from portal.settings.base import LANGUAGES; print(' '.join('-l ' + to_locale(code) for code, _ in LANGUAGES))")

.PHONY: install install-test run demo test lint messages languages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# The browser and HTML-validity tests also use the Node tools of package.json (when npm is
# there) and Chromium at /usr/bin/chromium; without them those tests are skipped, saying why.
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml package-lock.json
	$(PY) -m pip install --quiet -e ".[test]"
	if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; fi
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: demo
	@echo "Serving http://127.0.0.1:$(PORT)/"
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
test: install-test
	$(PY) -m pytest --ds=portal.settings.test $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "No tests ran: failing." >&2; exit 1; fi; exit $$status

lint: install-test
	$(PY) -m ruff check .

# Re-extract UI strings and compile the catalogues (needs GNU gettext; the .mo files are committed).
# locale/wagtail/ holds the project's translation of Wagtail's own admin strings; update_admin_messages
# adds the strings of a newly installed Wagtail, untranslated, and drops gone ones.
messages: install
	$(PY) manage.py makemessages $(LOCALE_FLAGS) --no-obsolete --ignore=.venv --ignore=node_modules --ignore=static_collected
	$(PY) manage.py update_admin_messages
	$(PY) manage.py compilemessages --ignore=.venv

# After adding a language to LANGUAGES in portal/settings/base.py: columns for it, page
# addresses in it, and an empty catalogue to translate (see README, "Adding a language").
languages: install
	$(PY) manage.py makemigrations home news promotion search plans library press
	$(PY) manage.py migrate --noinput
	$(PY) manage.py update_translation_fields
	$(PY) manage.py set_translation_url_paths
	$(PY) manage.py update_index
	$(PY) manage.py makemessages $(LOCALE_FLAGS) --ignore=.venv --ignore=node_modules --ignore=static_collected

clean:
	rm -rf $(VENV) static_collected *.egg-info

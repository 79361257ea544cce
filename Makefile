# Quick start: `make run` serves the demo portal, `make test` runs the whole suite.
# The newest CPython from 3.13 down to 3.11 found on PATH, unless PYTHON= names one.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info < (3, 14))' 2>/dev/null && { echo $$p; break; }; done)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY) -m pip --quiet
PORT ?= 8000
# The address e-mails link to (the site's WAGTAILADMIN_BASE_URL): what `make run` serves, unless set.
WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
LOCALE_FLAGS = $$($(PY) -c "from django.utils.translation import to_locale; from portal.settings.base import LANGUAGES; print(' '.join('-l ' + to_locale(code) for code, _ in LANGUAGES))")
# `make lock` rewrites requirements/*.txt (every platform and Python 3.11-3.13, with hashes) with uv.
UV_VERSION = 0.13.9
LOCK = $(VENV)/bin/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 --upgrade

.PHONY: install install-test run demo test lint lock audit messages languages clean

$(VENV)/bin/pip:
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is needed: install one, or name it with PYTHON=/path/to/python3" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Every package comes from the lock, checked against its hash. ICU (word splitting for Lao and
# Khmer, Vietnamese collation) comes from the icukit-pyicu wheel, which bundles ICU, where one
# exists for this platform; elsewhere PyICU is built from source, which needs a C++ compiler and
# ICU's development files (README, "Quick start").
$(VENV)/.installed: $(VENV)/bin/pip requirements/base.txt requirements/icu-wheel.txt requirements/icu-source.txt
	$(PIP) install --require-hashes --no-deps -r requirements/base.txt
	-$(PIP) uninstall --yes pyicu icukit-pyicu 2>/dev/null
	$(PIP) install --require-hashes --no-deps --only-binary :all: -r requirements/icu-wheel.txt 2>/dev/null || { \
	  echo "No ICU wheel for this platform: building PyICU from source (needs g++, ICU's headers, pkg-config)."; \
	  $(PIP) install --require-hashes --no-deps -r requirements/icu-source.txt; }
	touch $@

# The browser and HTML-validity tests also use the Node tools of package.json (when npm is
# there) and Chromium at /usr/bin/chromium; without them those tests are skipped, saying why.
$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt package-lock.json
	$(PIP) install --require-hashes --no-deps -r requirements/test.txt
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

# After changing dependencies in pyproject.toml or requirements/*.in, or to take new releases.
lock: $(VENV)/bin/pip
	$(PIP) install uv==$(UV_VERSION)
	$(LOCK) -o requirements/base.txt pyproject.toml
	$(LOCK) --extra test -c requirements/base.txt -o requirements/test.txt pyproject.toml
	$(LOCK) -o requirements/icu-wheel.txt requirements/icu-wheel.in
	$(LOCK) -o requirements/icu-source.txt requirements/icu-source.in
	$(LOCK) -o requirements/audit.txt requirements/audit.in

# Known vulnerabilities in the locked packages (PyPI's advisory data); exceptions, each with its
# reason, in requirements/audit-exceptions.txt. pip-audit has a virtualenv of its own.
audit:
	test -x .venv-audit/bin/python || $(PYTHON) -m venv .venv-audit
	PIP_DISABLE_PIP_VERSION_CHECK=1 .venv-audit/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/audit.txt
	.venv-audit/bin/pip-audit --strict --disable-pip --progress-spinner off $$(sed -n 's/^\([A-Za-z0-9-]\+\) .*/--ignore-vuln \1/p' requirements/audit-exceptions.txt) \
	  -r requirements/test.txt -r requirements/icu-wheel.txt -r requirements/icu-source.txt

lint: install-test
	$(PY) -m ruff check .

# Re-extract UI strings and compile the catalogues (needs GNU gettext; the .mo files are committed).
# locale/wagtail/ holds the project's translation of Wagtail's own admin strings; update_admin_messages
# adds the strings of a newly installed Wagtail, untranslated, and drops gone ones.
messages: install
	$(PY) manage.py makemessages $(LOCALE_FLAGS) --no-obsolete --ignore=.venv --ignore=.venv-audit --ignore=node_modules --ignore=static_collected
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
	$(PY) manage.py makemessages $(LOCALE_FLAGS) --ignore=.venv --ignore=.venv-audit --ignore=node_modules --ignore=static_collected

clean:
	rm -rf $(VENV) .venv-audit static_collected *.egg-info

"""Load a plan file (see plans/data/) into the database; a second run changes nothing.

The file is checked whole before anything is written: a malformed one is refused with a
message naming the line (for JSON syntax) or the field (e.g. `tasks[4].lead[0]`).
"""

import datetime
import json
import re
import unicodedata

from django.conf import settings
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from .models import Plan, ReportingDeadline, Task, Unit
from .periods import TimeFrameError, due_periods


class PlanFileError(ValueError):
    pass


def read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise PlanFileError(f"Cannot read {path}: {error.strerror}.") from error
    except json.JSONDecodeError as error:
        raise PlanFileError(f"{path}, line {error.lineno}, column {error.colno}: {error.msg}.") from error
    except UnicodeDecodeError as error:
        raise PlanFileError(f"{path} is not UTF-8 text.") from error


class Checker:
    """Checks one value of the file and says where it is when it is wrong."""

    def __init__(self, data, where=""):
        self.data, self.where = data, where

    def fail(self, message):
        raise PlanFileError(f"{self.where or 'the file'}: {message}")

    def child(self, key):
        where = f"{self.where}[{key}]" if isinstance(key, int) else f"{self.where}.{key}".lstrip(".")
        if isinstance(key, int):
            return Checker(self.data[key], where)
        if not isinstance(self.data, dict) or key not in self.data:
            Checker(None, where).fail("missing")
        return Checker(self.data[key], where)

    def optional(self, key, default=None):
        if isinstance(self.data, dict) and key in self.data:
            return self.child(key)
        return Checker(default, f"{self.where}.{key}")

    def text(self, allow_empty=False, max_length=255):
        if not isinstance(self.data, str) or not (allow_empty or self.data.strip()):
            self.fail("expected text" if allow_empty else "expected non-empty text")
        value = unicodedata.normalize("NFC", self.data.strip())  # text pasted from Word may be decomposed
        if len(value) > max_length:
            self.fail(f"longer than {max_length} characters")
        return value

    def translated(self, allow_empty=False, max_length=255):
        if not isinstance(self.data, dict):
            self.fail('expected {"vi": "...", "en": "..."}')
        languages = [code for code, _name in settings.LANGUAGES]
        for code in self.data:
            if code not in languages:
                self.fail(f"“{code}” is not one of the site's languages ({', '.join(languages)})")
        self.child(settings.LANGUAGE_CODE).text(allow_empty, max_length)
        return {code: self.child(code).text(True, max_length) for code in self.data}

    def boolean(self):
        if not isinstance(self.data, bool):
            self.fail("expected true or false")
        return self.data

    def key(self):
        value = self.text(max_length=80)
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            self.fail(f"“{value}” is not a key of lower-case letters, digits and hyphens")
        return value

    def date(self):
        try:
            return datetime.date.fromisoformat(self.text())
        except ValueError:
            self.fail(f"“{self.data}” is not a date written YYYY-MM-DD")

    def integer(self, low, high):
        if not isinstance(self.data, int) or isinstance(self.data, bool) or not low <= self.data <= high:
            self.fail(f"expected a whole number from {low} to {high}")
        return self.data

    def items(self):
        if not isinstance(self.data, list):
            self.fail("expected a list")
        return [self.child(index) for index in range(len(self.data))]

    def choice(self, choices):
        value = self.text()
        if value not in choices:
            self.fail(f"“{value}” is not one of {', '.join(choices)}")
        return value

    def reference(self, known):
        key = self.text()
        if key not in known:
            self.fail(f"unknown unit “{key}”")
        return key

    def time_frame(self, year):
        if self.data is not None and not isinstance(self.data, str):
            self.fail("expected the time frame as text, or null")
        try:
            due_periods(self.data, year)
        except TimeFrameError as error:
            self.fail(str(error))
        return unicodedata.normalize("NFC", " ".join((self.data or "").split()))


def check(data):
    """The file's content as plain values, or PlanFileError."""
    root = Checker(data)
    if not isinstance(data, dict):
        root.fail("expected an object with plan, units and tasks")
    units = []
    for unit in root.child("units").items():
        units.append(
            {
                "key": unit.child("key").key(),
                "name": unit.child("name").translated(),
                "short_name": unit.optional("short_name", "").text(allow_empty=True, max_length=80),
                "kind": unit.child("kind").choice(Unit.Kind.values),
                "aliases": [alias.text() for alias in unit.optional("aliases", []).items()],
                "active": unit.optional("active", True).boolean(),
                "where": unit,
            }
        )
    keys = [unit["key"] for unit in units]
    if len(set(keys)) != len(keys):
        root.child("units").fail(f"unit keys repeat: {', '.join(sorted({k for k in keys if keys.count(k) > 1}))}")
    kinds = {unit["key"]: unit["kind"] for unit in units}
    for unit in units:
        where = unit.pop("where")
        unit["part_of"] = [group.reference(keys) for group in where.optional("part_of", []).items()]
        for index, group in enumerate(unit["part_of"]):
            if kinds[group] != Unit.Kind.COLLECTIVE:
                where.child("part_of").child(index).fail(f"“{group}” is not a group of units (kind collective)")
        successor = where.optional("successor")
        unit["successor"] = successor.reference(keys) if successor.data is not None else None
        unit["where"] = where
    successors = {unit["key"]: unit["successor"] for unit in units}
    for unit in units:
        key, seen = unit["key"], set()
        while key is not None and key not in seen:
            seen.add(key)
            key = successors[key]
        if key is not None:
            unit["where"].child("successor").fail("units cannot succeed one another in a circle")
    for unit in units:
        unit.pop("where")

    plan = root.child("plan")
    year = plan.child("year").integer(1945, 2100)
    plan_values = {
        "number": plan.child("number").text(max_length=50),
        "title": plan.child("title").translated(),
        "year": year,
        "date_issued": plan.child("date_issued").date(),
        "issuing_body": plan.child("issuing_body").reference(keys),
        "signer": plan.optional("signer", "").text(allow_empty=True),
        "place": plan.optional("place", "").text(allow_empty=True, max_length=100),
        "coordinating_unit": plan.child("coordinating_unit").reference(keys),
        "reporting_deadlines": [],
    }
    for deadline in plan.optional("reporting_deadlines", []).items():
        values = {
            "kind": deadline.child("kind").choice(ReportingDeadline.Kind.values),
            "name": deadline.child("name").translated(),
            "due": deadline.child("due").date(),
            "covers_from": deadline.child("covers_from").date(),
            "covers_to": deadline.child("covers_to").date(),
        }
        if values["covers_from"] > values["covers_to"]:
            deadline.child("covers_to").fail("the period it covers ends before it starts")
        if values["kind"] in {other["kind"] for other in plan_values["reporting_deadlines"]}:
            deadline.child("kind").fail(f"a second “{values['kind']}” deadline")
        plan_values["reporting_deadlines"].append(values)

    tasks, codes = [], set()
    for task in root.child("tasks").items():
        code = task.child("code").text(max_length=20)
        if code in codes:
            task.child("code").fail(f"“{code}” appears twice")
        parent = task.optional("parent")
        parent_code = parent.text(max_length=20) if parent.data is not None else None
        if parent_code is not None and parent_code not in codes:
            parent.fail(f"“{parent_code}” is not an item listed before this one")
        codes.add(code)
        tasks.append(
            {
                "code": code,
                "parent": parent_code,
                "title": task.child("title").translated(max_length=500),
                "content": task.optional("content", {settings.LANGUAGE_CODE: ""}).translated(True, 100_000),
                "lead": [unit.reference(keys) for unit in task.optional("lead", []).items()],
                "coordinating": [unit.reference(keys) for unit in task.optional("coordinating", []).items()],
                "time_frame": task.optional("time_frame").time_frame(year),
            }
        )
    return {"plan": plan_values, "units": units, "tasks": tasks}


def localized(field, values):
    return {build_localized_fieldname(field, code): value for code, value in values.items()}


class Import:
    def __init__(self):
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    def upsert(self, model, lookup, values):
        """Create or update one row, writing only when something differs."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            self.counts["created"] += 1
            return model.objects.create(**lookup, **values)
        changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(instance, name, value)
            instance.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return instance

    def set_relation(self, manager, targets):
        if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
            manager.set(targets)

    @transaction.atomic
    def run(self, content):
        units = {}
        for values in content["units"]:
            units[values["key"]] = self.upsert(
                Unit,
                {"key": values["key"]},
                {
                    **localized("name", values["name"]),
                    "short_name": values["short_name"],
                    "kind": values["kind"],
                    "aliases": values["aliases"],
                    "active": values["active"],
                },
            )
        for values in content["units"]:
            unit = units[values["key"]]
            self.upsert(Unit, {"pk": unit.pk}, {"successor": units.get(values["successor"])})
            self.set_relation(unit.part_of, [units[key] for key in values["part_of"]])

        values = content["plan"]
        plan = self.upsert(
            Plan,
            {"number": values["number"]},
            {
                **localized("title", values["title"]),
                "year": values["year"],
                "date_issued": values["date_issued"],
                "issuing_body": units[values["issuing_body"]],
                "signer": values["signer"],
                "place": values["place"],
                "coordinating_unit": units[values["coordinating_unit"]],
            },
        )
        for deadline in values["reporting_deadlines"]:
            self.upsert(
                ReportingDeadline,
                {"plan": plan, "kind": deadline["kind"]},
                {
                    **localized("name", deadline["name"]),
                    "due": deadline["due"],
                    "covers_from": deadline["covers_from"],
                    "covers_to": deadline["covers_to"],
                },
            )

        tasks = {}
        for order, values in enumerate(content["tasks"]):
            task = self.upsert(
                Task,
                {"plan": plan, "code": values["code"]},
                {
                    "parent": tasks.get(values["parent"]),
                    "sort_order": order,
                    **localized("title", values["title"]),
                    **localized("content", values["content"]),
                    "time_frame": values["time_frame"],
                },
            )
            tasks[values["code"]] = task
            self.set_relation(task.lead_units, [units[key] for key in values["lead"]])
            self.set_relation(task.coordinating_units, [units[key] for key in values["coordinating"]])
        for task in tasks.values():
            task.sync_periods()
        return plan


def import_plan(path):
    content = check(read(path))
    importer = Import()
    plan = importer.run(content)
    return plan, importer.counts

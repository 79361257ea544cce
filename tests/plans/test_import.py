"""`import_plan` loads plan 17/KH-UBND exactly as the plan states it, refuses bad files, and is idempotent."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from plans.models import DuePeriod, Plan, Task, Unit

PLAN_FILE = "plans/data/ke-hoach-17-KH-UBND-2021.json"
CODES = [
    "1", "2", "2.1", "2.2", "3", "4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6",
    "5", "5.1", "5.2", "5.3", "5.4", "6", "7", "7.1", "7.2", "7.3", "8", "9",
]  # fmt: skip


def import_file(path=PLAN_FILE):
    out = StringIO()
    call_command("import_plan", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def plan(db):
    import_file()
    return Plan.objects.get(number="17/KH-UBND")


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True), key=lambda code: [int(part) for part in code.split(".")])


def test_the_import_yields_exactly_the_plans_items(plan):
    assert list(plan.tasks.order_by("sort_order").values_list("code", flat=True)) == CODES
    assert codes(plan.tasks.get(code="2").children) == ["2.1", "2.2"]
    assert codes(plan.tasks.get(code="7").children) == ["7.1", "7.2", "7.3"]
    assert (plan.year, str(plan.date_issued), plan.issuing_body.key) == (2021, "2021-01-18", "ubnd-tinh")
    assert [(d.kind, str(d.due)) for d in plan.reporting_deadlines.all()] == [
        ("six_month", "2021-06-20"), ("annual", "2021-12-15")
    ]
    task = plan.tasks.get(code="2.1")
    assert task.title_en and task.title_vi.startswith("Xây dựng Nghị quyết chuyên đề")
    assert [u.key for u in task.lead_units.all()] == ["so-tttt"]
    assert {u.key for u in task.coordinating_units.all()} == {"ban-tuyen-giao", "van-phong-tinh-uy",
                                                               "cac-so-nganh-lien-quan"}


def test_the_import_yields_the_plans_units(plan):
    assert Unit.objects.count() == 28
    collective = Unit.objects.filter(kind=Unit.Kind.COLLECTIVE)
    assert collective.count() == 6 and Unit.objects.get(key="bao-bac-kan").part_of.filter(key="bao-chi-tinh").exists()
    merged = {unit.key: unit.successor.key for unit in Unit.objects.filter(active=False)}
    assert merged == {
        "so-tttt": "so-vhttdl", "so-khdt": "so-tai-chinh", "ban-thi-dua-khen-thuong": "so-noi-vu",
        "ban-tuyen-giao": "ban-tuyen-giao-dan-van", "bao-bac-kan": "bao-va-ptth-bac-kan",
        "dai-ptth-bac-kan": "bao-va-ptth-bac-kan",
    }  # fmt: skip


def test_a_unit_named_two_ways_is_one_unit(plan):
    magazine = Unit.objects.get(key="tap-chi-van-nghe-ba-be")
    assert "Tạp chí Văn nghệ Ba Bê" in magazine.aliases
    assert codes(magazine.led_tasks) == ["4.3", "6", "7.2"]  # spelt "Ba Bể" in 4.3 and 7.2, "Ba Bê" in 6
    centre = Unit.objects.get(key="trung-tam-cong-bao-tin-hoc")
    assert codes(centre.led_tasks) == ["4.2", "7.3"]
    assert Unit.objects.filter(name_vi__icontains="Ba Bê").count() == 0


def test_due_periods_follow_each_kind_of_time_frame(plan):
    periods = {task.code: task.periods.count() for task in plan.tasks.all()}
    assert periods["5.3"] == 12  # 01 lần/tháng
    assert periods["5.2"] == 4  # Quý/cuộc
    assert periods["5.4"] == 4  # Thường xuyên
    assert periods["2.1"] == 1 and str(plan.tasks.get(code="2.1").periods.get().due) == "2021-06-30"
    assert periods["2"] == periods["4"] == 0  # headings of sub-items are not due themselves


def test_running_it_twice_changes_nothing(plan):
    def snapshot():
        return (
            list(Unit.objects.values().order_by("pk")),
            list(Task.objects.values().order_by("pk")),
            list(DuePeriod.objects.values().order_by("pk")),
            list(Task.lead_units.through.objects.values_list("task_id", "unit_id").order_by("pk")),
        )

    before = snapshot()
    assert "0 rows created, 0 updated" in import_file()
    assert snapshot() == before


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["tasks"][3].update(lead=["so-khong-co"]), "tasks[3].lead[0]: unknown unit “so-khong-co”"),
        (lambda d: d["tasks"][2].update(time_frame="Quý V/2021"), "tasks[2].time_frame: Cannot read the time frame"),
        (lambda d: d["plan"].pop("number"), "plan.number: missing"),
        (lambda d: d["plan"].update(date_issued="18/01/2021"), "plan.date_issued: “18/01/2021” is not a date"),
        (lambda d: d["tasks"].append(dict(d["tasks"][0])), "“1” appears twice"),
        (lambda d: d["units"][0]["name"].pop("vi"), "units[0].name.vi: missing"),
        (lambda d: d["tasks"][2].update(time_frame=2), "tasks[2].time_frame: expected the time frame as text"),
        (lambda d: d["plan"].update(year=10000), "plan.year: expected a whole number from 1945 to 2100"),
        (lambda d: d["units"][0]["name"].update(fr="Comité"), "“fr” is not one of the site's languages"),
        (lambda d: d["units"][0].update(active="no"), "units[0].active: expected true or false"),
        (lambda d: d["tasks"][0].update(code="1" * 21), "tasks[0].code: longer than 20 characters"),
        (lambda d: d["units"][0].update(successor=d["units"][0]["key"]), "units cannot succeed one another"),
        (lambda d: d["units"][0].update(part_of=["so-tttt"]), "“so-tttt” is not a group of units"),
        (lambda d: d["plan"]["reporting_deadlines"].append(dict(d["plan"]["reporting_deadlines"][0])),
         "a second “six_month” deadline"),
    ],
)
def test_malformed_files_are_refused_naming_the_field(db, tmp_path, change, message):
    data = json.loads(open(PLAN_FILE, encoding="utf-8").read())
    change(data)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace("[", r"\[").replace("]", r"\]")):
        import_file(path)
    assert not Plan.objects.exists() and not Unit.objects.exists()


def test_time_frames_in_decomposed_unicode_are_read(db, tmp_path):
    import unicodedata

    data = json.loads(open(PLAN_FILE, encoding="utf-8").read())
    data["tasks"][2]["time_frame"] = unicodedata.normalize("NFD", "Quý II/2021")  # as pasted from Word
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_file(path)
    assert Task.objects.get(code=data["tasks"][2]["code"]).time_frame == "Quý II/2021"


def test_a_json_syntax_error_names_the_line(db, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{\n  "plan": {\n    "number": "1/KH",\n  }\n}', encoding="utf-8")
    # Python 3.11 and 3.12 point at the closing brace (line 4), 3.13 at the trailing comma (line 3).
    with pytest.raises(CommandError, match=r"plan\.json, line [34], column \d+"):
        import_file(path)

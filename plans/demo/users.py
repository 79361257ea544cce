"""The plan tracker's demo users (see home/demo/users.py): the coordinating department, and the staff
of two units, who report for their unit only."""

from home.demo.users import ensure_demo_user
from plans.models import Unit

USERS = (
    ("plan-coordinator", "Kế hoạch TTĐN: Điều phối", "so-vhttdl"),
    ("plan-portal", "Kế hoạch TTĐN: Cán bộ đơn vị", "trung-tam-cong-bao-tin-hoc"),
    ("plan-press", "Kế hoạch TTĐN: Cán bộ đơn vị", "bao-va-ptth-bac-kan"),
)


def ensure_users(password):
    users = []
    for username, group, unit_key in USERS:
        unit = Unit.objects.get(key=unit_key)
        unit.staff.add(ensure_demo_user(username, group, password))
        users.append((username, f"{group} ({unit})"))
    return users

"""Demo users, one for every role: each app's `demo/users.py` has an `ensure_users(password)` that
`load_demo` calls (finding it through the app registry). This one has the helper they share, and the
home app's users: each role of each department, and a site administrator.

They all get the password `load_demo` gives the demo administrator; the README lists them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.editorial import DEPARTMENTS, EDITORIAL_OFFICE, ROLES, SITE_ADMINISTRATORS, group_name

# Demo users are named for what their department publishes: the editorial office's for its news.
DEPARTMENT_PREFIX = {EDITORIAL_OFFICE: "news"}


def ensure_demo_user(username, group, password, **names):
    """The user, made once with the shared password and put in the group; a second run changes nothing."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", **names}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group))
    return user


def department_username(department, role):
    return f"{DEPARTMENT_PREFIX.get(department.key, department.key)}-{role.key.removesuffix('s')}"


def ensure_users(password):
    """Returns (username, group) of each user, for load_demo to print."""
    users = []
    for department in DEPARTMENTS:
        for role in ROLES:
            username, group = department_username(department, role), group_name(department, role)
            ensure_demo_user(username, group, password, first_name=role.name, last_name=department.name)
            users.append((username, group))
    ensure_demo_user("site-admin", SITE_ADMINISTRATORS, password)
    return [*users, ("site-admin", SITE_ADMINISTRATORS)]

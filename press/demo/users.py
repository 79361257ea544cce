"""The press app's demo users (see home/demo/users.py): press monitoring, delegations, and the desk
that handles foreign journalists' registrations."""

from home.demo.users import ensure_demo_user

USERS = (
    ("press-officer", "Báo chí: Theo dõi và phản hồi"),
    ("delegations-desk", "Đối ngoại: Đoàn ra, đoàn vào"),
    ("foreign-press-desk", "Báo chí nước ngoài: Tiếp nhận đăng ký"),
)


def ensure_users(password):
    for username, group in USERS:
        ensure_demo_user(username, group, password)
    return list(USERS)

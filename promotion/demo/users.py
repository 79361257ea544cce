"""The promotion app's demo user (see home/demo/users.py): the desk that answers investors' enquiries."""

from home.demo.users import ensure_demo_user

INVESTOR_DESK = "Xúc tiến đầu tư: Tiếp nhận câu hỏi"


def ensure_users(password):
    ensure_demo_user("investor-desk", INVESTOR_DESK, password)
    return [("investor-desk", INVESTOR_DESK)]

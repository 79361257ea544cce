"""The home app's part of the demo: content.json (read by load_demo) and the demo users (users.py)."""

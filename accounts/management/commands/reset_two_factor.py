from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator (a lost or replaced phone): their next sign-in sets up a new one, "
        "if their role requires it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        count, _detail = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {count} authenticator(s) of {username}.")

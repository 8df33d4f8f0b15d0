import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User


class Command(BaseCommand):
    help = (
        "Create a dashboard login (not a superuser). The password is asked for twice, or read from the first "
        "line of standard input with --password-stdin. Add the user to a team with create_team or from the "
        "team's members page."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Login email of the new user.")
        parser.add_argument("--password-stdin", action="store_true",
                            help="Read the password from the first line of standard input instead of prompting.")

    def handle(self, *args, **options):
        email = User.objects.normalize_email(options["email"].strip())
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the email {email} already exists. Choose another email.")

        password = self._read_password(options["password_stdin"])
        user = User(email=email)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("The password was rejected: " + " ".join(error.messages)) from None

        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Created the user {user.email} (id {user.pk})."))

    def _read_password(self, from_stdin):
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ. Run the command again.")
        if not password:
            raise CommandError("The password is empty. Enter a password.")
        return password

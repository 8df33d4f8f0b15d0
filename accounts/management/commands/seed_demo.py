import os

from django.core.management.base import BaseCommand, CommandError

from accounts import services


class Command(BaseCommand):
    help = (
        "Create (or update) a demo user who owns the team 'Demo Agency', with two connections to the "
        "sandbox. Safe to run again. The sandbox does not need to be running: the logins are not checked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default=os.environ.get("DEMO_EMAIL", "demo@example.com"),
                            help="Login email of the demo user (default: $DEMO_EMAIL or demo@example.com).")
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD"),
                            help="Login password of the demo user (default: $DEMO_PASSWORD; one of them is required).")
        parser.add_argument("--sandbox-url", default=os.environ.get("SANDBOX_URL", "http://127.0.0.1:8001"),
                            help="API base URL of the sandbox (default: $SANDBOX_URL or http://127.0.0.1:8001).")
        parser.add_argument("--sandbox-password",
                            default=os.environ.get("SANDBOX_PASSWORD", "sandbox-demo-password"),
                            help="Password of the seeded sandbox accounts (default: $SANDBOX_PASSWORD).")

    def handle(self, *args, **options):
        if not options["password"]:
            raise CommandError("The demo password is missing: pass --password or set DEMO_PASSWORD.")
        if not options["sandbox_url"].startswith(("http://", "https://")):
            raise CommandError(
                f"--sandbox-url {options['sandbox_url']!r} is not a URL: use a value like http://127.0.0.1:8001."
            )

        summary = services.seed_demo(
            email=options["email"],
            password=options["password"],
            sandbox_url=options["sandbox_url"],
            sandbox_password=options["sandbox_password"],
        )
        self.stdout.write(self.style.SUCCESS(
            f"Demo user {summary['email']} owns team '{summary['team']}' with "
            f"{summary['connections']} sandbox connection(s) at {options['sandbox_url']}."
        ))

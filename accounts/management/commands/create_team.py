from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.team_pages import services


class Command(BaseCommand):
    help = "Create a team whose owner is an existing dashboard user (create one first with create_user)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Name of the new team.")
        parser.add_argument("--owner", required=True, help="Login email of the user who becomes the team's owner.")

    def handle(self, *args, **options):
        name = options["name"].strip()
        if not name:
            raise CommandError("The team name is empty. Pass a name, for example \"Acme Agency\".")
        if len(name) > 120:
            raise CommandError(f"The team name has {len(name)} characters; use at most 120.")

        owner = User.objects.filter(email__iexact=options["owner"].strip()).first()
        if owner is None:
            raise CommandError(f"No user has the email {options['owner']}. Create it first with "
                               f"manage.py create_user {options['owner']}.")

        team = services.create_team(name=name, owner=owner)
        self.stdout.write(self.style.SUCCESS(f"Created the team {team.name} (slug {team.slug}) owned by {owner.email}."))

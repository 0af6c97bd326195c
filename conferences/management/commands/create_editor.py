import os
from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

EDITORS = "Editors"


class Command(BaseCommand):
    help = (
        "Create (or update) an editor account in one step: staff status, so it can log in to "
        "/admin/, and membership of the Editors group, so it can edit content. The password is "
        "asked twice, or read from an environment variable named with --password-env."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", help="the editor's e-mail address")
        parser.add_argument(
            "--password-env",
            metavar="NAME",
            help="read the password from this environment variable (for scripts) instead of asking",
        )
        parser.add_argument(
            "--keep-password",
            action="store_true",
            help="for an existing account: give it editing rights but leave its password as it is",
        )

    def handle(self, *args, username, email=None, password_env=None, keep_password=False, **options):
        User = get_user_model()
        username = username.strip()
        if not username:
            raise CommandError("The username cannot be empty.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"{email!r} is not a valid e-mail address.") from None
        try:
            group = Group.objects.get(name=EDITORS)
        except Group.DoesNotExist:
            raise CommandError(f"There is no {EDITORS!r} group; run `manage.py migrate` first.") from None

        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        if created:
            user = User(**{User.USERNAME_FIELD: username})
        if email:
            user.email = email
        if keep_password and (created or not user.has_usable_password()):
            raise CommandError("--keep-password needs an existing account that has a password.")
        if not keep_password:
            password = self.read_password(password_env)
            try:
                validate_password(password, user=user)
            except ValidationError as error:
                reasons = "\n".join(f"- {message}" for message in error.messages)
                raise CommandError(f"Password refused; nothing was changed:\n{reasons}") from None
            user.set_password(password)

        with transaction.atomic():
            user.is_staff = True
            user.save()
            user.groups.add(group)

        verb = "Created" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} editor {username!r}: staff status, member of {EDITORS}.")
        )
        if not user.is_active:
            self.stdout.write(
                self.style.WARNING(f"{username!r} is inactive and cannot log in until activated.")
            )
        self.stdout.write("They can log in at /admin/.")

    def read_password(self, password_env):
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"The environment variable {password_env} is not set or empty.")
            return password
        password = getpass("Password: ")
        if password != getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was changed.")
        if not password:
            raise CommandError("The password cannot be empty; nothing was changed.")
        return password

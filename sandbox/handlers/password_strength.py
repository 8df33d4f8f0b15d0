"""Password strength: check a password, and generate one that passes the check.

The score runs from 0 to 4 like zxcvbn's. It counts length, character classes and
variety, and a password from a short list of common passwords always scores 0.
"""

import secrets
import string

from ..responses import bad_request, envelope, parse_int
from ..router import route

MINIMUM_LENGTH = 8
STRONG_LENGTH = 12
STRONG_SCORE = 3
COMMON_PASSWORDS = {
    "password", "password1", "123456", "12345678", "123456789", "qwerty", "letmein",
    "welcome", "admin", "iloveyou", "monkey", "dragon", "abc123", "111111", "wordpress",
}
REQUIREMENTS = {
    "minimum_length": f"At least {MINIMUM_LENGTH} characters",
    "length": f"{STRONG_LENGTH} or more characters",
    "mix_of_characters": "Letters, numbers and symbols",
    "mixed_case": "Upper and lower case letters",
    "avoid_common_passwords": "Not a commonly used password",
    "use_passphrases": "Several words make a strong, memorable password",
    "variety": "At least 6 different characters",
}
GENERATED_DEFAULT_LENGTH = 20
GENERATED_LENGTH_RANGE = (12, 128)
SYMBOLS = "!#%*+-=?@^_"


def missed_requirements(password):
    """Return the names of the requirements ``password`` does not meet."""
    classes = [any(char.islower() for char in password), any(char.isupper() for char in password),
               any(char.isdigit() for char in password), any(not char.isalnum() for char in password)]
    checks = {
        "minimum_length": len(password) >= MINIMUM_LENGTH,
        "length": len(password) >= STRONG_LENGTH,
        "mix_of_characters": sum(classes) >= 3,
        "mixed_case": classes[0] and classes[1],
        "avoid_common_passwords": password.lower() not in COMMON_PASSWORDS,
        "variety": len(set(password)) >= 6,
    }
    return [name for name, passed in checks.items() if not passed]


def score(password):
    """Return the strength from 0 (trivial) to 4 (very strong)."""
    missed = missed_requirements(password)
    if "avoid_common_passwords" in missed or "minimum_length" in missed:
        return 0
    return max(0, 4 - len(missed))


def _password(ctx):
    value = ctx.body().get("password")
    if not isinstance(value, str) or value == "":
        raise bad_request("password is required: pass the password to check as a string in the JSON body")
    return value


@route("POST", "/v1/password_strength")
def check_strength(ctx):
    strength = score(_password(ctx))
    return envelope({"strength": strength, "strong": strength >= STRONG_SCORE})


@route("POST", "/v1/users/password_strength")
def check_user_password_strength(ctx):
    password = _password(ctx)
    missed = missed_requirements(password)
    return envelope({
        "strong": score(password) >= STRONG_SCORE,
        "missed_requirements": missed,
        "requirements": dict(REQUIREMENTS),
    })


@route("POST", "/v1/users/generate_password")
def generate_password(ctx):
    body = ctx.body()
    low, high = GENERATED_LENGTH_RANGE
    length = GENERATED_DEFAULT_LENGTH
    if body.get("length") is not None:
        if isinstance(body["length"], bool):
            raise bad_request(f"length must be an integer, got {body['length']!r}")
        length = parse_int(body["length"], "length", minimum=low, maximum=high)

    alphabet = string.ascii_letters + string.digits + SYMBOLS
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if not missed_requirements(password):
            return envelope({"password": password})

"""Production: every secret and host from the environment, HTTPS only."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
MAILERS = {
    "default": {
        "BACKEND": env.str("MAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": env.json(
            "MAIL_OPTIONS",
            default={
                "host": env.str("SMTP_HOST", default="localhost"),
                "port": env.int("SMTP_PORT", default=587),
                "username": env.str("SMTP_USER", default=""),
                "password": env.str("SMTP_PASSWORD", default=""),
                "use_tls": env.bool("SMTP_USE_TLS", default=True),
                "timeout": env.int("SMTP_TIMEOUT", default=30),
            },
        ),
    }
}

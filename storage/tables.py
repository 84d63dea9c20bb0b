"""Every table lsp-bot keeps, registered on SQLModel's metadata by importing this module: the
conversation's (models.py), the certificate register's (register_models.py) and the inbox's
(inbox.py). The database helpers (db.py) and the migrations' environment import it; the table
modules do not import each other (their foreign keys name tables by name)."""

from storage import inbox, models, register_models

__all__ = ["inbox", "models", "register_models"]

"""Every table lsp-bot keeps, registered on SQLModel's metadata by importing this module: the
conversation's (models.py), the certificate register's (register_models.py), the inbox's
(inbox.py), the evidence files' (evidence.py), the review's (review.py) and the records'
(records.py). The database
helpers (db.py) and the migrations' environment import it; the table modules do not import
each other (their foreign keys name tables by name)."""

from storage import evidence, inbox, models, records, register_models, review

__all__ = ["evidence", "inbox", "models", "records", "register_models", "review"]

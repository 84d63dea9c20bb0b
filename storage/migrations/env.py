"""Alembic environment: runs on the connection lsp-bot hands it."""

from alembic import context
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers every table)

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Run the migrations on the connection passed in `config.attributes`."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()

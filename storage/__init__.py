"""The database of lsp-bot: tables, sessions, queries and migrations."""

"""The outside of lsp-bot: configuration, CLI, channels and wiring."""

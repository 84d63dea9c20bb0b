"""The records themselves: the semester's archive, how long records are kept, who took a copy,
and keeping finals' signatures checkable (`lsp-bot archive`, `lsp-bot records`,
`lsp-bot report extend`, `/arsip`)."""

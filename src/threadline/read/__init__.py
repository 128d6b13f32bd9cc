"""The read side: queries over the store that every view shares (CLI, pages, report, exports)."""

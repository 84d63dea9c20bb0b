"""Stored data to report context, HTML and PDF."""

"""The analyst's workbench: web pages with JSON twins over a read-only store (`serve.app.create_app`).

The queries, record views and chart geometry in this package import no web
framework, so the report and the exports reuse them.
"""

"""Routers of the workbench, one module per group of pages."""

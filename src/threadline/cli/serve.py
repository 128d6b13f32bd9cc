"""`threadline serve`: the workbench web UI and JSON API."""

from __future__ import annotations

import click

from . import _corpus, cli


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (only this machine unless told otherwise).")
@click.option("--port", default=8787, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int) -> None:
    """Serve the workbench: every page also as JSON (path + `.json`).

    Example: threadline serve --port 8787, then open http://127.0.0.1:8787/
    """
    import uvicorn

    from ..serve.app import create_app

    with _corpus(ctx, readonly=True) as corpus:
        path = corpus.path
    app = create_app(path)
    click.echo(f"Serving {path} on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")

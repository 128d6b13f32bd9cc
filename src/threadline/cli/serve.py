"""`threadline serve`: the workbench web UI and JSON API."""

from __future__ import annotations

import click

from . import _corpus, cli


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (only this machine unless told otherwise).")
@click.option("--port", default=8787, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="THREADLINE_TOKEN", default=None, show_envvar=True,
              help="Access token every request must carry (required when --host is not loopback).")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Serve the workbench: every page also as JSON (path + `.json`).

    Example: threadline serve --port 8787, then open http://127.0.0.1:8787/
    """
    import uvicorn

    from ..serve.access import check_token
    from ..serve.app import create_app

    refused = check_token(token, host)
    if refused:
        raise click.UsageError(refused)
    with _corpus(ctx, readonly=True) as corpus:
        path = corpus.path
    app = create_app(path, token=token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {path} on http://{shown}:{port}/" + (" (access token required)" if token else "") + " (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")

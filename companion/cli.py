"""flask --app companion <command>: database set-up and data import."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, gettext
from sqlmodel import select

from companion.assessment.rules_document import to_markdown
from companion.checklist.notebook import purge
from companion.config import LANGUAGES
from companion.db import forget_deleted, get_session
from companion.directory.centre_file import CentreFileError, read_centres, save_centres, write_centres
from companion.directory.coordinator_keys import InvalidKey, add_key, list_keys, revoke_key
from companion.directory.corrections import pending_reports
from companion.directory.france_services import read_france_services, save_france_services
from companion.directory.models import Centre
from companion.directory.reference_data import prepare_database
from companion.directory.suggestions import pending_suggestions


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the tables and load the bundled data (safe to run again)."""
    communes, centres = prepare_database(current_app.extensions["engine"], Path(current_app.config["DATA_DIR"]))
    click.echo(f"Database ready: {communes} gazetteer rows written, {centres} centres loaded.")


@click.command("import-centres")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Remove the centres that are not in the file.")
@with_appcontext
def import_centres_command(csv_file: Path, replace: bool):
    """Import a directory of centres (same columns as data/centres.csv), all or nothing."""
    try:
        with csv_file.open(encoding="utf-8-sig", newline="") as f:
            centres = read_centres(f)
    except CentreFileError as exc:
        raise click.ClickException(f"{csv_file.name}, {exc}. Nothing was imported.") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{csv_file.name} is not UTF-8 text. Nothing was imported.") from None
    save_centres(get_session(), centres, replace=replace)
    get_session().commit()  # all or nothing: an error above leaves the directory as it was
    click.echo(f"Imported {len(centres)} centres" + (" (others removed)." if replace else "."))


@click.command("import-france-services")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--published",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date of this version of the ANCT list (shown beside each desk).",
)
@with_appcontext
def import_france_services_command(csv_file: Path, published: datetime):
    """Replace the France services desks with a newer ANCT list (data.gouv.fr), all or nothing."""
    if published.date() > datetime.now(UTC).date():
        raise click.ClickException("--published is in the future. Nothing was imported.")
    try:
        with csv_file.open(encoding="utf-8-sig", newline="") as f:
            desks = read_france_services(f, published.date())
    except CentreFileError as exc:
        raise click.ClickException(f"{csv_file.name}, {exc}. Nothing was imported.") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{csv_file.name} is not UTF-8 text. Nothing was imported.") from None
    save_france_services(get_session(), desks)
    get_session().commit()
    click.echo(f"Imported {len(desks)} France services desks (version of {published.date().isoformat()}).")


@click.command("export-centres")
@click.argument("csv_file", type=click.Path(dir_okay=False, writable=True, path_type=Path), default="-")
@with_appcontext
def export_centres_command(csv_file: Path):
    """Write the directory as it is now, in the import format (to a file, or - for the standard output)."""
    centres = get_session().exec(select(Centre).order_by(Centre.id)).all()
    with click.open_file(str(csv_file), "w", encoding="utf-8") as out:
        write_centres(centres, out)
    if str(csv_file) != "-":
        click.echo(f"Exported {len(centres)} centres to {csv_file}.", err=True)


@click.command("reports")
@with_appcontext
def reports_command():
    """List the changes people reported, and the places they suggested, that wait for a coordinator (decide
    them on /coordinator/)."""
    reports = pending_reports(get_session())
    for report, centre in reports:
        name = centre.name if centre else "(no longer in the directory)"
        click.echo(f"#{report.id} {report.created_at:%Y-%m-%d} {report.centre_id} {report.reason}: {name}")
        if report.details:
            click.echo(f"    {report.details}")
    click.echo(f"{len(reports)} report(s) waiting.")
    suggestions = pending_suggestions(get_session())
    for suggestion in suggestions:
        click.echo(
            f"suggestion #{suggestion.id} {suggestion.created_at:%Y-%m-%d} {suggestion.kind}: {suggestion.name}, {suggestion.town}"
        )
    click.echo(f"{len(suggestions)} suggestion(s) waiting.")


@click.group("coordinators")
def coordinators_group():
    """Coordinator keys, each for the whole country, a region or a département."""


@coordinators_group.command("add")
@click.option("--label", required=True, help="Who holds the key (shown in the history of each change).")
@click.option("--region", help="INSEE region code (84: Auvergne-Rhône-Alpes); the key decides its départements.")
@click.option("--departement", help="Département code (69, 2A, 974).")
@click.option("--national", is_flag=True, help="The key decides everywhere.")
@with_appcontext
def add_coordinator_command(label: str, region: str | None, departement: str | None, national: bool):
    """Make a key and show it once: only its digest is kept."""
    scopes = [
        (s, a)
        for s, a in (("region", region), ("departement", departement), ("national", ""))
        if a or (s == "national" and national)
    ]
    if len(scopes) != 1:
        raise click.UsageError("Give exactly one of --region, --departement or --national.")
    try:
        row, key = add_key(get_session(), label, *scopes[0], datetime.now(UTC))
    except InvalidKey as exc:
        raise click.ClickException(f"{exc}. No key was made.") from None
    get_session().commit()
    click.echo(f"Key #{row.id} for {row.label} ({_area(row)}). Give it to them now; it can't be shown again:")
    click.echo(key)


def _area(row) -> str:
    return "national" if row.scope == "national" else f"{row.scope} {row.area}"


@coordinators_group.command("list")
@with_appcontext
def list_coordinators_command():
    """The keys, revoked ones included (never the keys themselves)."""
    rows = list_keys(get_session())
    for row in rows:
        state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
        click.echo(f"#{row.id} {row.label} · {_area(row)} · made {row.created_at:%Y-%m-%d} · {state}")
    click.echo(f"{len(rows)} key(s).")


@coordinators_group.command("revoke")
@click.argument("key_id", type=int)
@with_appcontext
def revoke_coordinator_command(key_id: int):
    """Revoke a key: it opens nothing from the next request on, even for someone signed in with it."""
    try:
        row = revoke_key(get_session(), key_id, datetime.now(UTC))
    except InvalidKey as exc:
        raise click.ClickException(f"{exc}. Nothing was revoked.") from None
    get_session().commit()
    click.echo(f"Key #{row.id} ({row.label}) is revoked.")


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete the notebooks untouched for COMPANION_NOTEBOOK_RETENTION_DAYS (default 365)."""
    days = int(current_app.config["NOTEBOOK_RETENTION_DAYS"])
    count = purge(get_session(), datetime.now(UTC), timedelta(days=days))
    get_session().commit()
    forget_deleted(get_session())
    click.echo(f"Deleted {count} notebook(s) untouched for {days} days or more.")


@click.command("clinical-rules")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default="en", show_default=True)
@with_appcontext
def clinical_rules_command(lang: str):
    """Print the clinical rules as Markdown, for review (docs/clinical-rules.md, docs/clinical-rules.fr.md)."""
    with force_locale(lang):
        click.echo(to_markdown(gettext), nl=False)


def init_app(app: Flask):
    app.cli.add_command(clinical_rules_command)
    app.cli.add_command(init_db_command)
    app.cli.add_command(import_centres_command)
    app.cli.add_command(import_france_services_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(export_centres_command)
    app.cli.add_command(reports_command)
    app.cli.add_command(coordinators_group)

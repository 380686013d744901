"""English help for each command, shown with ``--lang en`` (the docstrings are Swedish).

A command missing here shows its Swedish help; ``tests/test_cli_errors.py`` checks
that every command has an entry.
"""

from __future__ import annotations

HELP_EN: dict[str, str] = {
    "iop": """iop – agreements on idéburet offentligt partnerskap (IOP) as code.

    Validate, lint (LOU risk), format, compare and render IOP agreements
    written in YAML. Run 'iop COMMAND --help' for details.
    """,
    "calendar": """Write follow-ups, notice and extension deadlines and end dates as a calendar (.ics).

    Each event names the agreement and its title, says in Swedish what is due
    and which file it comes from. Events keep their UID between runs, so a new
    import updates the calendar instead of adding duplicates. An existing
    FILE.ics is read first: an event no longer due for an exported agreement is
    written as cancelled (STATUS:CANCELLED). Without a path the folder
    agreements/ is read. Exit 0 = done, 1 = a file could not be read or the
    calendar could not be written, 2 = usage error.
    """,
    "diff": """Show what changed in an agreement: sections, parties, amounts, dates and words.

    \b
    OLD and NEW are files or REV:path (read with git show), e.g.
      iop diff main:agreements/avtal.yaml agreements/avtal.yaml
      iop diff --git origin/main..HEAD --format markdown
      iop diff --base HEAD --check-version agreements/avtal.yaml
      iop diff --format pdf -o changes.pdf v1.yaml v2.yaml
      iop diff --format docx -o changes.docx v1.yaml v2.yaml

    pdf, html and docx show the whole signing copy with the changes marked in
    place; docx as Word tracked changes (author and date from the new version's
    line in 'ändringar'), reviewed with Accept and Reject.

    Exit 0 = done (also when there are differences), 1 = differences with
    --exit-code, version not raised with --check-version, or a file that cannot
    be read as an agreement; 2 = usage error (unknown revision or file).
    """,
    "import": """Import an existing agreement (DOCX, ODT, PDF, Markdown, text) as a YAML draft.

    \b
    Examples:
      iop import agreement.docx -o agreements/agreement.yaml
      iop import --onto agreements/agreement.yaml reviewed.docx

    Headings are placed in the schema's sections through schema/rubriker.yaml;
    the text is kept word for word. Every guess is marked '# iop import:
    kontrollera …' and what is missing is listed. With --onto, tracked changes
    and comments made in Word come back into the same YAML (version raised, a
    line in 'ändringar' proposed). Exit 0 = done, 1 = the file could not be read
    or the draft still has errors, 2 = usage error (e.g. an output file that
    already exists).
    """,
    "fmt": """Format agreements: keys in the schema's order, one indentation and quoting style.

    \b
    Comments are kept and the content never changes (the file is read again and
    compared before it is written). Files are written only when something changed.
      iop fmt agreements/
      iop fmt --check agreements/avtal.yaml

    Exit 0 = done; 1 = with --check: a file would change, or a file could not be
    read; 2 = usage error.
    """,
    "info": """Show the metadata of a rendered PDF: title, parties, version, source SHA-256, commit, PDF/A and signature fields.

    Exit 0 = done, 1 = a file could not be read or has no iop metadata.
    """,
    "init": """Make a repository ready for a municipality's agreements.

    \b
    Creates agreements/, .gitignore (build output and caches), .pre-commit-config.yaml
    with iop's hooks pinned to this version's tag, .vscode/settings.json linking
    the schema (a copy in schema/) to agreements/**/*.yaml, .iop.yaml with the
    municipality's profile, a CI workflow (.github/workflows/iop.yml) and a README.
      iop init avtal-repo --profile orebro

    Running it again changes nothing; an existing file that differs is replaced
    only with --force. Exit 0 = done, 2 = usage error.
    """,
    "lint": """Validate agreements and lint them for LOU risk.

    Runs the schema, the text rules (wording that reads like a purchase of
    services, a grant or state aid) and the structural checks (co-financing,
    steering group, follow-up, terms, duration, value against the thresholds)
    with the profile the agreement's 'riktlinjer' names, or --profile. Exit 0 =
    nothing reaches --fail-on, 1 = something does, 2 = usage error.

    Exceptions in the file: '# iop: allow CODE -- reason' on the line or the
    key's line. Repository defaults: .iop.yaml or [tool.iop] in pyproject.toml
    (profile, fail-on, disable, severity, cache).

    Results are kept only in the user's own cache directory (--cache-dir,
    $IOP_CACHE_DIR or the platform's, e.g. ~/.cache/iop), never in the
    repository; with CI set there is no cache unless a directory is given.
    """,
    "new": """Create a new agreement with every section and the schema's guidance.

    \b
    At a terminal it asks for the parties; the options make it scriptable:
      iop new
      iop new --no-input --titel "IOP om läxhjälp" \\
          --part "kommunen:Linköpings kommun:offentlig:212000-0142" \\
          --part "laxhjalpen:Läxhjälpen:idéburen:802000-0009" -o agreements/laxhjalp.yaml

    Existing files are never overwritten; a missing folder is created. Empty
    values are what is left to write; 'iop validate FILE' lists them by line.
    """,
    "register": """Build the public register: a static website that works straight from the file system.

    The register lists every agreement that is decided, signed, in force or
    ended (not drafts), with search and filters by party, status, area and
    year, one page per agreement with the same content as the signing copy and
    a link to its PDF. Fields the schema marks as personal data
    (x-personuppgift: contact persons, printed names) are never included.
    Without a path the folder agreements/ is read. Exit 0 = done, 1 = a file
    could not be read or rendered, or the folder could not be written, 2 =
    usage error.
    """,
    "render": """Render agreements as signing copies (PDF/A, DOCX, HTML).

    The PDF is PDF/A-2b with one empty signature field per signatory (named
    after the party's id), a footer with version, diarienummer and page
    numbers, and the source's SHA-256 and git commit in its metadata (shown by
    'iop info'). An agreement with validation or lint errors is not rendered;
    --draft renders it anyway, marked UTKAST. --public leaves out personal data
    (contact persons, printed names). Up-to-date outputs are skipped (--force).
    Exit 0 = done, 1 = a file was refused or failed, 2 = usage error.
    """,
    "rules": """List every rule, or explain one (e.g. 'iop rules LOU104').

    The list shows code, severity, category, name and message of every rule in
    lint/rules/ (text, structural and schema rules). With a code: message,
    explanation, source, how to write it instead, and examples that fire and
    near misses that do not.
    """,
    "sign": """Sign a party's field in a signing copy (PAdES, a new incremental revision).

    Earlier signatures stay valid. The input file is never changed.

    \b
    Example:
      iop sign avtal.pdf --p12 kommunen.p12 --part kommunen -o avtal.kommunen.pdf
    """,
    "status": """Show where agreements stand: one line per agreement, nearest deadline first.

    The line shows parties, status, period, the value over the whole term, the
    next follow-up, days left to the end date, the last day for notice or for
    deciding on an extension, and the number of lint findings
    (errors/warnings/info). Overdue deadlines are marked '!' and a line
    FÖRSENAT. Without a path the folder agreements/ is read. Exit 0 = done,
    1 = a file could not be read or has no dates, 2 = usage error.
    """,
    "validate": """Validate agreements (files or folders) against the schema.

    Checks YAML syntax, the schema (mandatory sections, unknown keys, types,
    allowed values, dates) and what the schema cannot express: party
    references, unique party ids, start before end and organisation numbers
    (Luhn). Exit 0 = valid, 1 = errors found, 2 = usage error.
    """,
    "verify": """Check the signatures in a PDF and, with --source, that it was made from the given YAML.

    Exit 0 only when every signature is unchanged and trusted and the source matches.

    \b
    Examples:
      iop verify avtal.signerat.pdf --trust kommun-ca.pem --source agreements/avtal.yaml
      iop verify avtal.signerat.pdf --trust ca.pem --source v3:agreements/avtal.yaml
    """,
}

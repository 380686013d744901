"""Turn raw jsonschema errors into one clear, two-language message per place.

Each error is classified by its keyword (required, additionalProperties, type,
enum, format, ...) and worded with the schema's own ``title`` and
``description``, so the message says what the field should contain.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from iop.datapath import DataPath, value_end
from iop.diagnostics import Diagnostic, format_path
from iop.i18n import Text, text
from iop.validation import schema as sch
from iop.validation.words import did_you_mean, join_words, json_type, shown, type_word

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

    from iop.loader import Document


SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
NONBLANK_PATTERN = "\\S"


def _place(path: DataPath) -> Text:
    """'i ekonomi › resurser' / 'in ...', or '' at the document root."""
    if not path:
        return text("", "")
    where = format_path(path, "sv")
    return text(f" i {where}", f" in {where}")


def _label(path: DataPath) -> str:
    """The last key of ``path`` (or the list position as ``parter › 2``)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return format_path(path, "sv")


def _doc(node: sch.Schema | None, lang: str) -> tuple[str, str]:
    """The schema's (title, description) for a field; English from the ``x-en`` annotation."""
    if not node:
        return "", ""
    if lang == "en":
        en = node.get("x-en")
        if isinstance(en, dict):
            return str(en.get("title", "")), str(en.get("description", ""))
        return "", ""
    return str(node.get("title", "")), str(node.get("description", ""))


def _about(node: sch.Schema | None, lang: str) -> str:
    """'Title: description' from the schema, to say what a field should contain."""
    title, description = _doc(node, lang)
    if title and description:
        return f"{title}: {description}"
    return title or description


def _hint(sv: str, en: str, node: sch.Schema | None) -> Text:
    about_sv, about_en = _about(node, "sv"), _about(node, "en")
    return text(f"{sv} ({about_sv})" if about_sv else sv, f"{en} ({about_en})" if about_en else en)


class _Builder:
    """Collects diagnostics for one document."""

    def __init__(self, doc: Document, view: sch.SchemaView) -> None:
        self.doc = doc
        self.view = view
        self.out: list[Diagnostic] = []

    def add(
        self,
        code: str,
        path: DataPath,
        message: Text,
        hint: Text | None,
        *,
        at: tuple[int, int] | None = None,
        width: int | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        if any(d.rule == code and d.path == path for d in self.out):
            return
        line, col = at or self.doc.locate(path)
        end = (line, col + width) if width else value_end(self.doc.data, self.doc.lines, path, line, col)
        self.out.append(
            Diagnostic(
                self.doc.display,
                line,
                col,
                code,
                "error",
                message,
                path=path,
                end_line=end[0],
                end_column=end[1],
                hint=hint,
                extra=extra or {},
            )
        )

    # --- one method per kind of problem -------------------------------------------------

    def missing(self, parent: DataPath, key: str) -> None:
        node = self.view.schema_at((*parent, key))
        title_sv = _doc(node, "sv")[0] or key
        title_en = _doc(node, "en")[0] or key
        if not parent:
            first = next(iter(self.doc.data), None)
            at = self.doc.locate((first,), key=True) if first is not None else (1, 1)
        elif isinstance(parent[-1], str):
            at = self.doc.locate(parent, key=True)
        else:
            at = self.doc.locate(parent)
        noun_sv = "Det obligatoriska avsnittet" if not parent else "Den obligatoriska uppgiften"
        noun_en = "section" if not parent else "field"
        message = text(
            f"{noun_sv} '{key}' ({title_sv}) saknas{_place(parent)['sv']}.",
            f"The required {noun_en} '{key}' ({title_en}) is missing{_place(parent)['en']}.",
        )
        inner = list(node.get("required", [])) if node and node.get("type") == "object" else []
        sv = f"Lägg till '{key}:'" + (f" med {join_words(inner, 'sv')}" if inner else "") + "."
        en = f"Add '{key}:'" + (f" with {join_words(inner, 'en')}" if inner else "") + "."
        self.add("SCH001", (*parent, key), message, _hint(sv, en, node), at=at)

    def unknown(self, parent: DataPath, key: str) -> None:
        allowed = self.view.allowed_keys(parent)
        guess = did_you_mean(key, allowed)
        message = text(
            f"Okänd nyckel '{key}'{_place(parent)['sv']}.",
            f"Unknown key '{key}'{_place(parent)['en']}.",
        )
        if guess:
            hint = text(f"Menade du '{guess}'?", f"Did you mean '{guess}'?")
        else:
            homes = [h for h in self.view.key_homes().get(key, []) if h != tuple(parent)]
            if homes:
                where = " eller ".join(" › ".join(h) or "översta nivån" for h in homes)
                where_en = " or ".join(" › ".join(h) or "the top level" for h in homes)
                hint = text(f"'{key}' hör hemma under {where}.", f"'{key}' belongs under {where_en}.")
            else:
                hint = text(
                    f"Tillåtna nycklar här: {', '.join(allowed)}.",
                    f"Keys allowed here: {', '.join(allowed)}.",
                )
        path = (*parent, key)
        self.add(
            "SCH002",
            path,
            message,
            hint,
            at=self.doc.locate(path, key=True),
            width=len(key),
            extra={"suggestion": guess} if guess else None,
        )

    def wrong_type(self, path: DataPath, value: Any, expected: str | list[str]) -> None:
        node = self.view.schema_at(path)
        label = _label(path)
        found = json_type(value)
        if value is None or value == [] or value == {}:
            exp_sv, exp_en = type_word(expected, "sv"), type_word(expected, "en")
            self.add(
                "SCH006",
                path,
                text(f"'{label}' är tomt.", f"'{label}' is empty."),
                _hint(f"Fyll i {exp_sv}.", f"Fill in {exp_en}.", node),
            )
            return
        message = text(
            f"'{label}' ska vara {type_word(expected, 'sv')}, men här står {type_word(found, 'sv')}.",
            f"'{label}' must be {type_word(expected, 'en')}, but it is {type_word(found, 'en')}.",
        )
        if expected == "string" and found in {"integer", "number", "boolean"}:
            hint = _hint(
                f'Sätt värdet inom citattecken: "{shown(value)}".',
                f'Put the value in quotes: "{shown(value)}".',
                node,
            )
        elif expected == "array" and found in {"string", "object"}:
            hint = _hint(
                "Skriv en lista: varje post på en egen rad som börjar med '- '.",
                "Write a list: each entry on its own line starting with '- '.",
                node,
            )
        elif expected == "integer" and found in {"string", "number"}:
            example = (node or {}).get("examples", [553200])[0]
            hint = _hint(
                f"Skriv ett heltal utan mellanslag, enhet eller citattecken, t.ex. {example}.",
                f"Write a whole number without spaces, unit or quotes, e.g. {example}.",
                node,
            )
        else:
            hint = _hint(
                f"Skriv {type_word(expected, 'sv')} här.", f"Write {type_word(expected, 'en')} here.", node
            )
        self.add("SCH003", path, message, hint)

    def not_allowed(self, path: DataPath, value: Any, allowed: list[Any]) -> None:
        node = self.view.schema_at(path)
        label = _label(path)
        choices = ", ".join(str(a) for a in allowed)
        guess = did_you_mean(value, [str(a) for a in allowed]) if isinstance(value, str) else None
        message = text(
            f"Värdet '{shown(value)}' är inte tillåtet för '{label}'. Tillåtna värden: {choices}.",
            f"The value '{shown(value)}' is not allowed for '{label}'. Allowed values: {choices}.",
        )
        hint: Text
        if guess:
            hint = text(f"Menade du '{guess}'?", f"Did you mean '{guess}'?")
        else:
            hint = _hint(f"Välj ett av: {choices}.", f"Choose one of: {choices}.", node)
        self.add("SCH004", path, message, hint, extra={"suggestion": guess} if guess else None)

    def bad_date(self, path: DataPath, value: Any) -> None:
        label = _label(path)
        self.add(
            "SCH005",
            path,
            text(
                f"'{shown(value)}' är inte ett giltigt datum för '{label}'.",
                f"'{shown(value)}' is not a valid date for '{label}'.",
            ),
            text(
                "Skriv ett datum som finns, i formen ÅÅÅÅ-MM-DD, t.ex. 2025-01-01.",
                "Write a date that exists, as YYYY-MM-DD, e.g. 2025-01-01.",
            ),
        )

    def bad_pattern(self, path: DataPath, value: Any, pattern: str) -> None:
        node = self.view.schema_at(path)
        label = _label(path)
        if pattern == NONBLANK_PATTERN or (isinstance(value, str) and not value.strip()):
            self.empty_text(path)
            return
        if label == "organisationsnummer":
            self.add(
                "SCH053",
                path,
                text(
                    f"Organisationsnumret '{shown(value)}' ska vara tio siffror (NNNNNN-NNNN).",
                    f"The organisation number '{shown(value)}' must be ten digits (NNNNNN-NNNN).",
                ),
                text(
                    "Skriv numret som det står i Bolagsverkets eller Skatteverkets register, "
                    'inom citattecken, t.ex. "802000-0009".',
                    'Write the number as registered, in quotes, e.g. "802000-0009".',
                ),
            )
            return
        if pattern in {SLUG_PATTERN, "^[a-z][a-z0-9-]*$"}:
            guess = _slugify(value) if isinstance(value, str) else ""
            sv = "Använd bara små bokstäver a–z, siffror och bindestreck (inga å, ä, ö eller mellanslag)"
            en = "Use only lower-case letters a–z, digits and hyphens (no å, ä, ö or spaces)"
            hint = _hint(
                f"{sv}" + (f", t.ex. '{guess}'." if guess and guess != value else "."),
                f"{en}" + (f", e.g. '{guess}'." if guess and guess != value else "."),
                node,
            )
            self.add(
                "SCH005",
                path,
                text(
                    f"'{shown(value)}' är inte ett giltigt kortnamn för '{label}'.",
                    f"'{shown(value)}' is not a valid short name for '{label}'.",
                ),
                hint,
            )
            return
        self.add(
            "SCH005",
            path,
            text(
                f"'{shown(value)}' har fel form för '{label}' (mönster {pattern}).",
                f"'{shown(value)}' has the wrong form for '{label}' (pattern {pattern}).",
            ),
            _hint("Rätta värdets form.", "Correct the value's form.", node),
        )

    def empty_text(self, path: DataPath) -> None:
        node = self.view.schema_at(path)
        label = _label(path)
        self.add(
            "SCH006",
            path,
            text(f"'{label}' är tomt.", f"'{label}' is empty."),
            _hint("Skriv en text här eller ta bort nyckeln.", "Write a text here or remove the key.", node),
        )

    def count(self, path: DataPath, value: Any, keyword: str, limit: int) -> None:
        node = self.view.schema_at(path)
        label = _label(path)
        n = len(value) if isinstance(value, list | str) else 0
        if keyword == "minItems":
            message = text(
                f"'{label}' har {n} poster; minst {limit} krävs.",
                f"'{label}' has {n} entries; at least {limit} are required.",
            )
            hint = _hint(
                f"Lägg till poster så att det blir minst {limit}.", f"Add entries up to {limit}.", node
            )
        elif keyword == "maxItems":
            message = text(
                f"'{label}' har {n} poster; högst {limit} är tillåtna.",
                f"'{label}' has {n} entries; at most {limit} are allowed.",
            )
            hint = _hint("Ta bort poster.", "Remove entries.", node)
        elif keyword == "maxLength":
            message = text(
                f"'{label}' är för långt ({n} tecken; högst {limit}).",
                f"'{label}' is too long ({n} characters; at most {limit}).",
            )
            hint = _hint("Korta värdet.", "Shorten the value.", node)
        else:
            self.empty_text(path)
            return
        self.add("SCH006", path, message, hint)

    def out_of_range(self, path: DataPath, value: Any, keyword: str, limit: Any) -> None:
        node = self.view.schema_at(path)
        label = _label(path)
        if keyword in {"minimum", "exclusiveMinimum"}:
            bound_sv = f"minst {limit}" if keyword == "minimum" else f"större än {limit}"
            bound_en = f"at least {limit}" if keyword == "minimum" else f"greater than {limit}"
        else:
            bound_sv = f"högst {limit}" if keyword == "maximum" else f"mindre än {limit}"
            bound_en = f"at most {limit}" if keyword == "maximum" else f"less than {limit}"
        self.add(
            "SCH007",
            path,
            text(
                f"'{label}' är {value} men ska vara {bound_sv}.",
                f"'{label}' is {value} but must be {bound_en}.",
            ),
            _hint(f"Ange ett värde som är {bound_sv}.", f"Give a value {bound_en}.", node),
        )

    def missing_party_type(self, path: DataPath, wanted: str) -> None:
        self.add(
            "SCH008",
            path,
            text(
                f"Överenskommelsen saknar en part med typ: {wanted}.",
                f"The agreement has no party with typ: {wanted}.",
            ),
            text(
                "Ett IOP ingås mellan minst en offentlig och minst en idéburen part; "
                f"lägg till en part med 'typ: {wanted}' under parter.",
                "An IOP is made between at least one public and at least one non-profit party; "
                f"add a party with 'typ: {wanted}' under parter.",
            ),
            at=self.doc.locate(path, key=True),
        )

    def other(self, path: DataPath, error: ValidationError) -> None:
        node = self.view.schema_at(path)
        self.add(
            "SCH009",
            path,
            text(
                f"'{_label(path)}' stämmer inte med schemat: {error.message}",
                f"'{_label(path)}' does not match the schema: {error.message}",
            ),
            _hint(self.view.reference["sv"], self.view.reference["en"], node),
        )

    def bad_name(self, parent: DataPath, key: str, node: sch.Schema) -> None:
        """A key that does not have the form the schema's ``propertyNames`` asks for."""
        path = (*parent, key)
        title_sv, title_en = _doc(node, "sv")[0], _doc(node, "en")[0]
        self.add(
            "SCH005",
            path,
            text(
                f"Nyckeln '{shown(key)}'{_place(parent)['sv']} har fel form"
                + (f" för {title_sv.lower()}." if title_sv else "."),
                f"The key '{shown(key)}'{_place(parent)['en']} has the wrong form"
                + (f" for {title_en.lower()}." if title_en else "."),
            ),
            _hint("Rätta nyckeln.", "Correct the key.", node),
            at=self.doc.locate(path, key=True),
            width=len(key),
        )

    def forbidden(self, path: DataPath, node: sch.Schema) -> None:
        """A key that the schema rules out here (``not``), with the schema's reason."""
        reason_sv, reason_en = _doc(node, "sv")[1], _doc(node, "en")[1]
        self.add(
            "SCH009",
            path,
            text(
                f"'{_label(path)}' är inte tillåten här{_place(path[:-1])['sv']}.",
                f"'{_label(path)}' is not allowed here{_place(path[:-1])['en']}.",
            ),
            text(reason_sv or "Ta bort nyckeln.", reason_en or "Remove the key."),
            at=self.doc.locate(path, key=True) if path and isinstance(path[-1], str) else None,
        )


def _slugify(value: str) -> str:
    folded = value.lower().translate(str.maketrans("åäöé", "aaoe"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _contains_type(error: ValidationError) -> str | None:
    """For a failed ``contains`` over parter: the party type that is missing."""
    wanted = error.validator_value
    if isinstance(wanted, dict):
        typ = wanted.get("properties", {}).get("typ", {})
        if isinstance(typ, dict) and "const" in typ:
            return str(typ["const"])
    return None


def _pick(errors: list[ValidationError]) -> ValidationError:
    """One error per place: a wrong type explains everything else; otherwise best_match."""
    from jsonschema.exceptions import best_match

    for error in errors:
        if error.validator == "type":
            return error
    chosen: ValidationError | None = best_match(errors)
    assert chosen is not None
    return chosen


def schema_diagnostics(doc: Document, view: sch.SchemaView | None = None) -> list[Diagnostic]:
    """Validate ``doc.data`` against a schema (default: the agreement's); one message per place."""
    view = view or sch.agreement_view()
    errors = list(view.iter_errors(doc.data))
    if not errors:
        return []
    b = _Builder(doc, view)
    grouped: dict[DataPath, list[ValidationError]] = defaultdict(list)
    for error in errors:
        path: DataPath = tuple(error.absolute_path)
        rule: Any = error.validator_value
        if error.validator == "required" and isinstance(error.instance, dict):
            for key in rule:
                if key not in error.instance:
                    b.missing(path, key)
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(view.allowed_keys(path))
            for key in error.instance:
                if key not in allowed:
                    b.unknown(path, key)
        elif "propertyNames" in error.relative_schema_path and isinstance(error.instance, str):
            b.bad_name(path, error.instance, error.schema if isinstance(error.schema, dict) else {})
        elif error.validator == "not" and isinstance(error.schema, dict):
            b.forbidden(path, error.schema)
        else:
            grouped[path].append(error)
    places = set(grouped) | {d.path for d in b.out}
    for path, group in grouped.items():
        error = _pick(group)
        kind, value = error.validator, error.instance
        limit: Any = error.validator_value
        if kind == "contains":
            # A typo inside parter (typ: ideburen) already explains a missing type.
            if any(len(p) > len(path) and p[: len(path)] == path for p in places):
                continue
            wanted = _contains_type(error)
            if wanted:
                b.missing_party_type(path, wanted)
            else:
                b.other(path, error)
        elif kind == "type":
            b.wrong_type(path, value, limit)
        elif kind == "enum":
            b.not_allowed(path, value, list(limit))
        elif kind == "const":
            b.not_allowed(path, value, [limit])
        elif kind == "format" and limit == "date":
            b.bad_date(path, value)
        elif kind == "pattern":
            b.bad_pattern(path, value, str(limit))
        elif kind in {"minItems", "maxItems", "minLength", "maxLength"}:
            b.count(path, value, str(kind), int(limit))
        elif kind in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
            b.out_of_range(path, value, str(kind), limit)
        else:
            b.other(path, error)
    return _drop_explained_missing(b.out)


def _drop_explained_missing(found: list[Diagnostic]) -> list[Diagnostic]:
    """A misspelt key ('malgrupp') explains the missing one ('målgrupp'): keep one message."""
    suggested = {(*d.path[:-1], d.extra["suggestion"]) for d in found if d.rule == "SCH002" and d.extra}
    return [d for d in found if not (d.rule == "SCH001" and d.path in suggested)]

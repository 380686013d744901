"""Apply a compiled :class:`~iop.lint.text.grammar.Matcher` to tokens.

Negation: a match is skipped when a negation word (inte, ej, icke, ingen,
inget, inga, aldrig, varken, utan, saknar, saknas) stands within
``negation_window`` words before it in the same clause, inside its gaps, in a
hyphenated match (``icke-vinstdrivande``), up to two words after it
(``LSS-insatser omfattas inte``) or anywhere after it in the clause when a
polarity word precedes it (``några viten ... tillämpas inte``). "utan att"
denies the rest of its clause, while "utan" + a noun phrase denies only that
phrase (``utan godtagbart skäl gör kommunen ett avdrag`` is no denial of the
avdrag); contrasts (``till skillnad från``, ``snarare än``) count as negation;
and a negated verb of inclusion later in the sentence (``... ingår inte i
partnerskapet``, ``påverkas inte``) excludes what precedes. A negation
word does not count after a condition (``om föreningen inte levererar`` still
speaks of delivery; also a verb-first condition, ``Uppfylls inte målen hålls
... inne``) or before a quantity (``inte mindre än 40 platser``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from iop.lint.text.grammar import Matcher, Pattern
from iop.lint.text.prefilter import WordIndex
from iop.lint.text.tokens import Token, TokenList

# Verbs that opt out of what follows ("slipper söka bidrag varje år", "avstår från vite"),
# and "bort" after a verb of choosing ("har valt bort viten").
_OPT_OUTS = frozenset({"slipper", "slippa", "slapp", "slippit", "avstår", "avstå", "avstod", "avstått"})
_CHOOSING = frozenset({"välja", "väljer", "valde", "valt", "väljs", "valts", "valdes"})
NEGATIONS = frozenset(
    {"inte", "ej", "icke", "ingen", "inget", "inga", "aldrig", "varken", "utan", "saknar", "saknas"}
    | _OPT_OUTS
    | {"bort"}
)
# Words that end the reach of a negation word on their own (new clause).
_SCOPE_BREAKS = frozenset({"men", "och", "samt", "medan", "dock", "eftersom", "då", "vilket", "som"})
# A negation word right before one of these is not a denial ("inte bara", "inte endast") ...
_NOT_ONLY = frozenset({"bara", "endast", "enbart"})
# ... or before a comparison with a number ("inte mindre än 40 platser", "inte under 20 timmar").
_COMPARISONS = frozenset({"minst", "mindre", "under", "färre", "understiga", "lägre", "över", "fler"})
# Phrases that set the match against something else ("till skillnad från ett föreningsbidrag"),
# or make it talk about a form instead of using it ("ett alternativ till att upphandla",
# "ska inte blandas ihop med en upphandling").
CONTRASTS = (
    ("till", "skillnad", "från"),
    ("i", "motsats", "till"),
    ("snarare", "än"),
    ("i", "stället", "för"),
    ("istället", "för"),
    ("jämfört", "med"),
    ("alternativ", "till"),
    ("blandas", "ihop", "med"),
    ("förväxlas", "med"),
    ("skiljer", "sig", "från"),
    ("likställas", "med"),
    ("jämställas", "med"),
    ("mellanting", "mellan"),
    ("faller", "utanför"),
    ("ligger", "utanför"),
    ("hamnar", "utanför"),
    ("skiljer", "sig", "tydligt", "från"),
    ("skiljer", "sig", "klart", "från"),
)
# Counterfactual and deliberative speech: what could have been, or was considered, is not what
# the agreement does ("kunde ha blivit en upphandling", "övervägde att upphandla").
HYPOTHETICALS = (
    ("kunde", "ha"),
    ("skulle", "ha"),
    ("hade", "kunnat"),
    ("hade", "behövt"),
    ("hade", "blivit"),
    ("hade", "varit"),
    ("övervägde",),
    ("övervägt",),
    ("övervägts",),
    ("överväga",),
    ("övervägdes",),
    # what something would turn out to be is a classification, not the agreement's terms
    ("visa", "sig", "vara"),
    ("visar", "sig", "vara"),
    ("visat", "sig", "vara"),
)
# "X ingår inte i partnerskapet": a negated verb of inclusion later in the sentence excludes X.
EXCLUSION_VERBS = frozenset(
    {"ingår", "ingå", "omfattas", "omfattar", "påverkas", "berörs", "berör", "innefattas", "inkluderas", "hör"}
)
# Reported speech and assessments: what someone says, thinks or warns about is talk about a
# form, not the agreement's own wording ("Kritiker menar att IOP används för att kringgå
# upphandling", "Revisionen bedömer att ...", "Det finns en risk att ...").
REPORTING = frozenset(
    {
        "menar", "menade", "anser", "ansåg", "hävdar", "hävdade", "påpekar", "påpekade",
        "konstaterar", "konstaterade", "bedömer", "bedömde", "framhåller", "framhöll",
        "understryker", "betonar", "betonade", "varnar", "varnade", "befarar", "föreslår",
        "föreslog", "rekommenderar", "kritiserar", "kritiserade", "ifrågasätter", "skriver",
        "skrev", "säger", "sade", "uppger", "uppgav", "visar", "visade", "framgår", "tycker",
        "tror", "argumenterar", "pekar", "riskerar", "risk", "risken", "farhågan", "kritiken",
    }
)
# What a sentence opening "Enligt X:s ..." reports from (an evaluation, not the agreement).
_REPORTS = frozenset(
    {
        "utvärdering", "utvärderingen", "bedömning", "bedömningen", "beräkning", "beräkningar",
        "kartläggning", "kartläggningen", "rapport", "rapporten", "analys", "analysen", "utredning",
        "utredningen", "uppföljning", "uppföljningen", "statistik", "granskning", "granskningen",
    }
)
# Sentence openings that make the sentence about a form in general ("Vid en upphandling
# konkurrerar leverantörer om uppdraget genom anbud"); indefinite, unlike "Vid upphandlingen".
FRAMES = (
    ("vid", "en", "upphandling"),
    ("vid", "upphandling"),
    ("vid", "upphandlingar"),
    ("i", "en", "upphandling"),
    ("i", "upphandlingar"),
    ("en", "upphandling"),
    ("vid", "köp", "av"),
    ("i", "ett", "valfrihetssystem"),
    ("i", "valfrihetssystem"),
    ("ett", "valfrihetssystem"),
    ("vid", "ett", "föreningsbidrag"),
    ("ett", "föreningsbidrag"),
    # when the procurement rules apply: a statement about the law, not the agreement's terms
    ("upphandlingsreglerna", "gäller"),
    ("upphandlingsreglerna", "tillämpas"),
    ("upphandlingsreglerna", "ska", "tillämpas"),
    ("lou", "gäller"),
    ("lou", "tillämpas"),
    ("lou", "ska", "tillämpas"),
    # a past unreal condition that opens the sentence ("Hade verksamheten upphandlats hade ...")
    ("hade",),
)
# A negation right after one of these verbs denies the rest of its clause, however long
# ("är inte ett traditionellt avtal mellan en beställare och ...", "avser inte driften av
# någon verksamhet som kommunen upphandlat").
RELATIONAL = EXCLUSION_VERBS | frozenset(
    {"är", "var", "blir", "utgör", "avser", "innebär", "betyder", "gäller", "handlar", "rör", "syftar"}
    # "Partnerskapet påverkar inte föreningens rätt att söka föreningsbidrag"
    | {"påverkar", "inskränker", "begränsar"}
)
# ... and after a modal when the verb after the negation is one of these ("får inte användas
# för att köpa tjänster", "kan inte omfatta verksamhet som kommunen ska upphandla"); a plain
# prohibition ("får inte lägga på avgifter för fakturering") keeps its content.
_MODAL_NEG = frozenset({"kan", "får", "ska", "skall", "bör", "måste", "behöver"})
_RELATIONAL_INF = frozenset(
    {"vara", "bli", "utgöra", "avse", "innebära", "betyda", "gälla", "omfatta", "ersätta"}
    | {"användas", "utnyttjas", "ses", "räknas", "likna", "handla", "röra", "ingå", "omfattas"}
    | {"betraktas", "uppfattas", "anses", "tolkas", "bedömas"}
)
# A negation pronoun that opens its clause is its subject and denies the clause
# ("Ingen av parterna har lämnat anbud eller avropssvar", "där ingen part köper något").
_SUBJECT_NEGATIONS = frozenset({"ingen", "inget", "inga"})
_CLAUSE_OPENERS = frozenset({"där", "som", "och", "men", "eftersom", "då", "så"})
# Negation words that deny a verb (not a determiner of the noun after them: "ingen volym").
ADVERBIAL = frozenset({"inte", "ej", "icke", "aldrig", "varken"})
POLARITY = frozenset({"några", "något", "någon", "nån", "nåt"})
# Words after "och" that continue a noun phrase rather than start a new clause.
_NP_STARTS = frozenset({"en", "ett", "andra", "annan", "annat", "någon", "något", "några", "övriga"})
_DEFINITE = ("en", "et", "na", "n")
_CONDITIONS = frozenset({"om", "ifall", "såvida", "när", "händelse"})
_WISHES = frozenset({"vill", "önskar", "avser"})
_AUXILIARIES = frozenset({"får", "ska", "skall", "kan", "måste", "bör", "har", "hade", "vill", "behöver"})
# Verb-first conditions: modal verbs, and sentence-initial words that are not verbs.
_MODALS = frozenset({"skulle", "ska", "skall", "kan", "får", "måste", "bör", "vill", "blir", "är"})
_CONDITION_VERBS = frozenset(
    {
        "når",
        "har",
        "hade",
        "sker",
        "fullgör",
        "uppfyller",
        "uppnår",
        "kommer",
        "inkommer",
        "lämnar",
        "levererar",
        "genomför",
        "följer",
        "brister",
        "fungerar",
        "håller",
        "redovisar",
        "rapporterar",
    }
)
_SUBJECTS = frozenset({"den", "det", "de", "han", "hon", "man", "någon", "part", "parten", "vi", "ni"})
# Prepositions that continue the noun phrase after "utan" ("utan krav på motprestation").
_PREPOSITIONS = frozenset({"på", "av", "för", "till", "om", "från", "med", "i", "över", "vid"})
DEFAULT_NEGATION_WINDOW = 5
MAX_SCOPE = 100
"""Words a negation's scope may span before or after a match: a "clause" or "sentence"
longer than this (a text without punctuation) is no clause a reader parses as one, and
the bound keeps the time per match constant, so lint time grows linearly with the text."""
NEGATION_AFTER = 2
DEFAULT_DISTANCE = 8


def match_at(
    pattern: Pattern, tokens: Sequence[Token], i: int, words: WordIndex
) -> tuple[int, list[int]] | None:
    """If ``pattern`` matches starting at token ``i``: (index after the match, matched token indexes)."""
    n = len(tokens)
    sentence = tokens[i].sentence if i < n else -1

    def rec(slot: int, pos: int, used: list[int]) -> tuple[int, list[int]] | None:
        if slot == len(pattern.slots):
            return pos, used
        s = pattern.slots[slot]
        first = slot == 0 or not used
        reach = 0 if first else s.gap_before
        for skip in range(reach + 1):
            j = pos + skip
            if j >= n or tokens[j].sentence != sentence:
                break
            if s.first_needles is not None and s.first_needles.isdisjoint(words.word_needles(tokens[j].low)):
                if first:
                    break
                continue
            for alt in words.passing(s, tokens[j]):
                k = j + len(alt)
                if k <= n and all(
                    tokens[j + a].sentence == sentence and t.test(tokens[j + a])
                    for a, t in enumerate(alt)
                    if a
                ):
                    found = rec(slot + 1, k, [*used, *range(j, k)])
                    if found:
                        return found
            if first:
                break
        if s.optional:
            return rec(slot + 1, pos, used)
        return None

    return rec(0, i, [])


def find(pattern: Pattern, tokens: Sequence[Token], words: WordIndex) -> list[tuple[int, list[int]]]:
    """All non-overlapping matches of a pattern: (end index, matched token indexes)."""
    out: list[tuple[int, list[int]]] = []
    n = len(tokens)
    if pattern.head is not None:
        heads = pattern.head
        if isinstance(tokens, TokenList):
            candidates = tokens.positions(heads, words)
        else:
            candidates = [i for i, t in enumerate(tokens) if not heads.isdisjoint(words.word_needles(t.low))]
    else:
        candidates = list(range(n))
    head = pattern.slots[0]
    after = 0
    for i in candidates:
        if i < after or i >= n:
            continue
        if not head.optional and not words.passing(head, tokens[i]):
            continue
        found = match_at(pattern, tokens, i, words)
        if found and found[1]:
            out.append(found)
            after = max(found[0], i + 1)
    return out


def _is_denial(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is a negation word that denies (not "inte bara", not "om ... inte")."""
    tok = tokens[k]
    if tok.low not in NEGATIONS:
        return False
    if tok.low == "bort":
        return k > 0 and tokens[k - 1].low in _CHOOSING
    nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
    if nxt in _NOT_ONLY:
        return False
    if nxt in _COMPARISONS and any(t.kind == "num" for t in tokens[k + 2 : k + 5]):
        return False
    for b in range(max(0, k - 3), k):
        word = tokens[b].low
        # "om föreningen inte levererar" still speaks of delivery; "när det saknas en marknad" does not
        if word in _CONDITIONS and tokens[b].clause == tok.clause and tok.low in ADVERBIAL:
            if word == "om" and tokens[b + 1].low == "att":  # "överens om att ... inte": not a condition
                continue
            return False
    return True


def _verb_first_condition(tokens: Sequence[Token], k: int, first: int) -> bool:
    """Whether negation ``k`` sits in a verb-first condition that opens the sentence
    ("Uppfylls inte målen hålls ...", "Når föreningen inte målen minskas ..."): the sanction
    after it is not denied. Only a match at least two words on counts, so that a bullet such
    as "Omfattar inte biståndsinsatser" still denies what follows it."""
    if first - k < 2 or tokens[k].low not in ("inte", "ej"):
        return False
    sentence = tokens[k].sentence
    start = k
    while start > 0 and k - start < 2 and tokens[start - 1].sentence == sentence:
        start -= 1
    if start > 0 and tokens[start - 1].sentence == sentence:
        return False  # the negation is not among the first three words
    if start == k:
        return False
    verb = tokens[start]
    low = verb.low
    if verb.kind != "word" or not verb.text[:1].isupper() or low in EXCLUSION_VERBS:
        return False
    passive = low.endswith("s") and not low.endswith("ss") and len(low) > 4
    if not (low in _MODALS or low in _CONDITION_VERBS or passive):
        return False
    if k - start == 2:  # verb, subject, negation: the subject is a pronoun or a definite noun
        subject = tokens[start + 1].low
        return subject in _SUBJECTS or subject.endswith(("en", "et", "na", "an"))
    return True


def _coordinated_noun(tokens: Sequence[Token], k: int, first: int) -> bool:
    """Whether "och" at ``k`` joins two parts of one noun phrase ("en beställare och en utförare",
    "mellan bidrag och upphandling",
    "rollerna beställare och utförare") rather than two clauses ("... och föreningen fakturerar")."""
    nxt = tokens[k + 1]
    if nxt.low in _NP_STARTS:
        return True
    clause = tokens[k].clause
    if any(tokens[b].low == "mellan" and tokens[b].clause == clause for b in range(max(0, k - 4), k)):
        return True  # "mellan föreningsbidrag och upphandling på marknadsmässiga villkor"
    return k + 1 == first and nxt.kind == "word" and not nxt.low.endswith(_DEFINITE)


def _contrast_ends_at(tokens: Sequence[Token], k: int) -> bool:
    """Whether a contrast phrase ("till skillnad från", "snarare än") or a counterfactual
    ("kunde ha", "övervägde") ends at token ``k``."""
    for phrase in (*CONTRASTS, *HYPOTHETICALS):
        n = len(phrase)
        if k - n + 1 >= 0 and all(tokens[k - n + 1 + a].low == w for a, w in enumerate(phrase)):
            return True
    # "Om kommunen vill köpa en tjänst ska den upphandlas": a wish in a condition is a general rule
    return tokens[k].low in _WISHES and any(
        tokens[b].low in _CONDITIONS and tokens[b].clause == tokens[k].clause for b in range(max(0, k - 3), k)
    )


def _clausal(tokens: Sequence[Token], k: int) -> bool:
    """Whether negation ``k`` follows a relational verb in its clause ("är inte", "avser inte"):
    it then denies the whole rest of the clause, not just the next few words."""
    if tokens[k].low in _SUBJECT_NEGATIONS and (
        k == 0 or tokens[k - 1].clause != tokens[k].clause or tokens[k - 1].low in _CLAUSE_OPENERS
    ):
        return True  # "Ingen av parterna har lämnat anbud ...": the subject denies its clause
    if tokens[k].low not in ADVERBIAL or k == 0 or tokens[k - 1].clause != tokens[k].clause:
        return False
    before = tokens[k - 1].low
    if before in RELATIONAL:
        return True
    if k + 1 < len(tokens) and tokens[k + 1].low in RELATIONAL and tokens[k + 1].clause == tokens[k].clause:
        return True  # subordinate word order: "att partnerskapet inte gäller ett område där ..."
    return before in _MODAL_NEG and k + 1 < len(tokens) and tokens[k + 1].low in _RELATIONAL_INF


def _unbounded(tokens: Sequence[Token], k: int) -> bool:
    """ "utan att ..." denies everything up to the end of its clause."""
    return tokens[k].low == "utan" and k + 1 < len(tokens) and tokens[k + 1].low == "att"


def _short_utan(tokens: Sequence[Token], k: int, first: int) -> bool:
    """ "utan" + a noun phrase denies only that phrase: "utan kostnad", "utan någon ersättning",
    "utan krav på motprestation", but not a verb after it ("utan godtagbart skäl gör kommunen
    ett avdrag")."""
    between = [t.low for t in tokens[k + 1 : first] if t.low not in POLARITY]
    return len(between) <= 1 or any(w in _PREPOSITIONS for w in between)


def _excluded_head(tokens: Sequence[Token], k: int, window: int) -> bool:
    """Whether relative "som" at ``k`` follows a negated verb of inclusion in its clause:
    "omfattar inte insatser som kräver biståndsbeslut" denies the relative clause too."""
    for j in range(k - 1, max(0, k - 2 * window) - 1, -1):
        if tokens[j].clause != tokens[k].clause or (
            tokens[j].low in _SCOPE_BREAKS and tokens[j].low != "som"
        ):
            return False
        if tokens[j].low in ("inte", "ej", "aldrig") and j > 0 and _clausal(tokens, j):
            return True
        # "har inte ersatt någon verksamhet som ...", "ersätter ingen del av det som ...": the
        # relative clause describes what is denied
        if tokens[j].low in _SUBJECT_NEGATIONS or (
            tokens[j].low in POLARITY
            and any(tokens[i].low in ADVERBIAL for i in range(max(0, j - 3), j))
        ):
            return True
    return False


def _framed(tokens: Sequence[Token], first: int) -> bool:
    """Whether the sentence speaks *about* what the match names: reported speech or an
    assessment before it ("Kritiker menar att ...", "Det finns en risk att ..."), a sentence
    that opens with "Enligt" and a name ("Enligt Upphandlingsmyndigheten är ..."), or a
    generic opening ("Vid en upphandling ...") in the match's clause."""
    sentence = tokens[first].sentence
    if isinstance(tokens, TokenList):
        start = tokens.sentence_span(sentence)[0]  # a binary search, not a walk back
    else:
        start = first
        while start > 0 and tokens[start - 1].sentence == sentence:
            start -= 1
    for r in range(max(start, first - MAX_SCOPE), first):  # linear time: see MAX_SCOPE
        if tokens[r].low in REPORTING and any(
            tokens[a].low == "att" for a in range(r + 1, min(first, r + 4))
        ):
            return True
    head = tokens[start]
    if head.low == "enligt" and (  # "Enligt kommunens utvärdering kostar ...": a report's figures
        start + 2 < first and tokens[start + 1].low.endswith("s") and tokens[start + 2].low in _REPORTS
    ):
        return True
    if (
        head.low == "enligt"
        and start + 1 < first
        and tokens[start + 1].text[:1].isupper()
        and tokens[start + 1].text[1:2].islower()  # a name, not a law's abbreviation ("enligt LOV")
        and tokens[start + 1].kind == "word"
    ):
        return True
    for frame in FRAMES:
        n = len(frame)
        if start + n <= first and all(tokens[start + a].low == w for a, w in enumerate(frame)):
            return tokens[start + n - 1].clause == tokens[first].clause
    return False


def negated(tokens: Sequence[Token], used: list[int], window: int) -> bool:
    """Whether the match made of ``used`` token indexes is negated (or only spoken about)."""
    first, last = used[0], used[-1]
    clause = tokens[first].clause
    if _framed(tokens, first):
        return True
    # A match that itself begins with a negation ("utan kommunens medgivande") is not
    # undone by an earlier one ("får inte ändra ... utan kommunens medgivande").
    stop = max(-1, first - 1 - MAX_SCOPE)
    before = range(first - 1, stop, -1) if tokens[first].low not in NEGATIONS else range(0)
    reach_from = first  # "inte X eller Y": the negation reaches over "eller" to Y
    for k in before:
        tok = tokens[k]
        if tok.low in ("och", "samt", "eller") and k + 1 < len(tokens) and _coordinated_noun(tokens, k, first):
            reach_from = k  # "inte ... mellan en beställare och en utförare": one noun phrase
            continue
        if tok.low == "som" and k > 0 and tokens[k - 1].low in ADVERBIAL and tokens[k - 1].clause == clause:
            continue  # "och inte som ett lokalbidrag": a comparison, not a relative clause
        if tok.clause != clause or tok.low in _SCOPE_BREAKS:
            if tok.low in ("som", "där") and _excluded_head(tokens, k, window):
                return True
            break
        if (
            tok.low == "eller"
            or (tok.low == "vare" and tokens[k + 1].low == "sig")
            or (tok.low == "i" and tokens[k + 1].low == "form" and k + 2 < len(tokens) and tokens[k + 2].low == "av")
        ) and reach_from - k <= window:
            reach_from = k  # "inte X eller Y", "inte vare sig X", "ingen motprestation i form av X"
        near = reach_from - k <= window or _clausal(tokens, k)
        if _unbounded(tokens, k):
            return True
        if tok.low == "utan" and not _short_utan(tokens, k, first):
            continue
        if _verb_first_condition(tokens, k, first):
            continue
        if near and (_is_denial(tokens, k) or _contrast_ends_at(tokens, k)):
            return True
    inside = set(used)
    for k in range(first + 1, last):
        if k not in inside and (_is_denial(tokens, k) or _contrast_ends_at(tokens, k)):
            # "äger att, utan föregående samråd, ändra": an inserted "utan" phrase is manner.
            if tokens[k].low == "utan" and tokens[k].clause not in (clause, tokens[last].clause):
                continue
            return True
    if any(p in NEGATIONS for k in used for p in tokens[k].parts if len(tokens[k].parts) > 1):
        return True  # icke-vinstdrivande, ej-kommersiell
    sentence = tokens[last].sentence
    for k in range(last + 1, min(len(tokens) - 1, last + 1 + MAX_SCOPE)):
        if tokens[k].sentence != sentence:
            break
        if tokens[k].low in EXCLUSION_VERBS and tokens[k + 1].low in ("inte", "ej", "aldrig"):
            return True
    # "Några viten ... tillämpas inte": a polarity word before, the denial later in the clause.
    polar = any(
        tokens[k].low in POLARITY and tokens[k].clause == clause for k in range(max(0, first - 2), first)
    )
    reach = min(len(tokens), last + 1 + (MAX_SCOPE if polar else NEGATION_AFTER))
    for k in range(last + 1, reach):
        tok = tokens[k]
        if tok.clause != tokens[last].clause or tok.low in _SCOPE_BREAKS:
            break
        # "anslag utan krav" denies the krav; "beställer inga insatser" denies the beställer, but
        # "Utföraren garanteras ingen volym" denies the volym, not the utförare.
        if tok.low in _AUXILIARIES and k == last + 1:
            break  # "Utföraren får inte marknadsföra sig": the negation is the verb's, not the subject's
        if (tok.low in ADVERBIAL or (k == last + 1 and tok.low != "utan")) and _is_denial(tokens, k):
            return True
    return False


def _sentence_tokens(tokens: Sequence[Token], sentence: int) -> Sequence[Token]:
    """The tokens of one sentence (a binary search on a :class:`TokenList`)."""
    if isinstance(tokens, TokenList):
        return tokens.sentence_tokens(sentence)
    idx = [k for k, t in enumerate(tokens) if t.sentence == sentence]
    return tokens[idx[0] : idx[-1] + 1] if idx else ()


def _sentence_has(
    patterns: Sequence[Pattern],
    tokens: Sequence[Token],
    sentence: int,
    words: WordIndex,
    affirmed: int | None = None,
) -> bool:
    """Whether a pattern occurs in the sentence; with ``affirmed`` (a negation window) only
    occurrences that are not negated count ("utan att värdet redovisas" does not excuse)."""
    sub = _sentence_tokens(tokens, sentence)
    if not sub:
        return False
    for p in patterns:
        for _end, used in find(p, sub, words):
            if affirmed is None or not negated(sub, used, affirmed):
                return True
    return False


def _near(
    patterns: Sequence[Pattern], tokens: Sequence[Token], used: list[int], distance: int, words: WordIndex
) -> bool:
    lo = max(0, used[0] - distance)
    hi = min(len(tokens), used[-1] + distance + 1)
    sentence = tokens[used[0]].sentence
    sub = [t for t in tokens[lo:hi] if t.sentence == sentence]
    return any(find(p, sub, words) for p in patterns)


def _int_param(params: Mapping[str, object], key: str, default: int) -> int:
    value = params.get(key, default)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default


def scan_tokens(
    matcher: Matcher,
    tokens: Sequence[Token],
    params: Mapping[str, object],
    found: frozenset[str],
    words: WordIndex,
    patterns: Sequence[Pattern] | None = None,
) -> list[tuple[int, int]]:
    """Token-index spans ``(first, last)`` of every hit of a ``present`` matcher.

    ``found`` are the text's needles (:meth:`WordIndex.present`), used to skip
    patterns that cannot match. Whether a sentence has a ``with`` or ``unless``
    word is decided once per sentence, not once per hit in it.
    """
    window = _int_param(params, "negation_window", DEFAULT_NEGATION_WINDOW)
    distance = _int_param(params, "distance", DEFAULT_DISTANCE)
    hits: list[tuple[int, int]] = []
    taken: set[int] = set()
    with_memo: dict[int, bool] = {}
    unless_memo: dict[int, bool] = {}
    for pattern in matcher.any if patterns is None else patterns:
        if patterns is None and not pattern.possible(found):
            continue
        for _end, used in find(pattern, tokens, words):
            if taken.intersection(used):
                continue
            if matcher.negation and negated(tokens, used, window):
                continue
            sentence = tokens[used[0]].sentence
            if matcher.with_:
                has = with_memo.get(sentence)
                if has is None:
                    has = with_memo[sentence] = _sentence_has(matcher.with_, tokens, sentence, words)
                if not has:
                    continue
            if matcher.near and not _near(matcher.near, tokens, used, distance, words):
                continue
            if matcher.unless:
                has = unless_memo.get(sentence)
                if has is None:
                    has = unless_memo[sentence] = _sentence_has(
                        matcher.unless, tokens, sentence, words, window
                    )
                if has:
                    continue
            taken.update(used)
            hits.append((used[0], used[-1]))
    hits.sort()
    return hits


def occurs(matcher: Matcher, tokens: Sequence[Token], found: frozenset[str], words: WordIndex) -> bool:
    """Whether any ``any`` pattern occurs at all, negated or not (for ``mode: absent``)."""
    return any(p.possible(found) and find(p, tokens, words) for p in matcher.any)

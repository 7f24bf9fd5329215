"""The two ways the index is stored and queried: PostgreSQL's own full-text search, and SQLite's FTS5.

Both receive the same :class:`~hemicycle.search.query.ParsedQuery` and the same filters and return document ids
in rank order, so everything above this module (pages, API, follows) works the same on either database.

PostgreSQL: one ``tsvector`` per document, each language's text parsed with that language's configuration
(``russian``, ``english``, ``french``, ``dutch``, ``german``; Kazakh with ``simple``), titles weighted A, bodies B,
in a GIN index. A query word matches when any language's stemming of it matches, or when its Kazakh stem (and
the word itself) begins a word — the Kazakh fallback, which also finds a name from its first letters.

SQLite: an FTS5 table beside the documents whose columns hold the stems (Snowball, in Python) of each language's
text and the plain words of the Kazakh text; the query asks for any language's stem or the Kazakh prefix, and
FTS5's bm25 ranks, titles weighing five times the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from hemicycle.search.query import MIN_PREFIX, ParsedQuery, Term
from hemicycle.search.stemming import SNOWBALL, stems, words

TABLE = "search_searchdocument"
FTS_TABLE = "search_fts"
#: The PostgreSQL text search configuration of each language.
PG_CONFIG = {**SNOWBALL, "kk": "simple"}


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    stage: str = ""
    committee_id: int | None = None
    date_from: object = None
    date_to: object = None
    changed_since: object = None
    #: Hide what is under embargo at this moment.
    visible_at: object = None

    def sql(self, *, without_kind: bool = False) -> tuple[str, list]:
        clauses, params = [], []
        if self.kinds and not without_kind:
            clauses.append(f"d.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params.extend(self.kinds)
        if self.stage:
            clauses.append("d.stage = %s")
            params.append(self.stage)
        if self.committee_id:
            clauses.append("d.committee_id = %s")
            params.append(self.committee_id)
        if self.date_from:
            clauses.append("d.date >= %s")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("d.date <= %s")
            params.append(self.date_to)
        if self.changed_since:
            clauses.append("d.changed_at > %s")
            params.append(self.changed_since)
        if self.visible_at:
            clauses.append("(d.public_from IS NULL OR d.public_from <= %s)")
            params.append(self.visible_at)
        return "".join(f" AND {clause}" for clause in clauses), params


@dataclass(frozen=True)
class Matches:
    ids: list[int]
    total: int
    by_kind: dict[str, int]


# --- PostgreSQL ------------------------------------------------------------------------------------------------

def _pg_quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _pg_prefix_query(term: Term) -> tuple[str, list] | None:
    """Kazakh stems (and the words as typed) as prefixes, in order for a phrase: ``'заң':* <-> 'жоба':*``."""
    alternatives = []
    for candidates in (term.prefixes(), term.words):
        if all(len(part) >= MIN_PREFIX for part in candidates):
            alternatives.append(" <-> ".join(f"{_pg_quote(part)}:*" for part in candidates))
    alternatives = list(dict.fromkeys(alternatives))
    if not alternatives:
        return None
    return "to_tsquery('simple', %s)", [" | ".join(f"({alt})" for alt in alternatives)]


def _pg_term(term: Term) -> tuple[str, list]:
    function = "phraseto_tsquery" if term.is_phrase else "plainto_tsquery"
    text = " ".join(term.words)
    prefix = _pg_prefix_query(term)
    # Kazakh's "simple" parse is covered by the prefix query when there is one.
    configs = [config for language, config in PG_CONFIG.items() if language != "kk" or prefix is None]
    parts = [f"{function}('{config}', %s)" for config in configs]
    params = [text] * len(parts)
    if prefix:
        parts.append(prefix[0])
        params.extend(prefix[1])
    sql = "(" + " || ".join(parts) + ")"
    return (f"!!{sql}" if term.negated else sql), params


def pg_tsquery(query: ParsedQuery) -> tuple[str, list]:
    """The SQL of a ``tsquery`` for the parsed query, and its parameters."""
    sqls, params = [], []
    for term in query.terms:
        sql, term_params = _pg_term(term)
        sqls.append(sql)
        params.extend(term_params)
    return " && ".join(sqls), params


def _pg_vector_sql(texts_column: str = "d.texts") -> str:
    parts = []
    for language, config in PG_CONFIG.items():
        for key, weight in (("title", "A"), ("body", "B")):
            parts.append(f"setweight(to_tsvector('{config}', coalesce({texts_column}->'{language}'->>'{key}', '')),"
                         f" '{weight}')")
    return " || ".join(parts)


def pg_index(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} AS d SET vector = {_pg_vector_sql()} WHERE d.id = ANY(%s)", [ids])


def pg_search(query: ParsedQuery, filters: Filters, *, limit: int, offset: int, order: str) -> Matches:
    tsquery, query_params = pg_tsquery(query)
    source = f"FROM (SELECT {tsquery} AS query) q, {TABLE} d WHERE d.vector @@ q.query"
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner cannot guess how many documents an OR of stems and prefixes matches and, not counting the
        # cost of reading large vectors out of TOAST, prefers reading the whole table: 70 ms instead of 10 ms at
        # 20,000 documents. The GIN index is always the right way in; say so for these two queries only.
        cursor.execute("SET LOCAL enable_seqscan = off")
        return _matches(cursor, source, query_params, "ts_rank(d.vector, q.query, 1)", filters,
                        limit=limit, offset=offset, order=order)


def pg_analyze() -> None:
    """Fresh planner statistics after a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")


# --- SQLite FTS5 -----------------------------------------------------------------------------------------------

def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts_term(term: Term) -> str:
    alternatives = []
    for language in SNOWBALL:
        alternatives.append(_fts_quote(" ".join(term.stems(language))))
    for candidates in (term.prefixes(), term.words):
        if all(len(part) >= MIN_PREFIX for part in candidates):
            if term.is_phrase:
                alternatives.append(" + ".join(f"{_fts_quote(part)}*" for part in candidates))
            else:
                alternatives.append(f"{_fts_quote(candidates[0])}*")
    return "(" + " OR ".join(dict.fromkeys(alternatives)) + ")"


def fts_match(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression of the parsed query (it has at least one positive term)."""
    expression = " AND ".join(_fts_term(term) for term in query.positive)
    for term in query.negative:
        expression = f"({expression}) NOT {_fts_term(term)}"
    return expression


def fts_columns(texts: dict) -> tuple[str, str]:
    """What the FTS5 table stores for a document: stems of each Snowball language, plain Kazakh words."""
    columns = []
    for key in ("title", "body"):
        tokens = []
        for language, content in texts.items():
            value = content.get(key, "")
            tokens.extend(stems(value, language) if language in SNOWBALL else words(value))
        columns.append(" ".join(tokens))
    return columns[0], columns[1]


def fts_index(documents: list) -> None:
    with connection.cursor() as cursor:
        ids = [document.pk for document in documents]
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                           [(document.pk, *fts_columns(document.texts)) for document in documents])


def fts_remove(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])


def fts_search(query: ParsedQuery, filters: Filters, *, limit: int, offset: int, order: str) -> Matches:
    source = f"FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s"
    with connection.cursor() as cursor:  # bm25 is lower for a better match: negated, higher is better as above
        return _matches(cursor, source, [fts_match(query)], f"-bm25({FTS_TABLE}, 5.0, 1.0)", filters,
                        limit=limit, offset=offset, order=order)


# --- either --------------------------------------------------------------------------------------------------

ORDERS = {"relevance": "rank DESC, d.date DESC NULLS LAST", "newest": "d.date DESC NULLS LAST, rank DESC",
          "changed": "d.changed_at DESC, rank DESC"}


def _matches(cursor, source: str, params: list, rank: str, filters: Filters, *, limit: int, offset: int,
             order: str) -> Matches:
    """One page of document ids in ``order`` and the count of each kind, from the backend's ``source`` (its FROM
    and WHERE, matching the query) and ``rank`` (higher is better)."""
    where, filter_params = filters.sql()
    kind_where, kind_params = filters.sql(without_kind=True)
    cursor.execute(f"SELECT d.id, {rank} AS rank {source}{where} ORDER BY {ORDERS.get(order, ORDERS['relevance'])}, "
                   f"d.id LIMIT %s OFFSET %s", [*params, *filter_params, limit, offset])
    ids = [row[0] for row in cursor.fetchall()]
    cursor.execute(f"SELECT d.kind, count(*) {source}{kind_where} GROUP BY d.kind", [*params, *kind_params])
    by_kind = dict(cursor.fetchall())
    total = sum(count for kind, count in by_kind.items() if not filters.kinds or kind in filters.kinds)
    return Matches(ids, total, by_kind)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def index(documents: list) -> None:
    """Make the database's full-text index agree with these (saved) documents."""
    if not documents:
        return
    if is_postgresql():
        pg_index([document.pk for document in documents])
    else:
        fts_index(documents)


def remove(ids: list[int]) -> None:
    """Forget these documents in the full-text index (PostgreSQL's column goes with the row)."""
    if ids and not is_postgresql():
        fts_remove(ids)


def search(query: ParsedQuery, filters: Filters, *, limit: int, offset: int = 0, order: str = "relevance") -> Matches:
    if not query:
        return Matches([], 0, {})
    backend = pg_search if is_postgresql() else fts_search
    return backend(query, filters, limit=limit, offset=offset, order=order)

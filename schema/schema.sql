-- mediq database schema. The data dictionary (table dictionary) describes every
-- table and column below; dictionary.tsv is its source and a test checks that
-- the two agree. Bump Version in schema.go with any change here.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    outlet      TEXT NOT NULL,
    page_date   TEXT,
    encoding    TEXT NOT NULL,
    format      TEXT NOT NULL CHECK (format IN ('text', 'html')),
    guessed     TEXT,
    entry       TEXT NOT NULL,
    parse_key   TEXT NOT NULL,
    chars       INTEGER NOT NULL,
    text        TEXT NOT NULL
);

CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    find        TEXT NOT NULL,
    replacement TEXT NOT NULL,
    reason      TEXT NOT NULL,
    occurrences INTEGER NOT NULL
);

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    seq         INTEGER NOT NULL,
    title       TEXT NOT NULL,
    doc_number  TEXT,
    issuer      TEXT NOT NULL,
    issue_date  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('plan', 'notice', 'press_conference', 'news')),
    region      TEXT,
    body_start  INTEGER NOT NULL,
    body_end    INTEGER NOT NULL,
    UNIQUE (source_id, seq)
);

CREATE TABLE body_spans (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    PRIMARY KEY (document_id, char_start)
) WITHOUT ROWID;

CREATE TABLE speakers (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    name          TEXT NOT NULL,
    agency        TEXT,
    title         TEXT,
    role          TEXT NOT NULL CHECK (role IN ('speaker', 'host')),
    region        TEXT,
    correction_id INTEGER REFERENCES corrections(id)
);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    seq         INTEGER NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    section     TEXT,
    speaker     TEXT,
    speaker_id  INTEGER REFERENCES speakers(id),
    text        TEXT NOT NULL
);
CREATE INDEX sentences_document ON sentences(document_id, seq);

-- sentences_fts: full-text search over sentences. Each Chinese character is
-- indexed as a token of its own (see schema.FTSTerms), with rowid = sentences.id;
-- query it with the phrase of the query's characters, e.g.
--   SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH '"集 采"'
-- (mediq's .search and db.Search build that phrase for you).
CREATE VIRTUAL TABLE sentences_fts USING fts5(terms, content = '', tokenize = 'ascii', columnsize = 0);

CREATE TABLE indicators (
    key         TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    unit        TEXT NOT NULL,
    description TEXT NOT NULL,
    rules       TEXT NOT NULL,
    line        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE figures (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    sentence_id INTEGER NOT NULL REFERENCES sentences(id),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    raw         TEXT NOT NULL,
    value       NUMERIC NOT NULL,
    value_max   NUMERIC NOT NULL,
    unit        TEXT NOT NULL,
    qualifier   TEXT NOT NULL CHECK (qualifier IN ('exact', 'approx', 'gt', 'gte', 'lt', 'lte', 'range')),
    period      TEXT NOT NULL,
    role        TEXT CHECK (role IN ('actual', 'target', 'baseline', 'change')),
    direction   TEXT CHECK (direction IN ('up', 'down')),
    pair_id     INTEGER REFERENCES figures(id),
    indicator_key TEXT REFERENCES indicators(key),
    region      TEXT,
    issuer      TEXT NOT NULL,
    agency      TEXT NOT NULL,
    issuer_note TEXT,
    speaker     TEXT,
    label       TEXT,
    subject     TEXT,
    CHECK (value <= value_max),
    CHECK (char_start < char_end)
);
CREATE INDEX figures_document ON figures(document_id, char_start);
CREATE INDEX figures_sentence ON figures(sentence_id);
CREATE INDEX figures_unit ON figures(unit);
CREATE INDEX figures_indicator ON figures(indicator_key, period);
CREATE INDEX figures_subject ON figures(subject, unit);

-- skipped: every number-like token of a body that is not a figure, with the
-- reason, so that a deliberate skip (a date, a 序号) can be told from a miss.
CREATE TABLE skipped (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    raw         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    CHECK (char_start < char_end)
);
CREATE INDEX skipped_reason ON skipped(reason);

CREATE TABLE presets (
    name        TEXT PRIMARY KEY,
    title_zh    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    description TEXT NOT NULL,
    sql         TEXT NOT NULL,
    params      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE dictionary (
    table_name     TEXT NOT NULL,
    column_name    TEXT NOT NULL,
    description_zh TEXT NOT NULL,
    description_en TEXT NOT NULL,
    PRIMARY KEY (table_name, column_name)
) WITHOUT ROWID;

-- figures_full: every figure with its document, source and sentence, the way
-- most questions start.
CREATE VIEW figures_full AS
SELECT f.id, f.raw, f.value, f.value_max, f.unit, f.qualifier, f.period, f.role,
       f.indicator_key, f.region, f.issuer, f.speaker, f.label,
       d.title AS document, d.issue_date, d.kind, s.file AS source,
       t.text AS sentence, f.document_id, f.sentence_id, f.char_start, f.char_end
FROM figures f
JOIN documents d ON d.id = f.document_id
JOIN sources s ON s.id = f.source_id
JOIN sentences t ON t.id = f.sentence_id;

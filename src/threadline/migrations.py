"""Numbered schema migrations: append only, never edit one that has shipped."""

from __future__ import annotations

M001_DOCUMENTS = """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            title TEXT,
            url TEXT,
            outlet TEXT,
            author TEXT,
            published TEXT,
            published_precision TEXT,
            language TEXT,
            kind TEXT NOT NULL,
            source_path TEXT NOT NULL,
            source_line INTEGER,
            source_offset INTEGER,
            cleaning TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE document_sources (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source_path TEXT NOT NULL,
            source_line INTEGER NOT NULL DEFAULT 0,
            source_offset INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (doc_id, source_path, source_line, source_offset)
        );
        CREATE TABLE rejections (
            key TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            line INTEGER,
            offset INTEGER,
            code TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            summary TEXT
        );
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text)
            VALUES (new.rowid, coalesce(new.title, ''), new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
        END;
"""

M002_ANALYSIS = """
CREATE TABLE analyses (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'skipped')),
    message TEXT,
    PRIMARY KEY (doc_id, component)
);
CREATE TABLE records (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (doc_id, kind, seq)
);
CREATE INDEX records_kind ON records(kind, doc_id);
"""

M003_ENTITIES = """
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    lat REAL,
    lon REAL,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE mention_entities (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX mention_entities_entity ON mention_entities(entity_id);
"""

M006_FIGURES = """
CREATE TABLE figure_facts (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    claimant_kind TEXT NOT NULL CHECK (claimant_kind IN ('attribution', 'context', 'outlet')),
    claimant_entity TEXT,
    claimant_name TEXT,
    attribution_seq INTEGER,
    chain TEXT NOT NULL DEFAULT '[]',
    as_of TEXT,
    as_of_precision TEXT,
    as_of_source TEXT,
    scope_start TEXT,
    usd REAL,
    usd_computed INTEGER NOT NULL DEFAULT 0,
    usd_source TEXT,
    usd_reason TEXT,
    quantity_id TEXT,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX figure_facts_quantity ON figure_facts(quantity_id);
CREATE TABLE quantities (
    id TEXT PRIMARY KEY,
    measure TEXT NOT NULL,
    measure_key TEXT NOT NULL,
    unit TEXT,
    figures INTEGER NOT NULL,
    claimants INTEGER NOT NULL,
    conflict INTEGER NOT NULL DEFAULT 0,
    updates INTEGER NOT NULL DEFAULT 0,
    first_as_of TEXT,
    last_as_of TEXT,
    findings TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX quantities_key ON quantities(measure_key);
"""

M005_STORIES = """
CREATE TABLE fingerprints (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    minhash BLOB NOT NULL,
    terms TEXT NOT NULL
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('near-duplicate', 'same-event')),
    size INTEGER NOT NULL,
    origins INTEGER NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE story_documents (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (story_id, doc_id)
);
CREATE INDEX story_documents_doc ON story_documents(doc_id);
"""

M007_ENTITY_DOCUMENTS = """
CREATE TABLE entity_documents (
    entity_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    published TEXT,
    PRIMARY KEY (entity_id, doc_id)
);
CREATE INDEX entity_documents_latest ON entity_documents(entity_id, published, mentions);
INSERT INTO entity_documents(entity_id, doc_id, mentions, published)
    SELECT me.entity_id, me.doc_id, count(*), d.published FROM mention_entities me JOIN documents d ON d.id = me.doc_id
    GROUP BY me.entity_id, me.doc_id;
ALTER TABLE quantities ADD COLUMN sources INTEGER;
ALTER TABLE quantities ADD COLUMN independent_sources INTEGER;
"""

M008_INCREMENTAL_RESOLVE = """
CREATE TABLE mention_keys (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    form TEXT NOT NULL,
    ref TEXT,
    acronym INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX mention_keys_unit ON mention_keys(key, form);
CREATE TABLE keyed_documents (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    linked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX keyed_documents_unlinked ON keyed_documents(doc_id) WHERE linked = 0;
CREATE TABLE entity_units (
    key TEXT NOT NULL,
    form TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, form)
) WITHOUT ROWID;
CREATE TABLE claims_pending (doc_id TEXT PRIMARY KEY);
INSERT INTO claims_pending(doc_id) SELECT DISTINCT doc_id FROM records WHERE kind = 'figure';
ALTER TABLE figure_facts ADD COLUMN bucket TEXT;
CREATE INDEX figure_facts_bucket ON figure_facts(bucket);
"""

M009_FINDINGS_DIGEST = """
ALTER TABLE quantities ADD COLUMN findings_digest TEXT NOT NULL DEFAULT '{"conflict_figures":[],"kinds":{},"lead":[]}';
UPDATE quantities SET findings_digest = json_object(
    'conflict_figures', json((SELECT json_group_array(fid) FROM (
        SELECT DISTINCT ids.value AS fid FROM json_each(quantities.findings) f, json_each(f.value, '$.figures') ids
        WHERE json_extract(f.value, '$.kind') IN ('conflict', 'hedge conflict') ORDER BY fid))),
    'kinds', json((SELECT json_group_object(kind, n) FROM (
        SELECT json_extract(value, '$.kind') AS kind, count(*) AS n FROM json_each(quantities.findings) GROUP BY kind ORDER BY kind))),
    'lead', json((SELECT json_group_array(json(value)) FROM (
        SELECT value FROM json_each(quantities.findings) ORDER BY CASE json_extract(value, '$.kind') WHEN 'conflict' THEN 0
        WHEN 'hedge conflict' THEN 1 WHEN 'update' THEN 2 WHEN 'part of' THEN 3 WHEN 'corroborates' THEN 4 WHEN 'restatement' THEN 5
        WHEN 'undetermined' THEN 6 ELSE 7 END, key LIMIT 20)))
);
"""

M010_WATCH = """
CREATE TABLE watch_sources (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('folder', 'feed', 'sitemap')),
    location TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    last_poll TEXT,
    last_ok TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    error TEXT,
    listed INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watch_urls (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_fetched TEXT,
    pending INTEGER NOT NULL DEFAULT 1,
    status TEXT,
    listed_modified TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    doc_id TEXT,
    versions INTEGER NOT NULL DEFAULT 0,
    meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX watch_urls_pending ON watch_urls(source) WHERE pending = 1;
CREATE TABLE document_versions (
    url TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    previous TEXT,
    seen TEXT NOT NULL,
    alerted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (url, version)
);
CREATE INDEX document_versions_doc ON document_versions(doc_id);
CREATE INDEX document_versions_unalerted ON document_versions(doc_id) WHERE alerted = 0;
CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    created TEXT NOT NULL,
    title TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    delivered INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_created ON alerts(created);
CREATE INDEX alerts_undelivered ON alerts(created) WHERE delivered = 0;
CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    summary TEXT
);
"""

M011_FRAMES = """
ALTER TABLE figure_facts ADD COLUMN frame TEXT;
ALTER TABLE figure_facts ADD COLUMN part_of INTEGER;
INSERT OR IGNORE INTO claims_pending(doc_id) SELECT DISTINCT doc_id FROM records WHERE kind = 'figure';
"""

M012_REVIEWS = """
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    author TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    reason TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    withdrawn_by TEXT
);
CREATE INDEX reviews_target ON reviews(target);
CREATE TABLE withheld_records (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    review TEXT NOT NULL,
    PRIMARY KEY (doc_id, kind, seq)
);
"""

M013_FTS_STEMMED = """
DROP TABLE IF EXISTS documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
"""

M014_QUARANTINE = """
CREATE TABLE quarantine (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    reason TEXT NOT NULL
);
"""

M015_STORY_WINDOW = """
CREATE TABLE stories_pending (doc_id TEXT PRIMARY KEY);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE term_documents (term TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO term_documents(term, documents) SELECT t.key, count(*) FROM fingerprints f, json_each(f.terms) t GROUP BY t.key;
"""

M016_ALERT_CHANGES = """
CREATE TABLE alert_changes (id TEXT PRIMARY KEY, alert_id TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO alert_changes(id, alert_id) SELECT id, id FROM alerts;
"""

M017_MENTION_REFERENCES = """
ALTER TABLE mention_keys ADD COLUMN refs INTEGER NOT NULL DEFAULT 0;
"""

M018_COOCCURRENCE = """
CREATE TABLE cooccurrence_sentences (
    doc_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, sentence, source, target)
) WITHOUT ROWID;
CREATE INDEX cooccurrence_sentences_pair ON cooccurrence_sentences(source, target);
CREATE TABLE cooccurrence (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    weight INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE INDEX cooccurrence_weight ON cooccurrence(weight DESC);
CREATE TABLE aggregates_pending (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO aggregates_pending(doc_id) SELECT DISTINCT doc_id FROM mention_entities;
CREATE TRIGGER aggregates_mention_entities_ai AFTER INSERT ON mention_entities BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (new.doc_id);
END;
CREATE TRIGGER aggregates_mention_entities_ad AFTER DELETE ON mention_entities BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (old.doc_id);
END;
CREATE TRIGGER aggregates_mention_entities_au AFTER UPDATE ON mention_entities BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (old.doc_id);
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (new.doc_id);
END;
CREATE TRIGGER aggregates_records_ai AFTER INSERT ON records WHEN new.kind = 'mention' BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (new.doc_id);
END;
CREATE TRIGGER aggregates_records_ad AFTER DELETE ON records WHEN old.kind = 'mention' BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (old.doc_id);
END;
CREATE TRIGGER aggregates_documents_ad AFTER DELETE ON documents BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) VALUES (old.id);
END;
CREATE TRIGGER aggregates_entities_type_bi BEFORE INSERT ON entities
WHEN (SELECT type FROM entities WHERE id = new.id) IS NOT new.type BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) SELECT DISTINCT doc_id FROM mention_entities WHERE entity_id = new.id;
END;
CREATE TRIGGER aggregates_entities_type_au AFTER UPDATE OF type ON entities WHEN old.type IS NOT new.type BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) SELECT DISTINCT doc_id FROM mention_entities WHERE entity_id = new.id;
END;
CREATE TRIGGER aggregates_entities_ad AFTER DELETE ON entities BEGIN
    INSERT OR IGNORE INTO aggregates_pending(doc_id) SELECT DISTINCT doc_id FROM mention_entities WHERE entity_id = old.id;
END;
"""

M019_HAPPENINGS = """
CREATE TABLE happening_events (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    who TEXT NOT NULL,
    entities TEXT NOT NULL,
    value TEXT,
    fallback TEXT,
    precision TEXT,
    lo INTEGER,
    hi INTEGER,
    start INTEGER NOT NULL,
    claimant TEXT,
    component TEXT NOT NULL,
    happening TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX happening_events_component ON happening_events(component);
CREATE TABLE happening_buckets (
    bucket TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (bucket, doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX happening_buckets_event ON happening_buckets(doc_id, seq);
CREATE TABLE happenings_pending (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO happenings_pending(doc_id) SELECT DISTINCT doc_id FROM records WHERE kind = 'event';
CREATE TABLE happenings_version (version INTEGER NOT NULL);
INSERT INTO happenings_version(version) VALUES (0);
CREATE TRIGGER happenings_records_ai AFTER INSERT ON records WHEN new.kind IN ('event', 'attribution', 'reference') BEGIN
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (new.doc_id);
END;
CREATE TRIGGER happenings_records_ad AFTER DELETE ON records WHEN old.kind IN ('event', 'attribution', 'reference') BEGIN
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (old.doc_id);
END;
CREATE TRIGGER happenings_mention_entities_ai AFTER INSERT ON mention_entities BEGIN
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (new.doc_id);
END;
CREATE TRIGGER happenings_mention_entities_ad AFTER DELETE ON mention_entities BEGIN
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (old.doc_id);
END;
CREATE TRIGGER happenings_mention_entities_au AFTER UPDATE ON mention_entities BEGIN
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (old.doc_id);
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (new.doc_id);
END;
CREATE TRIGGER happenings_documents_ad AFTER DELETE ON documents BEGIN
    INSERT OR IGNORE INTO happenings_pending(doc_id) VALUES (old.id);
END;
"""

# A document whose claims are attached again because its links, its entities' names or its buckets
# changed keeps its records: resolve compares again only the pairs of its claims whose facts changed.
# Every other reason to attach again (analysis, reviews, new rules in a later migration) leaves
# `records_kept` 0, and its claims' pairs are compared again.
M020_CLAIMS_RECORDS_KEPT = """
ALTER TABLE claims_pending ADD COLUMN records_kept INTEGER NOT NULL DEFAULT 0;
"""

# What the entity merges read of the corpus's keys, kept as they change, so an add reads one row per
# unit instead of one per mention: per (key, form, type, acronym) its mentions and the pronouns
# standing for them (triggers on `mention_keys`); per family name and key, the documents naming both
# (`family_keys`: a bare surname's evidence); per document, the unqualified organisation that joins the
# qualified one named there (`org_document_edges`). The last two are written by resolve's keying and
# by removal; on a store migrated with keys, the next resolve builds them once from `mention_keys`
# (`entity_counts.built` 0).
M021_ENTITY_KEY_COUNTS = """
CREATE TABLE key_units (
    key TEXT NOT NULL,
    form TEXT NOT NULL,
    type TEXT NOT NULL,
    acronym INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    refs INTEGER NOT NULL,
    PRIMARY KEY (key, form, type, acronym)
) WITHOUT ROWID;
INSERT INTO key_units(key, form, type, acronym, mentions, refs)
    SELECT key, form, type, acronym, count(*), sum(refs) FROM mention_keys GROUP BY key, form, type, acronym;
CREATE TRIGGER key_units_ai AFTER INSERT ON mention_keys BEGIN
    INSERT INTO key_units(key, form, type, acronym, mentions, refs) VALUES (new.key, new.form, new.type, new.acronym, 1, new.refs)
        ON CONFLICT(key, form, type, acronym) DO UPDATE SET mentions = mentions + 1, refs = refs + excluded.refs;
END;
CREATE TRIGGER key_units_ad AFTER DELETE ON mention_keys BEGIN
    UPDATE key_units SET mentions = mentions - 1, refs = refs - old.refs
        WHERE key = old.key AND form = old.form AND type = old.type AND acronym = old.acronym;
    DELETE FROM key_units WHERE key = old.key AND form = old.form AND type = old.type AND acronym = old.acronym AND mentions <= 0;
END;
CREATE TRIGGER key_units_au AFTER UPDATE ON mention_keys BEGIN
    UPDATE key_units SET mentions = mentions - 1, refs = refs - old.refs
        WHERE key = old.key AND form = old.form AND type = old.type AND acronym = old.acronym;
    DELETE FROM key_units WHERE key = old.key AND form = old.form AND type = old.type AND acronym = old.acronym AND mentions <= 0;
    INSERT INTO key_units(key, form, type, acronym, mentions, refs) VALUES (new.key, new.form, new.type, new.acronym, 1, new.refs)
        ON CONFLICT(key, form, type, acronym) DO UPDATE SET mentions = mentions + 1, refs = refs + excluded.refs;
END;
CREATE TABLE family_keys (
    family TEXT NOT NULL,
    key TEXT NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (family, key)
) WITHOUT ROWID;
CREATE TABLE org_document_edges (
    doc_id TEXT NOT NULL,
    qualified TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (doc_id, qualified, key)
) WITHOUT ROWID;
CREATE TABLE entity_counts (built INTEGER NOT NULL);
INSERT INTO entity_counts(built) SELECT NOT EXISTS (SELECT 1 FROM mention_keys);
"""

# The entity merges' decisions kept as a graph, so an add re-decides only what it touches (resolve/entities.py, `update_graph`):
# per key its root after the near-equal full names (`name_root`), after every rule but the acronyms (`org_root`)
# and after all of them (`root`); every merge as an edge between two keys, with its rule; what finds a rule's
# candidates without a pass over every key (per family token its full-named people and its bare surnames, per
# person's name the organisation keys spelling it, per initials the organisations spelling them and the acronym
# units using them); the keys whose units changed since (triggers on `key_units`); the documents to key (new,
# or whose keys were dropped by a new analysis; the triggers test for the row instead of INSERT OR IGNORE, which
# the statement that fires them would override). `entity_graph.built` 0: the next resolve builds it whole.
M022_ENTITY_GRAPH = """
CREATE TABLE entity_keys (
    key TEXT PRIMARY KEY,
    name_root TEXT NOT NULL,
    org_root TEXT NOT NULL,
    root TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entity_keys_name_root ON entity_keys(name_root);
CREATE INDEX entity_keys_org_root ON entity_keys(org_root);
CREATE INDEX entity_keys_root ON entity_keys(root);
CREATE TABLE entity_edges (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (a, b, rule)
) WITHOUT ROWID;
CREATE INDEX entity_edges_b ON entity_edges(b, rule);
CREATE TABLE name_keys (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    form TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (name, kind, key, form)
) WITHOUT ROWID;
CREATE INDEX name_keys_key ON name_keys(key);
CREATE INDEX org_document_edges_qualified ON org_document_edges(qualified);
CREATE INDEX org_document_edges_key ON org_document_edges(key);
CREATE TABLE entity_pending (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER entity_pending_ai AFTER INSERT ON key_units BEGIN
    INSERT INTO entity_pending(key) SELECT new.key WHERE NOT EXISTS (SELECT 1 FROM entity_pending WHERE key = new.key);
END;
CREATE TRIGGER entity_pending_au AFTER UPDATE ON key_units BEGIN
    INSERT INTO entity_pending(key) SELECT new.key WHERE NOT EXISTS (SELECT 1 FROM entity_pending WHERE key = new.key);
END;
CREATE TRIGGER entity_pending_ad AFTER DELETE ON key_units BEGIN
    INSERT INTO entity_pending(key) SELECT old.key WHERE NOT EXISTS (SELECT 1 FROM entity_pending WHERE key = old.key);
END;
CREATE TABLE keys_pending (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO keys_pending(doc_id) SELECT d.id FROM documents d LEFT JOIN keyed_documents k ON k.doc_id = d.id WHERE k.doc_id IS NULL;
CREATE TRIGGER keys_pending_document AFTER INSERT ON documents BEGIN
    INSERT INTO keys_pending(doc_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM keys_pending WHERE doc_id = new.id);
END;
CREATE TRIGGER keys_pending_unkeyed AFTER DELETE ON keyed_documents BEGIN
    INSERT INTO keys_pending(doc_id) SELECT old.doc_id WHERE NOT EXISTS (SELECT 1 FROM keys_pending WHERE doc_id = old.doc_id);
END;
CREATE INDEX keyed_documents_version ON keyed_documents(version);
CREATE TABLE entity_graph (built INTEGER NOT NULL);
INSERT INTO entity_graph(built) VALUES (0);
"""

# Each document's decision for the acronyms it names (the organisation, a root before the acronyms, it joins there),
# so an update decides an acronym again only in the documents keyed since, unless what it may spell changed. The
# graph is built again by the next resolve.
M023_ACRONYM_JOINS = """
CREATE TABLE acronym_joins (
    doc_id TEXT NOT NULL,
    key TEXT NOT NULL,
    form TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (doc_id, key, form)
) WITHOUT ROWID;
CREATE INDEX acronym_joins_key ON acronym_joins(key);
UPDATE entity_graph SET built = 0;
"""

# Per figure fact, its cluster in its bucket (the id of the cluster's first figure), the end of its time scope (where
# the sweep that groups its bucket places it) and its sum of money: a bucket is grouped again from its first change
# on, and a sum finds the buckets holding it by index. Facts without them are grouped whole by the next resolve.
M024_QUANTITY_CLUSTERS = """
ALTER TABLE figure_facts ADD COLUMN cluster TEXT;
ALTER TABLE figure_facts ADD COLUMN scope_end TEXT;
ALTER TABLE figure_facts ADD COLUMN money_sum TEXT;
CREATE INDEX figure_facts_sweep ON figure_facts(bucket, scope_end, doc_id, seq);
CREATE INDEX figure_facts_cluster ON figure_facts(bucket, cluster, scope_end);
CREATE INDEX figure_facts_unclustered ON figure_facts(bucket) WHERE bucket IS NOT NULL AND cluster IS NULL;
CREATE INDEX figure_facts_sum ON figure_facts(money_sum, bucket) WHERE money_sum IS NOT NULL;
CREATE INDEX figure_facts_money ON figure_facts(bucket) WHERE money_sum IS NOT NULL;
CREATE TABLE quantity_clusters_version (version INTEGER NOT NULL);
INSERT INTO quantity_clusters_version(version) VALUES (0);
"""

M025_HAPPENING_WINDOWS = """
DROP TABLE happening_buckets;
CREATE TABLE happening_buckets (
    bucket TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    lo INTEGER,
    hi INTEGER,
    long INTEGER NOT NULL,
    PRIMARY KEY (bucket, doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX happening_buckets_event ON happening_buckets(doc_id, seq);
CREATE INDEX happening_buckets_short ON happening_buckets(bucket, lo) WHERE long = 0;
CREATE INDEX happening_buckets_long ON happening_buckets(bucket, hi) WHERE long = 1;
CREATE INDEX happening_events_happening ON happening_events(happening);
DELETE FROM happening_events;
UPDATE happenings_version SET version = 0;
"""

M026_SUPERSEDED_VERSIONS = """
CREATE INDEX document_versions_previous ON document_versions(previous) WHERE previous IS NOT NULL;
"""

# The few attributions that name whom their source speaks for ("Jo Bloggs, an Acme spokeswoman"), by
# document and source mention: a claimant's voice (`independence.voice_keys`) is read from a person's
# mentions through this index, not from every attribution of every document that names the person.
M027_VOICES = """
CREATE INDEX records_voice ON records(doc_id, json_extract(data, '$.source_mention'))
    WHERE kind = 'attribution' AND json_extract(data, '$.speaks_for') IS NOT NULL;
"""

M028_SUPERSEDED = """
CREATE TABLE superseded (doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE);
INSERT OR IGNORE INTO superseded(doc_id)
    SELECT DISTINCT v.previous FROM document_versions v WHERE v.previous IS NOT NULL AND v.previous IN (SELECT id FROM documents)
    AND v.previous NOT IN (
        SELECT c.doc_id FROM document_versions c WHERE c.version = (SELECT max(w.version) FROM document_versions w WHERE w.url = c.url)
    );
"""

# (version, name, SQL script). Each runs in one transaction with the version bump.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "documents", M001_DOCUMENTS),
    (2, "analysis", M002_ANALYSIS),
    (3, "entities", M003_ENTITIES),
    (5, "stories", M005_STORIES),
    (6, "figures", M006_FIGURES),
    (7, "entity documents", M007_ENTITY_DOCUMENTS),  # per entity and document: mentions, publish date; quantities' sources
    (8, "incremental resolve", M008_INCREMENTAL_RESOLVE),  # keys per mention, links per unit, claims to attach again
    (9, "findings digest", M009_FINDINGS_DIGEST),  # per quantity: finding counts, lead findings, figures in conflict
    (10, "watch", M010_WATCH),  # watched sources, every URL seen, document versions, alerts, polls
    (11, "measure frames", M011_FRAMES),  # per figure fact: its measure frame and the figure it is a part of
    (12, "reviews", M012_REVIEWS),  # analyst corrections and their audit trail (threadline/review.py)
    (13, "stemmed full-text index", M013_FTS_STEMMED),  # porter stemming: "recruits" finds "recruited"
    (14, "quarantine", M014_QUARANTINE),  # documents whose analysis was refused, failed or overran, with the reason
    (15, "story window", M015_STORY_WINDOW),  # documents not clustered yet; documents by date; documents per term
    (16, "alert changes", M016_ALERT_CHANGES),  # every change an alert reported, so each fires once however alerts group
    (17, "mention references", M017_MENTION_REFERENCES),  # per named mention: the pronouns and descriptions its chain holds
    (18, "co-occurrence aggregate", M018_COOCCURRENCE),  # actor pairs per sentence and per pair, kept by resolve; documents to redo
    (19, "happenings aggregate", M019_HAPPENINGS),  # per event: what grouping reads, its connected set and happening; buckets; documents to redo
    (20, "claims records kept", M020_CLAIMS_RECORDS_KEPT),  # documents to attach again whose records are as they were
    (21, "entity key counts", M021_ENTITY_KEY_COUNTS),  # per key unit its mentions; per family and key its documents; in-document organisation joins
    (22, "entity graph", M022_ENTITY_GRAPH),  # per key its roots; the merges as edges; the rules' candidates; keys and documents to redo
    (23, "acronym joins", M023_ACRONYM_JOINS),  # per document and acronym, the organisation it joins there
    (24, "quantity clusters", M024_QUANTITY_CLUSTERS),  # per figure fact: its cluster, scope end and sum; facts by sum
    (25, "happening windows", M025_HAPPENING_WINDOWS),  # per bucket entry its event's days (by start or by end); events by happening
    (26, "superseded versions", M026_SUPERSEDED_VERSIONS),  # the versions rows by the document they replaced (a document's later version)
    (27, "voices", M027_VOICES),  # attributions naming whom their source speaks for, by document and source mention
    (28, "superseded", M028_SUPERSEDED),  # the documents a later version of their page replaced (a page's text come back is current again)
]

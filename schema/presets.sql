-- mediq preset queries. One query per block: a "-- name:" line starts it, then
--   -- title: 中文标题 | English title
--   -- description: what the query answers (may repeat to continue)
--   -- param: NAME = DEFAULT | description   (one line per parameter, in order)
-- and the SQL, which binds each parameter as :NAME. Values are always bound,
-- never spliced into the SQL text.

-- name: documents
-- title: 各文件的数字 | Figures by document
-- description: Every document with its issuer, date and kind, and how many figures,
-- description: sentences and distinct units the loader found in it.
SELECT d.id, d.issue_date, d.kind, d.region, d.title, d.issuer,
       (SELECT count(*) FROM figures f WHERE f.document_id = d.id) AS figures,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentences,
       (SELECT count(DISTINCT unit) FROM figures f WHERE f.document_id = d.id) AS units
FROM documents d
ORDER BY d.issue_date, d.id;

-- name: document
-- title: 一个文件的全部数字 | Figures of one document in text order
-- description: Every figure of one document in the order it appears, with its
-- description: normalized value, unit, qualifier, speaker and the sentence it stands in.
-- param: document = 1 | document id (see the documents preset)
SELECT f.id, f.raw, f.value, f.value_max, f.unit, f.qualifier, f.period, f.role,
       f.speaker, s.text AS sentence
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
WHERE f.document_id = :document
ORDER BY f.char_start;

-- name: keyword
-- title: 关键词相关数字 | Figures about a keyword across documents
-- description: Every figure whose sentence mentions the keyword, across all documents,
-- description: ordered by document date then text order: one subject followed through time.
-- param: keyword = 集中带量采购 | word or phrase to look for in sentences, e.g. 门诊特殊慢性病, DRG, 抽检
SELECT d.issue_date, d.region, d.title AS document, f.raw, f.value, f.unit, f.qualifier,
       f.period, f.role, f.issuer, s.text AS sentence, f.id
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
JOIN documents d ON d.id = f.document_id
WHERE instr(s.text, :keyword) > 0
ORDER BY d.issue_date, d.id, f.char_start;

-- name: plan-indicators
-- title: 广西医疗保障“十四五”规划主要指标 | Guangxi 14th five-year plan indicator table
-- description: The indicator table of the Guangxi medical security plan: each indicator
-- description: with its 2020 baseline beside its 2025 target, as normalized figures.
SELECT f.label AS indicator,
       max(CASE WHEN f.role = 'baseline' THEN f.raw END) AS baseline_2020,
       max(CASE WHEN f.role = 'baseline' THEN f.value END) AS baseline_value,
       max(CASE WHEN f.role = 'target' THEN f.raw END) AS target_2025,
       max(CASE WHEN f.role = 'target' THEN f.value END) AS target_value,
       max(f.unit) AS unit,
       s.text AS row_text
FROM figures f
JOIN documents d ON d.id = f.document_id
JOIN sentences s ON s.id = f.sentence_id
WHERE d.kind = 'plan' AND f.label IS NOT NULL
GROUP BY f.sentence_id
ORDER BY min(f.char_start);

-- name: largest-amounts
-- title: 金额最大的数字 | Largest money amounts
-- description: Money figures (unit 元) across all documents, largest first, with who stated them.
-- param: limit = 20 | how many rows to show
SELECT f.raw, f.value, f.qualifier, f.period, f.issuer, d.title AS document, d.issue_date,
       s.text AS sentence, f.id
FROM figures f
JOIN documents d ON d.id = f.document_id
JOIN sentences s ON s.id = f.sentence_id
WHERE f.unit = '元'
ORDER BY f.value DESC
LIMIT :limit;

-- name: by-speaker
-- title: 各发言人的数字 | Figures by issuer and speaker
-- description: How many figures each issuing body and each press-conference speaker stated,
-- description: with the first and last document date.
SELECT f.issuer, coalesce(f.speaker, '') AS speaker, count(*) AS figures,
       count(DISTINCT f.document_id) AS documents, min(d.issue_date) AS first, max(d.issue_date) AS last
FROM figures f
JOIN documents d ON d.id = f.document_id
GROUP BY f.issuer, f.speaker
ORDER BY figures DESC, f.issuer;

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

-- name: changes
-- title: 从…到…的变化 | What changed: "from … to …" pairs
-- description: Each baseline figure paired with the next figure of the same unit in its
-- description: sentence ("从29个病种扩大到38个", "由16%增加到23%"), with the change, for documents
-- description: issued between two dates.
-- param: from_date = 2019-01-01 | earliest document date, YYYY-MM-DD
-- param: to_date = 2025-12-31 | latest document date, YYYY-MM-DD
SELECT d.issue_date, d.region, b.raw AS "from", n.raw AS "to",
       b.value AS from_value, n.value AS to_value, n.value - b.value AS change, b.unit,
       n.role AS to_role, s.text AS sentence, b.id AS from_id, n.id AS to_id
FROM figures b
JOIN figures n ON n.sentence_id = b.sentence_id AND n.unit = b.unit
     AND n.char_start > b.char_start AND n.role IN ('actual', 'target')
JOIN sentences s ON s.id = b.sentence_id
JOIN documents d ON d.id = b.document_id
WHERE b.role = 'baseline'
  AND d.issue_date BETWEEN :from_date AND :to_date
  AND NOT EXISTS (SELECT 1 FROM figures m
                  WHERE m.sentence_id = b.sentence_id AND m.unit = b.unit
                    AND m.char_start > b.char_start AND m.char_start < n.char_start)
ORDER BY d.issue_date, b.char_start;

-- name: keyword-targets
-- title: 关键词：目标与实际 | Targets beside actuals on a keyword
-- description: Target figures whose sentence mentions a word beside the actual figures other
-- description: documents report in the same unit with the same word: a wider net than the
-- description: indicator-based plan-vs-actual preset.
-- param: keyword = 药品 | subject word both sentences mention, e.g. 集中带量采购, 医保, 门诊
SELECT t.raw AS target, t.period AS target_period, td.issue_date AS target_date,
       t.issuer AS target_issuer, a.raw AS actual, a.period AS actual_period,
       ad.issue_date AS actual_date, a.issuer AS actual_issuer, t.unit,
       ts.text AS target_sentence, xs.text AS actual_sentence, t.id AS target_id, a.id AS actual_id
FROM figures t
JOIN sentences ts ON ts.id = t.sentence_id
JOIN documents td ON td.id = t.document_id
JOIN figures a ON a.unit = t.unit AND a.role = 'actual' AND a.document_id <> t.document_id
JOIN sentences xs ON xs.id = a.sentence_id
JOIN documents ad ON ad.id = a.document_id
WHERE t.role = 'target'
  AND instr(ts.text, :keyword) > 0 AND instr(xs.text, :keyword) > 0
ORDER BY td.issue_date, t.char_start, ad.issue_date, a.char_start;

-- name: keyword-regions
-- title: 关键词：地区对比 | Region against region on a keyword
-- description: Figures whose sentence mentions a word, region by region — the national tasks
-- description: first, then Guangxi, Shandong and the rest — each with its document, date and role.
-- param: keyword = 药品 | subject word the sentence mentions, e.g. 医共体, 基层, DRG
SELECT coalesce(f.region, d.region) AS region, d.issue_date, d.title AS document,
       f.raw, f.value, f.unit, f.role, f.issuer, s.text AS sentence, f.id
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
JOIN documents d ON d.id = f.document_id
WHERE instr(s.text, :keyword) > 0
ORDER BY CASE coalesce(f.region, d.region) WHEN '全国' THEN 0 WHEN '广西' THEN 1 WHEN '山东' THEN 2 ELSE 3 END,
         coalesce(f.region, d.region), d.issue_date, f.char_start;

-- name: region-summary
-- title: 各地区数字概况 | Figures by region
-- description: How many figures each region has, of which targets, actuals, baselines and
-- description: changes, over how many documents and which years.
SELECT coalesce(f.region, d.region) AS region, count(*) AS figures,
       sum(f.role = 'target') AS targets, sum(f.role = 'actual') AS actuals,
       sum(f.role = 'baseline') AS baselines, sum(f.role = 'change') AS changes,
       count(DISTINCT f.document_id) AS documents,
       min(d.issue_date) AS first, max(d.issue_date) AS last
FROM figures f
JOIN documents d ON d.id = f.document_id
GROUP BY 1
ORDER BY figures DESC, region;

-- name: speaker
-- title: 一位发言人的数字 | Figures stated by one speaker
-- description: Every figure a press-conference speaker stated, in the order spoken, with the
-- description: speaker's agency (the issuer of the figure) and the sentence.
-- param: speaker = 吴华章 | speaker's name (see the by-speaker preset)
SELECT d.issue_date, f.speaker, f.issuer, f.raw, f.value, f.unit, f.qualifier, f.period,
       f.role, s.text AS sentence, f.id
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
JOIN documents d ON d.id = f.document_id
WHERE f.speaker = :speaker
ORDER BY d.issue_date, f.char_start;

-- name: by-unit
-- title: 按单位统计 | Figures by unit
-- description: Each unit with how many figures use it, in how many documents, the smallest
-- description: and largest value and an example as written.
SELECT f.unit, count(*) AS figures, count(DISTINCT f.document_id) AS documents,
       min(f.value) AS smallest, max(f.value_max) AS largest, min(f.raw) AS example
FROM figures f
GROUP BY f.unit
ORDER BY figures DESC, f.unit;

-- name: by-year
-- title: 按年份的数字 | Figures by the year they refer to
-- description: Figures whose text gives their own date or year, ordered by that period,
-- description: so a subject can be followed from baseline years to target years.
-- param: keyword = 医保 | word the sentence mentions; a single space matches every sentence with one
SELECT f.period, f.role, f.raw, f.value, f.unit, f.region, d.issue_date, d.title AS document,
       s.text AS sentence, f.id
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
JOIN documents d ON d.id = f.document_id
WHERE f.period IS NOT NULL AND (instr(s.text, :keyword) > 0 OR trim(:keyword) = '')
ORDER BY f.period, d.issue_date, f.char_start;

-- name: percentages
-- title: 比例与比率 | Rates and percentages across documents
-- description: Every percentage figure with its role (target, actual, baseline, change),
-- description: region and date: coverage rates, reimbursement ratios and shares side by side.
-- param: keyword = 率 | word the sentence mentions, e.g. 参保率, 报销, 占比
SELECT d.issue_date, coalesce(f.region, d.region) AS region, f.raw, f.value, f.value_max,
       f.qualifier, f.role, f.period, f.label, s.text AS sentence, f.id
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
JOIN documents d ON d.id = f.document_id
WHERE f.unit = '%' AND (instr(s.text, :keyword) > 0 OR trim(:keyword) = '')
ORDER BY d.issue_date, f.char_start;

-- name: corrections
-- title: 文本更正 | Corrections of damaged source text
-- description: Each correction of damaged text recorded in the manifest: what stands in the
-- description: source, what it should say, why, and how many figures it touches.
SELECT c.id, s.file, c.find, c.replacement, c.occurrences, c.reason,
       (SELECT count(*) FROM figures f WHERE f.source_id = c.source_id
          AND f.issuer = c.replacement AND f.issuer_note IS NOT NULL) AS figures
FROM corrections c
JOIN sources s ON s.id = c.source_id
ORDER BY c.id;

-- name: indicators
-- title: 指标目录 | Indicator catalogue
-- description: Every indicator with its unit, how many figures and documents speak of it,
-- description: and the periods they cover: where to start a cross-document comparison.
SELECT i.key, i.name_zh, i.name_en, i.unit,
       count(f.id) AS figures, count(DISTINCT f.document_id) AS documents,
       min(nullif(f.period, 'unknown')) AS first_period, max(nullif(f.period, 'unknown')) AS last_period
FROM indicators i
LEFT JOIN figures f ON f.indicator_key = i.key
GROUP BY i.key
ORDER BY documents DESC, figures DESC, i.key;

-- name: series
-- title: 指标时间序列 | One indicator across all documents, by period
-- description: Every figure of one indicator across all documents, ordered by the period it
-- description: describes (the document date where the text gives none): baselines, targets,
-- description: reported values and changes side by side. .chart draws it as columns over
-- description: the periods, each with its value and unit (.chart --svg FILE for a picture).
-- param: indicator = vbp_drugs | an indicator key (see the indicators preset) or a Chinese phrase in its name, e.g. 集采
SELECT coalesce(nullif(f.period, 'unknown'), d.issue_date) AS period, f.role, f.direction, f.region,
       f.raw, f.value, f.unit, f.qualifier, f.agency, d.issue_date, d.title AS document, i.key AS indicator, f.id
FROM figures f
JOIN indicators i ON i.key = f.indicator_key
JOIN documents d ON d.id = f.document_id
WHERE i.key = :indicator OR instr(i.name_zh, :indicator) > 0
ORDER BY i.key,
         CASE WHEN f.period = 'unknown' THEN d.issue_date
              WHEN instr(f.period, '/') > 0 THEN substr(f.period, instr(f.period, '/') + 1)
              ELSE f.period END,
         d.issue_date, f.char_start;

-- name: plan-vs-actual
-- title: 规划目标与最新实际 | Plan targets beside the latest reported actuals
-- description: For one region, every target beside the latest actual value reported for the same
-- description: measure in a document issued after the target's: the same indicator, or where neither figure has one the
-- description: same subject, and always the same unit and region. A ceiling (可达, 最高) or a rule's bound
-- description: is no actual. met says whether the target was met (by its qualifier: 超过 needs more, 以下
-- description: at most, otherwise at least); why says on what the two were matched; both sentences follow.
-- description: .chart draws each target beside its latest actual as a pair of bars.
-- param: region = 广西 | region, e.g. 广西, 山东, 全国
WITH targets AS (
    SELECT f.id, f.indicator_key, f.subject, f.unit, f.raw, f.value, f.qualifier, f.period,
           d.title AS document, d.issue_date, s.text AS sentence
    FROM figures f JOIN documents d ON d.id = f.document_id JOIN sentences s ON s.id = f.sentence_id
    WHERE f.role = 'target' AND f.region = :region
      AND (f.indicator_key IS NOT NULL OR coalesce(f.subject, '') <> '')
), pairs AS (
    SELECT t.id AS target_id, a.id AS actual_id,
           CASE WHEN t.indicator_key IS NOT NULL THEN 'indicator ' || t.indicator_key
                ELSE 'subject ' || t.subject END AS why,
           row_number() OVER (PARTITION BY t.id
                              ORDER BY ad.issue_date DESC, nullif(a.period, 'unknown') DESC, a.id) AS recency
    FROM targets t
    JOIN figures a ON a.role = 'actual' AND a.region = :region AND a.unit = t.unit
         AND (t.indicator_key IS NOT NULL AND a.indicator_key = t.indicator_key
              OR t.indicator_key IS NULL AND a.indicator_key IS NULL AND a.subject = t.subject)
    JOIN documents ad ON ad.id = a.document_id
    WHERE ad.issue_date > t.issue_date
)
SELECT coalesce(i.name_zh, t.subject) AS measure, t.raw AS target, t.period AS target_period,
       t.document AS target_document, a.raw AS latest_actual, a.period AS actual_period,
       ad.title AS actual_document,
       CASE WHEN a.id IS NULL THEN NULL
            WHEN t.qualifier = 'gt' THEN iif(a.value > t.value, 'yes', 'no')
            WHEN t.qualifier = 'lt' THEN iif(a.value < t.value, 'yes', 'no')
            WHEN t.qualifier = 'lte' THEN iif(a.value <= t.value, 'yes', 'no')
            ELSE iif(a.value >= t.value, 'yes', 'no') END AS met,
       p.why, t.unit, t.sentence AS target_sentence, xs.text AS actual_sentence,
       t.id AS target_id, a.id AS actual_id
FROM targets t
LEFT JOIN indicators i ON i.key = t.indicator_key
LEFT JOIN pairs p ON p.target_id = t.id AND p.recency = 1
LEFT JOIN figures a ON a.id = p.actual_id
LEFT JOIN documents ad ON ad.id = a.document_id
LEFT JOIN sentences xs ON xs.id = a.sentence_id
WHERE t.indicator_key IS NOT NULL OR a.id IS NOT NULL
ORDER BY (a.id IS NULL), coalesce(t.indicator_key, t.subject), t.period;

-- name: subjects
-- title: 跨文件的同一测量 | Subjects measured in two or more documents
-- description: Every subject (what a figure measures, read from its sentence or table row) that
-- description: figures of two or more documents measure in the same unit. A Chinese noun phrase ends
-- description: in its head, so a subject counts every figure whose subject ends with it
-- description: (救助比例 takes 住院医疗费用救助比例). List one with the subject-figures preset.
WITH s AS (
    SELECT DISTINCT subject, unit FROM figures WHERE length(subject) >= 2
)
SELECT s.subject, s.unit, count(*) AS figures, count(DISTINCT f.document_id) AS documents,
       group_concat(DISTINCT f.period) AS periods, min(f.raw) AS example
FROM s
JOIN figures f ON f.unit = s.unit AND f.subject LIKE '%' || s.subject
GROUP BY s.subject, s.unit
HAVING count(DISTINCT f.document_id) >= 2
ORDER BY documents DESC, length(s.subject) DESC, figures DESC, s.subject;

-- name: subject-figures
-- title: 同一测量的数字 | Figures of one subject across documents
-- description: Every figure whose subject ends with the one given (救助比例 takes
-- description: 住院医疗费用救助比例), document by document, with its period, role, region and
-- description: sentence: the same measure lined up without an indicator.
-- param: subject = 救助比例 | a subject, as the subjects preset lists it
SELECT d.issue_date, d.title AS document, f.subject, f.raw, f.value, f.unit, f.period, f.role,
       f.region, s.text AS sentence, f.id
FROM figures f
JOIN documents d ON d.id = f.document_id
JOIN sentences s ON s.id = f.sentence_id
WHERE f.subject LIKE '%' || :subject
ORDER BY d.issue_date, f.char_start;

-- name: regions
-- title: 地区对比 | One indicator, region against region
-- description: For one indicator, each region's latest reported value and latest target, with
-- description: their periods and documents: Guangxi against Shandong against the national tasks.
-- param: indicator = vbp_drugs | an indicator key (see the indicators preset)
WITH ranked AS (
    SELECT f.*, d.title AS document, d.issue_date,
           row_number() OVER (PARTITION BY f.region, f.role
                              ORDER BY d.issue_date DESC, nullif(f.period, 'unknown') DESC, f.id) AS recency
    FROM figures f JOIN documents d ON d.id = f.document_id
    WHERE f.indicator_key = :indicator
)
SELECT r.region,
       max(CASE WHEN r.role = 'actual' THEN r.raw END) AS latest_actual,
       max(CASE WHEN r.role = 'actual' THEN r.period END) AS actual_period,
       max(CASE WHEN r.role = 'target' THEN r.raw END) AS latest_target,
       max(CASE WHEN r.role = 'target' THEN r.period END) AS target_period,
       max(CASE WHEN r.role = 'baseline' THEN r.raw END) AS baseline,
       (SELECT count(*) FROM figures g WHERE g.indicator_key = :indicator AND g.region = r.region) AS figures,
       group_concat(DISTINCT r.document) AS documents
FROM ranked r
WHERE r.recency = 1
GROUP BY r.region
ORDER BY r.region = '全国' DESC, figures DESC, r.region;

-- name: indicator-figures
-- title: 指标的全部数字及其句子 | Every figure of one indicator with its sentence
-- description: Every figure attached to one indicator with the sentence it stands in, so that
-- description: each can be checked against its source.
-- param: indicator = vbp_drugs | an indicator key (see the indicators preset)
SELECT f.id, d.issue_date, f.region, f.raw, f.value, f.unit, f.period, f.role, f.agency, s.text AS sentence
FROM figures f
JOIN sentences s ON s.id = f.sentence_id
JOIN documents d ON d.id = f.document_id
WHERE f.indicator_key = :indicator
ORDER BY d.issue_date, f.char_start;

-- A script session: every output mode on real rows, presets, dot-commands
-- and an error, run by TestScriptSession into session.golden.
.mode table
SELECT id, raw, value, unit, qualifier, period
FROM figures WHERE document_id = 3 ORDER BY char_start LIMIT 4;
.mode box
.preset by-unit
.headers off
.mode csv
.preset largest-amounts 3
.headers on
.mode json
SELECT raw, value, value_max, unit FROM figures WHERE qualifier = 'range';
.mode line
.figure 5
.preset keyword 门诊特殊慢性病 --sql
.mode markdown
.preset changes to_date=2022-12-31
SELEC oops;
.mode list
SELECT 'after the error', count(*) FROM figures;

package db_test

import (
	"database/sql"
	"testing"
)

// attachedByHand is a hand check of every figure the loader attaches to an
// indicator: source, offset, raw text and the indicator a reader assigns.
var attachedByHand = []struct {
	source    string
	start     int
	raw, want string
}{
	{"000", 1751, "514家", "mutual_recognition_institutions"},
	{"000", 1921, "100%", "assistance_ratio"},
	{"000", 1960, "34.79亿元", "assistance_spending"},
	{"000", 1972, "301.29万人", "assistance_subsidised_enrolment"},
	{"000", 2102, "147种", "negotiated_drugs_outpatient"},
	{"000", 2119, "44种", "rare_disease_drugs"},
	{"000", 2145, "38种", "chronic_disease_types"},
	{"000", 2153, "1658种", "chronic_disease_drugs"},
	{"000", 2161, "211项", "new_service_items"},
	{"000", 2359, "2902批次", "drug_sampling_batches"},
	{"000", 2369, "99.21%", "drug_sampling_pass_rate"},
	{"000", 2456, "10个", "generic_consistency"},
	{"000", 2462, "41个", "generic_consistency"},
	{"000", 2780, "20余万元", "cochlear_implant_price"},
	{"000", 2850, "5万元左右", "cochlear_implant_price"},
	{"000", 2859, "75%", "vbp_price_cut"},
	{"000", 3206, "891种", "vbp_drugs"},
	{"000", 3213, "94类", "vbp_consumables"},
	{"000", 3241, "109种", "vbp_drugs"},
	{"000", 3246, "15类", "vbp_consumables"},
	{"000", 4181, "26家", "vbp_manufacturers_inspected"},
	{"000", 4472, "74批", "drug_sampling_batches"},
	{"000", 4859, "147种", "negotiated_drugs_outpatient"},
	{"000", 4867, "44种", "rare_disease_drugs"},
	{"000", 5225, "29个", "chronic_disease_types"},
	{"000", 5233, "38个", "chronic_disease_types"},
	{"000", 5300, "1658种", "chronic_disease_drugs"},
	{"000", 5387, "1658个", "chronic_disease_drugs"},
	{"000", 6124, "2901例", "vaccine_adverse_events"},
	{"000", 7085, "73项", "test_mutual_recognition_items"},
	{"000", 7091, "118项", "test_mutual_recognition_items"},
	{"000", 7104, "52项", "test_mutual_recognition_items"},
	{"000", 7110, "320项", "test_mutual_recognition_items"},
	{"000", 7120, "514家", "mutual_recognition_institutions"},
	{"001", 206, "11个", "reform_pilot_provinces"},
	{"001", 2499, "11个", "reform_pilot_provinces"},
	{"001", 2546, "11个", "reform_pilot_provinces"},
	{"002", 776, "5205 万人", "insured_persons"},
	{"002", 863, "65 元", "critical_illness_funding"},
	{"002", 893, "3 万元", "assistance_max_amount"},
	{"002", 901, "6 万元", "assistance_max_amount"},
	{"002", 1204, "126 个", "vbp_drugs"},
	{"002", 1228, "58.9%", "vbp_price_cut"},
	{"002", 1246, "15.66 亿元", "vbp_savings"},
	{"002", 1318, "600 多项", "new_service_items"},
	{"002", 2227, "超过 90%", "vbp_price_cut"},
	{"002", 2250, "近 8.62 亿元", "vbp_savings"},
	{"002", 4236, ">95%", "insurance_enrolment_rate"},
	{"002", 4241, ">97%", "insurance_enrolment_rate"},
	{"002", 4274, "680.93", "insurance_fund_income"},
	{"002", 4327, "607.44", "insurance_fund_spending"},
	{"002", 4385, "85%左右", "inpatient_reimbursement_employee"},
	{"002", 4429, "70%左右", "inpatient_reimbursement_resident"},
	{"002", 4468, "70%左右", "assistance_ratio"},
	{"002", 4474, "70%左右", "assistance_ratio"},
	{"002", 4516, "30%", "drg_dip_share"},
	{"002", 4520, ">70%", "drg_dip_share"},
	{"002", 4545, "126", "vbp_drugs"},
	{"002", 4549, "800", "vbp_drugs"},
	{"002", 4575, "1", "vbp_consumables"},
	{"002", 4577, "10", "vbp_consumables"},
	{"002", 4631, "70%左右", "cross_province_settlement_rate"},
	{"002", 4637, ">70%", "cross_province_settlement_rate"},
	{"003", 104, "388个", "county_medical_communities"},
	{"003", 630, "388个", "county_medical_communities"},
	{"003", 1869, "1.43万批次", "drug_sampling_batches"},
	{"003", 1890, "289批次", "drug_sampling_batches"},
	{"003", 1969, "12家", "vbp_manufacturers_inspected"},
	{"003", 2385, "134个", "generic_consistency"},
	{"003", 2925, "不低于550元", "resident_subsidy"},
	{"003", 2935, "不低于580元", "resident_subsidy"},
	{"004", 1746, "超过350个", "vbp_drugs"},
	{"004", 2225, "40%以上", "drg_dip_regions"},
	{"004", 2307, "30%", "drg_dip_share"},
	{"004", 5182, "3.5万人", "gp_training"},
	{"004", 6098, "3家", "regional_medical_centres"},
	{"004", 6216, "4家", "regional_medical_centres"},
	{"004", 9477, "20个", "drg_groups_added"},
	{"004", 10061, "超过500个", "vbp_drugs"},
	{"004", 10095, "超过25类", "vbp_consumables"},
}

// TestIndicatorAttachment compares the indicators of the embedded figures
// with the hand check: at least 95 % must agree, and no figure may carry an
// indicator the hand check has not seen.
func TestIndicatorAttachment(t *testing.T) {
	h := openEmbedded(t)
	rows, err := h.Query(`SELECT substr(s.file, 1, 3), f.char_start, f.raw, f.indicator_key
		FROM figures f JOIN sources s ON s.id = f.source_id WHERE f.indicator_key IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type key struct {
		source string
		start  int
	}
	got := map[key]string{}
	for rows.Next() {
		var k key
		var raw, ind string
		if err := rows.Scan(&k.source, &k.start, &raw, &ind); err != nil {
			t.Fatal(err)
		}
		got[k] = ind
	}
	right := 0
	seen := map[key]bool{}
	for _, c := range attachedByHand {
		k := key{c.source, c.start}
		seen[k] = true
		if got[k] == c.want {
			right++
		} else {
			t.Logf("%s %d %q: attached to %q, the hand check says %q", c.source, c.start, c.raw, got[k], c.want)
		}
	}
	for k, ind := range got {
		if !seen[k] {
			t.Errorf("%s %d: attached to %s, which the hand check has not seen; check it and add it to attachedByHand", k.source, k.start, ind)
		}
	}
	if share := float64(right) / float64(len(attachedByHand)); share < 0.95 {
		t.Errorf("%d of %d attachments agree with the hand check (%.1f%%), want at least 95%%", right, len(attachedByHand), 100*share)
	}
}

// TestIndicatorSeries checks that indicators line figures up across
// documents: every indicator has figures, and the procurement series span
// the plan, the notices and the press conference.
func TestIndicatorSeries(t *testing.T) {
	h := openEmbedded(t)
	if n := count(t, h, "SELECT count(*) FROM indicators"); n < 30 {
		t.Errorf("%d indicators, want at least 30", n)
	}
	if n := count(t, h, "SELECT count(*) FROM indicators i WHERE NOT EXISTS (SELECT 1 FROM figures f WHERE f.indicator_key = i.key)"); n != 0 {
		t.Errorf("%d indicators have no figure", n)
	}
	multi := count(t, h, `SELECT count(*) FROM (SELECT indicator_key FROM figures WHERE indicator_key IS NOT NULL
		GROUP BY indicator_key HAVING count(DISTINCT document_id) >= 2)`)
	if multi < 9 {
		t.Errorf("%d indicators draw on two or more documents, want at least 9", multi)
	}
	if n := count(t, h, "SELECT count(DISTINCT document_id) FROM figures WHERE indicator_key = 'vbp_drugs'"); n != 4 {
		t.Errorf("vbp_drugs draws on %d documents, want 4 (000, 002 and both of 004)", n)
	}
}

// TestPeriodsAndRoles checks that every figure has a period or an explicit
// unknown, and that the plan's indicator table and the key-task notices
// state targets and baselines.
func TestPeriodsAndRoles(t *testing.T) {
	h := openEmbedded(t)
	if n := count(t, h, "SELECT count(*) FROM figures WHERE period IS NULL OR period = ''"); n != 0 {
		t.Errorf("%d figures without a period", n)
	}
	if n := count(t, h, `SELECT count(*) FROM figures f JOIN documents d ON d.id = f.document_id
		WHERE d.kind = 'plan' AND f.label IS NOT NULL AND f.role NOT IN ('target', 'baseline')`); n != 0 {
		t.Errorf("%d cells of the plan's indicator table are neither target nor baseline", n)
	}
	if n := count(t, h, `SELECT count(*) FROM figures f JOIN documents d ON d.id = f.document_id
		JOIN sentences s ON s.id = f.sentence_id
		WHERE d.kind = 'notice' AND s.section IS NOT NULL AND f.role NOT IN ('target', 'baseline')`); n != 0 {
		t.Errorf("%d figures in the notices' tasks are neither target nor baseline", n)
	}
	var direction string
	if err := h.QueryRow(`SELECT direction FROM figures WHERE raw = '15类'`).Scan(&direction); err != nil || direction != "up" {
		t.Errorf("15类 (较2024年底增加109种、15类): direction %q, %v", direction, err)
	}
	if n := count(t, h, `SELECT count(*) FROM figures a JOIN figures b ON b.id = a.pair_id
		WHERE b.pair_id <> a.id OR a.unit <> b.unit OR a.sentence_id <> b.sentence_id`); n != 0 {
		t.Errorf("%d from–to pairs are not symmetric within one sentence and unit", n)
	}
	if n := count(t, h, `SELECT count(*) FROM figures a JOIN figures b ON b.id = a.pair_id
		WHERE a.raw = '3 万元' AND b.raw = '6 万元' AND a.role = 'baseline' AND b.direction = 'up'`); n != 1 {
		t.Error("从 3 万元提高到 6 万元 is not a linked pair")
	}
}

// TestPlanVsActualPairsLikeWithLike checks the plan-vs-actual preset on the
// embedded data: every pair has the same unit and region and says why it
// was made, and no ceiling is taken for an actual — the plan's 70%左右 for
// 重点救助对象 is not "met" by a press conference's 特困对象…可达100%.
func TestPlanVsActualPairsLikeWithLike(t *testing.T) {
	h := openEmbedded(t)
	var q string
	if err := h.QueryRow("SELECT sql FROM presets WHERE name = 'plan-vs-actual'").Scan(&q); err != nil {
		t.Fatal(err)
	}
	rows, err := h.Query(q, sql.Named("region", "广西"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	pairs := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]any{}
		for i, c := range cols {
			row[c] = vals[i]
		}
		if row["actual_id"] == nil {
			continue
		}
		pairs++
		if row["why"] == nil || row["why"] == "" {
			t.Errorf("pair %v–%v says not why it was made", row["target"], row["latest_actual"])
		}
		var tu, au, tr, ar string
		if err := h.QueryRow("SELECT t.unit, a.unit, t.region, a.region FROM figures t, figures a WHERE t.id = ? AND a.id = ?",
			row["target_id"], row["actual_id"]).Scan(&tu, &au, &tr, &ar); err != nil {
			t.Fatal(err)
		}
		if tu != au || tr != ar {
			t.Errorf("pair %v–%v: units %s/%s, regions %s/%s", row["target"], row["latest_actual"], tu, au, tr, ar)
		}
		if row["latest_actual"] == "100%" {
			t.Errorf("the ceiling 可达100%% was paired as an actual with %v", row["target"])
		}
	}
	if pairs == 0 {
		t.Error("plan-vs-actual paired nothing for 广西")
	}
	var role sql.NullString
	if err := h.QueryRow(`SELECT f.role FROM figures f JOIN sentences s ON s.id = f.sentence_id
		WHERE f.raw = '100%' AND instr(s.text, '可达100%') > 0`).Scan(&role); err != nil {
		t.Fatal(err)
	}
	if role.Valid {
		t.Errorf("可达100%% has the role %q; a ceiling has none", role.String)
	}
}

#!/usr/bin/env bash
# bench-oneshot.sh: how fast `mediq "SELECT count(*) FROM figures"` answers in
# a cold one-shot run (a fresh process each time, as a person or a script
# runs it) against the official sqlite3 program on the same database file,
# and how much memory it uses.
#
# Usage: scripts/bench-oneshot.sh [RUNS]     (default 30 runs per command)
#
# Uses hyperfine when installed, else a loop timed with `date`; sqlite3 when
# installed (else it reports mediq alone); /usr/bin/time -v for the maximum
# resident set size when present. Exits 1 if mediq is slower than 2x sqlite3
# or uses 50 MB or more, the limits issue 3 sets.
set -euo pipefail

runs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building mediq..."
(cd "$root" && go build -o "$tmp/mediq" .)
mediq=$tmp/mediq
dbfile=$tmp/mediq.db
if ! out=$("$mediq" ".backup $dbfile" 2>&1); then echo "$out" >&2; exit 1; fi
query='SELECT count(*) FROM figures'

sqlite3=$(command -v sqlite3 || true)
echo "answer: mediq $("$mediq" "$query"), mediq -db $("$mediq" -db "$dbfile" "$query")${sqlite3:+, sqlite3 $("$sqlite3" "$dbfile" "$query")}"

# stats_ms CMD...: "median mean min" wall time of CMD over $runs runs, in
# milliseconds. The median decides: on a shared machine it is the least
# disturbed by other processes, and the mean and min are shown beside it.
stats_ms() {
	if command -v hyperfine >/dev/null; then
		local cmdline
		printf -v cmdline '%q ' "$@"
		hyperfine --shell=none --warmup 3 --runs "$runs" --export-csv "$tmp/h.csv" "$cmdline" >/dev/null
		# CSV: command,mean,stddev,median,user,system,min,max (seconds)
		awk -F, 'NR == 2 { printf "%.2f %.2f %.2f\n", $4 * 1000, $2 * 1000, $7 * 1000 }' "$tmp/h.csv"
	else
		local i start end
		for i in 1 2 3; do "$@" >/dev/null; done
		: >"$tmp/times"
		for ((i = 0; i < runs; i++)); do
			start=$(date +%s%N)
			"$@" >/dev/null
			end=$(date +%s%N)
			echo $((end - start)) >>"$tmp/times"
		done
		sort -n "$tmp/times" | awk '{ t[NR] = $1; sum += $1 }
			END { printf "%.2f %.2f %.2f\n", (t[int((NR + 1) / 2)] + t[int(NR / 2) + 1]) / 2e6, sum / NR / 1e6, t[1] / 1e6 }'
	fi
}

# max_rss_kb CMD...: maximum resident set size of one run, in kilobytes.
max_rss_kb() {
	if [[ -x /usr/bin/time ]]; then
		/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'
	fi
}

timer=$(command -v hyperfine >/dev/null && echo hyperfine || echo "date around each run")
echo "timing $runs cold runs of each ($timer), in ms:"
printf '  %-20s %8s %8s %8s\n' "" median mean min
row() { printf '  %-20s %8s %8s %8s\n' "$1" $2; }
m=$(stats_ms "$mediq" "$query")
row "mediq" "$m"
row "mediq -db FILE" "$(stats_ms "$mediq" -db "$dbfile" "$query")"
fail=0
if [[ -n $sqlite3 ]]; then
	s=$(stats_ms "$sqlite3" "$dbfile" "$query")
	row "sqlite3 FILE" "$s"
	ratio=$(awk -v a="${m%% *}" -v b="${s%% *}" 'BEGIN { printf "%.2f", a / b }')
	echo "  mediq / sqlite3 (medians) = ${ratio}x (limit 2x)"
	awk -v r="$ratio" 'BEGIN { exit !(r > 2) }' && fail=1
else
	echo "  sqlite3 not installed: no comparison (apt-get install sqlite3)"
fi

rss=$(max_rss_kb "$mediq" "$query")
if [[ -n $rss ]]; then
	echo "max RSS: mediq $((rss / 1024)) MB (limit 50 MB)${sqlite3:+, sqlite3 $(($(max_rss_kb "$sqlite3" "$dbfile" "$query") / 1024)) MB}"
	((rss >= 50 * 1024)) && fail=1
else
	echo "max RSS: /usr/bin/time not present, not measured"
fi
if ((fail)); then
	echo "FAIL: over a limit"
	exit 1
fi
echo "ok"

#!/usr/bin/env bash
# bench-oneshot.sh: how fast a cold one-shot `mediq "SELECT count(*) FROM
# figures"` answers (a fresh process each time, as a person or a script runs
# it), against
#   floor    internal/floor: the smallest Go program that opens the same
#            embedded database with modernc.org/sqlite and runs the same
#            query, built the same way as mediq;
#   sqlite3  the sqlite3 C shell on the same database file (written by
#            .backup), when installed: apt-get update && apt-get install -y sqlite3
# and how much memory mediq uses.
#
# Usage: scripts/bench-oneshot.sh [RUNS]      (default 40 paired rounds)
#        CGO_ENABLED=0 scripts/bench-oneshot.sh   (static binaries, both)
#
# internal/pairbench runs the commands in paired rounds (each round starts
# each command once, in rotating order) so that load from other processes on
# a shared machine falls on all of them alike, and reports medians. Exits 1
# when mediq / floor exceeds 1.10 or mediq's maximum RSS reaches 20 MB, the
# limits of issue 11. Benchmarks are noisy on a busy machine: run it again
# before believing a failure, and never put its numbers in tests.
set -euo pipefail

runs=${1:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building mediq, floor and pairbench (CGO_ENABLED=${CGO_ENABLED:-$(go env CGO_ENABLED)})..."
(
	cd "$root"
	go build -o "$tmp/mediq" .
	go build -o "$tmp/floor" ./internal/floor
	CGO_ENABLED=0 go build -o "$tmp/pairbench" ./internal/pairbench
)
query='SELECT count(*) FROM figures'
dbfile=$tmp/mediq.db
if ! out=$("$tmp/mediq" ".backup $dbfile" 2>&1); then echo "$out" >&2; exit 1; fi

cmds=(mediq: "$tmp/mediq" "$query" -- floor: "$tmp/floor" "$query")
sqlite3=$(command -v sqlite3 || true)
if [[ -n $sqlite3 ]]; then
	cmds+=(-- sqlite3: "$sqlite3" "$dbfile" "$query")
fi
echo "answers: mediq $("$tmp/mediq" "$query"), floor $("$tmp/floor" "$query")${sqlite3:+, sqlite3 $("$sqlite3" "$dbfile" "$query")}"
echo "binary sizes: mediq $(($(stat -c %s "$tmp/mediq") / 1024)) KB, floor $(($(stat -c %s "$tmp/floor") / 1024)) KB"

status=0
"$tmp/pairbench" -runs "$runs" -limit floor=1.10 -rss 20 "${cmds[@]}" || status=$?
if [[ -z $sqlite3 ]]; then
	echo "sqlite3 is not installed, so there is no mediq / sqlite3 ratio;"
	echo "install it with: apt-get update && apt-get install -y sqlite3"
fi
exit $status

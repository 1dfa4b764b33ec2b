#!/usr/bin/env bash
# `sinergi link` as a user runs it: a list written here (40 people, three of them twice with a typing error), a
# column map, then dedupe and match; and a map naming a column the list lacks, which must fail with a message in
# both languages naming the file, line and column. Usage: link_cli_test.sh PATH/TO/sinergi
set -euo pipefail
sinergi=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/link-cli-test.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() {
    echo "link_cli_test: $*" >&2
    exit 1
}

given=(Siti Agus Budi Dewi Eko Rina Joko Wahyu Yuni Ahmad)
family=(Santoso Wibowo Hidayat Saputra Rahayu Setiawan Purnomo Kurniawan)
{
    echo "id,nama_depan,nama_belakang,tanggal_lahir,nik,desa"
    for i in $(seq 1 40); do
        g=${given[$((i % 10))]}
        f=${family[$(((i * 7) % 8))]}
        day=$(printf '%02d' $(((i * 3) % 28 + 1)))
        month=$(printf '%02d' $(((i * 5) % 12 + 1)))
        year=$((1950 + (i * 11) % 50))
        echo "P$i,$g,$f,$day/$month/$year,3302${day}${month}${year:2:2}$(printf '%06d' $((i * 7919)))0,Desa $((i % 6))"
    done
} >"$dir/list.csv"
cp "$dir/list.csv" "$dir/left.csv"
# Three people again: a dropped letter, a mistyped NIK digit, day and month swapped.
{
    head -n 1 "$dir/list.csv"
    sed -n '6p' "$dir/list.csv" | sed 's/^P5,\([A-Za-z]*\),\([A-Za-z]*\)[a-z],/D5,\1,\2,/'
    sed -n '11p' "$dir/list.csv" | sed 's/^P10,/D10,/; s/,3302\([0-9]\{6\}\)\([0-9]\)/,3302\1X/' |
        awk -F, -v OFS=, '{ sub(/X/, "9", $5); print }'
    sed -n '22p' "$dir/list.csv" | sed 's/^P21,/D21,/' |
        awk -F, -v OFS=, '{ split($4, d, "/"); $4 = d[2] "/" d[1] "/" d[3]; print }'
} >"$dir/right.csv"
tail -n +2 "$dir/right.csv" >>"$dir/list.csv"
cat >"$dir/map.json" <<'EOF'
{"id": "id", "given_name": "nama_depan", "surname": "nama_belakang", "birth_date": "tanggal_lahir",
 "birth_date_format": "DD/MM/YYYY", "nik": "nik", "locality": "desa"}
EOF

"$sinergi" link dedupe --input "$dir/list.csv" --map "$dir/map.json" --out "$dir/pairs.csv" \
    --clusters "$dir/clusters.csv" >"$dir/out.txt" 2>"$dir/err.txt" || fail "dedupe failed: $(cat "$dir/err.txt")"
grep -q "candidate pairs" "$dir/out.txt" || fail "no summary line: $(cat "$dir/out.txt")"
head -n 1 "$dir/pairs.csv" | grep -q '^left_id,right_id,weight,probability,decision,given_name_level,' ||
    fail "pairs.csv header: $(head -n 1 "$dir/pairs.csv")"
for pair in P5,D5 P10,D10 P21,D21; do
    grep -q "^$pair,.*,match," "$dir/pairs.csv" || fail "dedupe did not match $pair: $(cat "$dir/pairs.csv")"
done
[[ $(grep -c ',match,' "$dir/pairs.csv") -eq 3 ]] || fail "dedupe matched other pairs: $(cat "$dir/pairs.csv")"
[[ $(wc -l <"$dir/clusters.csv") -eq 44 ]] || fail "clusters.csv should list 43 records"

"$sinergi" link match --left "$dir/left.csv" --right "$dir/right.csv" --map "$dir/map.json" \
    --out "$dir/links.csv" >"$dir/out.txt" 2>"$dir/err.txt" || fail "match failed: $(cat "$dir/err.txt")"
for pair in P5,D5 P10,D10 P21,D21; do
    grep -q "^$pair,.*,match," "$dir/links.csv" || fail "match did not link $pair: $(cat "$dir/links.csv")"
done

sed 's/"desa"/"kelurahan"/' "$dir/map.json" >"$dir/bad-map.json"
if "$sinergi" link dedupe --input "$dir/list.csv" --map "$dir/bad-map.json" --out "$dir/bad.csv" \
    >"$dir/out.txt" 2>"$dir/err.txt"; then
    fail "a map naming a missing column should fail"
fi
grep -q "list.csv, baris 1, kolom kelurahan" "$dir/err.txt" || fail "error message: $(cat "$dir/err.txt")"
grep -q "list.csv, line 1, column kelurahan" "$dir/err.txt" || fail "error message: $(cat "$dir/err.txt")"
echo "link_cli_test: ok"

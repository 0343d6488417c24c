#!/bin/sh
# Real clients of sitelint's output: Vim's quickfix list, the pre-commit
# framework and a plain git hook, and SARIF validators.  A client that is
# not installed is skipped, and counted as skipped.  Never the network.
# Ends "N passed, N failed, N skipped".
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/fixtures
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
check() {
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok $1"
    else fail=$((fail + 1)); echo "FAIL $1"; fi
}
skipped() { skip=$((skip + 1)); echo "skip $1"; }

# A site with findings of every shape: with a range, with a note, about a
# whole file, and a multi-byte character before a column.
site=$tmp/site
cp -R "$fx/output-gcc/source" "$site"
rm -f "$site/args" "$site/expected"
printf 'binary\000file\n' >"$site/content/binary.md"
(cd "$site" && "$bin" --offline) >"$tmp/out.txt" 2>/dev/null

# ---- Vim ----------------------------------------------------------------
# What each line with a position must become in the quickfix list:
# file|line|col|valid, and the severity the line names.
sed -nE 's/^([^:]+):([0-9]+):([0-9]+): (error|warning|note): .*/\1|\2|\3|1|\4/p' \
    "$tmp/out.txt" >"$tmp/want"
if command -v vim >/dev/null 2>&1; then
    # qf(EFM-SETUP): load out.txt with cgetfile and write one line a valid
    # entry: file|line|col|valid|type|text.
    qf() {
        (cd "$site" && vim -Nu NONE -i NONE -n -es \
            -c "$1" \
            -c "cgetfile $tmp/out.txt" \
            -c "call writefile(map(filter(getqflist(), 'v:val.valid'), 'printf(\"%s|%d|%d|%d|%s|%s\", bufname(v:val.bufnr), v:val.lnum, v:val.col, v:val.valid, v:val.type, v:val.text)'), '$tmp/qf')" \
            -c 'qa!') </dev/null >/dev/null 2>&1
    }
    qf 'set nocp'
    cut -d'|' -f1-4 "$tmp/qf" >"$tmp/qf.pos"
    cut -d'|' -f1-4 "$tmp/want" >"$tmp/want.pos"
    [ -s "$tmp/want.pos" ] && cmp -s "$tmp/want.pos" "$tmp/qf.pos"
    check "vim, default errorformat: file, line and column of every finding" $?
    sed -E 's/^[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\| ?//' "$tmp/qf" |
        cut -d: -f1 >"$tmp/qf.sev"
    cut -d'|' -f5 "$tmp/want" >"$tmp/want.sev"
    cmp -s "$tmp/want.sev" "$tmp/qf.sev"
    check "vim, default errorformat: each entry's text starts with its severity" $?
    grep -q '^content/binary.md|' "$tmp/qf"; [ $? -ne 0 ]
    check "vim: a finding about a whole file is no jump to a line" $?
    qf 'set nocp | compiler gcc'
    cut -d'|' -f1-3,5 "$tmp/qf" >"$tmp/qf.type"
    sed -E 's/\|1\|error$/|e/; s/\|1\|warning$/|w/; s/\|1\|note$/|/' \
        "$tmp/want" >"$tmp/want.type"
    cmp -s "$tmp/want.type" "$tmp/qf.type"
    check "vim, :compiler gcc: type e for errors, w for warnings, none for notes" $?
else
    skipped "vim quickfix (vim not installed)"
fi

# ---- pre-commit and git ----------------------------------------------------
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/sitelint"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home"
mkdir -p "$HOME"
git config --global init.defaultBranch main 2>/dev/null

# A Hugo site in a git repository, with one clean page committed.
new_site() {
    rm -rf "$1"
    mkdir -p "$1/content"
    printf 'title = "T"\n' >"$1/hugo.toml"
    printf '# Resources\n\nSee [the other page](/other/).\n' >"$1/content/_index.md"
    printf '# Other\n' >"$1/content/other.md"
    git -C "$1" init -q
}

if command -v git >/dev/null 2>&1 && command -v pre-commit >/dev/null 2>&1; then
    # The hooks repository is this tree's .pre-commit-hooks.yaml, as
    # committed or not.
    mkdir -p "$tmp/hooks"
    cp "$top/.pre-commit-hooks.yaml" "$tmp/hooks/"
    git -C "$tmp/hooks" init -q && git -C "$tmp/hooks" add . &&
        git -C "$tmp/hooks" commit -qm hooks
    rev=$(git -C "$tmp/hooks" rev-parse HEAD)
    repo=$tmp/pc-site
    new_site "$repo"
    cat >"$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: sitelint
EOF
    export PRE_COMMIT_HOME="$tmp/pre-commit-home"
    (cd "$repo" && PATH="$tmp/bin:$PATH" pre-commit install >/dev/null &&
        git add . && PATH="$tmp/bin:$PATH" git commit -qm clean) \
        >"$tmp/pc1" 2>&1
    check "pre-commit: a clean page is committed" $?
    printf '# Ressources\n\n[gone](/nowhere/)\n' >"$repo/content/bad.md"
    (cd "$repo" && git add content/bad.md &&
        PATH="$tmp/bin:$PATH" git commit -qm bad) >"$tmp/pc2" 2>&1
    st=$?
    [ $st -ne 0 ] && [ -z "$(git -C "$repo" log --format=%s -1 | grep bad)" ]
    check "pre-commit: a commit adding a bad page is rejected" $?
    grep -q "^content/bad.md:1:3: warning: 'Ressources' is a variant spelling of 'Resources' \[spelling-variant\]$" "$tmp/pc2" &&
        grep -q "^content/bad.md:3:8: error: " "$tmp/pc2"
    check "pre-commit: the findings are shown, with their positions" $?
    printf '# Resources\n\n[back](/other/)\n' >"$repo/content/bad.md"
    (cd "$repo" && git add content/bad.md &&
        PATH="$tmp/bin:$PATH" git commit -qm fixed) >"$tmp/pc3" 2>&1
    check "pre-commit: once fixed, it is committed" $?
else
    skipped "pre-commit framework (pre-commit or git not installed)"
fi

# The plain git hook README.md shows, taken from README.md itself.
if command -v git >/dev/null 2>&1; then
    repo=$tmp/git-site
    new_site "$repo"
    awk '/<!-- git-hook -->/ { on = 1; next }
         on && /^    / { sub(/^    /, ""); print; next }
         on && NF > 0 && !/^```/ { exit }' "$top/README.md" \
        >"$repo/.git/hooks/pre-commit"
    chmod +x "$repo/.git/hooks/pre-commit"
    [ -s "$repo/.git/hooks/pre-commit" ]
    check "README.md has a plain git pre-commit hook" $?
    (cd "$repo" && git add . && PATH="$tmp/bin:$PATH" git commit -qm clean) \
        >"$tmp/g1" 2>&1
    check "git hook: a clean page is committed" $?
    printf '# Ressources\n' >"$repo/content/bad.md"
    (cd "$repo" && git add content/bad.md &&
        PATH="$tmp/bin:$PATH" git commit -qm bad) >"$tmp/g2" 2>&1
    [ $? -ne 0 ] && grep -q '^content/bad.md:1:3: warning: ' "$tmp/g2"
    check "git hook: a bad page is rejected with its findings" $?
else
    skipped "plain git hook (git not installed)"
fi

# ---- SARIF ---------------------------------------------------------------
# The SARIF 2.1.0 schema and Microsoft's validator, from the npm package
# @microsoft/sarif-multitool (installed by .ci/run).
mt_dir=
for d in "${SITELINT_SARIF_DIR:-}" \
         "$(npm root -g 2>/dev/null)/@microsoft/sarif-multitool-linux" \
         "$top/node_modules/@microsoft/sarif-multitool-linux"; do
    [ -n "$d" ] && [ -f "$d/sarif-2.1.0.json" ] && { mt_dir=$d; break; }
done
(cd "$site" && "$bin" --offline --format=sarif) >"$tmp/site.sarif" 2>/dev/null
(cd "$fx/site/hugo-xmpp" && "$bin" --offline --format=sarif) \
    >"$tmp/xmpp.sarif" 2>/dev/null
(cd "$site" && "$bin" --offline --format=sarif --codespell-dir=/nonexistent) \
    >"$tmp/run.sarif" 2>/dev/null
if [ -n "$mt_dir" ] && python3 -c 'import jsonschema' 2>/dev/null; then
    for f in site xmpp run; do
        python3 - "$mt_dir/sarif-2.1.0.json" "$tmp/$f.sarif" <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
errors = list(cls(schema).iter_errors(doc))
for e in errors[:5]:
    print("schema:", e.message, list(e.absolute_path))
sys.exit(1 if errors or not doc["runs"][0]["results"] else 0)
EOF
        check "SARIF of the $f fixture validates against the SARIF 2.1.0 schema" $?
    done
else
    skipped "SARIF schema validation (no @microsoft/sarif-multitool or python3-jsonschema)"
fi
if [ -n "$mt_dir" ] && [ -f "$mt_dir/Sarif.Multitool" ]; then
    [ -x "$mt_dir/Sarif.Multitool" ] || chmod u+x "$mt_dir/Sarif.Multitool" 2>/dev/null
    "$mt_dir/Sarif.Multitool" validate -o "$tmp/val.sarif" "$tmp/site.sarif" \
        "$tmp/xmpp.sarif" "$tmp/run.sarif" >"$tmp/val.out" 2>&1
    st=$?
    [ $st -eq 0 ] && [ -s "$tmp/val.sarif" ] &&
        ! grep -q ': error ' "$tmp/val.out"
    check "Sarif.Multitool validate: no error" $?
else
    skipped "Sarif.Multitool validate (not installed)"
fi
python3 - "$tmp/site.sarif" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
res = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]):
       r for r in run["results"] if "region" in r["locations"][0]["physicalLocation"]}
title = res[("spelling-variant", 2)]["locations"][0]["physicalLocation"]["region"]
heading = res[("spelling-variant", 4)]["locations"][0]["physicalLocation"]["region"]
ok = (run["columnKind"] == "utf16CodeUnits"
      and (title["startColumn"], title["endColumn"]) == (15, 25)   # é ☕: 1 unit each
      and (heading["startColumn"], heading["endColumn"]) == (6, 16)  # 😀: 2 units
      and res[("spelling-variant", 2)]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "Resources")
sys.exit(0 if ok else 1)
EOF
check "SARIF columns are UTF-16 code units, with the fix" $?
python3 - "$tmp/run.sarif" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
notes = run["invocations"][0]["toolExecutionNotifications"]
ok = (any(n["descriptor"]["id"] == "spelling-variant" and "codespell" in n["message"]["text"]
          for n in notes)
      and all(r.get("locations") for r in run["results"]))
sys.exit(0 if ok else 1)
EOF
check "SARIF: a finding of the run is a notification, every result has a location" $?
# Fingerprints survive lines added above a finding.
(cd "$site" && "$bin" --offline --format=sarif content/a.md) >"$tmp/fp1" 2>/dev/null
awk 'NR == 3 { print; print ""; print ""; next } { print }' \
    "$site/content/a.md" >"$tmp/a.md" && mv "$tmp/a.md" "$site/content/a.md"
(cd "$site" && "$bin" --offline --format=sarif content/a.md) >"$tmp/fp2" 2>/dev/null
python3 - "$tmp/fp1" "$tmp/fp2" <<'EOF'
import json, sys
fps = [sorted(r["partialFingerprints"]["primaryLocationLineHash"]
              for r in json.load(open(f))["runs"][0]["results"])
       for f in sys.argv[1:]]
sys.exit(0 if fps[0] and fps[0] == fps[1] else 1)
EOF
check "SARIF fingerprints are stable when lines move" $?

echo "clients: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]

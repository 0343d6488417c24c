# counts.sh, sourced: reads the counts a test suite ends with.
# counts LOG STATUS sets p, f and s from LOG's last line "N passed, N
# failed[, N skipped]", and line to it; a suite with no such line, or
# that exited non-zero with nothing failed, counts one failure.
counts() {
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    p=$(echo "$line" | sed -nE 's/(.*[^0-9])?([0-9]+) passed.*/\2/p')
    f=$(echo "$line" | sed -nE 's/.*passed, ([0-9]+) failed.*/\1/p')
    s=$(echo "$line" | sed -nE 's/.*failed, ([0-9]+) skipped.*/\1/p')
    if [ -z "$p" ]; then
        p=0 f=1
        tail -n 20 "$1"
    fi
    [ "$2" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    s=${s:-0}
}

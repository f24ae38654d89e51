# bench.awk: a fixed, deterministic text-processing workload for
# bench/real/run.sh, run by gawk over a slice of the source tar: word
# frequencies (regex field splitting, associative arrays), preprocessor and
# number matching, gsub, substr/index/toupper, a line-length histogram, and a
# sort by a user-defined comparison.  Usage: gawk -f bench.awk < FILE
# Output depends only on the input (arrays are walked in a fixed order).
BEGIN { FS = "[^A-Za-z0-9_]+" }
{
    lines++
    bytes += length($0) + 1
    for (i = 1; i <= NF; i++)
        if ($i != "") { words[$i]++; nwords++ }
    if ($0 ~ /^[ \t]*#[ \t]*(include|define|if)/) pp++
    if (match($0, /[0-9]+\.[0-9]+/)) { nums++; numsum += substr($0, RSTART, RLENGTH) }
    vowels += gsub(/[aeiou]/, "&")
    if ((p = index($0, "return")) > 0) { rets++; retcol += p; tail = toupper(substr($0, p + 7, 8)) }
    hist[int(length($0) / 16)]++
    h = (h * 31 + length($0) + NF) % 1000000007
}
function by_count(i1, v1, i2, v2) {
    if (v1 != v2) return v2 - v1
    return i1 < i2 ? -1 : i1 > i2
}
END {
    printf "lines %d bytes %d words %d distinct %d hash %d\n", lines, bytes, nwords, length(words), h
    printf "pp %d nums %d numsum %.3f vowels %d returns %d %d %s\n", pp, nums, numsum, vowels, rets, retcol, tail
    PROCINFO["sorted_in"] = "by_count"
    n = 0
    for (w in words) { if (++n > 25) break; printf "%s %d\n", w, words[w] }
    PROCINFO["sorted_in"] = "@ind_num_asc"
    for (b in hist) if (hist[b] > 100) printf "len %d-%d %d\n", b * 16, b * 16 + 15, hist[b]
}

package render

import (
	"cmp"
	"slices"
	"strings"
)

// differ is where a name differs from the others cut to its text: p,
// the least common prefix with any of them (runes), q, the end of what
// differs (past the least common suffix, and never short of near), near,
// the longest common prefix with one of them (-1: no other name).
type differ struct{ p, q, near int }

// differBounds is each cut name's differ among its group (byText), from
// names sorted forwards and backwards: in sorted order the common prefix
// with n only shrinks away from n, so the least is with the first or the
// last name and the longest with a neighbour, and the same holds for
// suffixes of names sorted by their reversed runes. A group of thousands
// (a deep chain of "recurser step N", all cut alike) costs g·log g, not g².
// It is indexed like names (a name not cut: zero) and sorts each group in
// place.
func differBounds(byText map[string][]int, names []string, runes [][]rune) []differ {
	return differBoundsInto(make([]differ, len(names)), byText, names, runes)
}

// differBoundsInto is differBounds written into out (as long as names,
// zeroed).
func differBoundsInto(out []differ, byText map[string][]int, names []string, runes [][]rune) []differ {
	for _, group := range byText {
		for _, k := range group {
			out[k] = differ{p: len(runes[k]), near: -1}
		}
		if len(group) < 2 {
			continue
		}
		// The group is sorted in place, once each way: its order is not
		// used after, and names that sort as equal get the same bounds.
		slices.SortFunc(group, func(x, y int) int { return strings.Compare(names[x], names[y]) })
		prefixes(group, names, runes, out)
		slices.SortFunc(group, func(x, y int) int { return compareReversed(runes[x], runes[y]) })
		suffixes(group, names, runes, out)
	}
	for k, d := range out {
		if d.near < 0 {
			continue
		}
		d.q = max(d.q, d.near)
		out[k] = d
	}
	return out
}

// prefixes sets p and near of each name in sorted (by name).
func prefixes(sorted []int, names []string, runes [][]rune, out []differ) {
	first, last := sorted[0], sorted[len(sorted)-1]
	for i := 0; i < len(sorted); {
		n := names[sorted[i]]
		j := i // [i, j): the names equal to n
		for j < len(sorted) && names[sorted[j]] == n {
			j++
		}
		rs := runes[sorted[i]]
		d := differ{p: len(rs), near: -1}
		if names[first] != n {
			d.p = commonRunePrefix(rs, runes[first])
		}
		if names[last] != n {
			d.p = min(d.p, commonRunePrefix(rs, runes[last]))
		}
		if i > 0 {
			d.near = commonRunePrefix(rs, runes[sorted[i-1]])
		}
		if j < len(sorted) {
			d.near = max(d.near, commonRunePrefix(rs, runes[sorted[j]]))
		}
		for _, k := range sorted[i:j] {
			out[k] = d
		}
		i = j
	}
}

// suffixes sets q of each name in sorted (by reversed runes): past the
// least common suffix with another name.
func suffixes(sorted []int, names []string, runes [][]rune, out []differ) {
	first, last := sorted[0], sorted[len(sorted)-1]
	for _, k := range sorted {
		rs := runes[k]
		least := len(rs)
		if names[first] != names[k] {
			least = commonSuffix(rs, runes[first], len(rs))
		}
		if names[last] != names[k] {
			least = min(least, commonSuffix(rs, runes[last], len(rs)))
		}
		d := out[k]
		d.q = len(rs) - least
		out[k] = d
	}
}

func compareReversed(a, b []rune) int {
	for i := 1; i <= len(a) && i <= len(b); i++ {
		if c := cmp.Compare(a[len(a)-i], b[len(b)-i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

package diff

import (
	"cmp"
	"slices"
)

// pairMax bounds the calls of one name under one parent that are paired
// by duration (the pairing costs len(a)·len(b)); past it they pair in
// start order.
const pairMax = 256

// pairDurations pairs the same-name sibling calls a (in A) and b (in B),
// each in start order: as indexes into a and b, -1 for a call the other
// side lacks. Calls pair so that the summed difference of their durations
// is least (sorted by duration, then the cheapest order-keeping matching
// of the shorter list into the longer), which a swap of two calls' times
// leaves at 0. Pairs come in B's start order, A-only calls last.
func (al *aligner) pairDurations(a, b []int32) [][2]int {
	n, m := len(a), len(b)
	if n <= 1 && m <= 1 || n > pairMax || m > pairMax {
		out := make([][2]int, 0, max(n, m))
		for k := range max(n, m) {
			p := [2]int{-1, -1}
			if k < n {
				p[0] = k
			}
			if k < m {
				p[1] = k
			}
			out = append(out, p)
		}
		return out
	}
	byDur := func(spans []int32, tr func(int32) int64) []int {
		idx := make([]int, len(spans))
		for k := range idx {
			idx[k] = k
		}
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(tr(spans[x]), tr(spans[y])) })
		return idx
	}
	durA := func(i int32) int64 { return al.a.Tree.Span(i).Duration() }
	durB := func(i int32) int64 { return al.b.Tree.Span(i).Duration() }
	sa, sb := byDur(a, durA), byDur(b, durB)
	// Match the shorter sorted list into the longer one keeping order:
	// cost[i][j] is the least cost of placing the first i short calls
	// among the first j long ones.
	short, long := sa, sb
	dShort, dLong := func(k int) int64 { return durA(a[k]) }, func(k int) int64 { return durB(b[k]) }
	swapped := n > m
	if swapped {
		short, long = sb, sa
		dShort, dLong = dLong, dShort
	}
	ns, nl := len(short), len(long)
	const inf = int64(1) << 62
	cost := make([][]int64, ns+1)
	for i := range cost {
		cost[i] = make([]int64, nl+1)
		for j := range cost[i] {
			if i > 0 {
				cost[i][j] = inf
			}
		}
	}
	for i := 1; i <= ns; i++ {
		for j := i; j <= nl; j++ {
			d := dShort(short[i-1]) - dLong(long[j-1])
			if d < 0 {
				d = -d
			}
			cost[i][j] = min(cost[i][j-1], cost[i-1][j-1]+d)
		}
	}
	match := make([]int, nl) // long index (in long's sorted order) → short's, -1 none
	for j := range match {
		match[j] = -1
	}
	for i, j := ns, nl; i > 0; j-- {
		if j > i && cost[i][j] == cost[i][j-1] {
			continue
		}
		match[j-1] = i - 1
		i--
	}
	pA := make([]int, m) // per B call, its A call or -1
	for k := range pA {
		pA[k] = -1
	}
	pairedA := make([]bool, n)
	for j, i := range match {
		if i < 0 {
			continue
		}
		ai, bi := short[i], long[j]
		if swapped {
			ai, bi = long[j], short[i]
		}
		pA[bi], pairedA[ai] = ai, true
	}
	out := make([][2]int, 0, max(n, m))
	for bi := range m {
		out = append(out, [2]int{pA[bi], bi})
	}
	for ai := range n {
		if !pairedA[ai] {
			out = append(out, [2]int{ai, -1})
		}
	}
	return out
}

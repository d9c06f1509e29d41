package query

import "math/bits"

// Set is a set of span indexes of one tree, a bit per index: what a query
// selects. The zero Set is empty. Sets are values; nothing in this package
// changes a Set it has returned.
type Set struct {
	w []uint64
	n int32 // the tree's Len: indexes 0..n-1
}

func newSet(n int) Set { return Set{w: make([]uint64, (n+63)/64), n: int32(n)} }

// Has reports whether span index i is in the set.
func (s Set) Has(i int32) bool {
	return i >= 0 && i < s.n && s.w[i>>6]&(1<<(uint(i)&63)) != 0
}

func (s Set) add(i int32) { s.w[i>>6] |= 1 << (uint(i) & 63) }

// Len is the number of spans in the set.
func (s Set) Len() int {
	c := 0
	for _, w := range s.w {
		c += bits.OnesCount64(w)
	}
	return c
}

// Empty reports whether the set has no span.
func (s Set) Empty() bool {
	for _, w := range s.w {
		if w != 0 {
			return false
		}
	}
	return true
}

// Spans lists the set's span indexes in ascending order.
func (s Set) Spans() []int32 {
	out := make([]int32, 0, s.Len())
	s.each(func(i int32) { out = append(out, i) })
	return out
}

func (s Set) each(f func(i int32)) {
	for k, w := range s.w {
		for w != 0 {
			f(int32(k*64 + bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
}

// union, intersect and minus make a new set of the same size.
func (s Set) union(o Set) Set     { return s.combine(o, func(a, b uint64) uint64 { return a | b }) }
func (s Set) intersect(o Set) Set { return s.combine(o, func(a, b uint64) uint64 { return a & b }) }
func (s Set) minus(o Set) Set     { return s.combine(o, func(a, b uint64) uint64 { return a &^ b }) }

func (s Set) combine(o Set, f func(a, b uint64) uint64) Set {
	out := newSet(int(s.n))
	for k := range out.w {
		out.w[k] = f(s.w[k], o.w[k])
	}
	return out
}

package render

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// differBounds finds from sorted names what comparing every pair finds:
// random names alike at either end, with repeats.
func TestDifferBoundsAgreeWithEveryPair(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", "é", "/x", "/y", "ab", " "}
	for round := range 300 {
		var names []string
		for range 2 + rng.IntN(12) {
			var b strings.Builder
			b.WriteString("svc get ")
			for range rng.IntN(6) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			b.WriteString("/end")
			names = append(names, b.String())
		}
		group := make([]int, len(names))
		runes := make([][]rune, len(names))
		for k, n := range names {
			group[k], runes[k] = k, []rune(n)
		}
		got := differBounds(map[string][]int{"": group}, names, runes)
		for k, rs := range runes {
			p, q, near := len(rs), 0, -1
			for j, rj := range runes {
				if names[j] == names[k] {
					continue
				}
				c := commonRunePrefix(rs, rj)
				p, near = min(p, c), max(near, c)
				q = max(q, len(rs)-commonSuffix(rs, rj, len(rs)-c))
			}
			want := differ{p, q, near}
			if near < 0 {
				want.q = got[k].q // unused when no other name differs
			}
			if got[k] != want {
				t.Fatalf("round %d: %q among %q: %+v, every pair gives %+v", round, names[k], names, got[k], want)
			}
		}
	}
}

package render

import (
	"testing"
)

// Issue 15 item 5: in the demo checkout and payment shared a colour, and
// so did shipping and inventory. The services of one trace get distinct
// colours in the order they appear; a name keeps its colour in every later
// trace, and on a light background too.
func TestServiceColoursAreDistinctAndStable(t *testing.T) {
	first := build(spec{id: 1, svc: "checkout", name: "POST /checkout", end: 100},
		spec{id: 2, parent: 1, svc: "cart", name: "GET /v1/cart", end: 10},
		spec{id: 3, parent: 1, svc: "inventory", name: "POST /v1/reserve", end: 10},
		spec{id: 4, parent: 1, svc: "shipping", name: "GET /v2/rates", end: 50},
		spec{id: 5, parent: 1, svc: "payment", name: "POST /v1/charges", end: 90})
	second := build(spec{id: 1, svc: "gateway", name: "GET /", end: 100},
		spec{id: 2, parent: 1, svc: "payment", name: "POST /v1/charges", end: 50},
		spec{id: 3, parent: 1, svc: "fraud", name: "Check", end: 50})
	for _, dark := range []bool{true, false} {
		st := DefaultStyles(dark)
		st.AssignTrace(first.Tree, first.Analysis)
		seen := map[string]string{}
		for _, svc := range []string{"checkout", "cart", "inventory", "shipping", "payment"} {
			c := st.Service(svc)
			if other, ok := seen[c]; ok {
				t.Errorf("dark %v: %s and %s share a colour", dark, svc, other)
			}
			for _, reserved := range []string{st.Error, st.Origin, st.Bottleneck, st.Warn} {
				if c == reserved {
					t.Errorf("dark %v: %s has the colour of an error, the bottleneck or a warning", dark, svc)
				}
			}
			seen[c] = svc
		}
		if got, want := st.Service("checkout"), st.palette[0]; got != want {
			t.Errorf("the first service to appear takes the first colour")
		}
		payment := st.Service("payment")
		st.AssignTrace(second.Tree, second.Analysis)
		if st.Service("payment") != payment {
			t.Errorf("dark %v: payment changed colour in the next trace", dark)
		}
		if st.Service("gateway") == payment || st.Service("fraud") == payment || st.Service("gateway") == st.Service("fraud") {
			t.Errorf("dark %v: the second trace's services share colours", dark)
		}
		light := DefaultStyles(!dark).SameServiceColours(st)
		if light.Service("payment") != light.palette[indexOf(st.palette, payment)] {
			t.Errorf("a new background keeps each service's place in the palette")
		}
	}
}

func indexOf(list []string, s string) int {
	for k, x := range list {
		if x == s {
			return k
		}
	}
	return -1
}

package diff

import "testing"

// Two same-name calls that swap durations (100 ms and 10 ms, then 10 ms
// and 100 ms) are the same work: no row changes.
func TestSwappedSiblingsAreNoChange(t *testing.T) {
	a := build(base,
		sp{1, 0, "api", "GET /quote", 0, 200, false},
		sp{2, 1, "pricing", "GET /price", 10, 110, false},
		sp{3, 1, "pricing", "GET /price", 120, 130, false})
	b := build(base+hour,
		sp{1, 0, "api", "GET /quote", 0, 200, false},
		sp{2, 1, "pricing", "GET /price", 10, 20, false},
		sp{3, 1, "pricing", "GET /price", 30, 130, false})
	d := Align(a, b)
	for i := range d.Rows {
		if r := &d.Rows[i]; r.Changed(Threshold{}) {
			t.Errorf("row %s %s changed: %d → %d ns", r.Service, r.Name, r.A.Dur, r.B.Dur)
		}
	}
	if v := d.Visible(Threshold{}, true); v[0] {
		t.Errorf("--changed shows rows of an unchanged trace")
	}
}

// With a call more in B, the two that match pair by duration and the
// one left over is the added call.
func TestExtraSiblingIsTheOddOneOut(t *testing.T) {
	a := build(base,
		sp{1, 0, "api", "GET /quote", 0, 300, false},
		sp{2, 1, "pricing", "GET /price", 10, 60, false}, // 50
		sp{3, 1, "pricing", "GET /price", 70, 80, false}) // 10
	b := build(base+hour,
		sp{1, 0, "api", "GET /quote", 0, 300, false},
		sp{2, 1, "pricing", "GET /price", 10, 20, false},  // 10
		sp{3, 1, "pricing", "GET /price", 30, 60, false},  // 30, the new one
		sp{4, 1, "pricing", "GET /price", 70, 120, false}) // 50
	d := Align(a, b)
	var added []int64
	for i := range d.Rows {
		r := &d.Rows[i]
		switch {
		case r.Added():
			added = append(added, r.B.Dur)
		case r.Name == "GET /price" && r.DurChange() != 0:
			t.Errorf("paired calls differ: %d → %d ns", r.A.Dur, r.B.Dur)
		}
	}
	if len(added) != 1 || added[0] != 30e6 {
		t.Errorf("added %v; want the 30 ms call", added)
	}
}

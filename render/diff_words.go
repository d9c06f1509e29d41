package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/tracetui/tracetui/trace/diff"
)

// minus is the sign of a smaller number: a true minus sign, so "−12 ms"
// reads as a change and not a hyphen; ASCII output keeps "-".
func minus(ascii bool) string {
	if ascii {
		return "-"
	}
	return "−"
}

// arrow joins an A value to its B value.
func arrow(ascii bool) string {
	if ascii {
		return "->"
	}
	return "→"
}

// SignedDuration is a change in time with its sign always shown: "+3.90 s",
// "−12.0 ms", "0".
func SignedDuration(ns int64, ascii bool) string {
	switch {
	case ns > 0:
		return "+" + durationFor(ns, ascii)
	case ns < 0:
		return minus(ascii) + durationFor(-ns, ascii)
	}
	return "0"
}

// PercentChange is b against a: "+233%", "−12%", "new" from nothing; ""
// when both are zero.
func PercentChange(a, b float64, ascii bool) string {
	switch {
	case a == 0 && b == 0:
		return ""
	case a == 0:
		return "new"
	}
	return signedPercent((b-a)*100/a, ascii)
}

func signedPercent(p float64, ascii bool) string {
	if math.IsInf(p, 0) {
		return "new"
	}
	r := math.Round(p)
	switch {
	case r > 0:
		return fmt.Sprintf("+%.0f%%", r)
	case r < 0:
		return fmt.Sprintf("%s%.0f%%", minus(ascii), -r)
	case p > 0:
		return "+<1%"
	case p < 0:
		return minus(ascii) + "<1%"
	}
	return "0%"
}

// rowLabel is a row's service and name, with its calls when it is a run:
// "inventory SELECT items ×6 → ×25".
func rowLabel(r *diff.Row, ascii bool) string {
	s := clean(r.Service, ascii) + " " + clean(r.Name, ascii)
	if !r.Run {
		return s
	}
	x := symbolsFor(ascii).times
	switch {
	case !r.A.Present():
		return fmt.Sprintf("%s %s%d", s, x, r.B.Count())
	case !r.B.Present() || r.A.Count() == r.B.Count():
		return fmt.Sprintf("%s %s%d", s, x, r.A.Count())
	}
	return fmt.Sprintf("%s %s%d %s %s%d", s, x, r.A.Count(), arrow(ascii), x, r.B.Count())
}

// VerdictLine is the diff's answer in one line:
//
//	B is 3.92 s slower (1.68 s → 5.60 s): shipping GET /v2/rates +3.90 s (self), 1 new error: payment POST /v1/charges
func VerdictLine(d *diff.Diff, v diff.Verdict, ascii bool) string {
	da, db := durationFor(v.DurA, ascii), durationFor(v.DurB, ascii)
	var head string
	switch {
	case v.DurB > v.DurA:
		head = fmt.Sprintf("B is %s slower (%s %s %s)", durationFor(v.DurB-v.DurA, ascii), da, arrow(ascii), db)
	case v.DurB < v.DurA:
		head = fmt.Sprintf("B is %s faster (%s %s %s)", durationFor(v.DurA-v.DurB, ascii), da, arrow(ascii), db)
	default:
		head = "B takes as long as A (" + da + ")"
	}
	var parts []string
	if v.Top >= 0 {
		r := &d.Rows[v.Top]
		parts = append(parts, rowLabel(r, ascii)+" "+SignedDuration(r.SelfChange(), ascii)+" (self)")
	}
	if n := len(v.NewErrors); n > 0 {
		parts = append(parts, countWord(n, "new error", "new errors")+": "+rowNames(d, v.NewErrors, ascii))
	}
	if n := len(v.FixedErrors); n > 0 {
		parts = append(parts, countWord(n, "error", "errors")+" gone: "+rowNames(d, v.FixedErrors, ascii))
	}
	if v.Added > 0 || v.Removed > 0 {
		parts = append(parts, fmt.Sprintf("%s added, %d removed", countWord(v.Added, "span", "spans"), v.Removed))
	}
	if v.Changed == 0 {
		parts = append(parts, "nothing changed")
	}
	if len(parts) == 0 {
		return head
	}
	return head + ": " + strings.Join(parts, ", ")
}

// countWord is "1 new error", "2 new errors".
func countWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// rowNames lists up to three rows by name, then how many more.
func rowNames(d *diff.Diff, rows []int32, ascii bool) string {
	var names []string
	for k, i := range rows {
		if k == 3 {
			names = append(names, fmt.Sprintf("%d more", len(rows)-3))
			break
		}
		names = append(names, clean(d.Rows[i].Service, ascii)+" "+clean(d.Rows[i].Name, ascii))
	}
	return strings.Join(names, ", ")
}

// BottleneckLine names both bottlenecks, and says so when it moved.
func BottleneckLine(d *diff.Diff, ascii bool) string {
	side := func(row int32, b bool) string {
		if row < 0 {
			return "none"
		}
		r := &d.Rows[row]
		s := r.A
		if b {
			s = r.B
		}
		return fmt.Sprintf("%s %s %s self", clean(r.Service, ascii), clean(r.Name, ascii), durationFor(s.Self, ascii))
	}
	if !d.BottleneckMoved() {
		if d.BottleA < 0 {
			return "bottleneck: none in either trace"
		}
		r := &d.Rows[d.BottleA]
		return fmt.Sprintf("bottleneck: %s %s in both (%s %s %s self)", clean(r.Service, ascii), clean(r.Name, ascii),
			durationFor(r.A.Self, ascii), arrow(ascii), durationFor(r.B.Self, ascii))
	}
	return fmt.Sprintf("bottleneck moved: %s in A %s %s in B", side(d.BottleA, false), arrow(ascii), side(d.BottleB, true))
}

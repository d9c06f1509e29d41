package diff

// Threshold says how small a change in time is noise: one under Abs
// nanoseconds, or under Pct percent of A's value, is not a change (both
// must be met when both are set). The zero Threshold counts any change.
type Threshold struct {
	Abs int64
	Pct float64
}

// Passes reports whether going from a to b is a change worth showing.
func (th Threshold) Passes(a, b int64) bool {
	d := b - a
	if d < 0 {
		d = -d
	}
	if d == 0 || d < th.Abs {
		return false
	}
	// From nothing to something is always past a relative threshold.
	return th.Pct <= 0 || a <= 0 || float64(d)*100 >= th.Pct*float64(a)
}

// Changed reports whether a row differs between A and B: added, removed,
// another number of calls, an error that appeared or went away, or its
// duration or self time past the threshold (times only when both sides
// are timed, self times only when known on both: SelfKnown). Start offsets are not compared: the same calls in another
// order are the same trace.
func (r *Row) Changed(th Threshold) bool {
	return r.A.Count() != r.B.Count() || r.NewError() || r.FixedError() ||
		(r.Timed() && th.Passes(r.A.Dur, r.B.Dur)) || (r.SelfKnown() && th.Passes(r.A.Self, r.B.Self))
}

// Visible picks the rows to show: every row, or with onlyChanged the
// changed rows and their ancestors, so each shown row keeps its place in
// the tree.
func (d *Diff) Visible(th Threshold, onlyChanged bool) []bool {
	show := make([]bool, len(d.Rows))
	for i := range d.Rows {
		if !onlyChanged {
			show[i] = true
			continue
		}
		if !d.Rows[i].Changed(th) {
			continue
		}
		// Walk up until a row already shown: its ancestors are too.
		for p := int32(i); p >= 0 && !show[p]; p = d.Rows[p].Parent {
			show[p] = true
		}
	}
	return show
}

// Verdict is what the one-line answer is made of.
type Verdict struct {
	DurA, DurB int64 // the traces' durations, ns
	// Top is the row whose self time moved most in the direction the whole
	// trace moved (-1: none): where the time went, or came from.
	Top int32
	// NewErrors are rows where an error starts in B and nothing failed in
	// A; errors merely passed up to their ancestors are not counted again.
	NewErrors   []int32
	FixedErrors []int32 // the same, from A to B, in rows B still has
	// RemovedErrors are rows only A has where an error starts: gone with
	// their calls, not fixed.
	RemovedErrors []int32
	Changed       int // rows past the threshold
	Added         int // rows only B has
	Removed       int // rows only A has
	// Untimed counts rows in both traces with an untimed span on a side:
	// their times are not compared, so "nothing changed" cannot be said of them.
	Untimed int
}

// Verdict sums the diff up.
func (d *Diff) Verdict(th Threshold) Verdict {
	v := Verdict{Top: -1}
	v.DurA, v.DurB = d.Duration()
	sign := int64(1)
	if v.DurB < v.DurA {
		sign = -1
	}
	best := int64(0)
	for i := range d.Rows {
		r := &d.Rows[i]
		if r.A.Present() && r.B.Present() && !r.Timed() {
			v.Untimed++
		}
		if !r.Changed(th) {
			continue
		}
		v.Changed++
		switch {
		case r.Added():
			v.Added++
		case r.Removed():
			v.Removed++
		}
		if r.NewError() && r.B.Origin {
			v.NewErrors = append(v.NewErrors, int32(i))
		}
		if r.FixedError() && r.A.Origin {
			v.FixedErrors = append(v.FixedErrors, int32(i))
		}
		if r.RemovedError() && r.A.Origin {
			v.RemovedErrors = append(v.RemovedErrors, int32(i))
		}
		if c := r.SelfChange() * sign; c > best && r.SelfKnown() && th.Passes(r.A.Self, r.B.Self) {
			best, v.Top = c, int32(i)
		}
	}
	return v
}

// BottleneckMoved reports whether B's bottleneck is another row than A's.
func (d *Diff) BottleneckMoved() bool { return d.BottleA != d.BottleB }

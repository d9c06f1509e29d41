package render

import "testing"

// Labels cut to the same text share a key whether or not a part is
// ASCII (the × of a run's count is not), and labels cut apart do not.
func TestLabelKeysFollowTheCutText(t *testing.T) {
	fit := func(w int, parts ...string) *labelFit {
		f := &labelFit{Cut: true, W: w}
		copy(f.parts[:], parts)
		return f
	}
	run := fit(12, "svc", " ", "SELECT items", " ×6 (2 errors)")
	one := fit(12, "svc", " ", "SELECT items", "", " ⚠ no end time")
	plain := fit(12, "svc", " ", "SELECT items where id = 1")
	other := fit(12, "svc", " ", "UPDATE items where id = 1")
	for _, g := range []*Glyphs{Unicode, ASCII} {
		if run.key(g) != one.key(g) || one.key(g) != plain.key(g) {
			t.Errorf("%q, %q and %q are all cut to %q but their keys differ", run.full(), one.full(), plain.full(), g.Fit(plain.full(), 12))
		}
		if plain.key(g) == other.key(g) {
			t.Errorf("%q and %q are cut apart but share a key", plain.full(), other.full())
		}
	}
}

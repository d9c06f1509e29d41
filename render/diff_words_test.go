package render

import "testing"

func TestPercentChangeWords(t *testing.T) {
	cases := []struct {
		a, b float64
		want string
	}{
		{100e6, 124e6, "+24%"},
		{100e6, 88e6, "−12%"},
		{0, 0, ""},
		// A had the operation, at 0 ns: a percent of nothing is
		// undefined, so the change itself, not "new".
		{0, 5e6, "+5.00 ms"},
		// Too big for a column: the ratio, in 6 columns.
		{1e6, 1e6 + 1079999e4, "×10801"},
		{1e6, 1e6 + 9999e4, "+9999%"},
		{1e6, 1e6 + 10000e4, "×101"},
		{1, 2e5, "×2.0e5"},
	}
	for _, c := range cases {
		if got := PercentChange(c.a, c.b, Unicode); got != c.want {
			t.Errorf("PercentChange(%v, %v) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
	if got := PercentChange(1e6, 1e6+1079999e4, ASCII); got != "x10801" {
		t.Errorf("ASCII: %q", got)
	}
}

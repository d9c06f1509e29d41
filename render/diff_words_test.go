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
		// Too big for a column: one decimal and an exponent, in 7 columns.
		{1e6, 1e6 + 1079999e4, "+1.1e6%"},
		{1e6, 1e6 + 99999e4, "+99999%"},
		{1e6, 1e6 + 99999.6e4, "+1.0e5%"},
	}
	for _, c := range cases {
		if got := PercentChange(c.a, c.b, Unicode); got != c.want {
			t.Errorf("PercentChange(%v, %v) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
	if got := PercentChange(1e6, 1e6+1079999e4, ASCII); got != "+1.1e6%" {
		t.Errorf("ASCII: %q", got)
	}
}

package render

import (
	"strings"
	"testing"
)

// A waterfall label is drawn straight into the row's buffer (appendFit)
// instead of being joined and cut as a string: the columns a reader sees
// must be Fit's, whether the name fits, is cut in ASCII or holds wide,
// combining or joined characters measured across its parts.
func TestLabelsAreCutAsFitCutsThem(t *testing.T) {
	parts := [][]string{
		{"", "checkout", " ", "GET /cart", "", ""},
		{"▾ ", "checkout", " ", "GET /api/v1/carts/{id}/items", " [+12, 3 err]", " ⚠ clock skew"},
		{"", "", "", "missing parent 00f067aa0ba902b7", "", ""},
		{"", "支付服务", " ", "扣款", "", ""},
		{"", "cafe", " ", "\u0301 accent joins the space", "", ""},
		{"", "family", " ", "👨\u200d👩\u200d👧 emoji", " [+1]", ""},
		{"", "a", " ", "b", "", ""},
	}
	for _, g := range []*Glyphs{Unicode, ASCII} {
		for _, p := range parts {
			for w := -1; w <= 50; w++ {
				want := g.Fit(strings.Join(p, ""), w)
				got := string(g.appendFit([]byte("x"), w, p...))
				if got != "x"+want {
					t.Errorf("%q at %d columns (ascii %v): %q, want %q", p, w, g.IsASCII(), got[1:], want)
				}
			}
		}
	}
}

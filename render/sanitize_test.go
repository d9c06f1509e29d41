package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestSanitizeRemovesTerminalControl(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"osc hyperlink": {"click \x1b]8;;http://evil\x07here\x1b]8;;\x07", "click here"},
		"osc title st":  {"a\x1b]0;pwned\x1b\\b", "ab"},
		"clear screen":  {"GET \x1b[2J/\x1b[31mred", "GET /red"},
		"carriage ret":  {"ok\rFAKE", "ok FAKE"},
		"newline tab":   {"a\nb\tc", "a b c"},
		"bidi override": {"user\u202Egnp.exe", "usergnp.exe"},
		"bidi isolate":  {"a\u2066b\u2069c", "abc"},
		"c1 csi":        {"x\u009b31my", "xy"},
		"c1 osc":        {"x\u009d0;t\u009cy", "xy"},
		"nul del":       {"a\x00b\x7fc", "abc"},
		"invalid utf8":  {"a\xffb", "a\uFFFDb"},
		"zero width":    {"ad\u200bmin", "admin"},
		"dcs":           {"a\x1bPq#0;2\x1b\\b", "ab"},
		"cjk and emoji": {"注文 🚀 ok", "注文 🚀 ok"},
		"zwj emoji":     {"👩\u200d💻", "👩\u200d💻"},
		"noncharacters": {"a\ufffe\uffffb\ufdd0\U0001fffec", "abc"},
	}
	for name, c := range cases {
		if got := Sanitize(c.in); got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", name, c.in, got, c.want)
		}
	}
}

func TestSanitizePlainASCIIDoesNotAllocate(t *testing.T) {
	s := "GET /v2/rates?zip=10115"
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize allocated %.0f times on plain ASCII", n)
	}
}

func TestTruncateByDisplayWidth(t *testing.T) {
	cases := []struct {
		in    string
		w     int
		ascii bool
		want  string
	}{
		{"checkout", 10, false, "checkout"},
		{"checkout POST", 8, false, "checkou…"},
		{"checkout POST", 8, true, "checkou~"},
		{"注文注文注文", 7, false, "注文注…"},
		{"🚀🚀🚀", 4, false, "🚀…"},
	}
	for _, c := range cases {
		got := glyphs(c.ascii).Truncate(c.in, c.w)
		if got != c.want || Width(got) > c.w {
			t.Errorf("Truncate(%q, %d) = %q (width %d), want %q", c.in, c.w, got, Width(got), c.want)
		}
	}
	if got := Unicode.Fit("注", 4); got != "注  " {
		t.Errorf("Fit pads by columns: %q", got)
	}
	if strings.Contains(ASCIIOnly("naïve 注"), "ï") {
		t.Error("ASCIIOnly kept a non-ASCII rune")
	}
}

func TestDuration(t *testing.T) {
	cases := map[int64]string{
		0: "0 ns", 850: "850 ns", 12_345: "12.3 µs", 7_054_000: "7.05 ms", 175_000_000: "175 ms",
		5_200_000_000: "5.20 s", 999_960_000: "1.00 s", 999_960: "1.00 ms", 59_990_000_000: "60.0 s", 59_000_000_000: "59.0 s",
		125_000_000_000: "2m05s", 7_260_000_000_000: "2h01m", 46_000_000: "46.0 ms",
	}
	for ns, want := range cases {
		if got := Duration(ns); got != want {
			t.Errorf("Duration(%d) = %q, want %q", ns, got, want)
		}
	}
	if got := ASCII.Duration(12_345); got != "12.3 us" {
		t.Errorf("ASCII.Duration = %q", got)
	}
}

// The fast width path must agree with the exact one on every rune it takes.
func TestNarrowSymbolsAreOneColumn(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if !isNarrowSymbol(r) {
			continue
		}
		if got := ansi.StringWidth(string(r)); got != 1 {
			t.Errorf("U+%04X %q is %d columns wide, not 1", r, r, got)
		}
	}
	row := "│ ├─ ▾ checkout GET /v2/rates ◆ ✗ ↑ ↪ · … █████▊"
	if n, ok := narrowWidth(row); !ok || n != ansi.StringWidth(row) {
		t.Errorf("narrowWidth(%q) = %d, %v; want %d", row, n, ok, ansi.StringWidth(row))
	}
	if _, ok := narrowWidth("名前 ✗"); ok {
		t.Error("wide characters must take the exact path")
	}
}

func glyphs(ascii bool) *Glyphs {
	if ascii {
		return ASCII
	}
	return Unicode
}

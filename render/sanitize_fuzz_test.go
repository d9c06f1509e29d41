package render

import (
	"strings"
	"testing"
)

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"GET /v2/rates", "a\x1b]8;;http://evil\x07b", "\x1b[2J\r\n", "注文 🚀\u202e", "\u009b31m", "\xff\xfe", "a\uffffb\ufffe\U0010fffe\ufdd0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isDeceptive(r) || isNoncharacter(r) {
				t.Fatalf("Sanitize(%q) kept %U", in, r)
			}
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		for w := 1; w < 12; w++ {
			if got := Unicode.Truncate(out, w); Width(got) > w || strings.ContainsRune(got, 0x1b) {
				t.Fatalf("Truncate(%q, %d) = %q", out, w, got)
			}
		}
	})
}

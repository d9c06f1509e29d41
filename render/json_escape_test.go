package render

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every dangerous class leaves marshalJSON as a \u escape and decodes back
// to the same string; ordinary non-ASCII text stays readable.
func TestMarshalJSONEscapesWhatATerminalActsOn(t *testing.T) {
	in := "a\x1b[2J\x7f\u0085\u009b31m\u202e\u2066\u200b\U000E0041 ünïcode 日本 👩‍💻"
	b, err := marshalJSON(map[string]string{"s": in})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range string(b) {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || isDeceptive(r) || r == utf8.RuneError {
			t.Errorf("raw %U in %s", r, b)
		}
	}
	var out map[string]string
	if err := json.Unmarshal(b, &out); err != nil || out["s"] != in {
		t.Errorf("decodes to %q, %v; want %q", out["s"], err, in)
	}
	if want := "ünïcode 日本 👩\u200d💻"; !strings.Contains(string(b), want) {
		t.Errorf("ordinary text should stay as it is: %s", b)
	}
}

package zipkin

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// The encoder is the decoder's mirror: the Zipkin UI's own test traces,
// decoded, encoded and decoded again, give the same model (attributes
// compared as a set: the endpoint and flag attributes Decode appends
// come back where Decode appends them).
func TestEncodeMirrorsDecode(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "zipkin-v2", "*.json"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		first, _, err := decodeString(t, string(fixture(t, filepath.Base(f))))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var spans []*trace.Span
		orig := first.Traces()
		for _, tr := range orig {
			for i := range tr.Spans {
				spans = append(spans, &tr.Spans[i])
			}
		}
		out, lost := AppendJSON(nil, spans)
		if !json.Valid(out) {
			t.Fatalf("%s: invalid JSON", f)
		}
		// Decoded Zipkin has nothing Zipkin cannot carry.
		for _, l := range lost {
			if !strings.HasPrefix(l, "attribute types other than string") {
				t.Errorf("%s: lost %s", filepath.Base(f), l)
			}
		}
		second, _, err := decodeString(t, string(out))
		if err != nil {
			t.Fatalf("%s: re-decode: %v", f, err)
		}
		back := second.Traces()
		for k := range orig {
			for i := range orig[k].Spans {
				if d := spanDiff(orig[k].Spans[i], back[k].Spans[i]); d != "" {
					t.Errorf("%s span %d: %s", filepath.Base(f), i, d)
				}
			}
		}
	}
}

func sortedAttrs(attrs []trace.Attr) []trace.Attr {
	out := slices.Clone(attrs)
	slices.SortStableFunc(out, func(a, b trace.Attr) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

func spanDiff(x, y trace.Span) string {
	if !reflect.DeepEqual(x.Resource, y.Resource) {
		return fmt.Sprintf("resource %+v != %+v", x.Resource, y.Resource)
	}
	x.Attrs, y.Attrs = sortedAttrs(x.Attrs), sortedAttrs(y.Attrs)
	x.Resource, y.Resource = nil, nil
	if !reflect.DeepEqual(x, y) {
		return fmt.Sprintf("\n%+v\n%+v", x, y)
	}
	return ""
}

// A span shorter than a microsecond keeps an end (1 µs): Zipkin reads a
// zero duration as none.
func TestEncodeShortSpanKeepsItsEnd(t *testing.T) {
	s := &trace.Span{Name: "tiny", Start: 1_700_000_000_000_000_100, End: 1_700_000_000_000_000_400, Kind: trace.KindServer,
		Links: []trace.Link{{}}, Status: trace.StatusError, StatusMessage: "boom"}
	out, lost := AppendJSON(nil, []*trace.Span{s})
	got, _, err := decodeString(t, string(out))
	if err != nil {
		t.Fatal(err)
	}
	b := got.Traces()[0].Spans[0]
	if b.Start != 1_700_000_000_000_000_000 || b.End != 1_700_000_000_000_001_000 || b.Status != trace.StatusError || b.StatusMessage != "boom" {
		t.Errorf("read back %d..%d %v %q", b.Start, b.End, b.Status, b.StatusMessage)
	}
	if !slices.Contains(lost, "span links: 1") {
		t.Errorf("links not reported lost: %q", lost)
	}
}

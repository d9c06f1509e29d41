package zipkin

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func decodeString(t *testing.T, in string) (*trace.Collector, *source.Warnings, error) {
	t.Helper()
	c, ws := trace.NewCollector(), &source.Warnings{}
	return c, ws, Decode(strings.NewReader(in), c, ws)
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "zipkin-v2", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The Zipkin UI's own test traces load whole: every record kept, shared
// client/server halves paired rather than flagged as duplicates, and
// only the spans whose parents were never reported hang as orphans.
func TestRealZipkinFiles(t *testing.T) {
	for _, c := range []struct {
		file             string
		records, orphans int
	}{
		{"zipkin-lens_skew.json", 4, 0},
		{"zipkin-lens_yelp.json", 16, 0},
		{"zipkin-lens_messaging.json", 4, 0},
		{"zipkin-lens_messaging2.json", 11, 6},
		{"zipkin-lens_smartthings-oauth-authorization.json", 175, 0},
	} {
		col, _, err := decodeString(t, string(fixture(t, c.file)))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(col.Traces()) != 1 || len(col.Traces()[0].Spans) != c.records {
			t.Fatalf("%s: %d traces, %d spans; want 1, %d", c.file, len(col.Traces()), col.SpanCount(), c.records)
		}
		tree := trace.Build(col.Traces()[0])
		orphans, dups := 0, 0
		for i := range tree.Trace.Spans {
			if tree.Parent[i] >= 0 && tree.Span(tree.Parent[i]).Placeholder {
				orphans++
			}
			if tree.Marks[i]&trace.MarkDuplicateID != 0 {
				dups++
			}
		}
		if orphans != c.orphans || dups != 0 {
			t.Errorf("%s: %d orphans (want %d), %d spans flagged duplicate (want 0: shared spans pair up)", c.file, orphans, c.orphans, dups)
		}
	}
}

func TestMappingOfOneSpan(t *testing.T) {
	col, _, err := decodeString(t, `[{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","parentId":"a2fb4a1d1a96d312",
	  "name":"get /api","kind":"SERVER","timestamp":1600000000123456,"duration":7,
	  "localEndpoint":{"serviceName":"backend","ipv4":"10.0.0.1","port":8080},"remoteEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.2"},
	  "annotations":[{"timestamp":1600000000123458,"value":"wr"}],"tags":{"http.path":"/api","error":"timeout"},"shared":true}]`)
	if err != nil {
		t.Fatal(err)
	}
	s := col.Traces()[0].Spans[0]
	if s.TraceID.String() != "0000000000000000463ac35c9f6413ad" || s.SpanID.String() != "72485a3953bb6124" || s.ParentID.String() != "a2fb4a1d1a96d312" {
		t.Errorf("ids %s %s %s", s.TraceID, s.SpanID, s.ParentID)
	}
	if s.Start != 1600000000123456000 || s.End != 1600000000123463000 {
		t.Errorf("µs → ns not exact: %d..%d", s.Start, s.End)
	}
	if s.Kind != trace.KindServer || s.Service() != "backend" || !s.IsError() || s.StatusMessage != "timeout" {
		t.Errorf("kind %v service %q status %v %q", s.Kind, s.Service(), s.Status, s.StatusMessage)
	}
	if len(s.Events) != 1 || s.Events[0].Name != "wr" || s.Events[0].Time != 1600000000123458000 {
		t.Errorf("annotations → events: %+v", s.Events)
	}
	for key, want := range map[string]string{"http.path": "/api", "peer.service": "frontend", "net.peer.ip": "10.0.0.2", "zipkin.shared": "true"} {
		if v, ok := trace.Lookup(s.Attrs, key); !ok || v.AsString() != want {
			t.Errorf("attribute %s = %q, want %q", key, v.AsString(), want)
		}
	}
	if v, _ := trace.Lookup(s.Resource.Attrs, "host.port"); v.AsString() != "8080" {
		t.Errorf("resource %+v", s.Resource.Attrs)
	}
}

func TestListOfTracesAndLocalSpans(t *testing.T) {
	col, _, err := decodeString(t, `[[{"traceId":"a","id":"1","name":"local"}],[{"traceId":"b","id":"2","kind":"PRODUCER","timestamp":5}]]
	[{"traceId":"a","id":"3","parentId":"1"}]`)
	if err != nil {
		t.Fatal(err)
	}
	if len(col.Traces()) != 2 || len(col.Traces()[0].Spans) != 2 {
		t.Fatalf("%d traces", len(col.Traces()))
	}
	if k := col.Traces()[0].Spans[0].Kind; k != trace.KindInternal {
		t.Errorf("a span without kind is local (internal), got %v", k)
	}
	if s := col.Traces()[1].Spans[0]; s.Kind != trace.KindProducer || s.End != 0 {
		t.Errorf("producer without duration: kind %v end %d (no end must stay unknown)", s.Kind, s.End)
	}
}

func TestBadInput(t *testing.T) {
	_, _, err := decodeString(t, `{"resourceSpans":[]}`)
	if !errors.Is(err, ErrNotZipkin) {
		t.Errorf("an object is not Zipkin: %v", err)
	}
	_, _, err = decodeString(t, `[{"traceId":"a","id":"1","name":"cut`)
	var pe *source.ParseError
	if !errors.As(err, &pe) || pe.Offset < 20 || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated input: %v", err)
	}
	_, ws, err := decodeString(t, `[1, {"traceId":"a","id":"1"}]`)
	if err != nil || ws.Len() == 0 {
		t.Errorf("a non-span element should be skipped with a warning: %v %v", err, ws.List())
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"zipkin-lens_skew.json", "zipkin-lens_messaging.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "zipkin-v2", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`[[{"traceId":"x","id":"y","timestamp":"1e3","tags":null,"annotations":[{}]}]]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		c := trace.NewCollector()
		err := Decode(bytes.NewReader(in), c, &source.Warnings{})
		var pe *source.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error without a position: %v", err)
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}

// Zipkin's error tag is the span's status: read once, as the status and
// its message, not also as an attribute that an export would write back
// as a second error tag.
func TestErrorTagIsTheStatus(t *testing.T) {
	c, _, err := decodeString(t, `[{"traceId":"a","id":"1","name":"charge","timestamp":1,"duration":2,
		"localEndpoint":{"serviceName":"pay"},"tags":{"error":"502 Bad Gateway","http.status_code":"502"}}]`)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Traces()[0].Spans[0]
	if s.Status != trace.StatusError || s.StatusMessage != "502 Bad Gateway" {
		t.Errorf("status %v %q, want error \"502 Bad Gateway\"", s.Status, s.StatusMessage)
	}
	if _, ok := trace.Lookup(s.Attrs, "error"); ok || len(s.Attrs) != 1 {
		t.Errorf("attributes %v: want http.status_code only", s.Attrs)
	}
}

package zipkin

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// What a Zipkin server refuses, the intake (DecodeStrict) refuses naming
// the span by its JSONPath; a file (Decode) keeps its good spans and
// warns, so one odd record never loses a whole file.
func TestStrictRefusesWhatZipkinRefusesFilesWarn(t *testing.T) {
	good := `{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","name":"ok"}`
	for _, c := range []struct {
		name, in, strict, warns string
		fileSpans               int
	}{
		{"null element", `[` + good + `,null]`, "$[1]: expected a span (a JSON object), got null", "not spans were skipped", 1},
		{"null IDs", `[` + good + `,{"traceId":null,"id":null}]`, "$[1]: span has no traceId", "without a traceId or id", 2},
		{"no id", `[{"traceId":"463ac35c9f6413ad","name":"x"}]`, "$[0]: span has no id", "without a traceId or id", 1},
		{"number trace ID", `[{"traceId":123,"id":"72485a3953bb6124"}]`, "$[0].traceId: a number; Zipkin IDs are JSON strings of hex", "read as hex digits", 1},
		{"number span ID", `[` + good + `,{"traceId":"1","id":7}]`, "$[1].id: a number", "read as hex digits", 2},
		{"not hex", `[{"traceId":"xyz","id":"72485a3953bb6124"}]`, `$[0].traceId: "xyz" is not an ID`, "not hex are kept", 1},
		{"too long", `[{"traceId":"463ac35c9f6413ad463ac35c9f6413ad0","id":"72485a3953bb6124"}]`, "32 digits at most", "not hex are kept", 1},
		{"tags a list", `[{"traceId":"1","id":"2","tags":[1,2]}]`, "$[0].tags: a list; tags are an object of strings", "tags that are not an object", 1},
		{"tag an object", `[{"traceId":"1","id":"2","tags":{"a":{"b":1}}}]`, "$[0].tags.a: an object; tag values are strings", "tags that are not an object", 1},
		{"nested", `[[` + good + `],[` + good + `,7]]`, "$[1][1]: expected a span", "not spans were skipped", 2},
	} {
		c2, ws := trace.NewCollector(), &source.Warnings{}
		err := DecodeStrict(strings.NewReader(c.in), c2, ws)
		if err == nil || !strings.Contains(err.Error(), c.strict) {
			t.Errorf("%s: strict: %v, want %q", c.name, err, c.strict)
		}
		c2, ws = trace.NewCollector(), &source.Warnings{}
		err = Decode(strings.NewReader(c.in), c2, ws)
		warned := false
		for _, w := range ws.List() {
			warned = warned || strings.Contains(w.Message, c.warns)
		}
		if err != nil || c2.SpanCount() != c.fileSpans || !warned {
			t.Errorf("%s: file: %v, %d spans, warnings %v; want %d spans and a warning saying %q", c.name, err, c2.SpanCount(), ws.List(), c.fileSpans, c.warns)
		}
	}
}

// Zipkin left-pads short hex IDs and takes tag values that are numbers or
// booleans as their text: so does the intake.
func TestStrictKeepsWhatZipkinAccepts(t *testing.T) {
	c := trace.NewCollector()
	in := `[{"traceId":"a1","id":"B2","parentId":null,"tags":{"n":5,"b":true,"s":"x"},"kind":"SERVER"}]`
	if err := DecodeStrict(strings.NewReader(in), c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	s := c.Traces()[0].Spans[0]
	if s.TraceID.String() != "000000000000000000000000000000a1" || s.SpanID.String() != "00000000000000b2" || len(s.Attrs) != 3 {
		t.Errorf("span %s %s %+v", s.TraceID, s.SpanID, s.Attrs)
	}
}

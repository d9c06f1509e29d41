package jaeger

import (
	"strings"
	"testing"
)

// Jaeger's microsecond startTime past year 2262 leaves the time unknown,
// with a warning, instead of wrapping into year 2216.
func TestTimesOutOfRangeAreUnknownNotWrapped(t *testing.T) {
	in := `{"data":[{"traceID":"a1","spans":[{"traceID":"a1","spanID":"b1","operationName":"far","references":[],
		"startTime":100000000000000000,"duration":5,"tags":[],"logs":[{"timestamp":100000000000000000,"fields":[]}],"processID":"p1"}],
		"processes":{"p1":{"serviceName":"svc","tags":[]}}}]}`
	c, ws, err := decode(t, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Traces()[0].Spans[0]
	if s.Start != 0 || s.End != 0 || len(s.Events) != 1 || s.Events[0].Time != 0 {
		t.Errorf("span %d..%d, event at %v: want all unknown (0)", s.Start, s.End, s.Events)
	}
	if ws.Len() != 1 || !strings.Contains(ws.List()[0].Message, "out of range") {
		t.Errorf("warnings %v, want one saying out of range", ws.List())
	}
}

// startTime 1e308 or 2^64 leaves one span untimed with a warning (which
// never prints a wrapped value); the file still loads.
func TestWildNumbersKeepTheFile(t *testing.T) {
	for _, v := range []string{"1e308", "18446744073709551616", "18446744073709551615"} {
		in := `{"data":[{"traceID":"a1","spans":[{"traceID":"a1","spanID":"b1","operationName":"far","references":[],
			"startTime":` + v + `,"duration":5,"tags":[],"logs":[],"processID":"p1"}],
			"processes":{"p1":{"serviceName":"svc","tags":[]}}}]}`
		c, ws, err := decode(t, []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if s := c.Traces()[0].Spans[0]; s.Start != 0 || s.End != 0 {
			t.Errorf("%s: span %d..%d, want unknown", v, s.Start, s.End)
		}
		if ws.Len() != 1 || strings.Contains(ws.List()[0].Message, "-1") {
			t.Errorf("%s: warnings %v", v, ws.List())
		}
	}
}

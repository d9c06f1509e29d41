package tui

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source/load"
)

// The status line says the failure first, then where the time went, the
// path's unknown time included (root fails; B started at 200 ms and has
// no end).
func TestStatusLineSaysTheFailureFirstThenTheUnknownTime(t *testing.T) {
	const doc = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[
{"traceId":"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b","spanId":"0000000000000001","name":"root","startTimeUnixNano":"1795168800000000000","endTimeUnixNano":"1795168801000000000","status":{"code":2,"message":"boom"}},
{"traceId":"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b","spanId":"0000000000000002","parentSpanId":"0000000000000001","name":"A","startTimeUnixNano":"1795168800000000000","endTimeUnixNano":"1795168800100000000"},
{"traceId":"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b","spanId":"0000000000000003","parentSpanId":"0000000000000001","name":"B","startTimeUnixNano":"1795168800200000000"}]}]}]}`
	traces := loadTraces(t, load.Input{Name: "unended.json", Reader: strings.NewReader(doc)})
	m := drive(t, New(traces, Options{}), 300, 20)
	s := screenText(m)
	f, b, u := strings.Index(s, "failure: api root: boom"), strings.Index(s, "bottleneck: api root"), strings.Index(s, "unknown: 800 ms")
	if f < 0 || b < 0 || u < 0 || !(f < b && b < u) {
		t.Errorf("want failure, bottleneck, unknown in that order:\n%s", s)
	}
}

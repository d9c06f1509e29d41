package zipkin

import (
	"strings"
	"testing"
)

// A microsecond time past year 2262 would wrap when turned into ns: the span
// is kept with its time unknown and a warning, never shown in another century.
func TestTimesOutOfRangeAreUnknownNotWrapped(t *testing.T) {
	c, ws, err := decodeString(t, `[{"traceId":"00000000000000a1","id":"00000000000000b1","name":"far","timestamp":100000000000000000,"duration":5},
		{"traceId":"00000000000000a1","id":"00000000000000b2","name":"long","timestamp":1795168800000000,"duration":9000000000000000000}]`)
	if err != nil {
		t.Fatal(err)
	}
	spans := c.Traces()[0].Spans
	if spans[0].Start != 0 || spans[0].End != 0 || spans[1].Start != 1795168800000000000 || spans[1].End != 0 {
		t.Errorf("times: far %d..%d, long %d..%d; want far unknown, long with its start and no end",
			spans[0].Start, spans[0].End, spans[1].Start, spans[1].End)
	}
	if ws.Len() != 2 || !strings.Contains(ws.List()[0].Message, "out of range") {
		t.Errorf("warnings %v, want one per span saying out of range", ws.List())
	}
}

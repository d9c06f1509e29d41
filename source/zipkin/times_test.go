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

// A time no int64 holds (1e308, 2^64, a fraction) keeps the span with its
// time unknown and a warning; it never rejects the whole file.
func TestWildNumbersKeepTheFile(t *testing.T) {
	c, ws, err := decodeString(t, `[{"traceId":"00000000000000a1","id":"00000000000000b1","name":"huge","timestamp":1e308,"duration":5},
		{"traceId":"00000000000000a1","id":"00000000000000b2","name":"wrapped","timestamp":1795168800000000,"duration":18446744073709551616},
		{"traceId":"00000000000000a1","id":"00000000000000b3","name":"fraction","timestamp":1795168800000000.5,"duration":2}]`)
	if err != nil {
		t.Fatalf("one wild span rejected the file: %v", err)
	}
	spans := c.Traces()[0].Spans
	if len(spans) != 3 || spans[0].Start != 0 || spans[1].End != 0 || spans[2].Start != 1795168800000000000 || spans[2].End != 1795168800000002000 {
		t.Errorf("spans %+v", spans)
	}
	if ws.Len() != 2 {
		t.Errorf("warnings %v, want one for each out-of-range span", ws.List())
	}
}

package otlpjson

import (
	"errors"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/hostile"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// A value nested past MaxValueDepth fails with its line; the other lines
// of a JSON lines file still load.
func TestDeepValuesAreRefusedWithALine(t *testing.T) {
	ok := request(`{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"fine"}`)
	for _, depth := range []int{source.MaxValueDepth + 1, 200_000} {
		in := ok + "\n" + hostile.NestedJSON(depth) + "\n"
		c, ws, err := decode(t, in)
		if err != nil {
			var pe *source.ParseError
			if !errors.Is(err, source.ErrTooDeep) || !errors.As(err, &pe) || pe.Line != 2 {
				t.Errorf("depth %d: %v, want ErrTooDeep on line 2", depth, err)
			}
			continue
		}
		if len(ws) != 1 || ws[0].Line != 2 || !strings.Contains(ws[0].Message, "nested deeper") || c.SpanCount() != 1 {
			t.Errorf("depth %d: warnings %v, %d spans; want line 2 skipped as too deep, the other span loaded", depth, ws, c.SpanCount())
		}
	}
	c, _, err := decode(t, hostile.NestedJSON(source.MaxValueDepth))
	if err != nil || c.SpanCount() != 1 {
		t.Fatalf("depth at the limit: %v", err)
	}
	v, _ := trace.Lookup(c.Traces()[0].Spans[0].Attrs, "deep")
	n := 0
	for ; v.Kind() == trace.ValueArray; n++ {
		v = v.Items()[0].Value
	}
	if n != source.MaxValueDepth || v.Int() != 1 {
		t.Errorf("kept %d levels around %v, want %d around 1", n, v.AsString(), source.MaxValueDepth)
	}
}

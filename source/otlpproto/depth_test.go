package otlpproto

import (
	"errors"
	"testing"

	"github.com/tracetui/tracetui/internal/hostile"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// A value nested past MaxValueDepth is a positioned error, not a stack
// overflow; one at the limit loads whole.
func TestDeepValuesAreRefusedWithAPosition(t *testing.T) {
	for _, depth := range []int{source.MaxValueDepth + 1, 1_000_000} {
		err := Decode(hostile.NestedProto(depth), trace.NewCollector(), &source.Warnings{})
		var pe *source.ParseError
		if !errors.Is(err, source.ErrTooDeep) || !errors.As(err, &pe) || pe.Offset <= 0 {
			t.Errorf("depth %d: error %v, want ErrTooDeep at a byte offset", depth, err)
		}
	}
	c := trace.NewCollector()
	if err := Decode(hostile.NestedProto(source.MaxValueDepth), c, &source.Warnings{}); err != nil {
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

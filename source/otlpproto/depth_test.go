package otlpproto

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/hostile"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
	"google.golang.org/protobuf/encoding/protowire"
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

// A fixed64 time past year 2262 is an error with its offset, not a
// negative (1677) time.
func TestTimePastInt64IsAnError(t *testing.T) {
	span := protowire.AppendTag(nil, 1, protowire.BytesType)
	span = protowire.AppendBytes(span, []byte("0123456789abcdef"))
	span = protowire.AppendTag(span, 7, protowire.Fixed64Type)
	span = protowire.AppendFixed64(span, math.MaxUint64)
	scope := protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), span)
	res := protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), scope)
	req := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), res)
	err := Decode(req, trace.NewCollector(), &source.Warnings{})
	var pe *source.ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "2262") {
		t.Errorf("error %v, want a positioned error about the time", err)
	}
}

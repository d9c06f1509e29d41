package otlpproto

import (
	"bytes"
	"errors"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func FuzzDecode(f *testing.F) {
	b, _ := proto.Marshal(fullRequest())
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, err := range []error{
			Decode(in, trace.NewCollector(), &source.Warnings{}),
			DecodeStream(bytes.NewReader(in), trace.NewCollector(), &source.Warnings{}, source.MaxValueBytes),
		} {
			var pe *source.ParseError
			if err != nil && !errors.As(err, &pe) {
				t.Fatalf("error without a position: %v", err)
			}
		}
		Sniff(in, int64(len(in)))
	})
}

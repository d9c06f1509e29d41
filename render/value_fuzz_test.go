package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// valueFrom turns fuzz bytes into an attribute value: a tiny stack machine
// whose opcodes push strings, numbers and bools and open or close arrays
// and maps, so the fuzzer reaches deep, wide and hostile values.
func valueFrom(b []byte) trace.Value {
	type frame struct {
		items []trace.Attr
		isMap bool
	}
	stack := []frame{{}}
	push := func(v trace.Value) {
		top := &stack[len(stack)-1]
		key := ""
		if top.isMap {
			key = "k" + string(rune('a'+len(top.items)%26))
		}
		top.items = append(top.items, trace.Attr{Key: key, Value: v})
	}
	for len(b) > 0 {
		op := b[0]
		b = b[1:]
		switch op % 6 {
		case 0: // a string of the next n bytes
			n := min(int(op/6), len(b))
			push(trace.StringValue(string(b[:n])))
			b = b[n:]
		case 1:
			push(trace.IntValue(int64(op) << 56))
		case 2:
			push(trace.DoubleValue(float64(op) / 7))
		case 3, 4:
			stack = append(stack, frame{isMap: op%6 == 4})
		case 5:
			if len(stack) > 1 {
				f := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if f.isMap {
					push(trace.MapValue(f.items))
				} else {
					push(trace.ArrayValue(f.items))
				}
			}
		}
	}
	for len(stack) > 1 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		push(trace.ArrayValue(f.items))
	}
	return trace.ArrayValue(stack[0].items)
}

// FuzzValueRendering: any attribute value (deep, wide, escape-laden) and
// any span name render in the details pane and a row within the width,
// with no control byte reaching the terminal.
func FuzzValueRendering(f *testing.F) {
	f.Add([]byte("\x1e\x1b]52;c;aGk=\x07"), "GET /", uint8(60))
	f.Add([]byte("\x03\x03\x03\x04\x01\x05\x05\x05"), "\u202eevil", uint8(20))
	f.Add([]byte(strings.Repeat("\x03", 200)), strings.Repeat("注", 40), uint8(33))
	f.Fuzz(func(t *testing.T, val []byte, name string, width uint8) {
		w := 20 + int(width)%180
		tr := trace.Build(&trace.Trace{Spans: []trace.Span{{Name: name, Start: 1, End: 2,
			Attrs: []trace.Attr{{Key: name, Value: valueFrom(val)}}}}})
		a := trace.Analyze(tr)
		opt := Options{Width: w}
		lines := Details(tr, a, 0, opt)
		lines = append(lines, Waterfall(tr, a, ViewState{}, opt)...)
		for _, l := range lines {
			if Width(l) > w {
				t.Fatalf("line of %d columns at width %d: %q", Width(l), w, l)
			}
			for _, r := range l {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
					t.Fatalf("control %U reached the terminal in %q", r, l)
				}
			}
		}
	})
}

package trace

import (
	"math"
	"testing"
	"unsafe"
)

// A loaded file holds millions of values: Value is two words and Attr
// (key and value) four, or memory grows by the attribute count.
func TestValueIsTwoWords(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are for 64-bit machines")
	}
	if got := unsafe.Sizeof(Value{}); got > 16 {
		t.Errorf("Value is %d bytes, want 16", got)
	}
	if got := unsafe.Sizeof(Attr{}); got > 32 {
		t.Errorf("Attr is %d bytes, want 32", got)
	}
}

func TestValueKeepsEachKind(t *testing.T) {
	list := []Attr{{Key: "k", Value: IntValue(1)}}
	for _, c := range []struct {
		v    Value
		kind ValueKind
		text string
	}{
		{Value{}, ValueEmpty, ""},
		{StringValue(""), ValueString, ""},
		{StringValue("héllo"), ValueString, "héllo"},
		{BoolValue(true), ValueBool, "true"},
		{BoolValue(false), ValueBool, "false"},
		{IntValue(math.MinInt64), ValueInt, "-9223372036854775808"},
		{IntValue(-1), ValueInt, "-1"},
		{DoubleValue(-2.5), ValueDouble, "-2.5"},
		{DoubleValue(math.Inf(1)), ValueDouble, "+Inf"},
		{BytesValue(nil), ValueBytes, "0x"},
		{BytesValue([]byte{0xde, 0xad}), ValueBytes, "0xdead"},
		{ArrayValue(nil), ValueArray, "[]"},
		{ArrayValue([]Attr{{Value: StringValue("a")}, {Value: IntValue(2)}}), ValueArray, "[a, 2]"},
		{MapValue(list), ValueMap, "{k: 1}"},
	} {
		if c.v.Kind() != c.kind || c.v.AsString() != c.text {
			t.Errorf("%s %q: got %s %q", c.kind, c.text, c.v.Kind(), c.v.AsString())
		}
		// What the accessors of other kinds return, as before: nothing.
		if k := c.v.Kind(); k != ValueString && k != ValueBytes && c.v.Str() != "" {
			t.Errorf("%s: Str() = %q", k, c.v.Str())
		}
		if k := c.v.Kind(); k != ValueArray && k != ValueMap && c.v.Items() != nil {
			t.Errorf("%s: Items() = %v", k, c.v.Items())
		}
		if k := c.v.Kind(); (k < ValueBool || k > ValueDouble) && (c.v.Int() != 0 || c.v.Bool()) {
			t.Errorf("%s: Int() = %d", k, c.v.Int())
		}
	}
	if ArrayValue(nil).Items() != nil || ArrayValue([]Attr{}).Items() == nil {
		t.Error("an array keeps a nil list apart from an empty one")
	}
	if got := MapValue(list).Items(); &got[0] != &list[0] || cap(got) != 1 {
		t.Error("a map's items are its list, capped so an append copies")
	}
	if b := []byte("ab"); BytesValue(b).Str() != "ab" || func() bool { v := BytesValue(b); b[0] = 'x'; return v.Str() != "ab" }() {
		t.Error("BytesValue copies its bytes")
	}
	if DoubleValue(math.NaN()).Double() == DoubleValue(math.NaN()).Double() || math.Float64bits(DoubleValue(math.Copysign(0, -1)).Double()) != 1<<63 {
		t.Error("a double keeps its bits")
	}
}

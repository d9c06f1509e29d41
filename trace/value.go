package trace

import (
	"math"
	"strconv"
	"unsafe"
)

// ValueKind is the kind of an attribute value (an OTLP AnyValue).
type ValueKind uint8

const (
	ValueEmpty ValueKind = iota
	ValueString
	ValueBool
	ValueInt
	ValueDouble
	ValueBytes
	ValueArray
	ValueMap
)

var valueKindNames = [...]string{"empty", "string", "bool", "int", "double", "bytes", "array", "map"}

// String is the kind's name: "string", "int", "map"….
func (k ValueKind) String() string {
	if int(k) < len(valueKindNames) {
		return valueKindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is a typed attribute value in two words, 16 bytes, because a
// trace holds millions of them: at 40 bytes (string, int64, list pointer
// and kind apart) attributes were most of a loaded file's memory.
//
// p and w share the work by kind:
//   - string, bytes: p is the text's first byte, w its length with the
//     kind in the top byte (p nil for "");
//   - array, map: p is the first Attr, w the length with the kind on top
//     (p nil for a nil list, so Items keeps nil apart from empty);
//   - bool, int, double: p is &scalarMarks[kind], which says the kind,
//     and w the whole 64 bits (0/1, the int, the double's bits);
//   - empty: both zero, so Value{} is the empty value.
//
// unsafe is used here alone, for p and for reading a string or slice back
// from p and a length. The garbage collector sees p as a pointer and it
// only ever holds what Go made: a string's or slice's data pointer, nil, or
// the address of a static marker; it is never made from an integer.
//
// Values are not comparable with ==, which would compare the addresses of
// two strings and not their text: use Equal.
type Value struct {
	_ [0]func() // not comparable, see above
	p unsafe.Pointer
	w uint64
}

const (
	kindShift = 56
	lenMask   = 1<<kindShift - 1
)

// scalarMarks gives bool, int and double values a p of their own kind.
// Only the address is used: it lies in no string or slice, so a p within
// it tells a scalar from a string, whose w would hold its length.
var scalarMarks [ValueMap + 1]byte

func scalar(k ValueKind, bits uint64) Value {
	return Value{p: unsafe.Pointer(&scalarMarks[k]), w: bits}
}

func sized(k ValueKind, p unsafe.Pointer, n int) Value {
	if uint64(n) > lenMask {
		panic("trace: value longer than 2^56")
	}
	return Value{p: p, w: uint64(k)<<kindShift | uint64(n)}
}

// StringValue holds a string.
func StringValue(s string) Value {
	if s == "" {
		return Value{w: uint64(ValueString) << kindShift}
	}
	return sized(ValueString, unsafe.Pointer(unsafe.StringData(s)), len(s))
}

// IntValue holds a 64-bit integer.
func IntValue(n int64) Value { return scalar(ValueInt, uint64(n)) }

// DoubleValue holds a float64, stored as its bits so Value stays small.
func DoubleValue(f float64) Value { return scalar(ValueDouble, math.Float64bits(f)) }

// BytesValue holds a copy of b.
func BytesValue(b []byte) Value {
	if len(b) == 0 {
		return Value{w: uint64(ValueBytes) << kindShift}
	}
	s := string(b)
	return sized(ValueBytes, unsafe.Pointer(unsafe.StringData(s)), len(s))
}

// BoolValue holds a bool.
func BoolValue(b bool) Value {
	if b {
		return scalar(ValueBool, 1)
	}
	return scalar(ValueBool, 0)
}

// ArrayValue holds a list of values; each element is an Attr with an empty key.
func ArrayValue(items []Attr) Value {
	return sized(ValueArray, unsafe.Pointer(unsafe.SliceData(items)), len(items))
}

// MapValue holds a list of key/value pairs (an OTLP kvlist).
func MapValue(items []Attr) Value {
	return sized(ValueMap, unsafe.Pointer(unsafe.SliceData(items)), len(items))
}

// isScalar reports whether p is one of scalarMarks: a bool, int or double.
func (v Value) isScalar() bool {
	return uintptr(v.p)-uintptr(unsafe.Pointer(&scalarMarks)) < uintptr(len(scalarMarks))
}

// Kind is the kind of value held. Each accessor below reads one kind; what
// it returns for another kind means nothing, so check Kind (or use AsString).
func (v Value) Kind() ValueKind {
	if v.isScalar() {
		return ValueKind(uintptr(v.p) - uintptr(unsafe.Pointer(&scalarMarks)))
	}
	return ValueKind(v.w >> kindShift)
}

// num is a scalar's bits, 0 for other kinds.
func (v Value) num() uint64 {
	if v.isScalar() {
		return v.w
	}
	return 0
}

// Str is a string value's text (a bytes value's raw bytes); "" for other kinds.
func (v Value) Str() string {
	if v.isScalar() || v.p == nil {
		return ""
	}
	if k := ValueKind(v.w >> kindShift); k != ValueString && k != ValueBytes {
		return ""
	}
	return unsafe.String((*byte)(v.p), int(v.w&lenMask))
}

// Int is an int value.
func (v Value) Int() int64 { return int64(v.num()) }

// Bool is a bool value.
func (v Value) Bool() bool { return v.num() != 0 }

// Double is a double value.
func (v Value) Double() float64 { return math.Float64frombits(v.num()) }

// Bytes is a copy of a bytes value's bytes.
func (v Value) Bytes() []byte { return []byte(v.Str()) }

// Items returns the elements of an array or the pairs of a map; nil for
// other kinds. Its capacity is its length: appending to it copies.
func (v Value) Items() []Attr {
	if v.isScalar() || v.p == nil {
		return nil
	}
	if k := ValueKind(v.w >> kindShift); k != ValueArray && k != ValueMap {
		return nil
	}
	return unsafe.Slice((*Attr)(v.p), int(v.w&lenMask))
}

// AsString renders any value as text, the way details panes and search match it.
func (v Value) AsString() string {
	switch v.Kind() {
	case ValueString:
		return v.Str()
	case ValueBool:
		return strconv.FormatBool(v.Bool())
	case ValueInt:
		return strconv.FormatInt(v.Int(), 10)
	case ValueDouble:
		return strconv.FormatFloat(v.Double(), 'g', -1, 64)
	case ValueBytes:
		return "0x" + hexString(v.Str())
	case ValueArray:
		s := "["
		for i, it := range v.Items() {
			if i > 0 {
				s += ", "
			}
			s += it.Value.AsString()
		}
		return s + "]"
	case ValueMap:
		s := "{"
		for i, it := range v.Items() {
			if i > 0 {
				s += ", "
			}
			s += it.Key + ": " + it.Value.AsString()
		}
		return s + "}"
	}
	return ""
}

// String is the kind and AsString, for test failures and logs (a Value
// printed with %v shows no pointers); what users read is AsString.
func (v Value) String() string { return v.Kind().String() + ":" + v.AsString() }

func hexString(s string) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, digits[s[i]>>4], digits[s[i]&15])
	}
	return string(b)
}

// Attr is one key/value attribute.
type Attr struct {
	Key   string
	Value Value
}

// Lookup returns the value of the first attribute named key.
func Lookup(attrs []Attr, key string) (Value, bool) {
	for i := range attrs {
		if attrs[i].Key == key {
			return attrs[i].Value, true
		}
	}
	return Value{}, false
}

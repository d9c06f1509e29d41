package trace

import (
	"math"
	"strconv"
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

// Value is a typed attribute value. Scalars live inline; arrays and maps,
// which are rare, hang off a pointer so the common attribute stays small.
type Value struct {
	str  string // string, or the raw bytes of a bytes value
	num  int64  // int, bool (0/1) or the bits of a double
	list *[]Attr
	kind ValueKind
}

// StringValue holds a string.
func StringValue(s string) Value { return Value{kind: ValueString, str: s} }

// IntValue holds a 64-bit integer.
func IntValue(n int64) Value { return Value{kind: ValueInt, num: n} }

// DoubleValue holds a float64, stored as its bits so Value stays small.
func DoubleValue(f float64) Value { return Value{kind: ValueDouble, num: int64(math.Float64bits(f))} }

// BytesValue holds a copy of b.
func BytesValue(b []byte) Value { return Value{kind: ValueBytes, str: string(b)} }

// BoolValue holds a bool.
func BoolValue(b bool) Value {
	v := Value{kind: ValueBool}
	if b {
		v.num = 1
	}
	return v
}

// ArrayValue holds a list of values; each element is an Attr with an empty key.
func ArrayValue(items []Attr) Value { return Value{kind: ValueArray, list: &items} }

// MapValue holds a list of key/value pairs (an OTLP kvlist).
func MapValue(items []Attr) Value { return Value{kind: ValueMap, list: &items} }

// Kind is the kind of value held. Each accessor below reads one kind; what
// it returns for another kind means nothing, so check Kind (or use AsString).
func (v Value) Kind() ValueKind { return v.kind }

// Str is a string value's text (a bytes value's raw bytes).
func (v Value) Str() string { return v.str }

// Int is an int value.
func (v Value) Int() int64 { return v.num }

// Bool is a bool value.
func (v Value) Bool() bool { return v.num != 0 }

// Double is a double value.
func (v Value) Double() float64 { return math.Float64frombits(uint64(v.num)) }

// Bytes is a copy of a bytes value's bytes.
func (v Value) Bytes() []byte { return []byte(v.str) }

// Items returns the elements of an array or the pairs of a map.
func (v Value) Items() []Attr {
	if v.list == nil {
		return nil
	}
	return *v.list
}

// AsString renders any value as text, the way details panes and search match it.
func (v Value) AsString() string {
	switch v.kind {
	case ValueString:
		return v.str
	case ValueBool:
		return strconv.FormatBool(v.Bool())
	case ValueInt:
		return strconv.FormatInt(v.num, 10)
	case ValueDouble:
		return strconv.FormatFloat(v.Double(), 'g', -1, 64)
	case ValueBytes:
		return "0x" + hexString(v.str)
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

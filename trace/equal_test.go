package trace

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// Equal decides which spans are repeats: a span delivered twice must
// compare equal though its text lies at other addresses, and a span that
// differs in any field, one added later too, must not.

var valueType = reflect.TypeFor[Value]()

// fullSpan fills every field of a Span, through Resource, Scope, Raw,
// Attrs, Events and Links, with a value other than the zero value, so
// that changing any one field is a change Equal can see.
func fullSpan(t *testing.T) *Span {
	s := new(Span)
	fill(t, reflect.ValueOf(s).Elem(), "Span")
	return s
}

func fill(t *testing.T, v reflect.Value, path string) {
	switch {
	case v.Type() == valueType:
		v.Set(reflect.ValueOf(sampleValue()))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(len(path)))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(len(path)))
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), path)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(t, v.Index(i), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Fatalf("%s.%s is unexported: teach Equal and this test about it", path, f.Name)
			}
			fill(t, v.Field(i), path+"."+f.Name)
		}
	default:
		t.Fatalf("%s is a %s: teach Equal and this test about it", path, v.Kind())
	}
}

// sampleValue nests one value of each kind, a NaN among them, which
// equals itself as it did when doubles were compared by their bits.
func sampleValue() Value {
	return MapValue([]Attr{
		{Key: "s", Value: StringValue("text")},
		{Key: "e", Value: StringValue("")},
		{Key: "b", Value: BoolValue(true)},
		{Key: "i", Value: IntValue(-7)},
		{Key: "d", Value: DoubleValue(math.NaN())},
		{Key: "x", Value: BytesValue([]byte{0, 1})},
		{Key: "a", Value: ArrayValue([]Attr{{Value: IntValue(1)}, {Value: ArrayValue([]Attr{})}})},
		{Key: "z"},
	})
}

// deepCopy copies v with every string, slice and pointee anew, so that
// nothing but content is shared with the original.
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch {
	case v.Type() == valueType:
		out.Set(reflect.ValueOf(copyValue(v.Interface().(Value))))
		return out
	}
	switch v.Kind() {
	case reflect.String:
		out.SetString(strings.Clone(v.String()))
	case reflect.Pointer:
		if !v.IsNil() {
			out.Set(deepCopy(v.Elem()).Addr())
		}
	case reflect.Slice:
		if !v.IsNil() {
			out.Set(reflect.MakeSlice(v.Type(), v.Len(), v.Len()))
			for i := range v.Len() {
				out.Index(i).Set(deepCopy(v.Index(i)))
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			out.Field(i).Set(deepCopy(v.Field(i)))
		}
	case reflect.Array:
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
	default:
		out.Set(v)
	}
	return out
}

func copyValue(v Value) Value {
	switch v.Kind() {
	case ValueString:
		return StringValue(strings.Clone(v.Str()))
	case ValueBytes:
		return BytesValue(v.Bytes())
	case ValueArray, ValueMap:
		var items []Attr
		if v.Items() != nil {
			items = deepCopy(reflect.ValueOf(v.Items())).Interface().([]Attr)
		}
		if v.Kind() == ValueArray {
			return ArrayValue(items)
		}
		return MapValue(items)
	}
	return v
}

// changes calls visit once per way one field of v can differ (each leaf
// altered, a pointer or list nil, a list shorter or longer), with path
// naming it and undo putting the field back.
func changes(v reflect.Value, path string, visit func(path string)) {
	if v.Type() == valueType {
		old := v.Interface().(Value)
		alts := []Value{{}, StringValue("other"), IntValue(8), BoolValue(false), DoubleValue(0.5),
			BytesValue([]byte("text")), ArrayValue(old.Items()), MapValue(nil)}
		items := old.Items()
		if items != nil {
			list := ArrayValue
			if old.Kind() == ValueMap {
				list = MapValue
			}
			alts = append(alts, list(nil), list(items[:0]), list(append(items[:len(items):len(items)], Attr{Key: "more"})))
			if len(items) > 0 {
				alts = append(alts, list(items[:len(items)-1]))
			}
		}
		for _, alt := range alts {
			if alt.p == old.p && alt.w == old.w {
				continue // the same value, not a change
			}
			v.Set(reflect.ValueOf(alt))
			visit(path + " = " + alt.Kind().String() + " " + alt.AsString())
			v.Set(reflect.ValueOf(old))
		}
		for i := range items {
			// items shares the value's list: changing an item changes the value.
			changes(reflect.ValueOf(items).Index(i), path+"["+strconv.Itoa(i)+"]", visit)
		}
		return
	}
	old := reflect.New(v.Type()).Elem()
	old.Set(v)
	set := func(to reflect.Value, what string) {
		v.Set(to)
		visit(path + what)
		v.Set(old)
	}
	switch v.Kind() {
	case reflect.String:
		set(reflect.ValueOf(v.String()+"!").Convert(v.Type()), " changed")
	case reflect.Bool:
		set(reflect.ValueOf(!v.Bool()).Convert(v.Type()), " changed")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		set(reflect.ValueOf(v.Int()+1).Convert(v.Type()), " changed")
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		set(reflect.ValueOf(v.Uint()+1).Convert(v.Type()), " changed")
	case reflect.Array:
		for i := range v.Len() {
			changes(v.Index(i), path+"["+strconv.Itoa(i)+"]", visit)
		}
	case reflect.Pointer:
		set(reflect.Zero(v.Type()), " = nil")
		changes(v.Elem(), path, visit)
	case reflect.Slice:
		set(reflect.Zero(v.Type()), " = nil")
		set(v.Slice(0, 0), " emptied")
		set(v.Slice(0, v.Len()-1), " shortened")
		set(reflect.Append(v.Slice3(0, v.Len(), v.Len()), v.Index(0)), " lengthened")
		for i := range v.Len() {
			changes(v.Index(i), path+"["+strconv.Itoa(i)+"]", visit)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			changes(v.Field(i), path+"."+v.Type().Field(i).Name, visit)
		}
	}
}

func TestEqualSeesEveryField(t *testing.T) {
	base := fullSpan(t)
	c := deepCopy(reflect.ValueOf(base).Elem()).Addr().Interface().(*Span)
	if !base.Equal(c) || !c.Equal(base) {
		t.Fatalf("a copy with its text elsewhere is not Equal:\n%+v\n%+v", base, c)
	}
	n := 0
	changes(reflect.ValueOf(c).Elem(), "Span", func(path string) {
		n++
		if base.Equal(c) || c.Equal(base) {
			t.Errorf("%s: still Equal", path)
		}
	})
	if !base.Equal(c) {
		t.Fatal("changes did not put the copy back")
	}
	// Every field of Span and what hangs off it, at least once.
	if n < 100 {
		t.Errorf("only %d changes tried", n)
	}
}

func TestEqualNilAndEmptyAndPointers(t *testing.T) {
	var none *Span
	if !none.Equal(nil) || none.Equal(&Span{}) || (&Span{}).Equal(nil) {
		t.Error("a nil span equals only nil")
	}
	a, b := &Span{Attrs: []Attr{}}, &Span{}
	if a.Equal(b) {
		t.Error("an empty attribute list equals a nil one (reflect.DeepEqual told them apart)")
	}
	if !DoubleValue(math.NaN()).Equal(DoubleValue(math.NaN())) || DoubleValue(0).Equal(DoubleValue(math.Copysign(0, -1))) {
		t.Error("doubles are compared by their bits")
	}
	if IntValue(1).Equal(BoolValue(true)) || StringValue("1").Equal(BytesValue([]byte("1"))) {
		t.Error("values of other kinds with the same bits are equal")
	}
}

func TestRepeatWithItsTextElsewhereIsDropped(t *testing.T) {
	root := in("web", sp(1, 0, 0, 100, "GET /"))
	root.Attrs = []Attr{{Key: "http.route", Value: StringValue("/users/:id")}, {Key: "tags", Value: ArrayValue([]Attr{{Value: StringValue("a")}})}}
	again := *deepCopy(reflect.ValueOf(&root).Elem()).Addr().Interface().(*Span)
	if unsafe.StringData(again.Attrs[0].Value.Str()) == unsafe.StringData(root.Attrs[0].Value.Str()) {
		t.Fatal("the copy shares its text")
	}
	tr := Build(&Trace{Spans: []Span{root, again}})
	if len(tr.Trace.Spans) != 1 || !hasWarning(tr, Warning{Kind: WarnRepeats, Count: 1}) {
		t.Errorf("the same span twice, decoded apart: %d spans, warnings %v", len(tr.Trace.Spans), tr.Warnings)
	}
}

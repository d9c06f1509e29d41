package otlpjson

import (
	"bytes"
	"encoding/base64"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// readAttrs reads a KeyValue list, appending to the decoder's scratch and
// then copying into a shared slab, so a span's attributes cost no
// allocation of their own.
func (d *decoder) readAttrs() ([]trace.Attr, error) {
	if !d.expectArray() {
		return nil, d.skipped()
	}
	start := len(d.attrStack)
	for d.more() {
		a, ok, err := d.attrFast(len(d.attrStack) - start)
		if !ok {
			a, err = d.readKeyValue(len(d.attrStack) - start)
		}
		if err != nil {
			return nil, err
		}
		d.attrStack = append(d.attrStack, a)
	}
	if err := d.end(); err != nil {
		return nil, err
	}
	out := d.in.Attrs.Copy(d.attrStack[start:])
	d.attrStack = d.attrStack[:start]
	return out, nil
}

// readKeyValue reads a KeyValue; slot is its place in its list (its hint,
// see decoder.hints), or -1 inside a kvlistValue.
func (d *decoder) readKeyValue(slot int) (trace.Attr, error) {
	var a trace.Attr
	switch d.dec.PeekKind() {
	case '{':
	case 'n':
		_, err := d.dec.ReadValue()
		return a, err
	default:
		raw, err := d.dec.ReadValue()
		if err != nil {
			return a, err
		}
		return a, d.typeErr(raw, "an attribute", `an object {"key": …, "value": …}`)
	}
	d.expectObject()
	var val trace.Value
	var vals *source.InternTable // the key's value table, once known
	valueSeen, keySeen := false, false
	for d.more() {
		switch string(d.name()) {
		case "key":
			k, t, err := d.readKey(slot)
			if err != nil {
				return a, err
			}
			a.Key, vals, keySeen = k, t, true
		case "value":
			// The value's interning table depends on the key, which
			// producers almost always write first; if not, intern by "".
			t := vals
			if t == nil {
				t = d.in.Value(a.Key)
			}
			v, err := d.readAnyValue(t)
			if err != nil {
				where := "attribute (its key after its value)"
				if keySeen {
					where = d.attrPlace(a.Key, slot)
				}
				return a, in(err, where)
			}
			if d.unknownKind != "" && slot >= 0 {
				d.warnUnknownKind(d.attrPlace(a.Key, slot))
			}
			val, valueSeen = v, true
		default:
			if err := d.dec.SkipValue(); err != nil {
				return a, err
			}
		}
	}
	if valueSeen {
		a.Value = val
	}
	return a, d.end()
}

// attrPlace names an attribute in an error or warning: `attribute "k"` in
// a list of attributes, `["k"]` inside a kvlistValue.
func (d *decoder) attrPlace(key string, slot int) string {
	if slot < 0 {
		return "[" + strconv.Quote(key) + "]"
	}
	return "attribute " + strconv.Quote(key)
}

// readKey reads an attribute key and returns it with its value table,
// recognised without a map lookup when it is the key the previous list
// had at the same place.
func (d *decoder) readKey(slot int) (string, *source.InternTable, error) {
	v, err := d.dec.ReadValue()
	if err != nil {
		return "", nil, err
	}
	switch v.Kind() {
	case '"':
	case 'n':
		return "", d.in.Value(""), nil
	default:
		return "", nil, in(d.typeErr(v, "its key", "a string"), "attribute")
	}
	var hint *source.InternTable
	if slot >= 0 && slot < len(d.hints) {
		hint = d.hints[slot]
	}
	inner := v[1 : len(v)-1]
	k, t, ok := "", (*source.InternTable)(nil), false
	if bytes.IndexByte(inner, '\\') < 0 {
		k, t, ok = d.in.Key(inner, hint)
	}
	if !ok {
		k = d.intern(&d.in.Names, v)
		t = d.in.Value(k)
	}
	if slot >= 0 && slot < len(d.hints) {
		d.hints[slot] = t
	}
	return k, t, nil
}

// readAnyValue reads an AnyValue; strings are interned in vals. A field
// holding null is unset, as in protojson. Fields it does not know are
// skipped (OTLP receivers must ignore unknown fields, so a kind added to
// OTLP later does not fail a whole export); when the object held nothing
// else, their first name is left in d.unknownKind for the caller to warn.
func (d *decoder) readAnyValue(vals *source.InternTable) (trace.Value, error) {
	var v trace.Value
	switch d.dec.PeekKind() {
	case '{':
	case 'n':
		_, err := d.dec.ReadValue()
		return v, err
	default:
		raw, err := d.dec.ReadValue()
		if err != nil {
			return v, err
		}
		return v, d.typeErr(raw, "value", `an object such as {"stringValue": …}`)
	}
	d.expectObject()
	known := false
	var unknown string
	for d.more() {
		name := d.name()
		var kind byte // the field's AnyValue kind, 0 when unknown
		switch string(name) {
		case "stringValue", "string_value":
			kind = 's'
		case "boolValue", "bool_value":
			kind = 'b'
		case "intValue", "int_value":
			kind = 'i'
		case "doubleValue", "double_value":
			kind = 'd'
		case "bytesValue", "bytes_value":
			kind = 'y'
		case "arrayValue", "array_value":
			kind = 'a'
		case "kvlistValue", "kvlist_value":
			kind = 'k'
		default:
			if !known && unknown == "" && d.err == nil {
				unknown = string(name)
			}
			if err := d.dec.SkipValue(); err != nil {
				return v, err
			}
			continue
		}
		known = true
		var err error
		if kind == 'a' || kind == 'k' {
			v, err = d.readList(v, kind == 'k')
		} else {
			v, err = d.readScalar(v, kind, vals)
		}
		if err != nil {
			return v, err
		}
	}
	if !known && unknown != "" && d.unknownKind == "" {
		d.unknownKind, d.unknownNested = unknown, d.depth > 0
	}
	return v, d.end()
}

// warnUnknownKind warns that the value of the attribute or log body at
// place, or one inside it, held only fields of an unknown kind.
func (d *decoder) warnUnknownKind(place string) {
	what := "value"
	if d.unknownNested {
		what = "a value inside it"
	}
	d.warnf("%s: %s of an unknown kind (%q), kept empty", place, what, d.unknownKind)
	d.unknownKind, d.unknownNested = "", false
}

// readScalar reads the JSON value of a scalar AnyValue field of kind
// ('s'tring, 'b'ool, 'i'nt, 'd'ouble, b'y'tes); null leaves v as it was.
func (d *decoder) readScalar(v trace.Value, kind byte, vals *source.InternTable) (trace.Value, error) {
	raw, err := d.dec.ReadValue()
	if err != nil || raw.Kind() == 'n' {
		return v, err
	}
	switch kind {
	case 's':
		if raw.Kind() != '"' {
			return v, d.typeErr(raw, "stringValue", "a string")
		}
		return trace.StringValue(d.intern(vals, raw)), nil
	case 'b':
		switch raw.Kind() {
		case 't':
			return trace.BoolValue(true), nil
		case 'f':
			return trace.BoolValue(false), nil
		}
		return v, d.typeErr(raw, "boolValue", "true/false")
	case 'i':
		return d.readIntValue(raw)
	case 'd':
		return d.readDoubleValue(raw)
	}
	return d.readBytesValue(raw)
}

func (d *decoder) readBytesValue(raw jsontext.Value) (trace.Value, error) {
	if raw.Kind() != '"' {
		return trace.Value{}, d.typeErr(raw, "bytesValue", "a base64 string")
	}
	s := d.rawString(raw)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(string(s)); err == nil {
			return trace.BytesValue(b), nil
		}
	}
	d.warnf("bytesValue is not base64; kept as text")
	return trace.StringValue(string(s)), nil
}

// readList reads an arrayValue or kvlistValue, {"values": [...]}; null
// leaves v as it was.
func (d *decoder) readList(v trace.Value, kv bool) (trace.Value, error) {
	field := "arrayValue"
	if kv {
		field = "kvlistValue"
	}
	switch d.dec.PeekKind() {
	case '{':
	case 'n':
		_, err := d.dec.ReadValue()
		return v, err
	default:
		raw, err := d.dec.ReadValue()
		if err != nil {
			return v, err
		}
		return v, d.typeErr(raw, field, `an object {"values": […]}`)
	}
	if d.depth >= source.MaxValueDepth {
		return v, source.ErrTooDeep
	}
	d.depth++
	items, err := d.readValueList(kv)
	d.depth--
	if kv {
		return trace.MapValue(items), err
	}
	return trace.ArrayValue(items), err
}

// readValueList reads {"values": [...]} of an arrayValue (AnyValues) or a
// kvlistValue (KeyValues).
func (d *decoder) readValueList(kv bool) ([]trace.Attr, error) {
	d.expectObject()
	var items []trace.Attr
	for d.more() {
		if string(d.name()) != "values" {
			if err := d.dec.SkipValue(); err != nil {
				return nil, err
			}
			continue
		}
		switch d.dec.PeekKind() {
		case '[':
		case 'n':
			if _, err := d.dec.ReadValue(); err != nil {
				return nil, err
			}
			continue
		default:
			raw, err := d.dec.ReadValue()
			if err != nil {
				return nil, err
			}
			return nil, d.typeErr(raw, "values", "an array")
		}
		d.expectArray()
		for d.more() {
			var it trace.Attr
			var err error
			if kv {
				it, err = d.readKeyValue(-1)
			} else {
				it.Value, err = d.readAnyValue(d.in.Value(""))
				err = in(err, "["+strconv.Itoa(len(items))+"]")
			}
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		}
		if err := d.end(); err != nil {
			return nil, err
		}
	}
	return items, d.end()
}

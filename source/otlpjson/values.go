package otlpjson

import (
	"bytes"
	"encoding/base64"

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
// see decoder.hints), or -1.
func (d *decoder) readKeyValue(slot int) (trace.Attr, error) {
	var a trace.Attr
	if !d.expectObject() {
		return a, d.skipped()
	}
	var val trace.Value
	var vals *source.InternTable // the key's value table, once known
	valueSeen := false
	for d.more() {
		switch string(d.name()) {
		case "key":
			k, t, err := d.readKey(slot)
			if err != nil {
				return a, err
			}
			a.Key, vals = k, t
		case "value":
			// The value's interning table depends on the key, which
			// producers almost always write first; if not, intern by "".
			t := vals
			if t == nil {
				t = d.in.Value(a.Key)
			}
			v, err := d.readAnyValue(t)
			if err != nil {
				return a, err
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

// readKey reads an attribute key and returns it with its value table,
// recognised without a map lookup when it is the key the previous list
// had at the same place; the table is nil when the key is not a string.
func (d *decoder) readKey(slot int) (string, *source.InternTable, error) {
	v, err := d.dec.ReadValue()
	if err != nil || v.Kind() != '"' {
		return "", nil, err
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

// readAnyValue reads an AnyValue; strings are interned in vals.
func (d *decoder) readAnyValue(vals *source.InternTable) (trace.Value, error) {
	var v trace.Value
	if d.dec.PeekKind() == 'n' {
		_, err := d.dec.ReadValue()
		return v, err
	}
	if !d.expectObject() {
		return v, d.skipped()
	}
	for d.more() {
		var err error
		switch name := string(d.name()); name {
		case "stringValue", "string_value":
			var s string
			s, err = d.readString(vals)
			v = trace.StringValue(s)
		case "boolValue", "bool_value":
			var b bool
			b, err = d.readBool()
			v = trace.BoolValue(b)
		case "intValue", "int_value":
			v, err = d.readIntValue()
		case "doubleValue", "double_value":
			var f float64
			f, err = d.readDouble()
			v = trace.DoubleValue(f)
		case "bytesValue", "bytes_value":
			v, err = d.readBytesValue()
		case "arrayValue", "array_value", "kvlistValue", "kvlist_value":
			if d.depth >= source.MaxValueDepth {
				return v, source.ErrTooDeep
			}
			kv := name[0] == 'k'
			d.depth++
			var items []trace.Attr
			items, err = d.readValueList(kv)
			d.depth--
			if kv {
				v = trace.MapValue(items)
			} else {
				v = trace.ArrayValue(items)
			}
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return v, err
		}
	}
	return v, d.end()
}

func (d *decoder) readBytesValue() (trace.Value, error) {
	raw, err := d.dec.ReadValue()
	if err != nil {
		return trace.Value{}, err
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

// readValueList reads {"values": [...]} of an arrayValue (AnyValues) or a
// kvlistValue (KeyValues).
func (d *decoder) readValueList(kv bool) ([]trace.Attr, error) {
	if !d.expectObject() {
		return nil, d.skipped()
	}
	var items []trace.Attr
	for d.more() {
		if string(d.name()) != "values" {
			if err := d.dec.SkipValue(); err != nil {
				return nil, err
			}
			continue
		}
		if !d.expectArray() {
			if err := d.skipped(); err != nil {
				return nil, err
			}
			continue
		}
		for d.more() {
			var it trace.Attr
			var err error
			if kv {
				it, err = d.readKeyValue(-1)
			} else {
				it.Value, err = d.readAnyValue(d.in.Value(""))
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

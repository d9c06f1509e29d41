package otlpjson

import (
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
		a, err := d.readKeyValue()
		if err != nil {
			return nil, err
		}
		d.attrStack = append(d.attrStack, a)
	}
	if err := d.end(); err != nil {
		return nil, err
	}
	out := d.slab.Copy(d.attrStack[start:])
	d.attrStack = d.attrStack[:start]
	return out, nil
}

func (d *decoder) readKeyValue() (trace.Attr, error) {
	var a trace.Attr
	if !d.expectObject() {
		return a, d.skipped()
	}
	var val trace.Value
	valueSeen := false
	for d.more() {
		switch string(d.name()) {
		case "key":
			k, err := d.readString(&d.in.Names)
			if err != nil {
				return a, err
			}
			a.Key = k
		case "value":
			// The value's interning table depends on the key, which
			// producers almost always write first; if not, intern by "".
			v, err := d.readAnyValue(a.Key)
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

func (d *decoder) readAnyValue(key string) (trace.Value, error) {
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
			s, err = d.readString(d.in.Value(key))
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
				it, err = d.readKeyValue()
			} else {
				it.Value, err = d.readAnyValue("")
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

package otlpjson

import (
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// readAnyValue reads an AnyValue; strings are interned in vals. A field
// holding null is unset, as in protojson. Fields it does not know are
// skipped (OTLP receivers must ignore unknown fields, so a kind added to
// OTLP later does not fail a whole export); when the object held nothing
// else, their first name is left in d.unknownKind for the caller to warn.
func (d *decoder) readAnyValue(vals *source.InternTable) (trace.Value, error) {
	var v trace.Value
	if open, err := d.openOrNull('{', "value", `an object such as {"stringValue": …}`); !open {
		return v, err
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

// readList reads an arrayValue or kvlistValue, {"values": [...]}; null
// leaves v as it was.
func (d *decoder) readList(v trace.Value, kv bool) (trace.Value, error) {
	field := "arrayValue"
	if kv {
		field = "kvlistValue"
	}
	if open, err := d.openOrNull('{', field, `an object {"values": […]}`); !open {
		return v, err
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
		if open, err := d.openOrNull('[', "values", "an array"); !open {
			if err != nil {
				return nil, err
			}
			continue
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

// openOrNull reports whether the next value opens with kind ('{' or '['),
// left unread for the caller. A null (unset, as in protojson) is read and
// gives false, nil; any other value is read and gives false and field's
// positioned type error, saying it should be want.
func (d *decoder) openOrNull(kind jsontext.Kind, field, want string) (bool, error) {
	switch d.dec.PeekKind() {
	case kind:
		return true, nil
	case 'n':
		_, err := d.dec.ReadValue()
		return false, err
	}
	raw, err := d.dec.ReadValue()
	if err != nil {
		return false, err
	}
	return false, d.typeErr(raw, field, want)
}

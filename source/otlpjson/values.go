package otlpjson

import (
	"bytes"
	"strconv"

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
	if inner := v[1 : len(v)-1]; bytes.IndexByte(inner, '\\') < 0 {
		k, t := d.slotKey(inner, slot)
		return k, t, nil
	}
	k := d.intern(&d.in.Names, v)
	t := d.in.Value(k)
	if slot >= 0 && slot < len(d.hints) {
		d.hints[slot] = t
	}
	return k, t, nil
}

// slotKey interns an attribute's key (its text, no escapes in it), looked
// for first in the value table the previous span's attribute at the same
// place used (slot, -1 for none), and returns it with the table for the
// key's values; the slot then holds that table for the next span.
func (d *decoder) slotKey(key []byte, slot int) (string, *source.InternTable) {
	var hint *source.InternTable
	if slot >= 0 && slot < len(d.hints) {
		hint = d.hints[slot]
	}
	k, vals, found := d.in.Key(key, hint)
	if !found {
		k = d.internPlain(&d.in.Names, key)
		vals = d.in.Value(k)
	}
	if slot >= 0 && slot < len(d.hints) {
		d.hints[slot] = vals
	}
	return k, vals
}

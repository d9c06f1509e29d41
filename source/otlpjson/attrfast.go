package otlpjson

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

var errBadAttr = errors.New("attribute read differs from its bytes")

// attrFast reads the next attribute when the decoder's buffer holds it
// whole in the compact form SDKs and collectors write,
//
//	{"key":"K","value":{"stringValue":"V"}}
//
// (or an intValue as a quoted decimal of up to 18 digits, or a boolValue),
// with no escapes in K or V: one ReadValue instead of a dozen token reads.
// The bytes are matched before anything is read, and a match is one
// complete valid JSON value, so ReadValue returns exactly it; anything else
// (pretty-printed, escaped, other value kinds, cut by the buffer's end) is
// left to readKeyValue, which reads it the same way.
func (d *decoder) attrFast(slot int) (a trace.Attr, ok bool, err error) {
	buf := d.dec.UnreadBuffer()
	i := skipSpace(buf, 0)
	if i < len(buf) && buf[i] == ',' {
		i = skipSpace(buf, i+1)
	}
	start := i
	if !hasAt(buf, i, `{"key":"`) {
		return a, false, nil
	}
	ks := i + len(`{"key":"`)
	ke := plainString(buf, ks)
	if ke < 0 || !hasAt(buf, ke, `","value":{"`) {
		return a, false, nil
	}
	ts := ke + len(`","value":{"`)
	te := plainString(buf, ts)
	if te < 0 || !hasAt(buf, te, `":`) {
		return a, false, nil
	}
	vs := te + 2
	var kind byte // 's' string, 'i' int, 't'/'f' bool
	var ve int    // end of the value's text (its closing quote for s and i)
	switch string(buf[ts:te]) {
	case "stringValue", "string_value":
		if vs >= len(buf) || buf[vs] != '"' {
			return a, false, nil
		}
		vs++
		kind, ve = 's', plainString(buf, vs)
	case "intValue", "int_value":
		if vs >= len(buf) || buf[vs] != '"' {
			return a, false, nil
		}
		vs++
		ve = vs
		for ve < len(buf) && ve-vs <= 18 && buf[ve] >= '0' && buf[ve] <= '9' {
			ve++
		}
		if ve == vs || ve-vs > 18 || ve >= len(buf) || buf[ve] != '"' {
			return a, false, nil
		}
		kind = 'i'
	case "boolValue", "bool_value":
		switch {
		case hasAt(buf, vs, "true"):
			kind, ve = 't', vs+4-1
		case hasAt(buf, vs, "false"):
			kind, ve = 'f', vs+5-1
		default:
			return a, false, nil
		}
	default:
		return a, false, nil
	}
	if ve < 0 || !hasAt(buf, ve+1, "}}") {
		return a, false, nil
	}
	end := ve + 3
	raw, err := d.dec.ReadValue()
	if err != nil {
		return a, true, err
	}
	if len(raw) != end-start {
		// Cannot happen (the match is one whole value); read it as an error
		// rather than guess.
		return a, true, errBadAttr
	}
	key, val := raw[ks-start:ke-start], raw[vs-start:ve-start]
	k, vals := d.slotKey(key, slot)
	a.Key = k
	switch kind {
	case 's':
		a.Value = trace.StringValue(d.internPlain(vals, val))
	case 'i':
		n, _ := parseInt(val)
		a.Value = trace.IntValue(n)
	case 't':
		a.Value = trace.BoolValue(true)
	case 'f':
		a.Value = trace.BoolValue(false)
	}
	return a, true, nil
}

// internPlain is the text of the inside of a JSON string without escapes,
// interned in t; as rawString, bytes that are not UTF-8 become U+FFFD.
func (d *decoder) internPlain(t *source.InternTable, b []byte) string {
	if s, ok := t.Lookup(b); ok {
		return s // t holds only checked text
	}
	if utf8.Valid(b) {
		return t.Get(b)
	}
	d.scratch = validUTF8(d.scratch[:0], b)
	return t.Get(d.scratch)
}

// plainString returns where the JSON string whose text starts at i closes
// (its '"'), or -1 when it has an escape or a control character (left to
// the general path) or is cut by the end of b.
func plainString(b []byte, i int) int {
	j := bytes.IndexByte(b[i:], '"')
	if j < 0 {
		return -1
	}
	for _, c := range b[i : i+j] {
		if c < 0x20 || c == '\\' {
			return -1
		}
	}
	return i + j
}

func hasAt(b []byte, i int, s string) bool {
	return i <= len(b) && len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

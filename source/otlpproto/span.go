package otlpproto

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func (d *decoder) span(b []byte, s *trace.Span) error {
	start := len(d.attrScratch)
	defer func() { d.attrScratch = d.attrScratch[:start] }()
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return err
		}
		isBytes := f.typ == protowire.BytesType
		switch f.num {
		case 1:
			if isBytes {
				d.id(f.b, s.TraceID[:], s, 't')
			}
		case 2:
			if isBytes {
				d.id(f.b, s.SpanID[:], s, 's')
			}
		case 3:
			s.TraceState = d.text(&d.in.Names, f.b)
		case 4:
			if isBytes {
				d.id(f.b, s.ParentID[:], s, 'p')
			}
		case 5:
			s.Name = d.text(&d.in.Names, f.b)
		case 6:
			s.Kind = trace.SpanKind(f.v)
		case 7, 8:
			// fixed64 past 2262 would wrap negative: an error, like JSON's.
			if f.v > math.MaxInt64 {
				return d.errAt(b, fmt.Errorf("span time %d ns is past year 2262", f.v))
			}
			if f.num == 7 {
				s.Start = int64(f.v)
			} else {
				s.End = int64(f.v)
			}
		case 9:
			if isBytes {
				a, err := d.keyValue(f.b, len(d.attrScratch)-start)
				if err != nil {
					return err
				}
				d.attrScratch = append(d.attrScratch, a)
			}
		case 10:
			s.DroppedAttrs = uint32(f.v)
		case 11:
			if isBytes {
				e, err := d.event(f.b)
				if err != nil {
					return err
				}
				s.Events = append(s.Events, e)
			}
		case 12:
			s.DroppedEvents = uint32(f.v)
		case 13:
			if isBytes {
				l, err := d.link(f.b)
				if err != nil {
					return err
				}
				s.Links = append(s.Links, l)
			}
		case 14:
			s.DroppedLinks = uint32(f.v)
		case 15:
			if isBytes {
				if err := d.status(f.b, s); err != nil {
					return err
				}
			}
		case 16:
			s.Flags = uint32(f.v)
		}
		b = rest
	}
	s.Attrs = d.in.Attrs.Copy(d.attrScratch[start:])
	return nil
}

// id copies an ID into dst. A short one is left-padded like a 64-bit
// Jaeger trace ID; a long one cannot be an OTLP ID and is kept as hex text.
func (d *decoder) id(b, dst []byte, s *trace.Span, which byte) {
	switch {
	case len(b) == len(dst):
		copy(dst, b)
		return
	case len(b) < len(dst):
		copy(dst[len(dst)-len(b):], b)
		if len(b) > 0 && !d.warnedIDLen {
			d.warnedIDLen = true
			d.ws.Addf(0, d.base, "IDs shorter than the OTLP length were left-padded with zeros")
		}
		return
	}
	text := hex.EncodeToString(b)
	if s.Raw == nil {
		s.Raw = &trace.RawIDs{}
	}
	switch which {
	case 't':
		id := trace.OpaqueTraceID(text)
		copy(dst, id[:])
		s.Raw.TraceID = text
	default:
		id := trace.OpaqueSpanID(text)
		copy(dst, id[:])
		if which == 's' {
			s.Raw.SpanID = text
		} else {
			s.Raw.ParentID = text
		}
	}
	d.ws.Addf(0, d.base, "IDs longer than the OTLP length are kept as given")
}

func (d *decoder) status(b []byte, s *trace.Span) error {
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return err
		}
		switch f.num {
		case 2:
			s.StatusMessage = d.text(d.in.Value("status.message"), f.b)
		case 3:
			s.Status = trace.StatusCode(f.v)
		}
		b = rest
	}
	return nil
}

func (d *decoder) event(b []byte) (trace.Event, error) {
	var e trace.Event
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return e, err
		}
		switch f.num {
		case 1:
			e.Time = int64(min(f.v, math.MaxInt64)) // past 2262: an event at the latest time we can hold
		case 2:
			e.Name = d.text(&d.in.Names, f.b)
		case 3:
			a, err := d.keyValue(f.b, -1)
			if err != nil {
				return e, err
			}
			e.Attrs = append(e.Attrs, a)
		case 4:
			e.DroppedAttrs = uint32(f.v)
		}
		b = rest
	}
	return e, nil
}

func (d *decoder) link(b []byte) (trace.Link, error) {
	var l trace.Link
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return l, err
		}
		switch f.num {
		case 1:
			copy(l.TraceID[max(0, 16-len(f.b)):], f.b)
		case 2:
			copy(l.SpanID[max(0, 8-len(f.b)):], f.b)
		case 3:
			l.TraceState = d.text(&d.in.Names, f.b)
		case 4:
			a, err := d.keyValue(f.b, -1)
			if err != nil {
				return l, err
			}
			l.Attrs = append(l.Attrs, a)
		case 5:
			l.DroppedAttrs = uint32(f.v)
		case 6:
			l.Flags = uint32(f.v)
		}
		b = rest
	}
	return l, nil
}

// keyValue reads a KeyValue; slot is its place among its span's attributes
// (its hint, see decoder.hints), or -1.
func (d *decoder) keyValue(b []byte, slot int) (trace.Attr, error) {
	if a, ok := d.keyValueFast(b, slot); ok {
		return a, nil
	}
	var a trace.Attr
	var key, val []byte
	if d.depth == 0 {
		d.wrongWire = ""
	}
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return a, err
		}
		switch f.num {
		case 1:
			key = f.b
		case 2:
			val = f.b
		}
		b = rest
	}
	k, vals := d.slotKey(key, slot)
	a.Key = k
	if val != nil {
		v, err := d.anyValue(val, vals)
		if err != nil {
			return a, err
		}
		a.Value = v
		if d.wrongWire != "" && d.depth == 0 {
			d.ws.Addf(0, d.wrongWireAt, "attribute %q: %s", k, d.wrongWire)
			d.wrongWire = ""
		}
	}
	return a, nil
}

// keyValueFast reads the KeyValue every SDK writes — a key, then a value
// of one scalar field, all with one-byte lengths — without the general
// field loop; ok false leaves anything else to keyValue (which reads the
// same bytes the same way, and reports errors).
func (d *decoder) keyValueFast(b []byte, slot int) (a trace.Attr, ok bool) {
	if len(b) < 4 || b[0] != 0x0a || b[1] >= 0x80 {
		return a, false
	}
	kl := int(b[1])
	if len(b) < 2+kl+2 {
		return a, false
	}
	key, r := b[2:2+kl], b[2+kl:]
	if r[0] != 0x12 || r[1] >= 0x80 || len(r) != 2+int(r[1]) {
		return a, false
	}
	v := r[2:]
	var val trace.Value
	var str []byte
	switch {
	case len(v) == 0:
	case v[0] == 0x0a && len(v) >= 2 && v[1] < 0x80 && len(v) == 2+int(v[1]): // string_value
		str = v[2:]
	case v[0] == 0x10 && len(v) == 2 && v[1] < 0x80: // bool_value
		val = trace.BoolValue(v[1] != 0)
	case v[0] == 0x18: // int_value
		n, m := protowire.ConsumeVarint(v[1:])
		if m <= 0 || 1+m != len(v) {
			return a, false
		}
		val = trace.IntValue(int64(n))
	case v[0] == 0x21 && len(v) == 9: // double_value
		val = trace.DoubleValue(math.Float64frombits(binary.LittleEndian.Uint64(v[1:])))
	default:
		return a, false
	}
	k, vals := d.slotKey(key, slot)
	a.Key = k
	if str != nil {
		val = trace.StringValue(d.text(vals, str))
	}
	a.Value = val
	return a, true
}

// anyValueWire and anyValueFields are the wire types and names of
// AnyValue's fields by number (opentelemetry/proto/common/v1/common.proto).
var (
	anyValueWire   = [8]protowire.Type{0, protowire.BytesType, protowire.VarintType, protowire.VarintType, protowire.Fixed64Type, protowire.BytesType, protowire.BytesType, protowire.BytesType}
	anyValueFields = [8]string{"", "string_value", "bool_value", "int_value", "double_value", "array_value", "kvlist_value", "bytes_value"}
	wireNames      = [8]string{"varint", "fixed64", "length-delimited", "group start", "group end", "fixed32", "?", "?"}
)

// anyValue reads an AnyValue; strings are interned in vals (nil: the
// table of values without a key, an array's).
func (d *decoder) anyValue(b []byte, vals *source.InternTable) (trace.Value, error) {
	var v trace.Value
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return v, err
		}
		if f.num <= 7 && f.typ != anyValueWire[f.num] {
			// Go's protobuf (and the Collector's pdata) read a known
			// field of another wire type as an unknown field: the value
			// stays what the other fields make it, with a warning here.
			if d.wrongWire == "" {
				d.wrongWire = fmt.Sprintf("%s has wire type %d (%s), not %d (%s); skipped as an unknown field",
					anyValueFields[f.num], f.typ, wireNames[f.typ&7], anyValueWire[f.num], wireNames[anyValueWire[f.num]])
				d.wrongWireAt = d.base + int64(cap(d.msg)-cap(b))
			}
			b = rest
			continue
		}
		switch f.num {
		case 1:
			if vals == nil {
				vals = d.in.Value("")
			}
			v = trace.StringValue(d.text(vals, f.b))
		case 2:
			v = trace.BoolValue(f.v != 0)
		case 3:
			v = trace.IntValue(int64(f.v))
		case 4:
			v = trace.DoubleValue(math.Float64frombits(f.v))
		case 5, 6:
			if d.depth >= source.MaxValueDepth {
				return v, d.errAt(b, source.ErrTooDeep)
			}
			d.depth++
			items, err := d.list(f.b, f.num == 6)
			d.depth--
			if err != nil {
				return v, err
			}
			if f.num == 5 {
				v = trace.ArrayValue(items)
			} else {
				v = trace.MapValue(items)
			}
		case 7:
			v = trace.BytesValue(append([]byte(nil), f.b...))
		}
		b = rest
	}
	return v, nil
}

// list reads an ArrayValue (AnyValues) or KeyValueList (KeyValues); both
// keep their entries in field 1.
func (d *decoder) list(b []byte, kv bool) ([]trace.Attr, error) {
	var out []trace.Attr
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return nil, err
		}
		if f.num == 1 && f.typ == protowire.BytesType {
			var it trace.Attr
			if kv {
				it, err = d.keyValue(f.b, -1)
			} else {
				it.Value, err = d.anyValue(f.b, nil)
			}
			if err != nil {
				return nil, err
			}
			out = append(out, it)
		}
		b = rest
	}
	return out, nil
}

// slotKey interns an attribute's key, looked for first in the value table
// the previous span's attribute at the same place used (slot, -1 for
// none), and returns it with the table for the key's values; the slot
// then holds that table for the next span.
func (d *decoder) slotKey(key []byte, slot int) (string, *source.InternTable) {
	var hint *source.InternTable
	if slot >= 0 && slot < len(d.hints) {
		hint = d.hints[slot]
	}
	k, vals, ok := d.in.Key(key, hint)
	if !ok {
		k = d.text(&d.in.Names, key)
		vals = d.in.Value(k)
	}
	if slot >= 0 && slot < len(d.hints) {
		d.hints[slot] = vals
	}
	return k, vals
}

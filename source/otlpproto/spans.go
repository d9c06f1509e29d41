package otlpproto

import (
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/trace"
)

// Field numbers from opentelemetry-proto (trace.proto, common.proto,
// resource.proto); ResourceSpans' field 2 is also the pre-0.15
// instrumentation_library_spans, which is wire compatible.

func (d *decoder) request(b []byte) error {
	d.msg = b
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return err
		}
		if f.num == 1 && f.typ == protowire.BytesType {
			if err := d.resourceSpans(f.b); err != nil {
				return err
			}
		}
		b = rest
	}
	return nil
}

func (d *decoder) resourceSpans(b []byte) error {
	res := &trace.Resource{}
	var scopes [][]byte
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.typ == protowire.BytesType:
			if err := d.resource(f.b, res); err != nil {
				return err
			}
		case (f.num == 2 || f.num == 1000) && f.typ == protowire.BytesType:
			scopes = append(scopes, f.b)
		case f.num == 3 && f.typ == protowire.BytesType:
			res.SchemaURL = d.text(&d.in.Names, f.b)
		}
		b = rest
	}
	for _, sb := range scopes {
		if err := d.scopeSpans(sb, res); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) resource(b []byte, res *trace.Resource) error {
	var attrs []trace.Attr
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.typ == protowire.BytesType:
			a, err := d.keyValue(f.b, -1)
			if err != nil {
				return err
			}
			attrs = append(attrs, a)
		case f.num == 2:
			res.DroppedAttrs = uint32(f.v)
		}
		b = rest
	}
	res.Attrs = attrs
	if v, ok := trace.Lookup(attrs, "service.name"); ok {
		res.Service = v.AsString()
	}
	return nil
}

func (d *decoder) scopeSpans(b []byte, res *trace.Resource) error {
	scope := &trace.Scope{}
	// The scope may follow its spans: read it (and check every field's
	// framing) first, then decode the spans in a second pass, rather than
	// collecting them in a list per request.
	for rest := b; len(rest) > 0; {
		f, r, err := d.next(rest)
		if err != nil {
			return err
		}
		if f.num == 1 && f.typ == protowire.BytesType {
			if err := d.scope(f.b, scope); err != nil {
				return err
			}
		}
		rest = r
	}
	for len(b) > 0 {
		f, rest, _ := d.next(b) // framing checked above
		if f.num == 2 && f.typ == protowire.BytesType {
			s := trace.Span{Resource: res, Scope: scope}
			if err := d.span(f.b, &s); err != nil {
				return err
			}
			d.c.Add(&s)
			d.spans++
		}
		b = rest
	}
	return nil
}

func (d *decoder) scope(b []byte, sc *trace.Scope) error {
	for len(b) > 0 {
		f, rest, err := d.next(b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.typ == protowire.BytesType:
			sc.Name = d.text(&d.in.Names, f.b)
		case f.num == 2 && f.typ == protowire.BytesType:
			sc.Version = d.text(&d.in.Names, f.b)
		case f.num == 3 && f.typ == protowire.BytesType:
			a, err := d.keyValue(f.b, -1)
			if err != nil {
				return err
			}
			sc.Attrs = append(sc.Attrs, a)
		case f.num == 4:
			sc.DroppedAttrs = uint32(f.v)
		}
		b = rest
	}
	return nil
}

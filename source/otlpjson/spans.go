package otlpjson

import (
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// readResourceSpansList reads an array of ResourceSpans.
func (d *decoder) readResourceSpansList() error {
	if !d.expectArray() {
		return d.skipped()
	}
	for d.more() {
		if err := d.readResourceSpans(); err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readResourceSpans() error {
	if !d.expectObject() {
		return d.skipped()
	}
	// Allocated up front and filled when "resource" arrives, because key
	// order is not guaranteed: spans may precede their resource.
	res := &trace.Resource{}
	sawScopeSpans := false
	for d.more() {
		var err error
		switch string(d.name()) {
		case "resource":
			err = d.readResource(res)
		case "scopeSpans", "scope_spans":
			sawScopeSpans = true
			err = d.readScopeSpansList(res)
		case "instrumentationLibrarySpans", "instrumentation_library_spans":
			// Legacy (OTLP < 0.19); ignored when scopeSpans is also set.
			if sawScopeSpans {
				err = d.dec.SkipValue()
			} else {
				err = d.readScopeSpansList(res)
			}
		case "schemaUrl", "schema_url":
			res.SchemaURL, err = d.readString(&d.in.Names)
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readResource(res *trace.Resource) error {
	if !d.expectObject() {
		return d.skipped()
	}
	for d.more() {
		var err error
		switch string(d.name()) {
		case "attributes":
			res.Attrs, err = d.readAttrs()
			if v, ok := trace.Lookup(res.Attrs, "service.name"); ok {
				res.Service = v.AsString()
			}
		case "droppedAttributesCount", "dropped_attributes_count":
			res.DroppedAttrs, err = d.readUint32()
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readScopeSpansList(res *trace.Resource) error {
	if !d.expectArray() {
		return d.skipped()
	}
	for d.more() {
		if err := d.readScopeSpans(res); err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readScopeSpans(res *trace.Resource) error {
	if !d.expectObject() {
		return d.skipped()
	}
	scope := &trace.Scope{}
	for d.more() {
		var err error
		switch string(d.name()) {
		case "scope", "instrumentationLibrary", "instrumentation_library":
			err = d.readScope(scope)
		case "spans":
			err = d.readSpans(res, scope)
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readScope(sc *trace.Scope) error {
	if !d.expectObject() {
		return d.skipped()
	}
	for d.more() {
		var err error
		switch string(d.name()) {
		case "name":
			sc.Name, err = d.readString(&d.in.Names)
		case "version":
			sc.Version, err = d.readString(&d.in.Names)
		case "attributes":
			sc.Attrs, err = d.readAttrs()
		case "droppedAttributesCount", "dropped_attributes_count":
			sc.DroppedAttrs, err = d.readUint32()
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readSpans(res *trace.Resource, scope *trace.Scope) error {
	if !d.expectArray() {
		return d.skipped()
	}
	for d.more() {
		if d.dec.PeekKind() != '{' {
			if err := d.skipped(); err != nil {
				return err
			}
			continue
		}
		d.span = trace.Span{Resource: res, Scope: scope}
		if err := d.readSpan(&d.span); err != nil {
			return err
		}
		d.emit(&d.span)
	}
	return d.end()
}

func (d *decoder) emit(s *trace.Span) {
	if s.TraceID.IsZero() || s.SpanID.IsZero() && (s.Raw == nil || s.Raw.SpanID == "") {
		d.warnOnce(&d.warnedEmpty, "spans with an empty or zero trace or span ID (kept, but they cannot be linked)")
	}
	d.c.Add(s)
	d.spans++
}

// readID reads a trace or span ID in any form producers use and keeps the
// original text, with a warning, when it is neither hex nor base64.
func (d *decoder) readID(field string, s *trace.Span) error {
	v, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	if len(v) >= 2 && v[0] == '"' {
		// Plain hex of the full length needs no unquoting or UTF-8 check.
		var dst []byte
		switch field {
		case "trace":
			dst = s.TraceID[:]
		case "span":
			dst = s.SpanID[:]
		default:
			dst = s.ParentID[:]
		}
		if source.DecodeFullHexID(dst, v[1:len(v)-1]) {
			return nil
		}
	}
	raw := d.rawString(v)
	var form source.IDForm
	switch field {
	case "trace":
		s.TraceID, form = source.ParseTraceIDBytes(raw)
	case "span":
		s.SpanID, form = source.ParseSpanIDBytes(raw)
	case "parent":
		s.ParentID, form = source.ParseSpanIDBytes(raw)
	}
	if form == source.IDOpaque {
		if s.Raw == nil {
			s.Raw = &trace.RawIDs{}
		}
		text := string(raw)
		switch field {
		case "trace":
			s.Raw.TraceID = text
		case "span":
			s.Raw.SpanID = text
		case "parent":
			s.Raw.ParentID = text
		}
		d.warnOnce(&d.warnedOpaque, "IDs that are neither hex nor base64 (e.g. %q) are kept as given", text)
	}
	return nil
}

func (d *decoder) readUint32() (uint32, error) {
	n, err := d.readInt()
	return uint32(n), err
}

package otlpjson

import (
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func (d *decoder) readSpan(s *trace.Span) error {
	if !d.expectObject() {
		return d.skipped()
	}
	for d.more() {
		var err error
		var n int64
		switch string(d.name()) {
		case "traceId", "trace_id":
			err = d.readID("trace", s)
		case "spanId", "span_id":
			err = d.readID("span", s)
		case "parentSpanId", "parent_span_id":
			err = d.readID("parent", s)
		case "name":
			s.Name, err = d.readString(&d.in.Names)
		case "kind":
			n, err = d.readEnum(spanKindNames)
			s.Kind = trace.SpanKind(n)
		case "startTimeUnixNano", "start_time_unix_nano":
			s.Start, err = d.readTime()
		case "endTimeUnixNano", "end_time_unix_nano":
			s.End, err = d.readTime()
		case "attributes":
			s.Attrs, err = d.readAttrs()
		case "events":
			s.Events, err = d.readEvents()
		case "links":
			s.Links, err = d.readLinks()
		case "status":
			err = d.readStatus(s)
		case "traceState", "trace_state":
			s.TraceState, err = d.readString(&d.in.Names)
		case "flags":
			s.Flags, err = d.readUint32()
		case "droppedAttributesCount", "dropped_attributes_count":
			s.DroppedAttrs, err = d.readUint32()
		case "droppedEventsCount", "dropped_events_count":
			s.DroppedEvents, err = d.readUint32()
		case "droppedLinksCount", "dropped_links_count":
			s.DroppedLinks, err = d.readUint32()
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readStatus(s *trace.Span) error {
	if !d.expectObject() {
		return d.skipped()
	}
	for d.more() {
		var err error
		switch string(d.name()) {
		case "code":
			var n int64
			n, err = d.readEnum(statusCodeNames)
			s.Status = trace.StatusCode(n)
		case "message":
			s.StatusMessage, err = d.readString(d.in.Value("status.message"))
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readEvents() ([]trace.Event, error) {
	if !d.expectArray() {
		return nil, d.skipped()
	}
	var out []trace.Event
	for d.more() {
		if !d.expectObject() {
			if err := d.skipped(); err != nil {
				return nil, err
			}
			continue
		}
		var e trace.Event
		for d.more() {
			var err error
			switch string(d.name()) {
			case "timeUnixNano", "time_unix_nano":
				e.Time, err = d.readTime()
			case "name":
				e.Name, err = d.readString(&d.in.Names)
			case "attributes":
				e.Attrs, err = d.readAttrs()
			case "droppedAttributesCount", "dropped_attributes_count":
				e.DroppedAttrs, err = d.readUint32()
			default:
				err = d.dec.SkipValue()
			}
			if err != nil {
				return nil, err
			}
		}
		if err := d.end(); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, d.end()
}

func (d *decoder) readLinks() ([]trace.Link, error) {
	if !d.expectArray() {
		return nil, d.skipped()
	}
	var out []trace.Link
	for d.more() {
		if !d.expectObject() {
			if err := d.skipped(); err != nil {
				return nil, err
			}
			continue
		}
		var l trace.Link
		for d.more() {
			var err error
			switch string(d.name()) {
			case "traceId", "trace_id":
				var raw []byte
				raw, err = d.readRaw()
				l.TraceID, _ = source.ParseTraceIDBytes(raw)
			case "spanId", "span_id":
				var raw []byte
				raw, err = d.readRaw()
				l.SpanID, _ = source.ParseSpanIDBytes(raw)
			case "traceState", "trace_state":
				l.TraceState, err = d.readString(&d.in.Names)
			case "attributes":
				l.Attrs, err = d.readAttrs()
			case "droppedAttributesCount", "dropped_attributes_count":
				l.DroppedAttrs, err = d.readUint32()
			case "flags":
				l.Flags, err = d.readUint32()
			default:
				err = d.dec.SkipValue()
			}
			if err != nil {
				return nil, err
			}
		}
		if err := d.end(); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, d.end()
}

func (d *decoder) readRaw() ([]byte, error) {
	v, err := d.dec.ReadValue()
	if err != nil {
		return nil, err
	}
	return d.rawString(v), nil
}

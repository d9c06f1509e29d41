package otlpjson

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"strconv"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// AppendRequest appends spans as one OTLP/JSON ExportTraceServiceRequest,
// the line format of the Collector's file exporter: lowerCamelCase, hex
// IDs, decimal-string int64s, integer enums. Spans sharing a resource and
// scope pointer share a resourceSpans/scopeSpans entry, as they arrived.
func AppendRequest(b []byte, spans []*trace.Span) []byte {
	type group struct {
		res   *trace.Resource
		scope *trace.Scope
		spans []*trace.Span
	}
	var groups []*group
	index := map[[2]any]*group{}
	for _, s := range spans {
		k := [2]any{s.Resource, s.Scope}
		g := index[k]
		if g == nil {
			g = &group{res: s.Resource, scope: s.Scope}
			index[k] = g
			groups = append(groups, g)
		}
		g.spans = append(g.spans, s)
	}
	b = append(b, `{"resourceSpans":[`...)
	for gi, g := range groups {
		if gi > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"resource":{"attributes":`...)
		var res trace.Resource
		if g.res != nil {
			res = *g.res
		}
		b = appendAttrs(b, res.Attrs)
		if res.DroppedAttrs > 0 {
			b = appendUintField(b, "droppedAttributesCount", uint64(res.DroppedAttrs))
		}
		b = append(b, `},"scopeSpans":[{"scope":{`...)
		if sc := g.scope; sc != nil {
			b = append(b, `"name":`...)
			b = source.AppendQuote(b, sc.Name)
			b = append(b, `,"version":`...)
			b = source.AppendQuote(b, sc.Version)
			b = append(b, `,"attributes":`...)
			b = appendAttrs(b, sc.Attrs)
		}
		b = append(b, `},"spans":[`...)
		for si, s := range g.spans {
			if si > 0 {
				b = append(b, ',')
			}
			b = appendSpan(b, s)
		}
		b = append(b, `]}]`...)
		if res.SchemaURL != "" {
			b = append(b, `,"schemaUrl":`...)
			b = source.AppendQuote(b, res.SchemaURL)
		}
		b = append(b, '}')
	}
	return append(b, `]}`...)
}

func appendSpan(b []byte, s *trace.Span) []byte {
	b = append(b, `{"traceId":`...)
	b = appendID(b, s.TraceID[:], s.RawID('t'))
	b = append(b, `,"spanId":`...)
	b = appendID(b, s.SpanID[:], s.RawID('s'))
	if !s.ParentID.IsZero() {
		b = append(b, `,"parentSpanId":`...)
		b = appendID(b, s.ParentID[:], s.RawID('p'))
	}
	if s.TraceState != "" {
		b = append(b, `,"traceState":`...)
		b = source.AppendQuote(b, s.TraceState)
	}
	if s.Flags != 0 {
		b = appendUintField(b, "flags", uint64(s.Flags))
	}
	b = append(b, `,"name":`...)
	b = source.AppendQuote(b, s.Name)
	b = appendUintField(b, "kind", uint64(s.Kind))
	b = append(b, `,"startTimeUnixNano":"`...)
	b = strconv.AppendUint(b, uint64(s.Start), 10)
	b = append(b, `","endTimeUnixNano":"`...)
	b = strconv.AppendUint(b, uint64(s.End), 10)
	b = append(b, `","attributes":`...)
	b = appendAttrs(b, s.Attrs)
	if s.DroppedAttrs > 0 {
		b = appendUintField(b, "droppedAttributesCount", uint64(s.DroppedAttrs))
	}
	if len(s.Events) > 0 {
		b = append(b, `,"events":[`...)
		for k, e := range s.Events {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"timeUnixNano":"`...)
			b = strconv.AppendUint(b, uint64(e.Time), 10)
			b = append(b, `","name":`...)
			b = source.AppendQuote(b, e.Name)
			b = append(b, `,"attributes":`...)
			b = appendAttrs(b, e.Attrs)
			if e.DroppedAttrs > 0 {
				b = appendUintField(b, "droppedAttributesCount", uint64(e.DroppedAttrs))
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if s.DroppedEvents > 0 {
		b = appendUintField(b, "droppedEventsCount", uint64(s.DroppedEvents))
	}
	if len(s.Links) > 0 {
		b = append(b, `,"links":[`...)
		for k, l := range s.Links {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"traceId":`...)
			b = appendID(b, l.TraceID[:], "")
			b = append(b, `,"spanId":`...)
			b = appendID(b, l.SpanID[:], "")
			if l.TraceState != "" {
				b = append(b, `,"traceState":`...)
				b = source.AppendQuote(b, l.TraceState)
			}
			b = append(b, `,"attributes":`...)
			b = appendAttrs(b, l.Attrs)
			if l.Flags != 0 {
				b = appendUintField(b, "flags", uint64(l.Flags))
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if s.DroppedLinks > 0 {
		b = appendUintField(b, "droppedLinksCount", uint64(s.DroppedLinks))
	}
	b = append(b, `,"status":{`...)
	if s.Status != trace.StatusUnset || s.StatusMessage != "" {
		b = append(b, `"code":`...)
		b = strconv.AppendUint(b, uint64(s.Status), 10)
		if s.StatusMessage != "" {
			b = append(b, `,"message":`...)
			b = source.AppendQuote(b, s.StatusMessage)
		}
	}
	return append(b, `}}`...)
}

func appendID(b, id []byte, raw string) []byte {
	if raw != "" {
		return source.AppendQuote(b, raw)
	}
	b = append(b, '"')
	b = hex.AppendEncode(b, id)
	return append(b, '"')
}

func appendUintField(b []byte, name string, v uint64) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return strconv.AppendUint(b, v, 10)
}

func appendAttrs(b []byte, attrs []trace.Attr) []byte {
	b = append(b, '[')
	for k, a := range attrs {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"key":`...)
		b = source.AppendQuote(b, a.Key)
		b = append(b, `,"value":`...)
		b = appendValue(b, a.Value)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendValue(b []byte, v trace.Value) []byte {
	switch v.Kind() {
	case trace.ValueString:
		b = append(b, `{"stringValue":`...)
		b = source.AppendQuote(b, v.Str())
	case trace.ValueBool:
		b = append(b, `{"boolValue":`...)
		b = strconv.AppendBool(b, v.Bool())
	case trace.ValueInt:
		b = append(b, `{"intValue":"`...)
		b = strconv.AppendInt(b, v.Int(), 10)
		b = append(b, '"')
	case trace.ValueDouble:
		b = append(b, `{"doubleValue":`...)
		switch f := v.Double(); {
		case math.IsNaN(f):
			b = append(b, `"NaN"`...)
		case math.IsInf(f, 1):
			b = append(b, `"Infinity"`...)
		case math.IsInf(f, -1):
			b = append(b, `"-Infinity"`...)
		default:
			b = strconv.AppendFloat(b, f, 'g', -1, 64)
		}
	case trace.ValueBytes:
		b = append(b, `{"bytesValue":"`...)
		b = base64.StdEncoding.AppendEncode(b, v.Bytes())
		b = append(b, '"')
	case trace.ValueArray:
		b = append(b, `{"arrayValue":{"values":[`...)
		for k, it := range v.Items() {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, it.Value)
		}
		b = append(b, `]}`...)
	case trace.ValueMap:
		b = append(b, `{"kvlistValue":{"values":`...)
		b = appendAttrs(b, v.Items())
		b = append(b, '}')
	default:
		b = append(b, '{')
	}
	return append(b, '}')
}

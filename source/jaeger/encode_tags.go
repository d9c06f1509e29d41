package jaeger

import (
	"encoding/base64"
	"math"
	"strconv"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// spanTags writes the span's attributes, then its own fields as the tags
// the OpenTelemetry → Jaeger translation uses (DecodeV1's conventions
// read them back).
func (e *encoder) spanTags(s *trace.Span) {
	n := 0
	for _, a := range s.Attrs {
		if a.Key == "jaeger.ref_type" {
			continue // the parent reference's type
		}
		e.tag(&n, a.Key, a.Value)
	}
	if s.Kind != trace.KindUnspecified && int(s.Kind) < len(kindTags) {
		e.tag(&n, "span.kind", trace.StringValue(kindTags[s.Kind]))
	}
	switch s.Status {
	case trace.StatusError:
		if _, ok := trace.Lookup(s.Attrs, "error"); !ok {
			// The tag the Jaeger UI marks failed spans by.
			e.tag(&n, "error", trace.BoolValue(true))
		}
		e.tag(&n, "otel.status_code", trace.StringValue("ERROR"))
	case trace.StatusOK:
		e.tag(&n, "otel.status_code", trace.StringValue("OK"))
	}
	if s.StatusMessage != "" {
		e.tag(&n, "otel.status_description", trace.StringValue(s.StatusMessage))
	}
	if s.TraceState != "" {
		e.tag(&n, "w3c.tracestate", trace.StringValue(s.TraceState))
	}
	if s.Scope != nil {
		if s.Scope.Name != "" {
			e.tag(&n, "otel.scope.name", trace.StringValue(s.Scope.Name))
		}
		if s.Scope.Version != "" {
			e.tag(&n, "otel.scope.version", trace.StringValue(s.Scope.Version))
		}
	}
}

var kindTags = [...]string{"", "internal", "server", "client", "producer", "consumer"}

// tag writes one typed key/value as readTags reads it. Arrays and maps
// have no Jaeger type: they become their text, a string.
func (e *encoder) tag(n *int, key string, v trace.Value) {
	if *n > 0 {
		e.b = append(e.b, ',')
	}
	*n++
	e.b = append(e.b, `{"key":`...)
	e.b = source.AppendQuote(e.b, key)
	e.b = append(e.b, `,"type":"`...)
	switch v.Kind() {
	case trace.ValueBool:
		e.b = append(e.b, `bool","value":`...)
		e.b = strconv.AppendBool(e.b, v.Bool())
	case trace.ValueInt:
		e.b = append(e.b, `int64","value":`...)
		e.b = strconv.AppendInt(e.b, v.Int(), 10)
	case trace.ValueDouble:
		e.b = append(e.b, `float64","value":`...)
		if f := v.Double(); math.IsNaN(f) || math.IsInf(f, 0) {
			e.b = source.AppendQuote(e.b, strconv.FormatFloat(f, 'g', -1, 64)) // not a JSON number
		} else {
			e.b = strconv.AppendFloat(e.b, f, 'g', -1, 64)
		}
	case trace.ValueBytes:
		e.b = append(e.b, `binary","value":"`...)
		e.b = base64.StdEncoding.AppendEncode(e.b, v.Bytes())
		e.b = append(e.b, '"')
	default:
		if k := v.Kind(); (k == trace.ValueArray || k == trace.ValueMap) && e.cur != nil {
			e.lost.Add(e.cur, "array and map attributes (written as their text, a string)", "attribute", 1)
		} else if k == trace.ValueArray || k == trace.ValueMap {
			e.composite++
		}
		e.b = append(e.b, `string","value":`...)
		e.b = source.AppendQuote(e.b, v.AsString())
	}
	e.b = append(e.b, '}')
}

package otlpproto

import (
	"strings"
	"unicode/utf8"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/trace"
)

// Encode is spans as one bare OTLP ExportTraceServiceRequest (the body of
// an OTLP/HTTP protobuf POST to /v1/traces, which Decode reads back).
// Spans sharing a resource and scope pointer share a resourceSpans and
// scopeSpans entry, as they arrived. Every field of the model has a place
// in OTLP; only an ID that was opaque text (not hex) is lost, written as
// the 16 or 8 bytes tracetui hashed it to: lost counts those spans.
func Encode(spans []*trace.Span) (out []byte, lost int, err error) {
	type key struct {
		res   *trace.Resource
		scope *trace.Scope
	}
	req := &coltracepb.ExportTraceServiceRequest{}
	byRes := map[*trace.Resource]*tracepb.ResourceSpans{}
	byScope := map[key]*tracepb.ScopeSpans{}
	for _, s := range spans {
		rs := byRes[s.Resource]
		if rs == nil {
			rs = &tracepb.ResourceSpans{Resource: resource(s.Resource)}
			if s.Resource != nil {
				rs.SchemaUrl = utf8Text(s.Resource.SchemaURL)
			}
			byRes[s.Resource] = rs
			req.ResourceSpans = append(req.ResourceSpans, rs)
		}
		k := key{s.Resource, s.Scope}
		ss := byScope[k]
		if ss == nil {
			ss = &tracepb.ScopeSpans{Scope: scope(s.Scope)}
			byScope[k] = ss
			rs.ScopeSpans = append(rs.ScopeSpans, ss)
		}
		ss.Spans = append(ss.Spans, span(s))
		if s.Raw != nil {
			lost++
		}
	}
	out, err = proto.MarshalOptions{Deterministic: true}.Marshal(req)
	return out, lost, err
}

func resource(r *trace.Resource) *resourcepb.Resource {
	if r == nil {
		return &resourcepb.Resource{}
	}
	return &resourcepb.Resource{Attributes: keyValues(r.Attrs), DroppedAttributesCount: r.DroppedAttrs}
}

func scope(sc *trace.Scope) *commonpb.InstrumentationScope {
	if sc == nil {
		return nil
	}
	return &commonpb.InstrumentationScope{Name: utf8Text(sc.Name), Version: utf8Text(sc.Version),
		Attributes: keyValues(sc.Attrs), DroppedAttributesCount: sc.DroppedAttrs}
}

func span(s *trace.Span) *tracepb.Span {
	p := &tracepb.Span{
		TraceId: s.TraceID[:], SpanId: s.SpanID[:], TraceState: utf8Text(s.TraceState),
		Flags: s.Flags, Name: utf8Text(s.Name), Kind: tracepb.Span_SpanKind(s.Kind),
		StartTimeUnixNano: uint64(s.Start), EndTimeUnixNano: uint64(s.End),
		Attributes: keyValues(s.Attrs), DroppedAttributesCount: s.DroppedAttrs,
		DroppedEventsCount: s.DroppedEvents, DroppedLinksCount: s.DroppedLinks,
	}
	if !s.ParentID.IsZero() {
		p.ParentSpanId = s.ParentID[:]
	}
	for _, e := range s.Events {
		p.Events = append(p.Events, &tracepb.Span_Event{TimeUnixNano: uint64(e.Time), Name: utf8Text(e.Name),
			Attributes: keyValues(e.Attrs), DroppedAttributesCount: e.DroppedAttrs})
	}
	for _, l := range s.Links {
		p.Links = append(p.Links, &tracepb.Span_Link{TraceId: l.TraceID[:], SpanId: l.SpanID[:], TraceState: utf8Text(l.TraceState),
			Attributes: keyValues(l.Attrs), DroppedAttributesCount: l.DroppedAttrs, Flags: l.Flags})
	}
	if s.Status != trace.StatusUnset || s.StatusMessage != "" {
		p.Status = &tracepb.Status{Code: tracepb.Status_StatusCode(s.Status), Message: utf8Text(s.StatusMessage)}
	}
	return p
}

func keyValues(attrs []trace.Attr) []*commonpb.KeyValue {
	if len(attrs) == 0 {
		return nil
	}
	out := make([]*commonpb.KeyValue, len(attrs))
	for i, a := range attrs {
		out[i] = &commonpb.KeyValue{Key: utf8Text(a.Key), Value: anyValue(a.Value)}
	}
	return out
}

func anyValue(v trace.Value) *commonpb.AnyValue {
	switch v.Kind() {
	case trace.ValueString:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: utf8Text(v.Str())}}
	case trace.ValueBool:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_BoolValue{BoolValue: v.Bool()}}
	case trace.ValueInt:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_IntValue{IntValue: v.Int()}}
	case trace.ValueDouble:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_DoubleValue{DoubleValue: v.Double()}}
	case trace.ValueBytes:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_BytesValue{BytesValue: v.Bytes()}}
	case trace.ValueArray:
		items := v.Items()
		vals := make([]*commonpb.AnyValue, len(items))
		for i, it := range items {
			vals[i] = anyValue(it.Value)
		}
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_ArrayValue{ArrayValue: &commonpb.ArrayValue{Values: vals}}}
	case trace.ValueMap:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_KvlistValue{KvlistValue: &commonpb.KeyValueList{Values: keyValues(v.Items())}}}
	}
	return &commonpb.AnyValue{}
}

// utf8Text is s with each invalid UTF-8 byte as U+FFFD, as Decode reads
// it: proto3 strings must be UTF-8, and Marshal refuses a message that
// breaks it.
func utf8Text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

package datadog

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// Datadog → model, the reverse of the Datadog agent's OTLP intake
// (DataDog/datadog-agent:pkg/trace/api/otlp.go, which makes a Datadog
// resource of the OTel span name and an operation name of the span kind
// and instrumentation, and reads the attributes operation.name,
// resource.name, span.type back):
//   - span name: the resource ("GET /users/:id", a query), which is what
//     the OTel span name becomes in Datadog; the name when the resource is
//     empty. The Datadog name ("http.request") is kept as operation.name.
//   - type → span.type; service → the resource's service.name, with the
//     tracer's language and version (request headers) as telemetry.sdk.*.
//   - trace ID: trace_id is the low 64 bits, meta _dd.p.tid (16 hex) the
//     high; a chunk's spans share the tid its root carries.
//   - error ≠ 0 → status ERROR with error.message (error.msg in older
//     tracers) as its message and an "exception" event at the span's end
//     holding exception.message/type/stacktrace from error.message/
//     error.type/error.stack (error.handling_stack, where dd-trace-go v2
//     caught an error that had no stack, when there is no error.stack),
//     which are not repeated as attributes.
//   - meta "events" (span events as JSON, how tracers send them to an
//     agent without native span_events) → events;
//   - meta → string attributes, metrics → numbers (integers as ints);
//     meta span.kind → kind (absent: INTERNAL).
//   - the metric _sampling_priority_v1 → sampling.priority, and the W3C
//     sampled flag on every span of its chunk when it is > 0.
type mapper struct {
	c         *trace.Collector
	ws        *source.Warnings
	meta      Meta
	resources map[string]*trace.Resource
}

func newMapper(c *trace.Collector, ws *source.Warnings, meta Meta) *mapper {
	return &mapper{c: c, ws: ws, meta: meta, resources: map[string]*trace.Resource{}}
}

const (
	keyTID      = "_dd.p.tid"
	keyPriority = "_sampling_priority_v1"
)

var kinds = map[string]trace.SpanKind{"server": trace.KindServer, "client": trace.KindClient,
	"producer": trace.KindProducer, "consumer": trace.KindConsumer, "internal": trace.KindInternal}

// chunk maps one trace chunk: the spans a tracer sent together, whose
// root alone may carry the tid and the sampling priority.
func (m *mapper) chunk(spans []spanIn) {
	tid := map[uint64]uint64{} // low half → high half
	var priority float64
	hasPriority := false
	for i := range spans {
		for _, a := range spans[i].Meta {
			if a.Key == keyTID {
				if hi, err := strconv.ParseUint(a.Val, 16, 64); err == nil {
					tid[spans[i].TraceID] = hi
				}
			}
		}
		for _, a := range spans[i].Metrics {
			if a.Key == keyPriority {
				priority, hasPriority = a.Val, true
			}
		}
	}
	for i := range spans {
		s := m.span(&spans[i], tid[spans[i].TraceID])
		if hasPriority && priority > 0 {
			s.Flags |= trace.TraceFlagSampled
		}
		m.c.Add(s)
	}
}

func (m *mapper) span(in *spanIn, hi uint64) *trace.Span {
	s := &trace.Span{
		TraceID: traceID(hi, in.TraceID), SpanID: spanID(in.SpanID), ParentID: spanID(in.ParentID),
		Name: in.Resource, Start: in.Start, Kind: trace.KindInternal, Links: in.Links,
		Resource: m.resource(in.Service),
	}
	if s.Name == "" {
		s.Name = in.Name
	}
	if in.Start > 0 && in.Duration > 0 && in.Start <= math.MaxInt64-in.Duration {
		s.End = in.Start + in.Duration
	}
	attrs := make([]trace.Attr, 0, len(in.Meta)+len(in.Metrics)+2)
	if in.Name != "" {
		attrs = append(attrs, trace.Attr{Key: "operation.name", Value: trace.StringValue(in.Name)})
	}
	if in.Type != "" {
		attrs = append(attrs, trace.Attr{Key: "span.type", Value: trace.StringValue(in.Type)})
	}
	var exc []trace.Attr
	var msg, stack, handling string
	for _, a := range in.Meta {
		switch a.Key {
		case keyTID:
			continue // in the trace ID
		case "span.kind":
			if k, ok := kinds[a.Val]; ok {
				s.Kind = k
			}
		case "error.message", "error.msg":
			msg = a.Val
			exc = append(exc, trace.Attr{Key: "exception.message", Value: trace.StringValue(a.Val)})
			continue
		case "error.type":
			exc = append(exc, trace.Attr{Key: "exception.type", Value: trace.StringValue(a.Val)})
			continue
		case "error.stack":
			stack = a.Val
			continue
		case "events":
			if evs, ok := metaEvents(a.Val); ok {
				s.Events = append(s.Events, evs...)
				continue
			}
		case "error.handling_stack":
			handling = a.Val
			continue
		}
		attrs = append(attrs, trace.Attr{Key: a.Key, Value: trace.StringValue(a.Val)})
	}
	for _, a := range in.Metrics {
		key := a.Key
		if key == keyPriority {
			key = "sampling.priority"
		}
		attrs = append(attrs, trace.Attr{Key: key, Value: number(a.Val)})
	}
	if stack == "" {
		// Where the error was captured (dd-trace-go v2 for an error
		// without a stack of its own) is the stack there is.
		stack, handling = handling, ""
	}
	if stack != "" {
		exc = append(exc, trace.Attr{Key: "exception.stacktrace", Value: trace.StringValue(stack)})
	}
	if handling != "" {
		attrs = append(attrs, trace.Attr{Key: "error.handling_stack", Value: trace.StringValue(handling)})
	}
	s.Attrs = attrs
	if in.Error != 0 {
		s.Status, s.StatusMessage = trace.StatusError, msg
	}
	if len(exc) > 0 {
		// Datadog records no time for an error: the span's end is when it
		// was known at the latest.
		s.Events = append(s.Events, trace.Event{Time: s.End, Name: "exception", Attrs: exc})
	}
	return s
}

// number is an integral metric as an int, so that 1 reads "1" not "1.0".
func number(f float64) trace.Value {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return trace.IntValue(int64(f))
	}
	return trace.DoubleValue(f)
}

func traceID(hi, lo uint64) trace.TraceID {
	var id trace.TraceID
	binary.BigEndian.PutUint64(id[:8], hi)
	binary.BigEndian.PutUint64(id[8:], lo)
	return id
}

func spanID(v uint64) trace.SpanID {
	var id trace.SpanID
	binary.BigEndian.PutUint64(id[:], v)
	return id
}

// resource is shared by the spans of one service.
func (m *mapper) resource(service string) *trace.Resource {
	if r, ok := m.resources[service]; ok {
		return r
	}
	r := &trace.Resource{Service: service}
	if service != "" {
		r.Attrs = append(r.Attrs, trace.Attr{Key: "service.name", Value: trace.StringValue(service)})
	}
	r.Attrs = append(r.Attrs, trace.Attr{Key: "telemetry.sdk.name", Value: trace.StringValue("datadog")})
	if m.meta.Lang != "" {
		r.Attrs = append(r.Attrs, trace.Attr{Key: "telemetry.sdk.language", Value: trace.StringValue(m.meta.Lang)})
	}
	if m.meta.TracerVersion != "" {
		r.Attrs = append(r.Attrs, trace.Attr{Key: "telemetry.sdk.version", Value: trace.StringValue(m.meta.TracerVersion)})
	}
	if m.meta.LangVersion != "" {
		r.Attrs = append(r.Attrs, trace.Attr{Key: "process.runtime.version", Value: trace.StringValue(m.meta.LangVersion)})
	}
	return r
}

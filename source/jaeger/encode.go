package jaeger

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// AppendJSON appends traces in the shape the Jaeger query service's
// /api/traces answers and the Jaeger UI's "JSON file" upload reads:
// {"data":[{"traceID","spans":[…],"processes":{…},"warnings":null}],…}.
// Each element of traces is one trace's spans. Times are microseconds
// (start and end each cut to the µs), IDs lowercase hex (16 digits for a
// 64-bit trace ID, as Jaeger writes it).
//
// The mapping mirrors DecodeV1 (see conventions): the parent is a CHILD_OF
// reference (FOLLOWS_FROM when jaeger.ref_type says so), links are
// further references, the resource is the process, kind, status, trace
// state and scope are the otel.* / span.kind / w3c.tracestate tags the
// OpenTelemetry translator writes, events are logs with an "event" field.
// lost lists what Jaeger has no place for, one line per kind with the
// number of spans it touched (source.Lost).
func AppendJSON(b []byte, traces [][]*trace.Span) (out []byte, lost []string) {
	e := &encoder{b: b, resLost: map[*trace.Resource]int{}}
	e.b = append(e.b, `{"data":[`...)
	for k, spans := range traces {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.trace(spans)
	}
	e.b = append(e.b, `],"total":0,"limit":0,"offset":0,"errors":null}`...)
	return e.b, e.lost.Lines()
}

type encoder struct {
	b    []byte
	lost source.Lost
	cur  *trace.Span // the span being written; nil while writing processes
	// resLost counts a process's composite tags (written as text), so
	// each span of that process is listed as having lost them.
	resLost   map[*trace.Resource]int
	composite int
}

func (e *encoder) trace(spans []*trace.Span) {
	procs := map[*trace.Resource]string{}
	var order []*trace.Resource
	for _, s := range spans {
		if _, ok := procs[s.Resource]; !ok {
			procs[s.Resource] = "p" + strconv.Itoa(len(order)+1)
			order = append(order, s.Resource)
		}
	}
	e.b = append(e.b, `{"traceID":`...)
	if len(spans) > 0 {
		e.b = appendTraceID(e.b, spans[0])
	} else {
		e.b = append(e.b, `""`...)
	}
	e.b = append(e.b, `,"spans":[`...)
	for k, s := range spans {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.span(s, procs[s.Resource])
	}
	e.b = append(e.b, `],"processes":{`...)
	for k, r := range order {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.b = source.AppendQuote(e.b, procs[r])
		e.b = append(e.b, `:{"serviceName":`...)
		var res trace.Resource
		if r != nil {
			res = *r
		}
		e.b = source.AppendQuote(e.b, res.Service)
		e.b = append(e.b, `,"tags":[`...)
		n := 0
		e.cur, e.composite = nil, 0
		for _, a := range res.Attrs {
			if a.Key == "service.name" {
				continue // the process's serviceName; DecodeV1 puts it back first
			}
			e.tag(&n, a.Key, a.Value)
		}
		e.b = append(e.b, `]}`...)
		e.resLost[r] = e.composite
	}
	for _, s := range spans {
		if s.Resource != nil && (s.Resource.DroppedAttrs > 0 || s.Resource.SchemaURL != "") {
			e.lost.Add(s, "schema URLs and dropped-attribute counts of resources (processes)", "", 0)
		}
		if n := e.resLost[s.Resource]; n > 0 {
			e.lost.Add(s, "array and map attributes of resources (processes; written as their text, a string)", "", 0)
		}
	}
	e.b = append(e.b, `},"warnings":null}`...)
}

func (e *encoder) span(s *trace.Span, pid string) {
	e.cur = s
	e.b = append(e.b, `{"traceID":`...)
	e.b = appendTraceID(e.b, s)
	e.b = append(e.b, `,"spanID":`...)
	e.b = appendSpanID(e.b, s.SpanID, s.RawID('s'))
	e.b = append(e.b, `,"operationName":`...)
	e.b = source.AppendQuote(e.b, s.Name)
	e.b = append(e.b, `,"references":[`...)
	refs := 0
	followsFrom := false
	if v, ok := trace.Lookup(s.Attrs, "jaeger.ref_type"); ok && v.AsString() == "follows_from" {
		followsFrom = true
	}
	if !s.ParentID.IsZero() || s.RawID('p') != "" {
		typ := "CHILD_OF"
		if followsFrom {
			typ = "FOLLOWS_FROM"
		}
		e.ref(&refs, typ, func(b []byte) []byte { return appendTraceID(b, s) }, s.ParentID, s.RawID('p'))
	}
	for _, l := range s.Links {
		// A link DecodeV1 made of a reference keeps that reference's type;
		// an OpenTelemetry link is a FOLLOWS_FROM, as the translator writes.
		typ := "FOLLOWS_FROM"
		if v, ok := trace.Lookup(l.Attrs, "opentracing.ref_type"); ok {
			typ = strings.ToUpper(v.AsString())
		}
		if len(l.Attrs) > 1 || len(l.Attrs) == 1 && l.Attrs[0].Key != "opentracing.ref_type" || l.TraceState != "" || l.Flags != 0 {
			e.lost.Add(s, "link attributes, trace states and flags (a reference has a type and IDs only)", "link", 1)
		}
		if s.ParentID.IsZero() && l.TraceID == s.TraceID && (typ == "CHILD_OF" || typ == "FOLLOWS_FROM") {
			// DecodeV1 (as Jaeger) makes the first same-trace reference of
			// a root its parent.
			e.lost.Add(s, "links from a root span into its own trace (Jaeger reads them as its parent)", "link", 1)
		}
		e.ref(&refs, typ, func(b []byte) []byte { return source.AppendQuotedID(b, l.TraceID[:], true) }, l.SpanID, "")
	}
	e.b = append(e.b, ']')
	if s.Flags != 0 {
		e.b = append(e.b, `,"flags":`...)
		e.b = strconv.AppendUint(e.b, uint64(s.Flags), 10)
	}
	start, dur := micros(s.Start, s.End)
	e.b = append(e.b, `,"startTime":`...)
	e.b = strconv.AppendInt(e.b, start, 10)
	e.b = append(e.b, `,"duration":`...)
	e.b = strconv.AppendInt(e.b, dur, 10)
	switch {
	case s.Start <= 0:
		// Jaeger's model has no unset time: 0 is the only "unknown" it
		// can say (the UI places it in 1970), and leaving the span out
		// would lose its children's parent.
		e.lost.Add(s, "spans with no start time (written as startTime 0, 1970-01-01)", "", 0)
	case s.End == 0:
		e.lost.Add(s, "spans with no end time (Jaeger writes a zero duration)", "", 0)
	case s.End < s.Start:
		e.lost.Add(s, "spans ending before they start (Jaeger writes a zero duration)", "", 0)
	}
	e.b = append(e.b, `,"tags":[`...)
	e.spanTags(s)
	e.b = append(e.b, `],"logs":[`...)
	for k, ev := range s.Events {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.b = append(e.b, `{"timestamp":`...)
		e.b = strconv.AppendInt(e.b, ev.Time/1000, 10)
		e.b = append(e.b, `,"fields":[`...)
		n := 0
		if ev.Name == "" {
			e.lost.Add(s, `events with no name (read back as "log", as Jaeger names a log with no event field)`, "event", 1)
		}
		e.tag(&n, "event", trace.StringValue(ev.Name))
		for _, a := range ev.Attrs {
			e.tag(&n, a.Key, a.Value)
		}
		e.b = append(e.b, `]}`...)
	}
	e.b = append(e.b, `],"processID":`...)
	e.b = source.AppendQuote(e.b, pid)
	e.b = append(e.b, `,"warnings":null}`...)
	if s.DroppedAttrs+s.DroppedEvents+s.DroppedLinks > 0 {
		e.lost.Add(s, "dropped attribute, event and link counts", "", 0)
	}
	if s.Scope != nil && len(s.Scope.Attrs) > 0 {
		e.lost.Add(s, "instrumentation scope attributes (the scope's name and version are tags)", "attribute", len(s.Scope.Attrs))
	}
}

func (e *encoder) ref(n *int, typ string, traceID func([]byte) []byte, id trace.SpanID, rawID string) {
	if *n > 0 {
		e.b = append(e.b, ',')
	}
	*n++
	e.b = append(e.b, `{"refType":"`...)
	e.b = append(e.b, typ...)
	e.b = append(e.b, `","traceID":`...)
	e.b = traceID(e.b)
	e.b = append(e.b, `,"spanID":`...)
	e.b = appendSpanID(e.b, id, rawID)
	e.b = append(e.b, '}')
}

// micros is a span's startTime and duration in µs: the start and the end
// are each cut to the microsecond, so both read back within 1 µs. No
// start, no end, or an end before the start: a zero duration.
func micros(start, end int64) (int64, int64) {
	if start <= 0 {
		return 0, 0
	}
	if end <= start {
		return start / 1000, 0
	}
	return start / 1000, end/1000 - start/1000
}

func appendTraceID(b []byte, s *trace.Span) []byte {
	if r := s.RawID('t'); r != "" {
		return source.AppendQuote(b, r)
	}
	return source.AppendQuotedID(b, s.TraceID[:], true)
}

func appendSpanID(b []byte, id trace.SpanID, rawID string) []byte {
	if rawID != "" {
		return source.AppendQuote(b, rawID)
	}
	return source.AppendQuotedID(b, id[:], false)
}

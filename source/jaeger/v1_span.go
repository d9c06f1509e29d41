package jaeger

import (
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

type reference struct {
	refType, traceID, spanID string
}

// pendingSpan is a span read but not yet emitted: its process may be a
// reference into a map that comes later.
type pendingSpan struct {
	s                           trace.Span
	traceID, spanID, parentText string
	refs                        []reference
	processID                   string
	process                     *trace.Resource
	tags                        []trace.Attr
	startUS, durUS              int64
	warnings                    []string
}

func isSpanField(name string) bool {
	switch name {
	case "spanID", "operationName", "references", "startTime", "duration", "tags", "logs",
		"processID", "process", "flags", "parentSpanID":
		return true
	}
	return false
}

func (d *decoder) spanField(p *pendingSpan, name string) error {
	var err error
	switch name {
	case "traceID":
		p.traceID, err = d.r.String()
	case "spanID":
		p.spanID, err = d.r.String()
	case "parentSpanID":
		p.parentText, err = d.r.String()
	case "operationName":
		p.s.Name, err = d.r.String()
	case "flags":
		var n int64
		n, err = d.r.Int()
		p.s.Flags = uint32(n)
	case "startTime":
		p.startUS, err = d.r.Micros()
	case "duration":
		p.durUS, err = d.r.Micros()
	case "references":
		err = d.r.Array(func() error {
			var ref reference
			err := d.r.Object(func(name string) error {
				var err error
				switch name {
				case "refType":
					ref.refType, err = d.r.String()
				case "traceID":
					ref.traceID, err = d.r.String()
				case "spanID":
					ref.spanID, err = d.r.String()
				default:
					err = d.r.Skip()
				}
				return err
			})
			p.refs = append(p.refs, ref)
			return err
		})
	case "tags":
		p.tags, err = d.readTags()
	case "logs":
		err = d.r.Array(func() error {
			e, err := d.readLog()
			p.s.Events = append(p.s.Events, e)
			return err
		})
	case "processID":
		p.processID, err = d.r.String()
	case "process":
		p.process, err = d.readProcess()
	case "warnings":
		p.warnings, err = d.readStrings()
	default:
		err = d.r.Skip()
	}
	return err
}

func (d *decoder) readLog() (trace.Event, error) {
	var e trace.Event
	err := d.r.Object(func(name string) error {
		switch name {
		case "timestamp":
			us, err := d.r.Micros()
			e.Time, _ = source.MicrosToNanos(us) // out of range: an event at an unknown time
			return err
		case "fields":
			fields, err := d.readTags()
			// OpenTracing names a log by its "event" field; OTel→Jaeger too.
			for _, key := range []string{"event", "message"} {
				if v, ok := trace.Lookup(fields, key); ok && e.Name == "" {
					e.Name = v.AsString()
					fields = without(fields, key)
				}
			}
			e.Attrs = fields
			return err
		}
		return d.r.Skip()
	})
	if e.Name == "" {
		e.Name = "log"
	}
	return e, err
}

func without(attrs []trace.Attr, key string) []trace.Attr {
	out := attrs[:0:0]
	for _, a := range attrs {
		if a.Key != key {
			out = append(out, a)
		}
	}
	return out
}

func (d *decoder) readProcess() (*trace.Resource, error) {
	res := &trace.Resource{}
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "serviceName":
			res.Service, err = d.r.String()
		case "tags":
			res.Attrs, err = d.readTags()
		default:
			err = d.r.Skip()
		}
		return err
	})
	res.Attrs = append([]trace.Attr{{Key: "service.name", Value: trace.StringValue(res.Service)}}, res.Attrs...)
	return res, err
}

// emit resolves a span's parent, process and OTel conventions, then adds it.
func (d *decoder) emit(p *pendingSpan, processes map[string]*trace.Resource) {
	s := &p.s
	var forms [3]source.IDForm
	s.TraceID, forms[0] = source.ParseTraceID(p.traceID)
	s.SpanID, forms[1] = source.ParseSpanID(p.spanID)
	parentText := p.parentText
	// The domain model's rule: the first CHILD_OF in the same trace, else
	// the first FOLLOWS_FROM; every other reference is a link.
	parentRef := -1
	for _, want := range []string{"CHILD_OF", "FOLLOWS_FROM"} {
		for i, ref := range p.refs {
			if parentRef < 0 && strings.EqualFold(ref.refType, want) && sameTrace(ref.traceID, p.traceID) {
				parentRef = i
			}
		}
	}
	if parentRef >= 0 {
		parentText = p.refs[parentRef].spanID
	}
	s.ParentID, forms[2] = source.ParseSpanID(parentText)
	// A FOLLOWS_FROM parent is marked so export writes it back as one; a
	// reference without a span ID names no parent, so there is none to mark.
	if parentRef >= 0 && strings.EqualFold(p.refs[parentRef].refType, "FOLLOWS_FROM") && (!s.ParentID.IsZero() || forms[2] == source.IDOpaque) {
		p.tags = append(p.tags, trace.Attr{Key: "jaeger.ref_type", Value: trace.StringValue("follows_from")})
	}
	if forms[0] == source.IDOpaque || forms[1] == source.IDOpaque || forms[2] == source.IDOpaque {
		s.Raw = &trace.RawIDs{}
		if forms[0] == source.IDOpaque {
			s.Raw.TraceID = p.traceID
		}
		if forms[1] == source.IDOpaque {
			s.Raw.SpanID = p.spanID
		}
		if forms[2] == source.IDOpaque {
			s.Raw.ParentID = parentText
		}
		d.warnOnce("IDs that are not hex are kept as given")
	}
	for i, ref := range p.refs {
		if i == parentRef {
			continue
		}
		l := trace.Link{Attrs: []trace.Attr{{Key: "opentracing.ref_type", Value: trace.StringValue(strings.ToLower(ref.refType))}}}
		l.TraceID, _ = source.ParseTraceID(ref.traceID)
		l.SpanID, _ = source.ParseSpanID(ref.spanID)
		s.Links = append(s.Links, l)
	}
	var ok bool
	if s.Start, s.End, ok = source.SpanTimes(p.startUS, p.durUS); !ok {
		d.ws.Addf(0, -1, "span %s: startTime or duration out of range (before 1970 or after 2262); its time is left unknown", p.spanID)
	}
	s.Resource = p.process
	if s.Resource == nil {
		s.Resource = processes[p.processID]
	}
	if s.Resource != nil && p.process != nil {
		s.Resource = d.dedupe(s.Resource)
	}
	d.conventions(s, p.tags)
	for _, w := range p.warnings {
		d.ws.Addf(0, -1, "Jaeger: span %s: %s", p.spanID, w)
	}
	d.c.Add(s)
	d.spans++
}

func sameTrace(a, b string) bool {
	x, _ := source.ParseTraceID(a)
	y, _ := source.ParseTraceID(b)
	return a == "" || x == y
}

// dedupe shares one Resource between spans that embed the same process.
func (d *decoder) dedupe(r *trace.Resource) *trace.Resource {
	var b strings.Builder
	for _, a := range r.Attrs {
		b.WriteString(a.Key + "=" + a.Value.AsString() + "\x00")
	}
	key := b.String()
	if have, ok := d.resources[key]; ok {
		return have
	}
	d.resources[key] = r
	return r
}

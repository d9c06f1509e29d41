package trace

// Masks of Span.Flags, named as in OTLP's trace.proto (SpanFlags).
const (
	// SpanFlagsTraceFlagsMask is the W3C trace-flags byte.
	SpanFlagsTraceFlagsMask = 0xff
	// TraceFlagSampled is the W3C sampled bit of the trace flags.
	TraceFlagSampled = 0x01
	// SpanFlagsContextHasIsRemoteMask says the producer knew whether the
	// parent was remote; SpanFlagsContextIsRemoteMask then tells.
	SpanFlagsContextHasIsRemoteMask = 0x100
	SpanFlagsContextIsRemoteMask    = 0x200
)

// contextKeys are the attributes that say whose request this was: what an
// on-call engineer searches by ("the order that failed", "that user").
var contextKeys = []string{"user.id", "enduser.id", "app.user.id", "app.order.id", "order.id", "order_id",
	"correlation.id", "correlation_id", "request.id", "http.request_id", "session.id", "tenant.id",
	"deployment.environment", "deployment.environment.name"}

// samplingKeys describe how the trace was sampled.
var samplingKeys = []string{"sampling.priority", "sampler.type", "sampler.param", "sampling.rate",
	"otel.sampling.probability", "jaeger.sampler.type", "jaeger.sampler.param"}

// contextScan bounds how many spans Context looks at: the keys sit on the
// root or on its first children, and a million-span trace must not wait.
const contextScan = 2000

// Context returns the trace's context attributes (each key once, root
// first, then the earliest spans and their resources) as key=value.
func (t *Tree) Context() []Attr { return t.collect(contextKeys) }

// Sampling returns what the trace says about its sampling: sampling
// attributes, the sampled flag and tracestate of the naming span.
func (t *Tree) Sampling() []Attr {
	out := t.collect(samplingKeys)
	if r := t.NamingSpan(); r >= 0 {
		s := t.Span(r)
		if s.Flags&(SpanFlagsContextHasIsRemoteMask|SpanFlagsTraceFlagsMask) != 0 {
			// All zero is what producers that predate the field send: it
			// says nothing about sampling, so it must not read "not sampled".
			out = append(out, Attr{Key: "sampled", Value: BoolValue(s.Flags&TraceFlagSampled != 0)})
		}
		if s.TraceState != "" {
			out = append(out, Attr{Key: "tracestate", Value: StringValue(s.TraceState)})
		}
	}
	return out
}

func (t *Tree) collect(keys []string) []Attr {
	var out []Attr
	seen := map[string]bool{}
	look := func(s *Span) {
		for _, k := range keys {
			if seen[k] {
				continue
			}
			v, ok := Lookup(s.Attrs, k)
			if !ok && s.Resource != nil {
				v, ok = Lookup(s.Resource.Attrs, k)
			}
			if ok {
				seen[k] = true
				out = append(out, Attr{Key: k, Value: v})
			}
		}
	}
	if r := t.NamingSpan(); r >= 0 {
		look(t.Span(r))
	}
	for k := 0; k < len(t.Order) && k < contextScan && len(seen) < len(keys); k++ {
		look(t.Span(t.Order[k]))
	}
	return out
}

// Dropped counts what producers dropped at their limits.
func (t *Trace) Dropped() (attrs, events, links int64) {
	for i := range t.Spans {
		s := &t.Spans[i]
		attrs += int64(s.DroppedAttrs)
		events += int64(s.DroppedEvents)
		links += int64(s.DroppedLinks)
	}
	return
}

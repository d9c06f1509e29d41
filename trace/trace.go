package trace

// Trace is every span that shares one trace ID, from however many files,
// lines or batches they arrived in.
type Trace struct {
	ID    TraceID
	Raw   string // the ID as given when it was opaque text
	Spans []Span
	// Warnings are about how the data arrived (decoder level); the tree
	// builder adds its own to Tree.Warnings.
	Warnings []string
	// Logs are log records that carry this trace's ID (from a receiver).
	Logs []LogRecord
}

// DisplayID is the trace ID as tracetui prints it.
func (t *Trace) DisplayID() string {
	if t.Raw != "" {
		return t.Raw
	}
	return t.ID.String()
}

// Collector groups spans by trace ID as decoders produce them. Decoders
// append to it directly so spans are never copied into a second slice.
type Collector struct {
	traces []*Trace
	index  map[TraceID]int
	last   int // decoders emit runs of one trace; cache the last hit
}

// NewCollector returns an empty collector.
func NewCollector() *Collector {
	return &Collector{index: make(map[TraceID]int), last: -1}
}

// Trace returns the trace for id, creating it on first use.
func (c *Collector) Trace(id TraceID) *Trace {
	if c.last >= 0 && c.traces[c.last].ID == id {
		return c.traces[c.last]
	}
	i, ok := c.index[id]
	if !ok {
		i = len(c.traces)
		c.traces = append(c.traces, &Trace{ID: id})
		c.index[id] = i
	}
	c.last = i
	return c.traces[i]
}

// Add appends a copy of s to its trace and returns a pointer to the stored
// span, valid until the next Add to the same trace.
func (c *Collector) Add(s *Span) *Span {
	t := c.Trace(s.TraceID)
	if s.Raw != nil && s.Raw.TraceID != "" && t.Raw == "" {
		t.Raw = s.Raw.TraceID
	}
	if len(t.Spans) == cap(t.Spans) {
		// Double rather than append's 1.25x for big slices: a million
		// 216-byte spans would otherwise allocate five times their size.
		grown := make([]Span, len(t.Spans), max(64, 2*cap(t.Spans)))
		copy(grown, t.Spans)
		t.Spans = grown
	}
	t.Spans = append(t.Spans, *s)
	return &t.Spans[len(t.Spans)-1]
}

// Traces returns the traces in the order their first span arrived.
func (c *Collector) Traces() []*Trace { return c.traces }

// SpanCount is the number of spans collected so far.
func (c *Collector) SpanCount() int {
	n := 0
	for _, t := range c.traces {
		n += len(t.Spans)
	}
	return n
}

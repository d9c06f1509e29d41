package trace

import (
	"strings"
)

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
	// Joined64 counts spans that carried only the low 64 bits of this
	// 128-bit ID and were joined to it (see Collector.Traces).
	Joined64 int
	// Repeats counts spans left out because they repeated another span of
	// the trace exactly (a batch exported twice, a trace fetched twice);
	// Build sets it on the copy it makes.
	Repeats int
}

// DisplayID is the trace ID as tracetui prints it: opaque text as given,
// a 64-bit ID (Zipkin, Jaeger, Datadog; the high half zero) as its 16 hex
// digits, the way those tools and their users write it, else 32 hex digits.
func (t *Trace) DisplayID() string {
	if t.Raw != "" {
		return t.Raw
	}
	if t.ID.Is64() {
		return t.ID.String()[16:]
	}
	return t.ID.String()
}

// HasIDPrefix reports whether p (any case) starts the trace's ID in any form
// a user may have copied: as displayed, as 32 hex digits, or — for a 64-bit
// ID, or a 128-bit trace that 64-bit spans were joined to — as the 16 hex
// digits of its low half. The empty prefix matches every trace.
func (t *Trace) HasIDPrefix(p string) bool {
	p = strings.ToLower(p)
	if strings.HasPrefix(strings.ToLower(t.DisplayID()), p) {
		return true
	}
	full := t.ID.String()
	return t.Raw == "" && (strings.HasPrefix(full, p) || t.Joined64 > 0 && strings.HasPrefix(full[16:], p))
}

// Collector groups spans by trace ID as decoders produce them. Decoders
// append to it directly so spans are never copied into a second slice
// while decoding; Traces joins each trace's chunks once, into a slice of
// exactly its size.
type Collector struct {
	traces []*Trace
	// full holds the filled chunks of each trace (by index), in order;
	// the trace's Spans is the chunk being filled. Chunks grow with the
	// trace, so a ten-span trace costs ten spans, not a 64-span array.
	full  [][][]Span
	index map[TraceID]int
	last  int // decoders emit runs of one trace; cache the last hit
	spans int // spans added, for progress reports that ask often
}

// NewCollector returns an empty collector.
func NewCollector() *Collector {
	return &Collector{index: make(map[TraceID]int), last: -1}
}

func (c *Collector) at(id TraceID) int {
	if c.last >= 0 && c.traces[c.last].ID == id {
		return c.last
	}
	i, ok := c.index[id]
	if !ok {
		i = len(c.traces)
		c.traces = append(c.traces, &Trace{ID: id})
		c.full = append(c.full, nil)
		c.index[id] = i
	}
	c.last = i
	return i
}

// Trace returns the trace for id, creating it on first use. Its Spans are
// complete only after Traces.
func (c *Collector) Trace(id TraceID) *Trace { return c.traces[c.at(id)] }

// maxChunk bounds a chunk (about 900 KB of spans): big enough that joining
// costs one copy per span, small enough to waste little in the last one.
const maxChunk = 4096

// bigTrace is where a trace stops collecting chunks and grows one slice
// by doubling instead: joining a million spans at the end would hold the
// chunks and the joined copy at once, a higher peak than doubling's.
const bigTrace = 1 << 18

// Add appends a copy of s to its trace and returns a pointer to the stored
// span, valid until Traces is called.
func (c *Collector) Add(s *Span) *Span {
	i := c.at(s.TraceID)
	t := c.traces[i]
	if s.Raw != nil && s.Raw.TraceID != "" && t.Raw == "" {
		t.Raw = s.Raw.TraceID
	}
	if len(t.Spans) == cap(t.Spans) {
		c.grow(i)
	}
	c.spans++
	t.Spans = append(t.Spans, *s)
	return &t.Spans[len(t.Spans)-1]
}

// grow makes room in trace i's current chunk.
func (c *Collector) grow(i int) {
	t := c.traces[i]
	n := c.count(i)
	switch {
	case n >= bigTrace:
		grown := make([]Span, 0, 2*n)
		for _, ch := range c.full[i] {
			grown = append(grown, ch...)
		}
		t.Spans, c.full[i] = append(grown, t.Spans...), nil
	default:
		if n > 0 {
			c.full[i] = append(c.full[i], t.Spans)
		}
		t.Spans = make([]Span, 0, min(max(8, n), maxChunk))
	}
}

func (c *Collector) count(i int) int {
	n := len(c.traces[i].Spans)
	for _, ch := range c.full[i] {
		n += len(ch)
	}
	return n
}

// Traces returns the traces in the order their first span arrived, each
// trace's spans joined into one slice with no spare room. The joined
// traces share one allocation (each capped at its own length), so ten
// thousand small traces cost one object for the collector, not ten thousand.
func (c *Collector) Traces() []*Trace {
	c.join()
	c.join64()
	return c.traces
}

// join puts each trace's chunks into one slice (see Traces), without the
// 64-bit join, which must wait for every span of every input.
func (c *Collector) join() {
	total := 0
	for i := range c.traces {
		if c.needsJoin(i) {
			total += c.count(i)
		}
	}
	if total == 0 {
		return
	}
	slab := make([]Span, 0, total)
	for i, t := range c.traces {
		if !c.needsJoin(i) {
			continue
		}
		start := len(slab)
		for _, ch := range c.full[i] {
			slab = append(slab, ch...)
		}
		slab = append(slab, t.Spans...)
		t.Spans = slab[start:len(slab):len(slab)]
		c.full[i] = nil
	}
}

// needsJoin: chunks to join, or more than an eighth of the room unused
// (but a big trace keeps its slack: trimming it would copy it whole).
func (c *Collector) needsJoin(i int) bool {
	t := c.traces[i]
	return len(c.full[i]) > 0 || len(t.Spans) < bigTrace && cap(t.Spans)-len(t.Spans) > len(t.Spans)/8
}

// SpanCount is the number of spans collected so far.
func (c *Collector) SpanCount() int { return c.spans }

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
// while decoding; Traces puts each trace's spans into one slice of exactly
// its size.
//
// Spans of small traces go to one arena in arrival order, each with the
// index of its trace, and Traces moves them into place in one pass: a file
// of 100,000 traces whose spans are shuffled together costs no memory per
// trace while it loads. A trace that reaches bigTrace spans moves out of
// the arena into a slice of its own, which then grows in place.
type Collector struct {
	traces []*Trace
	index  map[TraceID]int
	last   int // decoders emit runs of one trace; cache the last hit
	spans  int // spans added, for progress reports that ask often

	arena  [][]Span  // blocks of spans of small traces, in arrival order
	owner  [][]int32 // the trace index of each arena span; -1 moved out
	queued []int     // arena spans of each trace
	big    []bool    // the trace has a slice of its own

	// expect is how many times its size a big trace is expected to end
	// up (see Expect); 0 doubles.
	expect float64
}

// Expect tells the collector that about f (≥ 1) times the spans it holds
// are to come in all (a loader knows how much of a file it has read), so
// a big trace grows once to its expected size, not by doubling: one copy
// fewer of its spans, and no room left unused. Merge then copies spans to
// one block of the expected size, which Traces puts in order in place.
func (c *Collector) Expect(f float64) { c.expect = f }

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
		i = c.newTrace(&Trace{ID: id})
	}
	c.last = i
	return i
}

func (c *Collector) newTrace(t *Trace) int {
	i := len(c.traces)
	c.traces = append(c.traces, t)
	c.queued = append(c.queued, 0)
	c.big = append(c.big, false)
	c.index[t.ID] = i
	return i
}

// Trace returns the trace for id, creating it on first use. Its Spans are
// complete only after Traces.
func (c *Collector) Trace(id TraceID) *Trace { return c.traces[c.at(id)] }

// arenaBlock is the arena's unit (about 900 KB of spans): big enough that
// a block costs little, small enough that growing never copies spans.
const arenaBlock = 4096

// bigTrace is where a trace leaves the arena for a slice of its own, which
// grows in place: moving a million spans into place at the end would hold
// them twice at once, a higher peak than growing one slice.
const bigTrace = 1 << 18

// Add appends a copy of s to its trace and returns a pointer to the stored
// span, valid until Traces is called.
func (c *Collector) Add(s *Span) *Span {
	i := c.at(s.TraceID)
	t := c.traces[i]
	if s.Raw != nil && s.Raw.TraceID != "" && t.Raw == "" {
		t.Raw = s.Raw.TraceID
	}
	c.spans++
	if c.big[i] {
		if len(t.Spans) == cap(t.Spans) {
			c.grow(t, 1)
		}
		t.Spans = append(t.Spans, *s)
		return &t.Spans[len(t.Spans)-1]
	}
	last := len(c.arena) - 1
	if last < 0 || len(c.arena[last]) == cap(c.arena[last]) {
		c.arena = append(c.arena, make([]Span, 0, arenaBlock))
		c.owner = append(c.owner, make([]int32, 0, arenaBlock))
		last++
	}
	c.arena[last] = append(c.arena[last], *s)
	c.owner[last] = append(c.owner[last], int32(i))
	c.queued[i]++
	p := &c.arena[last][len(c.arena[last])-1]
	if c.queued[i]+len(t.Spans) >= bigTrace {
		c.moveOut(i)
		p = &t.Spans[len(t.Spans)-1]
	}
	return p
}

// grow makes room for n more spans in big trace t's slice.
func (c *Collector) grow(t *Trace, n int) {
	need := len(t.Spans) + n
	size := max(2*len(t.Spans), need)
	if c.expect > 1 {
		// At least an eighth more: an estimate that keeps falling short
		// must not copy the trace at every call.
		size = max(need+need/8, min(int(float64(need)*c.expect)+need/64, 4*need))
	}
	grown := make([]Span, len(t.Spans), size)
	copy(grown, t.Spans)
	t.Spans = grown
}

// moveOut gives trace i a slice of its own, with its arena spans moved
// to it in order.
func (c *Collector) moveOut(i int) {
	t := c.traces[i]
	c.big[i] = true
	if c.queued[i] == 0 {
		return
	}
	if cap(t.Spans)-len(t.Spans) < c.queued[i] {
		c.grow(t, c.queued[i])
	}
	kept := 0
	for b, owners := range c.owner {
		live := 0
		for k, o := range owners {
			if o == int32(i) {
				t.Spans = append(t.Spans, c.arena[b][k])
				owners[k] = -1
				c.arena[b][k] = Span{} // drop its references for the GC
			} else if o >= 0 {
				live++
			}
		}
		if live > 0 {
			c.arena[kept], c.owner[kept] = c.arena[b], owners
			kept++
		}
	}
	clear(c.arena[kept:])
	clear(c.owner[kept:])
	c.arena, c.owner = c.arena[:kept], c.owner[:kept]
	c.queued[i] = 0
}

// Traces returns the traces in the order their first span arrived, each
// trace's spans joined into one slice with no spare room (a big trace
// keeps its slack: trimming it would copy it whole). The joined traces
// share one allocation (each capped at its own length), so ten thousand
// small traces cost one object for the collector, not ten thousand.
func (c *Collector) Traces() []*Trace {
	c.join()
	c.join64()
	return c.traces
}

// join moves the arena's spans into place (see Traces), without the
// 64-bit join, which must wait for every span of every input.
func (c *Collector) join() {
	if c.joinInPlace() {
		return
	}
	total := 0
	for i, n := range c.queued {
		if n > 0 {
			total += n + len(c.traces[i].Spans)
		}
	}
	if total == 0 {
		c.arena, c.owner = nil, nil
		return
	}
	slab := make([]Span, 0, total)
	next := make([]int, len(c.traces)) // where trace i's next span goes
	for i, t := range c.traces {
		if n := c.queued[i]; n > 0 {
			start := len(slab)
			slab = append(slab, t.Spans...)
			next[i] = len(slab)
			slab = slab[:len(slab)+n]
			t.Spans = slab[start:len(slab):len(slab)]
		}
	}
	for b, owners := range c.owner {
		for k, o := range owners {
			if o >= 0 {
				slab[next[o]] = c.arena[b][k]
				next[o]++
			}
		}
		c.arena[b], c.owner[b] = nil, nil
	}
	c.arena, c.owner = nil, nil
	clear(c.queued)
}

// SpanCount is the number of spans collected so far.
func (c *Collector) SpanCount() int { return c.spans }

package receiver

import (
	"slices"
	"sync"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// Store holds the traces received so far, bounded by a span budget: when
// full, the oldest whole traces are evicted. One trace never holds more
// than the whole budget: spans (and log records) past it are not kept, as
// a trace's first spans (its root, usually) say more than its last, and
// evicting it instead would only start it again with its late spans.
// Every span not kept and every eviction is counted for the user.
type Store struct {
	mu     sync.Mutex
	traces map[trace.TraceID]*entry
	// order is the traces in arrival order of their first span, for
	// eviction and the idle scan every tick, which reads the entries
	// directly rather than looking each up by ID.
	order    []*entry
	spans    int
	logRecs  int // log records kept with their traces; they share the budget
	withSpan int // traces that have at least one span
	maxSpans int

	received, evicted, evictedTraces, logs, metrics int64
	repeats                                         int64 // spans that repeated a batch kept, not counted in received
	evictedUnreported                               int64 // evicted before Idle returned them
	dropped, droppedTraces, droppedLogs             int64 // not kept: their trace was full
	agentOther                                      int64 // New Relic payloads besides span events
	connErrors                                      int64 // server error log lines (serverlog.go)
	connErrorLast                                   string
	// long finds a 128-bit trace by its low half (store_join64.go).
	long    map[[8]byte]trace.TraceID
	changed chan struct{}
}

type entry struct {
	id trace.TraceID
	t  *trace.Trace
	// pending holds batches not yet joined to t.Spans: joining waits for
	// someone to look (a redraw, an idle report), so ingest never copies
	// spans and a headless run joins each trace once.
	pending  [][]trace.Span
	n        int // spans in t.Spans and pending
	last     time.Time
	version  uint64 // bumped whenever spans or logs arrive
	reported bool
	// reportedSpans is how many spans the trace had when Idle last
	// returned it (0: never), so a later report can say it is an update.
	reportedSpans int
	full          bool // reached maxSpans spans and logs, and lost some
	// batches finds a kept batch by its fingerprint, so that a retried
	// export is recognised (store_repeats.go).
	batches map[uint64]batchRec
	alike   map[uint64][]batchRec // more batches of one fingerprint, which differ
}

// NewStore keeps at most maxSpans spans (0: no limit).
func NewStore(maxSpans int) *Store {
	return &Store{traces: map[trace.TraceID]*entry{}, maxSpans: maxSpans, changed: make(chan struct{}, 1)}
}

// Add merges decoded traces in; spans of a known trace join it. It
// returns how many spans were not kept because their trace was full.
func (s *Store) Add(traces []*trace.Trace, now time.Time) (dropped int) {
	checks := s.checkRepeats(traces)
	s.mu.Lock()
	for i, t := range traces {
		if len(t.Spans) == 0 {
			continue
		}
		e := s.entry(s.joinTarget(t))
		joined := e.t.ID != t.ID
		s.noteLong(e)
		c := checks[i]
		if c.repeat && c.e == e {
			// A retried export: counted as a repeat, not as spans received,
			// and not against --max-spans (see store_repeats.go).
			s.repeats += int64(len(t.Spans))
			e.t.Repeats += len(t.Spans)
			e.version++
			continue
		}
		s.received += int64(len(t.Spans))
		spans := s.fit(e, t.Spans)
		dropped += len(t.Spans) - len(spans)
		if len(spans) == 0 {
			continue
		}
		if e.n == 0 {
			s.withSpan++
		}
		if joined {
			e.t.Joined64 += len(spans)
		}
		if e.t.Raw == "" {
			e.t.Raw = t.Raw
		}
		if e.n == 0 {
			e.t.Spans = spans // the decoder's slice is ours: no copy
		} else {
			e.pending = append(e.pending, spans)
		}
		if c.ok {
			e.remember(c.fp, e.n, len(spans), len(t.Spans))
		}
		e.n += len(spans)
		e.version++
		e.last = now
		e.reported = false
		s.spans += len(spans)
	}
	s.evict()
	s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return dropped
}

// fit returns the first of spans that e has room for, counting the rest.
// A cut batch is copied, so the spans not kept are not held by the slice
// that is.
func (s *Store) fit(e *entry, spans []trace.Span) []trace.Span {
	room := s.room(e)
	if room >= len(spans) {
		return spans
	}
	s.dropped += int64(len(spans) - room)
	s.full(e)
	if room == 0 {
		return nil
	}
	return slices.Clone(spans[:room])
}

// room is how many more spans or log records e may take.
func (s *Store) room(e *entry) int {
	if s.maxSpans <= 0 {
		return int(^uint(0) >> 1)
	}
	return max(s.maxSpans-e.n-len(e.t.Logs), 0)
}

// full counts e among the traces that lost spans or logs, once.
func (s *Store) full(e *entry) {
	if !e.full {
		e.full = true
		s.droppedTraces++
	}
}

func (s *Store) entry(id trace.TraceID) *entry {
	e := s.traces[id]
	if e == nil {
		e = &entry{id: id, t: &trace.Trace{ID: id}}
		s.traces[id] = e
		s.order = append(s.order, e)
	}
	return e
}

// AddLogs keeps the records that name a span with their trace (a trace may
// get its logs before its spans) and counts them all.
func (s *Store) AddLogs(recs []trace.LogRecord) {
	s.mu.Lock()
	s.logs += int64(len(recs))
	for _, l := range recs {
		if l.TraceID.IsZero() || l.SpanID.IsZero() {
			continue
		}
		e := s.entry(l.TraceID)
		if s.room(e) == 0 {
			s.droppedLogs++
			s.full(e)
			continue
		}
		e.t.Logs = append(e.t.Logs, l)
		e.version++
		s.logRecs++
	}
	s.evict()
	s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *Store) evict() {
	for s.maxSpans > 0 && s.spans+s.logRecs > s.maxSpans && len(s.order) > 1 {
		id := s.order[0].id
		s.order[0] = nil // the evicted trace is not kept alive by the array
		s.order = s.order[1:]
		if e := s.traces[id]; e != nil {
			if e.n > 0 {
				s.withSpan--
			}
			s.logRecs -= len(e.t.Logs)
			s.spans -= e.n
			s.evicted += int64(e.n)
			s.evictedTraces++
			if !e.reported && e.n > 0 {
				s.evictedUnreported++
			}
			delete(s.traces, id)
			s.forgetLong(id)
		}
	}
}

// Changed is signalled (coalesced) whenever spans arrive.
func (s *Store) Changed() <-chan struct{} { return s.changed }

// Versioned is a snapshot of one trace and its version: a caller that
// analyzed version N of a trace need not analyze it again until it changes.
type Versioned struct {
	Trace   *trace.Trace
	Version uint64
}

// Versions returns every trace with spans, in arrival order, with its
// version. The traces share the store's span and log slices, capped at
// their current length: the store only ever appends, so a snapshot never
// changes under its reader and taking one copies no spans.
func (s *Store) Versions() []Versioned {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Versioned, 0, s.withSpan)
	for _, e := range s.order {
		if e.n > 0 {
			out = append(out, Versioned{e.frozen(), e.version})
		}
	}
	return out
}

// frozen joins pending batches and returns a snapshot of the trace.
func (e *entry) frozen() *trace.Trace {
	if len(e.pending) > 0 {
		spans := e.t.Spans
		if cap(spans) < e.n {
			// Room to spare, as append would leave, so that a trace still
			// receiving is not copied whole at every redraw.
			grown := make([]trace.Span, len(spans), max(e.n, 2*cap(spans)))
			copy(grown, spans)
			spans = grown
		}
		for _, batch := range e.pending {
			spans = append(spans, batch...)
		}
		e.t.Spans, e.pending = spans, nil
	}
	t := e.t
	cp := *t
	cp.Spans = t.Spans[:len(t.Spans):len(t.Spans)]
	cp.Logs = t.Logs[:len(t.Logs):len(t.Logs)]
	cp.Warnings = t.Warnings[:len(t.Warnings):len(t.Warnings)]
	return &cp
}

// Report is a trace Idle returns: a snapshot, and how many spans it had
// when it was returned before (0 on its first report). A trace reported
// and then receiving more (a root arriving after --trace-timeout) comes
// back as an update rather than passing for a new trace.
type Report struct {
	Trace *trace.Trace
	// Earlier is the trace's span count at its previous report, 0 if none.
	Earlier int
}

// Idle returns snapshots of the traces that received nothing for at least
// timeout and were not returned since their last span arrived, marking
// them reported. all=true (at shutdown) returns every unreported trace.
func (s *Store) Idle(now time.Time, timeout time.Duration, all bool) []Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Report
	for _, e := range s.order {
		if e.n == 0 || e.reported || !all && now.Sub(e.last) < timeout {
			continue
		}
		e.reported = true
		out = append(out, Report{Trace: e.frozen(), Earlier: e.reportedSpans})
		e.reportedSpans = e.n
	}
	return out
}

package receiver

// Stats are counters for a status line.
type Stats struct {
	Received, Evicted, EvictedTraces, Logs, Metrics int64
	Spans, Traces                                   int
	// EvictedUnreported counts the evicted traces Idle never returned: in a
	// headless run, traces whose line was not printed.
	EvictedUnreported int64
	// Dropped spans and DroppedLogs arrived for a trace already holding
	// the whole budget (DroppedTraces such traces) and were not kept.
	Dropped, DroppedTraces, DroppedLogs int64
	MaxSpans                            int
	// Repeats counts spans dropped because they repeated a batch already
	// kept (an exporter's retry); Received leaves them out.
	Repeats int64
	// AgentOther counts New Relic agent payloads other than span events
	// (metrics, errors, transaction events…): accepted, not kept.
	AgentOther int64
	// ConnErrors counts what the HTTP servers logged below any request
	// (TLS handshakes that failed, connections not accepted); ConnErrorLast
	// is the latest, "New Relic: TLS handshake error from …".
	ConnErrors    int64
	ConnErrorLast string
}

// Stats reads every counter under one lock, so a status line never mixes
// counts from before and after a batch.
func (s *Store) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Received: s.received, Evicted: s.evicted, EvictedTraces: s.evictedTraces, Logs: s.logs, Metrics: s.metrics,
		Spans: s.spans, Traces: s.withSpan, EvictedUnreported: s.evictedUnreported,
		Dropped: s.dropped, DroppedTraces: s.droppedTraces, DroppedLogs: s.droppedLogs, MaxSpans: s.maxSpans,
		Repeats: s.repeats, AgentOther: s.agentOther, ConnErrors: s.connErrors, ConnErrorLast: s.connErrorLast}
}

func (s *Store) count(logs, metrics int64) {
	s.mu.Lock()
	s.logs += logs
	s.metrics += metrics
	s.mu.Unlock()
}

func (s *Store) countAgentOther(n int64) {
	s.mu.Lock()
	s.agentOther += n
	s.mu.Unlock()
}

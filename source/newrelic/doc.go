// Package newrelic reads what a New Relic APM agent sends its collector
// (the agent collector protocol, version 17, JSON marshal format) into the
// trace model: the connect call, which names the app, and span_event_data
// payloads, which hold one span event per segment of each sampled
// transaction.
//
// The shapes are those of github.com/newrelic/go-agent/v3 (v3.45.0:
// newrelic/collector.go, span_events.go, config.go), which the receiver
// is tested with:
//
//	connect:         [{"pid":…, "language":"go", "agent_version":"3.45.0",
//	                   "host":"…", "app_name":["checkout", …], …settings}]
//	span_event_data: [run_id, {"reservoir_size":…, "events_seen":…},
//	                  [[intrinsics, user attributes, agent attributes], …]]
//
// A span event's intrinsics give traceId (32 hex digits), guid (the span
// ID, 16 hex digits), parentId (absent on a transaction's root),
// timestamp (ms since the epoch, the segment's start cut to whole ms)
// and duration (seconds as a float64, which carries the agent's exact
// nanoseconds for any duration under about 26 days; see nanos). Each
// start is placed within its ms so that segments fit their parents
// (fitStarts): the ms alone would make a segment that ends just before its
// transaction seem to outlive it.
//
// A span_event_data call carries no app name, only the run ID the connect
// answer handed out: RunID makes that ID from the connect itself, so that
// a payload names its service without the receiver keeping per-agent state
// (and still does after tracetui restarts while the app keeps running).
package newrelic

package clienttest

import (
	"errors"
	"testing"
	"time"

	"github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"

	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

type ddLogger struct{ t *testing.T }

func (l ddLogger) Log(msg string) { l.t.Log(msg) }

// The real dd-trace-go tracer, pointed at the receiver with
// DD_TRACE_AGENT_URL as `tracetui run` does, delivers a trace whose IDs,
// times, names, kinds, error and tags are the ones the app made.
func TestDDTraceGoDeliversTheTree(t *testing.T) {
	r, st, save := startReceiver(t, receiver.Config{Datadog: receiver.Intake{Addr: "127.0.0.1:0"}})
	t.Setenv("DD_TRACE_AGENT_URL", "http://"+r.DatadogAddr())
	t.Setenv("DD_INSTRUMENTATION_TELEMETRY_ENABLED", "false")
	t.Setenv("DD_TRACE_STARTUP_LOGS", "false")
	if err := tracer.Start(tracer.WithService("checkout"), tracer.WithLogger(ddLogger{t})); err != nil {
		t.Fatal(err)
	}
	t0 := time.Unix(1_700_000_000, 123_456_789)
	root := tracer.StartSpan("http.request", tracer.ResourceName("POST /checkout"), tracer.SpanType("web"),
		tracer.Tag("span.kind", "server"), tracer.StartTime(t0))
	db := tracer.StartSpan("db.query", tracer.ResourceName("SELECT cart"), tracer.ChildOf(root.Context()),
		tracer.Tag("span.kind", "client"), tracer.StartTime(t0.Add(100*time.Microsecond)))
	db.SetTag("db.rows", 3)
	db.Finish(tracer.FinishTime(t0.Add(1334 * time.Microsecond)))
	pay := tracer.StartSpan("payment.charge", tracer.ChildOf(root.Context()), tracer.StartTime(t0.Add(2*time.Millisecond)))
	pay.SetTag("amount", "42")
	pay.AddEvent("card.checked", tracer.WithSpanEventTimestamp(t0.Add(3*time.Millisecond)),
		tracer.WithSpanEventAttributes(map[string]any{"bin": "4242", "attempt": 2}))
	pay.Finish(tracer.FinishTime(t0.Add(5217*time.Microsecond)), tracer.WithError(errors.New("card declined")))
	root.Finish(tracer.FinishTime(t0.Add(7003 * time.Microsecond)))
	tracer.Flush()
	tracer.Stop()

	want := map[string]struct {
		span       *tracer.Span
		op         string
		start, end time.Duration
		kind       trace.SpanKind
		parent     *tracer.Span
	}{
		"POST /checkout": {root, "http.request", 0, 7003 * time.Microsecond, trace.KindServer, nil},
		"SELECT cart":    {db, "db.query", 100 * time.Microsecond, 1334 * time.Microsecond, trace.KindClient, root},
		// No resource given: dd-trace-go sets it to the operation name.
		"payment.charge": {pay, "payment.charge", 2 * time.Millisecond, 5217 * time.Microsecond, trace.KindInternal, root},
	}
	for what, got := range map[string]map[string]trace.Span{"received": waitSpans(t, st, 3), "saved": savedSpans(t, save)} {
		for name, w := range want {
			s, ok := got[name]
			if !ok {
				t.Fatalf("%s: span %q missing; got %v", what, name, spanNames(got))
			}
			ctx := w.span.Context()
			if s.TraceID != trace.TraceID(ctx.TraceIDBytes()) || s.SpanID != spanID(ctx.SpanID()) {
				t.Errorf("%s %s: IDs %s/%s, want %s/%016x", what, name, s.TraceID, s.SpanID, ctx.TraceID(), ctx.SpanID())
			}
			var parent trace.SpanID
			if w.parent != nil {
				parent = spanID(w.parent.Context().SpanID())
			}
			if s.ParentID != parent {
				t.Errorf("%s %s: parent %s, want %s", what, name, s.ParentID, parent)
			}
			if s.Start != t0.Add(w.start).UnixNano() || s.End != t0.Add(w.end).UnixNano() {
				t.Errorf("%s %s: %d–%d ns, want %d–%d", what, name, s.Start, s.End, t0.Add(w.start).UnixNano(), t0.Add(w.end).UnixNano())
			}
			if op, _ := attr(s, "operation.name"); op.Str() != w.op || s.Kind != w.kind || s.Service() != "checkout" {
				t.Errorf("%s %s: operation.name %q, kind %v, service %q; want %q, %v, checkout", what, name, op.Str(), s.Kind, s.Service(), w.op, w.kind)
			}
			if prio, _ := attr(s, "sampling.priority"); w.parent == nil && (prio.AsString() != "1" || s.Flags&trace.TraceFlagSampled == 0) {
				t.Errorf("%s %s: sampling.priority %q, flags %#x; want 1 and sampled (dd-trace-go keeps it)", what, name, prio.AsString(), s.Flags)
			}
		}
		pay := got["payment.charge"]
		if pay.Status != trace.StatusError || pay.StatusMessage != "card declined" {
			t.Errorf("%s payment.charge: status %v %q, want error \"card declined\"", what, pay.Status, pay.StatusMessage)
		}
		if len(pay.Events) != 2 || pay.Events[1].Name != "exception" || pay.Events[1].Time != pay.End {
			t.Fatalf("%s payment.charge: events %+v, want card.checked and an exception at its end", what, pay.Events)
		}
		ev := pay.Events[0]
		if ev.Name != "card.checked" || ev.Time != t0.Add(3*time.Millisecond).UnixNano() || len(ev.Attrs) != 2 ||
			ev.Attrs[0].Key != "attempt" || ev.Attrs[0].Value.AsString() != "2" || ev.Attrs[1].Value.AsString() != "4242" {
			t.Errorf("%s payment.charge: event %+v, want card.checked at t0+3ms with attempt=2, bin=4242", what, ev)
		}
		exc := map[string]string{}
		for _, a := range pay.Events[1].Attrs {
			exc[a.Key] = a.Value.Str()
		}
		if exc["exception.message"] != "card declined" || exc["exception.type"] != "*errors.errorString" || exc["exception.stacktrace"] == "" {
			t.Errorf("%s payment.charge: exception %v", what, exc)
		}
		if v, _ := attr(pay, "amount"); v.Str() != "42" {
			t.Errorf("%s payment.charge: amount = %q, want 42", what, v.Str())
		}
		if v, _ := attr(got["SELECT cart"], "db.rows"); v.AsString() != "3" {
			t.Errorf("%s SELECT cart: db.rows = %q, want 3 (a metric)", what, v.AsString())
		}
	}
}

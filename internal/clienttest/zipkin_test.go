package clienttest

import (
	"bytes"
	"encoding/binary"
	"log"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"github.com/openzipkin/zipkin-go/reporter"
	zipkinhttp "github.com/openzipkin/zipkin-go/reporter/http"

	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// statusDoer records the status codes the reporter got: zipkin-go only
// logs a failed send.
type statusDoer struct {
	mu    sync.Mutex
	codes []int
	errs  []string // bodies of the answers that were not 2xx
}

func (d *statusDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		d.mu.Lock()
		d.codes = append(d.codes, resp.StatusCode)
		if resp.StatusCode/100 != 2 {
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			d.errs = append(d.errs, b.String())
		}
		d.mu.Unlock()
	}
	return resp, err
}

// zipkinTree records POST /checkout (server) → {GetCart (client, to
// "cart"), Pay → Charge (error, tag, annotation)} at fixed times on the
// microsecond grid, and returns the contexts zipkin-go assigned by name.
func zipkinTree(t *testing.T, rep reporter.Reporter, t0 time.Time) map[string]model.SpanContext {
	t.Helper()
	ep, err := zipkin.NewEndpoint("checkout", "127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := zipkin.NewTracer(rep, zipkin.WithLocalEndpoint(ep), zipkin.WithTraceID128Bit(true))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]model.SpanContext{}
	root := tr.StartSpan("post /checkout", zipkin.Kind(model.Server), zipkin.StartTime(t0))
	ids["post /checkout"] = root.Context()
	cart := tr.StartSpan("getcart", zipkin.Kind(model.Client), zipkin.Parent(root.Context()), zipkin.StartTime(t0.Add(100*time.Microsecond)),
		zipkin.RemoteEndpoint(&model.Endpoint{ServiceName: "cart"}))
	ids["getcart"] = cart.Context()
	cart.FinishedWithDuration(1234 * time.Microsecond)
	pay := tr.StartSpan("pay", zipkin.Parent(root.Context()), zipkin.StartTime(t0.Add(2*time.Millisecond)))
	ids["pay"] = pay.Context()
	charge := tr.StartSpan("charge", zipkin.Parent(pay.Context()), zipkin.StartTime(t0.Add(2100*time.Microsecond)))
	ids["charge"] = charge.Context()
	charge.Tag("amount", "42")
	zipkin.TagError.Set(charge, "card declined")
	charge.Annotate(t0.Add(2500*time.Microsecond), "retrying")
	charge.FinishedWithDuration(3217 * time.Microsecond)
	pay.FinishedWithDuration(4001 * time.Microsecond)
	root.FinishedWithDuration(7003 * time.Microsecond)
	if err := rep.Close(); err != nil { // flushes
		t.Fatal(err)
	}
	return ids // names are lowercase: zipkin-go lowercases them in JSON
}

func TestZipkinGoReporterDeliversTheTree(t *testing.T) {
	for _, c := range []struct {
		name string
		opts []zipkinhttp.ReporterOption
	}{
		{"json", nil},
		{"proto3", []zipkinhttp.ReporterOption{zipkinhttp.Serializer(zipkin_proto3.SpanSerializer{})}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, st, save := startReceiver(t, receiver.Config{Zipkin: receiver.Intake{Addr: "127.0.0.1:0"}})
			doer := &statusDoer{}
			var logs bytes.Buffer
			rep := zipkinhttp.NewReporter("http://"+r.ZipkinAddr()+"/api/v2/spans",
				append(c.opts, zipkinhttp.Client(doer), zipkinhttp.Logger(log.New(&logs, "", 0)))...)
			t0 := time.Unix(1_700_000_000, 123_456_000)
			ids := zipkinTree(t, rep, t0)
			t.Logf("reporter got %v %q, logged %q", doer.codes, doer.errs, logs.String())
			got := waitSpans(t, st, 4)
			if logs.Len() > 0 || len(doer.codes) == 0 || doer.codes[0] != http.StatusAccepted {
				t.Fatalf("reporter got %v, logged %q; want 202", doer.codes, logs.String())
			}
			checkZipkinTree(t, got, ids, t0)
			checkZipkinTree(t, savedSpans(t, save), ids, t0)
		})
	}
}

func checkZipkinTree(t *testing.T, got map[string]trace.Span, ids map[string]model.SpanContext, t0 time.Time) {
	t.Helper()
	want := map[string]struct {
		start, dur time.Duration // from t0
		kind       trace.SpanKind
		parent     string
	}{
		"post /checkout": {0, 7003 * time.Microsecond, trace.KindServer, ""},
		"getcart":        {100 * time.Microsecond, 1234 * time.Microsecond, trace.KindClient, "post /checkout"},
		"pay":            {2 * time.Millisecond, 4001 * time.Microsecond, trace.KindInternal, "post /checkout"},
		"charge":         {2100 * time.Microsecond, 3217 * time.Microsecond, trace.KindInternal, "pay"},
	}
	for name, w := range want {
		s, ok := got[name]
		if !ok {
			t.Fatalf("span %q missing; got %v", name, spanNames(got))
		}
		sc := ids[name]
		var tid trace.TraceID
		binary.BigEndian.PutUint64(tid[:8], sc.TraceID.High)
		binary.BigEndian.PutUint64(tid[8:], sc.TraceID.Low)
		if s.TraceID != tid || s.SpanID != spanID(uint64(sc.ID)) {
			t.Errorf("%s: IDs %s/%s, want %s/%016x", name, s.TraceID, s.SpanID, tid, uint64(sc.ID))
		}
		var parent trace.SpanID
		if w.parent != "" {
			parent = spanID(uint64(ids[w.parent].ID))
		}
		if s.ParentID != parent {
			t.Errorf("%s: parent %s, want %s (%s)", name, s.ParentID, parent, w.parent)
		}
		if s.Start != micros(t0.Add(w.start)) || s.End-s.Start != int64(w.dur) {
			t.Errorf("%s: start %d, duration %d ns; want %d, %d", name, s.Start, s.End-s.Start, micros(t0.Add(w.start)), int64(w.dur))
		}
		if s.Kind != w.kind || s.Service() != "checkout" {
			t.Errorf("%s: kind %v, service %q; want %v, checkout", name, s.Kind, s.Service(), w.kind)
		}
	}
	charge := got["charge"]
	if charge.Status != trace.StatusError || charge.StatusMessage != "card declined" {
		t.Errorf("Charge: status %v %q, want error \"card declined\"", charge.Status, charge.StatusMessage)
	}
	if v, _ := attr(charge, "amount"); v.Str() != "42" {
		t.Errorf("Charge: amount = %q, want 42", v.Str())
	}
	if len(charge.Events) != 1 || charge.Events[0].Name != "retrying" || charge.Events[0].Time != micros(t0.Add(2500*time.Microsecond)) {
		t.Errorf("Charge: events %+v, want retrying at t0+2.5ms", charge.Events)
	}
	if v, _ := attr(got["getcart"], "peer.service"); v.Str() != "cart" {
		t.Errorf("GetCart: peer.service = %q, want cart (its remote endpoint)", v.Str())
	}
}

func spanID(v uint64) trace.SpanID {
	var id trace.SpanID
	binary.BigEndian.PutUint64(id[:], v)
	return id
}

func spanNames(m map[string]trace.Span) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return strings.Join(ks, ", ")
}

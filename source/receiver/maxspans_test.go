package receiver

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/trace"
)

// spansOf is one trace's batch of n spans named from first on.
func spansOf(id byte, first, n int) []*trace.Trace {
	t := &trace.Trace{ID: trace.TraceID{15: id}}
	for i := range n {
		t.Spans = append(t.Spans, trace.Span{Name: fmt.Sprint(first + i)})
	}
	return []*trace.Trace{t}
}

// --max-spans bounds one trace too: a trace that would outgrow it keeps
// its first spans, and the rest are counted as not kept.
func TestMaxSpansBoundsASingleTrace(t *testing.T) {
	st := NewStore(100)
	now := time.Now()
	dropped := 0
	for b := 0; b < 100; b++ {
		dropped += st.Add(spansOf(1, 10*b, 10), now)
	}
	s := st.Stats()
	if s.Spans != 100 || s.Received != 1000 || s.Dropped != 900 || s.DroppedTraces != 1 || dropped != 900 {
		t.Errorf("1000 spans of one trace at --max-spans 100: %+v, Add reported %d not kept", s, dropped)
	}
	kept := snapshot(st)[0].Spans
	if len(kept) != 100 || kept[0].Name != "0" || kept[99].Name != "99" {
		t.Errorf("kept %d spans, %s…%s: want the first 100", len(kept), kept[0].Name, kept[len(kept)-1].Name)
	}

	// One batch bigger than the bound is cut the same way.
	one := NewStore(10)
	if n := one.Add(spansOf(2, 0, 30), now); n != 20 || one.Stats().DroppedTraces != 1 || len(snapshot(one)[0].Spans) != 10 {
		t.Errorf("30 spans in one export at --max-spans 10: %d not kept, %+v", n, one.Stats())
	}

	// Log records count against the same bound.
	var recs []trace.LogRecord
	for range 10 {
		recs = append(recs, trace.LogRecord{TraceID: trace.TraceID{15: 1}, SpanID: trace.SpanID{1}})
	}
	st.AddLogs(recs)
	if s := st.Stats(); s.DroppedLogs != 10 || len(snapshot(st)[0].Logs) != 0 {
		t.Errorf("log records for a full trace: %+v", s)
	}
}

// Evictions are counted, and so are those of traces evicted before a
// headless run printed their line.
func TestEvictionsAreCounted(t *testing.T) {
	st := NewStore(10)
	now := time.Now()
	st.Add(spansOf(1, 0, 6), now)
	st.Idle(now, 0, true) // trace 1 is reported
	st.Add(spansOf(2, 0, 4), now)
	st.Add(spansOf(3, 0, 7), now) // evicts 1 (reported) and 2 (not)
	s := st.Stats()
	if s.EvictedTraces != 2 || s.Evicted != 10 || s.EvictedUnreported != 1 || s.Spans != 7 {
		t.Errorf("stats %+v: want 2 traces (10 spans) evicted, 1 of them unreported", s)
	}
}

// The exporter of a trace over --max-spans is told how many spans were not
// kept: rejected, or (with --save, which has them) a warning.
func TestMaxSpansAnswersPartialSuccess(t *testing.T) {
	for _, save := range []bool{false, true} {
		cfg := Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0"}
		if save {
			sv, err := OpenSaver(filepath.Join(t.TempDir(), "saved.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			cfg.Save = sv
		}
		r, err := Start(cfg, NewStore(4))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Shutdown(context.Background())
		url := "http://" + r.HTTPAddr() + "/v1/traces"
		if code, _, body := post(t, url, "POST", ctJSON, otlpLine(t, tree(1))); code != 200 || string(body) != "{}" {
			t.Errorf("save=%v: first export: %d %s, want a plain 200", save, code, body)
		}
		// 3 more spans of the trace: 1 fits.
		code, _, body := post(t, url, "POST", ctJSON, otlpLine(t, treeFrom(1, 10)))
		var resp struct {
			PartialSuccess struct{ RejectedSpans, ErrorMessage string }
		}
		json.Unmarshal(body, &resp)
		wantRejected := map[bool]string{false: "2", true: "0"}[save]
		ps := resp.PartialSuccess
		if code != 200 || ps.RejectedSpans != wantRejected || !strings.Contains(ps.ErrorMessage, "2 spans not kept in memory: their trace holds --max-spans (4)") ||
			save != strings.Contains(ps.ErrorMessage, "--save file") {
			t.Errorf("save=%v: over the limit: %d %s, want partialSuccess rejecting %s", save, code, body, wantRejected)
		}

		conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var req coltracepb.ExportTraceServiceRequest
		proto.Unmarshal(treeFrom(1, 20), &req)
		out, err := coltracepb.NewTraceServiceClient(conn).Export(context.Background(), &req)
		wantGRPC := map[bool]int64{false: 3, true: 0}[save]
		if err != nil || out.GetPartialSuccess().GetRejectedSpans() != wantGRPC || !strings.Contains(out.GetPartialSuccess().GetErrorMessage(), "3 spans not kept") {
			t.Errorf("save=%v: gRPC over the limit: %v %v, want %d rejected", save, out, err, wantGRPC)
		}
	}
}

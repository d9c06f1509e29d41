package receiver

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// The codes the OTLP spec gives an exporter to act on: retry later when
// busy, give up on a request too large, succeed on an empty one.
func TestGRPCStatusCodes(t *testing.T) {
	r, _ := start(t, Config{GRPCAddr: "127.0.0.1:0", MaxBody: 2048, MaxInFlight: 1})
	conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := coltracepb.NewTraceServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	if _, err := client.Export(ctx, &coltracepb.ExportTraceServiceRequest{}); err != nil {
		t.Errorf("empty export: %v, want OK", err)
	}
	var big coltracepb.ExportTraceServiceRequest
	proto.Unmarshal(tree(1), &big)
	big.ResourceSpans[0].SchemaUrl = string(make([]byte, 4096))
	if _, err := client.Export(ctx, &big); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("over the receive limit: %v, want ResourceExhausted", err)
	}
	r.slots <- struct{}{} // the one slot is taken
	var req coltracepb.ExportTraceServiceRequest
	proto.Unmarshal(tree(2), &req)
	_, err = client.Export(ctx, &req)
	<-r.slots
	if status.Code(err) != codes.Unavailable {
		t.Errorf("over capacity: %v, want Unavailable (retryable)", err)
	}
}

// A flood is answered, not buffered: every request gets 200 or 503 with
// Retry-After at once, and exactly the accepted spans are stored.
func TestFloodIsRefusedNotBuffered(t *testing.T) {
	r, st := start(t, Config{MaxInFlight: 2})
	u := "http://" + r.HTTPAddr() + "/v1/traces"
	body := tree(1)
	var mu sync.Mutex
	codesSeen := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 300; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", u, bytes.NewReader(body))
			req.Header.Set("Content-Type", ctProto)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			codesSeen[resp.StatusCode]++
			if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codesSeen[200]+codesSeen[503] != 300 {
		t.Fatalf("answers %v: only 200 and 503 are right under load", codesSeen)
	}
	// Every accepted request is counted: its 3 spans once, as received,
	// and as repeats after that (it is one export sent 300 times).
	if s, want := st.Stats(), int64(3*codesSeen[200]); s.Received != 3 || s.Received+s.Repeats != want {
		t.Errorf("counted %d spans received and %d repeated, but %d requests were accepted (%d spans)", s.Received, s.Repeats, codesSeen[200], want)
	}
	t.Logf("answers: %v", codesSeen)
}

package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// TestMain lets a test re-run this binary as tracetui itself, so signals
// can be sent to a real process.
func TestMain(m *testing.M) {
	if os.Getenv("TRACETUI_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], systemIO()))
	}
	os.Exit(m.Run())
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestListenSaveSurvivesSIGTERM sends batches concurrently, SIGTERMs the
// receiver mid-stream and finds exactly the accepted spans in the file.
func TestListenSaveSurvivesSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := t.TempDir()
	save := filepath.Join(dir, "traces.jsonl")
	addr := freePort(t)
	cmd := exec.Command(os.Args[0], "listen", addr, "--grpc", "off", "--headless", "--save", save, "--trace-timeout", "50ms")
	cmd.Env = append(os.Environ(), "TRACETUI_RUN_MAIN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	url := "http://" + addr + "/v1/traces"
	for i := 0; ; i++ {
		if resp, err := http.Post(url, "application/json", strings.NewReader("{}")); err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatalf("receiver did not start: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var batches [][]byte
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 4000, Traces: 40, Seed: 5, BatchSize: 100})
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		batches = append(batches, line)
	}
	var accepted atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < len(batches); k += 4 {
				resp, err := http.Post(url, "application/json", bytes.NewReader(batches[k]))
				if err != nil {
					return // the receiver is gone: nothing was accepted
				}
				resp.Body.Close()
				if resp.StatusCode == 200 {
					accepted.Add(100)
				}
			}
		}(w)
	}
	time.Sleep(30 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	wg.Wait()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("listen exited with %v: %s", err, stderr.String())
	}
	f, err := os.Open(save)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := trace.NewCollector()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil && accepted.Load() > 0 {
		t.Fatal(err)
	}
	t.Logf("accepted %d of %d spans before SIGTERM", accepted.Load(), 100*len(batches))
	if got := int64(c.SpanCount()); got != accepted.Load() {
		t.Errorf("file holds %d spans, the receiver accepted %d", got, accepted.Load())
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("received %d spans", accepted.Load())) {
		t.Errorf("summary: %s", stderr.String())
	}
	if accepted.Load() > 0 && !strings.Contains(stdout.String(), "trace ") {
		t.Errorf("headless mode reported no trace: %q", stdout.String())
	}
}

func TestListenPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	r := runCLI(t, nil, false, "listen", ln.Addr().String(), "--grpc", "off")
	want := "listen: " + ln.Addr().String() + " is in use (another collector running?)"
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

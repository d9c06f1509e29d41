package main

import (
	"bytes"
	"errors"
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
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/demo"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// TestMain lets a test re-run this binary as tracetui itself, so signals
// can be sent to a real process.
func TestMain(m *testing.M) {
	if os.Getenv("TRACETUI_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], systemIO()))
	}
	if mode := os.Getenv("TRACETUI_SDK_APP"); mode != "" {
		os.Exit(sdkApp(mode)) // `tracetui run`'s child in run_e2e_test.go
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

// startListen runs `tracetui listen` with args as a process on a free port
// and returns once it answers; stdout and stderr can be read while it runs.
func startListen(t *testing.T, args ...string) (cmd *exec.Cmd, url string, stdout, stderr *syncBuffer) {
	t.Helper()
	addr := freePort(t)
	cmd = exec.Command(os.Args[0], append([]string{"listen", addr, "--grpc", "off"}, args...)...)
	cmd.Env = append(os.Environ(), "TRACETUI_RUN_MAIN=1")
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	url = "http://" + addr + "/v1/traces"
	for i := 0; ; i++ {
		if resp, err := http.Post(url, "application/json", strings.NewReader("{}")); err == nil {
			resp.Body.Close()
			return cmd, url, stdout, stderr
		}
		if i > 100 {
			t.Fatalf("receiver did not start: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer a test reads while a process writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

// TestListenSaveSurvivesSIGTERM sends batches concurrently, SIGTERMs the
// receiver mid-stream, once it has accepted some, and finds exactly the
// accepted spans in the file.
func TestListenSaveSurvivesSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	save := filepath.Join(t.TempDir(), "traces.jsonl")
	cmd, url, stdout, stderr := startListen(t, "--headless", "--save", save, "--trace-timeout", "50ms")
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
	// A SIGTERM before the first accepted batch would make the checks below
	// compare an empty file with zero spans: wait for the receiver's 200.
	for deadline := time.Now().Add(10 * time.Second); accepted.Load() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no batch accepted in 10 s: %s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
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
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatalf("the saved file does not decode: %v", err)
	}
	t.Logf("accepted %d of %d spans before SIGTERM", accepted.Load(), 100*len(batches))
	if got := int64(c.SpanCount()); got != accepted.Load() {
		t.Errorf("file holds %d spans, the receiver accepted %d", got, accepted.Load())
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("received %d spans", accepted.Load())) {
		t.Errorf("summary: %s", stderr.String())
	}
	if !strings.Contains(stdout.String(), "trace ") {
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
	if r.code != 3 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestListenLinesFitTheWidth: a root named by a long SQL statement is cut
// so the trace's facts fit the width; the diagnosis is never cut.
func TestListenLinesFitTheWidth(t *testing.T) {
	res, err := load.All([]load.Input{{Name: demo.Name, Reader: bytes.NewReader(demo.JSONLines())}}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	failed, err := selectTraces(res.Traces, "0af7")
	if err != nil {
		t.Fatal(err)
	}
	long := "SELECT " + strings.Repeat("c, ", 60) + "total FROM orders"
	for i := range failed[0].Spans {
		if failed[0].Spans[i].ParentID == (trace.SpanID{}) {
			failed[0].Spans[i].Name = long
		}
	}
	for _, width := range []int{80, 120} {
		var out bytes.Buffer
		reportIdle(&IOStreams{Out: &out}, []receiver.Report{{Trace: failed[0]}}, render.Options{Width: width})
		line := strings.TrimSuffix(out.String(), "\n")
		head, diagnosis, _ := strings.Cut(line, "  bottleneck: ")
		if !strings.Contains(diagnosis, "failure: payment POST /v1/charges: 502 Bad Gateway (propagated to") {
			t.Errorf("width %d: the diagnosis was cut: %q", width, line)
		}
		if n := render.Width(head); n > width || n < width-2 {
			t.Errorf("width %d: the facts take %d columns: %q", width, n, head)
		}
		if !strings.Contains(head, "checkout SE") || !strings.Contains(head, "…") || !strings.HasSuffix(head, "errors") {
			t.Errorf("width %d: want the root cut with … and every fact kept: %q", width, head)
		}
	}
	var out bytes.Buffer
	reportIdle(&IOStreams{Out: &out}, []receiver.Report{{Trace: failed[0]}}, render.Options{Width: 400})
	if !strings.Contains(out.String(), long+"  ") {
		t.Errorf("a wide line must keep the whole root name: %q", out.String())
	}
}

func TestListenLimitFlagsReachTheOptions(t *testing.T) {
	var l *ListenOptions
	cmd := newCmdListen(testIO(false), func(o *ListenOptions) error { l = o; return errStopped })
	if err := parse(t, cmd, "--read-timeout", "3s", "--max-spans", "100"); !errors.Is(err, errStopped) || l.ReadTimeout != 3*time.Second || l.MaxSpans != 100 {
		t.Errorf("listen: %v %+v", err, l)
	}
}

// spansJSON is one OTLP JSON export of n spans of trace id.
func spansJSON(id, n int) string {
	var spans []string
	for i := 1; i <= n; i++ {
		spans = append(spans, fmt.Sprintf(`{"traceId":"%032x","spanId":"%016x","name":"s%d","startTimeUnixNano":"1","endTimeUnixNano":"9"}`, id, i, i))
	}
	return `{"resourceSpans":[{"scopeSpans":[{"spans":[` + strings.Join(spans, ",") + `]}]}]}`
}

// A headless run says what --max-spans cost as it happens and in its
// summary: traces evicted (here before their line was printed) and the
// spans of a trace over the limit that were not kept.
func TestListenReportsWhatMaxSpansCost(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	cmd, url, stdout, stderr := startListen(t, "--headless", "--max-spans", "10", "--trace-timeout", "1m")
	// 30 spans of one trace (10 kept), then three traces of 5: the first
	// two are evicted to make room, before a minute of quiet reports them.
	for _, export := range []string{spansJSON(1, 30), spansJSON(2, 5), spansJSON(3, 5), spansJSON(4, 5)} {
		resp, err := http.Post(url, "application/json", strings.NewReader(export))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	evicted := "evicted 2 traces (15 spans), oldest first, to stay within --max-spans 10; 2 of them before their line was printed"
	dropped := "did not keep 20 spans of 1 trace that reached --max-spans 10 (the first are kept)"
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		out := stderr.String()
		if strings.Contains(out, "tracetui: warning: "+evicted) && strings.Contains(out, "tracetui: warning: "+dropped) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no warning lines while running:\n%s", out)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("listen exited with %v: %s", err, stderr.String())
	}
	summary := "tracetui: received 45 spans in 4 traces (0 log records, 0 metrics exports)\ntracetui: " + evicted + "\ntracetui: " + dropped + "\n"
	if !strings.HasSuffix(stderr.String(), summary) {
		t.Errorf("summary:\n%s\nwant it to end with\n%s", stderr.String(), summary)
	}
	if n := strings.Count(stdout.String(), "trace "); n != 2 {
		t.Errorf("%d trace lines, want the 2 traces still held: %s", n, stdout.String())
	}
}

package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// listenRun is `tracetui listen` running in this process: its output can be
// read while it runs, and stop ends it as Ctrl-C would.
type listenRun struct {
	out, errOut *syncBuffer
	cancel      context.CancelFunc
	done        chan int
	code        int
}

// startListenInProcess runs listen with args through the real flag parsing;
// setup may change the options after it (a clock, an address standing for
// a default). It returns once the receiver listens, or has exited.
func startListenInProcess(t *testing.T, ios *IOStreams, setup func(*ListenOptions), args ...string) *listenRun {
	t.Helper()
	l := &listenRun{out: &syncBuffer{}, errOut: &syncBuffer{}, done: make(chan int, 1)}
	if ios == nil {
		ios = testIO(false)
		ios.Now = time.Now
	}
	ios.Out, ios.ErrOut = l.out, l.errOut
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	t.Cleanup(func() { l.stop() })
	cmd := newCmdListen(ios, func(o *ListenOptions) error {
		if setup != nil {
			setup(o)
		}
		o.ctx = ctx
		return runListen(o)
	})
	go func() {
		err := parse(t, cmd, args...)
		if err != nil {
			l.errOut.Write([]byte(errorText(err) + "\n"))
		}
		l.done <- exitCode(err)
	}()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(l.errOut.String(), "listening: "); time.Sleep(5 * time.Millisecond) {
		select {
		case l.code = <-l.done:
			close(l.done)
			return l
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("listen did not start: %s", l.errOut.String())
		}
	}
	return l
}

// stop ends the run as Ctrl-C does and returns its exit code.
func (l *listenRun) stop() int {
	l.cancel()
	if code, ok := <-l.done; ok {
		l.code = code
		close(l.done)
	}
	return l.code
}

func holdPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

// `tracetui listen 127.0.0.1:14318` while another collector holds the
// default gRPC port: the user asked for HTTP, so listen receives over HTTP
// and says why gRPC is off and which flag moves it.
func TestListenGoesOnWithoutGRPCWhenTheDefaultPortIsTaken(t *testing.T) {
	taken := holdPort(t)
	addr := freePort(t)
	l := startListenInProcess(t, nil, func(o *ListenOptions) { o.GRPC = taken /* stands for the default 4317 */ }, addr,
		"--zipkin", "off", "--datadog", "off")
	resp, err := http.Post("http://"+addr+"/v1/traces", "application/json", strings.NewReader(spansJSON(1, 1)))
	if err != nil {
		t.Fatalf("HTTP not served: %v; stderr: %s", err, l.errOut.String())
	}
	resp.Body.Close()
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	stderr := l.errOut.String()
	want := "tracetui: warning: OTLP/gRPC not started: " + taken + " is in use (another collector running?); receiving OTLP/HTTP only (--grpc ADDR listens elsewhere)\n" +
		"tracetui: listening: OTLP/HTTP on http://" + addr + "\n"
	if !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "received 1 span in 1 trace") {
		t.Errorf("stderr:\n%s\nwant it to start with\n%s", stderr, want)
	}
}

// A gRPC address the user named is not optional: taken, it is an error
// (exit 3) that names it and the flag, and the HTTP port is let go.
func TestListenNamedGRPCAddressTaken(t *testing.T) {
	taken := holdPort(t)
	addr := freePort(t)
	r := runCLI(t, nil, false, "listen", addr, "--grpc", taken)
	want := "tracetui: listen: " + taken + " is in use (another collector running?): it is the OTLP/gRPC address; --grpc ADDR picks another, --grpc off serves OTLP/HTTP only\n"
	if r.code != 3 || r.stderr != want {
		t.Errorf("exit %d, stderr %q\nwant exit 3, %q", r.code, r.stderr, want)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("the HTTP port is still held after the failed start: %v", err)
	}
	ln.Close()
}

// The HTTP address taken: the message says it is the HTTP one and how to
// name another.
func TestListenHTTPAddressTakenSaysHowToMoveIt(t *testing.T) {
	taken := holdPort(t)
	r := runCLI(t, nil, false, "listen", taken, "--grpc", "off")
	want := "tracetui: listen: " + taken + " is in use (another collector running?): it is the OTLP/HTTP address; name another as the argument, e.g. tracetui listen 127.0.0.1:14318\n"
	if r.code != 3 || r.stderr != want {
		t.Errorf("exit %d, stderr %q\nwant exit 3, %q", r.code, r.stderr, want)
	}
}

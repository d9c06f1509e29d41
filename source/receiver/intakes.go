package receiver

import (
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// Intake says where one of the non-OTLP span intakes listens (Zipkin's,
// a Datadog agent's). They share the receiver's limits, store and --save
// file; each has a port of its own, as the real servers do.
type Intake struct {
	Addr string // "" leaves it off; a host-less ":9411" binds 127.0.0.1
	// Optional says Addr is a default the user did not choose: if another
	// process holds it, the receiver goes on without this intake and
	// Skipped says why (a real Zipkin or Datadog agent running is no
	// reason to stop an OTLP session).
	Optional bool
}

type intake struct {
	name string // "Zipkin", "Datadog"
	ln   net.Listener
	srv  *http.Server
}

// bindIntakes binds every intake asked for (serveIntakes serves them once
// every port of the receiver is bound): a failure leaves none bound.
func (r *Receiver) bindIntakes() error {
	for _, want := range []struct {
		name string
		cfg  Intake
		h    func() http.Handler
	}{{"Zipkin", r.cfg.Zipkin, r.zipkinHandler}, {"Datadog", r.cfg.Datadog, r.datadogHandler}} {
		if want.cfg.Addr == "" {
			continue
		}
		ln, err := listen(want.name, LocalAddr(want.cfg.Addr))
		if err != nil && want.cfg.Optional && errors.Is(err, ErrAddrInUse) {
			r.skipped = append(r.skipped, err)
			continue
		}
		if err != nil {
			r.closeIntakes()
			return err
		}
		r.intakes = append(r.intakes, &intake{name: want.name, ln: ln,
			srv: &http.Server{Handler: want.h(), ReadTimeout: r.cfg.ReadTimeout, IdleTimeout: 2 * time.Minute, ErrorLog: r.serverLog(want.name)}})
	}
	return nil
}

// closeIntakes lets go of the intakes' ports when a later port of the
// receiver could not be bound.
func (r *Receiver) closeIntakes() {
	for _, in := range r.intakes {
		in.ln.Close()
	}
	r.intakes = nil
}

func (r *Receiver) serveIntakes() {
	for _, in := range r.intakes {
		go in.srv.Serve(in.ln)
	}
}

// ZipkinAddr and DatadogAddr are the intakes' bound addresses ("" when
// off or skipped).
func (r *Receiver) ZipkinAddr() string  { return r.intakeAddr("Zipkin") }
func (r *Receiver) DatadogAddr() string { return r.intakeAddr("Datadog") }

func (r *Receiver) intakeAddr(name string) string {
	for _, in := range r.intakes {
		if in.name == name {
			return in.ln.Addr().String()
		}
	}
	return ""
}

// Skipped says which optional intakes were not started and why (their
// port was taken): *AddrInUseError values naming the intake.
func (r *Receiver) Skipped() []error { return r.skipped }

// decodeFunc decodes a request body into c. Its error is the client's
// fault (answered 400) unless it says otherwise with a status.
type decodeFunc func(b *body, req *http.Request, c *trace.Collector, ws *source.Warnings) (status int, err error)

// accept reads a span export with the receiver's limits (--max-body,
// --read-timeout, in-flight bodies), decodes and keeps it. It answers
// errors as plain text, as Zipkin and the Datadog agent do, and leaves
// the success reply to the caller: false when it answered already.
func (r *Receiver) accept(w http.ResponseWriter, req *http.Request, decode decodeFunc) bool {
	if req.Method != http.MethodPost && req.Method != http.MethodPut {
		w.Header().Set("Allow", "POST, PUT")
		http.Error(w, "405 method not allowed, supported: POST, PUT", http.StatusMethodNotAllowed)
		return false
	}
	b, err := r.readBody(req)
	if err != nil {
		code, msg := r.bodyError(err)
		if code == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		http.Error(w, msg, code)
		return false
	}
	defer b.release()
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	default:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "receiver busy, retry later", http.StatusServiceUnavailable)
		return false
	}
	c := trace.NewCollector()
	var ws source.Warnings
	status, err := decode(b, req, c, &ws)
	if err == nil && c.SpanCount() > 0 {
		_, _, status, err = r.keep(c, &ws)
	}
	if err != nil {
		if status == 0 {
			status = http.StatusBadRequest
		}
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		http.Error(w, err.Error(), status)
		return false
	}
	return true
}

// drain accepts a body the receiver does not decode (a Datadog tracer's
// stats or telemetry) with the same limits, and counts it as a metrics
// export when counted is set.
func (r *Receiver) drain(w http.ResponseWriter, req *http.Request, counted bool) bool {
	ok := r.accept(w, req, func(*body, *http.Request, *trace.Collector, *source.Warnings) (int, error) { return 0, nil })
	if ok && counted {
		r.store.count(0, 1)
	}
	return ok
}

package receiver

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/tracetui/tracetui/source"
)

// Config says where to listen and how much to accept.
type Config struct {
	HTTPAddr string // "" disables OTLP/HTTP; a host-less ":4318" binds 127.0.0.1
	GRPCAddr string // "" disables OTLP/gRPC
	// SharedAddr, when set, serves both on one port instead (HTTPAddr and
	// GRPCAddr are then ignored): see splitListener.
	SharedAddr string
	// GRPCOptional says GRPCAddr is a default the user did not choose: if
	// another process holds it, the receiver serves OTLP/HTTP alone and
	// GRPCSkipped says why, since most SDKs export over HTTP by default
	// and a collector already on 4317 should not stop a run that named
	// only its HTTP address.
	GRPCOptional bool
	MaxBody      int64 // bytes per request after decompression
	CORSOrigins  []string
	Save         *Saver
	MaxInFlight  int // concurrent requests before answering 503
	// ReadTimeout bounds receiving one HTTP request, headers and body: a
	// client trickling its body is answered 408 after it. The default, 10 s,
	// is an SDK's own export timeout (OTEL_EXPORTER_OTLP_TIMEOUT).
	ReadTimeout time.Duration
	// MaxBuffered bounds the memory HTTP bodies take together: while
	// received, while a protobuf body is decoded (its contiguous copy),
	// and idle, kept for the next request (see arena); past it a request
	// is answered 503. Default 4 × MaxBody.
	MaxBuffered int64
	// NewRelicAddr, when set, serves the New Relic agent collector
	// protocol there (newrelic.go), over TLS with NewRelicTLS: agents
	// speak only HTTPS; nil serves plain HTTP, for behind a proxy that
	// ends TLS.
	NewRelicAddr string
	NewRelicTLS  *tls.Config
	// Zipkin and Datadog serve the span intakes of Zipkin and of a Datadog
	// agent, each on a port of its own (intakes.go); "" leaves one off.
	Zipkin, Datadog Intake
	// Now stamps each accepted batch; Store.Idle compares the stamps with
	// the caller's clock, so both must be the same one. Nil means time.Now.
	Now func() time.Time
}

// Receiver is a running receiver.
type Receiver struct {
	cfg      Config
	store    *Store
	slots    chan struct{}
	httpSrv  *http.Server
	httpAddr string
	grpc     grpcServer
	grpcAddr string
	grpcSkip error
	nrSrv    *http.Server
	nrAddr   string
	intakes  []*intake // Zipkin, Datadog: the ones serving
	skipped  []error   // optional intakes whose port was taken
	interns  sync.Pool // *source.Interner, shared by OTLP requests in turn
	// ddInterns is the Datadog intake's: its msgpack strings are not UTF-8
	// checked, and OTLP decoders trust what their tables hold to be valid.
	ddInterns sync.Pool
	// jsonSpanBytes is the last OTLP/JSON request's bytes per span.
	jsonSpanBytes atomic.Int64
	arena         *arena // the memory HTTP bodies are read into, bounded by MaxBuffered
	// receiving counts HTTP bodies being received or decoded (InFlight).
	receiving atomic.Int64
}

// DefaultReadTimeout is Config.ReadTimeout's default.
const DefaultReadTimeout = 10 * time.Second

// ErrAddrInUse reports a port another process holds; Start's error is an
// *AddrInUseError that matches it with errors.Is.
var ErrAddrInUse = errors.New("address in use")

// AddrInUseError names the address another process holds and which of the
// receiver's transports wanted it, so a caller can name the flag that
// moves it.
type AddrInUseError struct {
	Transport string // "OTLP/HTTP", "OTLP/gRPC", "Zipkin", "Datadog" or "New Relic"
	Addr      string
}

func (e *AddrInUseError) Error() string {
	return e.Addr + " is in use (another collector running?)"
}

func (e *AddrInUseError) Is(target error) bool { return target == ErrAddrInUse }

// LocalAddr makes a host-less address loopback-only: exposing a receiver
// to the network takes an explicit 0.0.0.0.
func LocalAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		if !strings.Contains(addr, ":") {
			return net.JoinHostPort("127.0.0.1", addr)
		}
		return addr
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// Start binds the listeners and serves until Shutdown. A port another
// process holds is an error wrapping ErrAddrInUse, so a caller can tell "stop
// the other collector" from a bad address. A failed Start leaves no port
// bound; cfg.Save stays the caller's to close.
func Start(cfg Config, store *Store) (*Receiver, error) {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 32 << 20
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 64
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.MaxBuffered <= 0 {
		cfg.MaxBuffered = 4 * cfg.MaxBody
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	r := &Receiver{cfg: cfg, store: store, slots: make(chan struct{}, cfg.MaxInFlight), arena: newArena(cfg.MaxBuffered)}
	// Both ports are bound before either server starts, so that a failed
	// start leaves nothing listening by the time it returns.
	var httpLn, grpcLn net.Listener
	if cfg.SharedAddr != "" {
		ln, err := listen("OTLP", LocalAddr(cfg.SharedAddr))
		if err != nil {
			return nil, err
		}
		split := newSplitListener(ln, cfg.ReadTimeout)
		httpLn, grpcLn = split.http, split.rpc
		cfg.HTTPAddr, cfg.GRPCAddr = "", ""
	}
	if cfg.HTTPAddr != "" {
		var err error
		if httpLn, err = listen("OTLP/HTTP", LocalAddr(cfg.HTTPAddr)); err != nil {
			return nil, err
		}
	}
	if cfg.GRPCAddr != "" {
		var err error
		grpcLn, err = listen("OTLP/gRPC", LocalAddr(cfg.GRPCAddr))
		switch {
		case err != nil && cfg.GRPCOptional && errors.Is(err, ErrAddrInUse):
			r.grpcSkip = err
		case err != nil:
			if httpLn != nil {
				httpLn.Close()
			}
			return nil, err
		}
	}
	if err := r.bindIntakes(); err != nil {
		for _, ln := range []net.Listener{httpLn, grpcLn} {
			if ln != nil {
				ln.Close()
			}
		}
		return nil, err
	}
	if cfg.NewRelicAddr != "" {
		nrLn, err := listen("New Relic", LocalAddr(cfg.NewRelicAddr))
		if err != nil {
			for _, ln := range []net.Listener{httpLn, grpcLn} {
				if ln != nil {
					ln.Close()
				}
			}
			r.closeIntakes()
			return nil, err
		}
		r.startNewRelic(nrLn)
	}
	r.serveIntakes()
	if httpLn != nil {
		r.httpAddr = httpLn.Addr().String()
		// IdleTimeout is set apart from ReadTimeout (its default) so that an
		// SDK exporting every few seconds keeps its connection.
		r.httpSrv = &http.Server{Handler: r.handler(), ReadTimeout: cfg.ReadTimeout, IdleTimeout: 2 * time.Minute,
			ErrorLog: r.serverLog("OTLP/HTTP")}
		go r.httpSrv.Serve(httpLn)
	}
	if grpcLn != nil {
		r.grpcAddr = grpcLn.Addr().String()
		r.grpc = startGRPC(r, grpcLn)
	}
	return r, nil
}

func listen(transport, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, &AddrInUseError{Transport: transport, Addr: addr}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %v", addr, err)
	}
	return ln, nil
}

// HTTPAddr and GRPCAddr are the bound addresses ("" when disabled).
func (r *Receiver) HTTPAddr() string { return r.httpAddr }
func (r *Receiver) GRPCAddr() string { return r.grpcAddr }

// GRPCSkipped is why OTLP/gRPC is not served although Config.GRPCAddr
// asked for it (only with GRPCOptional); nil otherwise.
func (r *Receiver) GRPCSkipped() error { return r.grpcSkip }

// Shutdown stops accepting, finishes requests in flight, then flushes and
// syncs the save file: every span that got a 200 is on disk afterwards.
func (r *Receiver) Shutdown(ctx context.Context) error {
	var errs []error
	if r.httpSrv != nil {
		errs = append(errs, r.httpSrv.Shutdown(ctx))
	}
	if r.grpc != nil {
		r.grpc.GracefulStop()
	}
	if r.nrSrv != nil {
		errs = append(errs, r.nrSrv.Shutdown(ctx))
	}
	for _, in := range r.intakes {
		errs = append(errs, in.srv.Shutdown(ctx))
	}
	if r.cfg.Save != nil {
		errs = append(errs, r.cfg.Save.Close())
	}
	return errors.Join(errs...)
}

// cors answers browser preflights for allowed origins (localhost by
// default) and tags responses so browser SDKs can read them.
func (r *Receiver) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		origin := req.Header.Get("Origin")
		if origin != "" && r.originAllowed(origin) {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Vary", "Origin")
			if req.Method == http.MethodOptions {
				h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Content-Type, Content-Encoding, Authorization")
				h.Set("Access-Control-Max-Age", "7200")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, req)
	})
}

func (r *Receiver) originAllowed(origin string) bool {
	for _, prefix := range []string{"http://localhost", "https://localhost", "http://127.0.0.1", "https://127.0.0.1", "http://[::1]"} {
		if origin == prefix || strings.HasPrefix(origin, prefix+":") {
			return true
		}
	}
	return slices.Contains(r.cfg.CORSOrigins, origin)
}

// interner lends a request the strings earlier requests interned: service
// and span names and attribute keys repeat across every export.
func (r *Receiver) interner() *source.Interner { return getInterner(&r.interns) }

func getInterner(pool *sync.Pool) *source.Interner {
	if in, ok := pool.Get().(*source.Interner); ok {
		return in
	}
	return source.NewInterner()
}

// maxInternKeys bounds what a pooled interner holds: an app sending a new
// attribute key per request would otherwise grow it without end.
const maxInternKeys = 4096

func (r *Receiver) releaseInterner(in *source.Interner) { putInterner(&r.interns, in) }

func putInterner(pool *sync.Pool, in *source.Interner) {
	if in.Keys() <= maxInternKeys {
		pool.Put(in)
	}
}

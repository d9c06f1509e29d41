package clienttest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/newrelic/go-agent/v3/newrelic"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// testCert is a self-signed certificate for 127.0.0.1, and a pool that
// trusts it.
func testCert(t *testing.T) (*tls.Config, *x509.CertPool) {
	cfg, pool, _ := testCertPEM(t)
	return cfg, pool
}

// testCertPEM is testCert with the certificate as PEM.
func testCertPEM(t *testing.T) (*tls.Config, *x509.CertPool, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "clienttest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool,
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// made is what the app knows of a span it made: its IDs from the agent's
// trace metadata, and wall-clock brackets around the agent's start and end
// calls (the agent reads its own clock inside them).
type made struct {
	traceID, spanID                string
	startLo, startHi, endLo, endHi time.Time
}

// segment runs fn inside a segment and records what it made.
func segment(txn *newrelic.Transaction, name string, fn func()) made {
	var m made
	m.startLo = time.Now()
	seg := txn.StartSegment(name)
	m.startHi = time.Now()
	md := txn.GetTraceMetadata()
	m.traceID, m.spanID = md.TraceID, md.SpanID
	fn()
	m.endLo = time.Now()
	seg.End()
	m.endHi = time.Now()
	return m
}

func TestNewRelicGoAgentDeliversSpans(t *testing.T) {
	tlsCfg, roots := testCert(t)
	savePath := filepath.Join(t.TempDir(), "saved.jsonl")
	sv, err := receiver.OpenSaver(savePath)
	if err != nil {
		t.Fatal(err)
	}
	store := receiver.NewStore(0)
	r, err := receiver.Start(receiver.Config{HTTPAddr: "127.0.0.1:0", NewRelicAddr: "127.0.0.1:0", NewRelicTLS: tlsCfg, Save: sv}, store)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Shutdown(context.Background())

	app, err := newrelic.NewApplication(
		newrelic.ConfigAppName("shop"),
		newrelic.ConfigLicense("0123456789012345678901234567890123456789"), // any 40 characters
		newrelic.ConfigDistributedTracerEnabled(true),
		func(c *newrelic.Config) {
			c.Host = r.NewRelicAddr()
			c.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}
			c.Utilization.DetectAWS, c.Utilization.DetectAzure, c.Utilization.DetectGCP = false, false, false
			c.Utilization.DetectPCF, c.Utilization.DetectDocker, c.Utilization.DetectKubernetes = false, false, false
		},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.WaitForConnection(10 * time.Second); err != nil {
		t.Fatalf("the agent did not connect: %v", err)
	}

	// checkout ─┬─ load-cart ── query (notices an error)
	//           └─ Datastore (a Postgres SELECT)
	var root made
	root.startLo = time.Now()
	txn := app.StartTransaction("checkout")
	root.startHi = time.Now()
	md := txn.GetTraceMetadata()
	root.traceID, root.spanID = md.TraceID, md.SpanID
	txn.AddAttribute("user.id", 42)
	txn.AddAttribute("cart.total", 12.5)
	txn.AddAttribute("vip", true)
	var query made
	load := segment(txn, "load-cart", func() {
		time.Sleep(5 * time.Millisecond)
		query = segment(txn, "query", func() {
			time.Sleep(20 * time.Millisecond)
			txn.NoticeError(errors.New("card declined"))
		})
	})
	ds := &newrelic.DatastoreSegment{StartTime: txn.StartSegmentNow(), Product: newrelic.DatastorePostgres, Collection: "orders", Operation: "SELECT"}
	time.Sleep(2 * time.Millisecond)
	ds.End()
	root.endLo = time.Now()
	txn.End()
	root.endHi = time.Now()
	if root.traceID == "" || load.spanID == "" || query.spanID == "" || load.spanID == root.spanID {
		t.Fatalf("the agent gave no trace metadata: root %+v, load-cart %+v", root, load)
	}

	// tracetui's connect answer asks for span events every second: they
	// arrive while the app runs, not only when it shuts down.
	tid, _ := source.ParseTraceID(root.traceID)
	var tr *trace.Trace
	for deadline := time.Now().Add(10 * time.Second); tr == nil || len(tr.Spans) < 4; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("spans did not arrive within 10 s of the transaction's end (store: %+v)", store.Stats())
		}
		tr = findTrace(store, tid)
	}
	app.Shutdown(10 * time.Second)

	byName := map[string]trace.Span{}
	for _, s := range tr.Spans {
		byName[s.Name] = s
		if s.Service() != "shop" {
			t.Errorf("span %s: service %q, want the app name", s.Name, s.Service())
		}
	}
	if len(tr.Spans) != 4 {
		t.Errorf("%d spans, want 4: %v", len(tr.Spans), keys(byName))
	}
	rootSpan, loadSpan, querySpan := byName["OtherTransaction/Go/checkout"], byName["Custom/load-cart"], byName["Custom/query"]
	dsSpan := byName["Datastore/statement/Postgres/orders/SELECT"]

	// IDs and nesting as the agent told the app.
	for _, c := range []struct {
		name   string
		s      trace.Span
		m      made
		parent string
	}{{"root", rootSpan, root, ""}, {"load-cart", loadSpan, load, root.spanID}, {"query", querySpan, query, load.spanID}} {
		if c.s.TraceID.String() != c.m.traceID || c.s.SpanID.String() != c.m.spanID {
			t.Errorf("%s: IDs %s/%s, the app made %s/%s", c.name, c.s.TraceID, c.s.SpanID, c.m.traceID, c.m.spanID)
		}
		parent := ""
		if !c.s.ParentID.IsZero() {
			parent = c.s.ParentID.String()
		}
		if parent != c.parent {
			t.Errorf("%s: parent %q, want %q", c.name, parent, c.parent)
		}
		checkTimes(t, c.name, c.s, c.m)
	}
	// The agent measures in ns and sends float seconds: the ns arrive, not
	// a rounding to µs (all four durations whole µs: one chance in 10^12).
	whole := 0
	for _, s := range tr.Spans {
		if (s.End-s.Start)%1000 == 0 {
			whole++
		}
	}
	if whole == len(tr.Spans) {
		t.Errorf("every duration is a whole number of µs: the agent's ns were lost")
	}
	// Each segment inside its parent, as the app ran them: no span of this
	// synchronous transaction is taken for async work or clock skew.
	if tree := trace.Build(tr); len(tree.Warnings) != 0 {
		t.Errorf("the tree has warnings: %+v", tree.Warnings)
	}
	if dsSpan.ParentID != rootSpan.SpanID || dsSpan.Kind != trace.KindClient {
		t.Errorf("datastore span: parent %s (root %s), kind %v, want a client span under the root", dsSpan.ParentID, rootSpan.SpanID, dsSpan.Kind)
	}

	// The error, on the segment that noticed it, and on no other span.
	if !querySpan.IsError() || querySpan.StatusMessage != "card declined" {
		t.Errorf("query: status %v %q, want error \"card declined\"", querySpan.Status, querySpan.StatusMessage)
	}
	if v, _ := lookup(querySpan.Attrs, "error.class"); v.AsString() != "*errors.errorString" {
		t.Errorf("query: error.class %q", v.AsString())
	}
	for _, s := range []trace.Span{rootSpan, loadSpan, dsSpan} {
		if s.IsError() {
			t.Errorf("%s is marked an error", s.Name)
		}
	}

	// Custom attributes with their types.
	if v, _ := lookup(rootSpan.Attrs, "user.id"); v.Kind() != trace.ValueInt || v.Int() != 42 {
		t.Errorf("user.id = %v (%v), want int 42", v.AsString(), v.Kind())
	}
	if v, _ := lookup(rootSpan.Attrs, "cart.total"); v.Kind() != trace.ValueDouble || v.Double() != 12.5 {
		t.Errorf("cart.total = %v (%v), want 12.5", v.AsString(), v.Kind())
	}
	if v, _ := lookup(rootSpan.Attrs, "vip"); v.Kind() != trace.ValueBool || !v.Bool() {
		t.Errorf("vip = %v (%v), want true", v.AsString(), v.Kind())
	}

	// The agent's other payloads (metrics, errors, transaction events)
	// were accepted, and counted.
	if s := store.Stats(); s.AgentOther == 0 {
		t.Errorf("no other payloads counted: %+v", s)
	}
	// --save holds the spans, as OTLP JSON lines.
	r.Shutdown(context.Background())
	f, err := os.Open(savePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := trace.NewCollector()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	saved := 0
	for _, tr := range c.Traces() {
		if tr.ID == tid {
			saved = len(tr.Spans)
		}
	}
	if saved != 4 {
		t.Errorf("--save holds %d spans of the trace, want 4", saved)
	}
}

// checkTimes: a span starts within the ms of the app's bracket around the
// agent's start call (the agent sends whole ms), and lasts what the
// brackets allow, to the ns.
func checkTimes(t *testing.T, name string, s trace.Span, m made) {
	t.Helper()
	ms := func(tm time.Time) int64 { return tm.UnixMilli() * 1e6 }
	if s.Start < ms(m.startLo) || s.Start >= ms(m.startHi)+1e6 {
		t.Errorf("%s: start %d, the agent started it between %d and %d (ms)", name, s.Start, m.startLo.UnixNano(), m.startHi.UnixNano())
	}
	d := time.Duration(s.End - s.Start)
	if lo, hi := m.endLo.Sub(m.startHi), m.endHi.Sub(m.startLo); d < lo || d > hi {
		t.Errorf("%s: lasted %v, the app measured between %v and %v", name, d, lo, hi)
	}
}

func findTrace(st *receiver.Store, id trace.TraceID) *trace.Trace {
	for _, v := range st.Versions() {
		if v.Trace.ID == id {
			return v.Trace
		}
	}
	return nil
}

func lookup(attrs []trace.Attr, key string) (trace.Value, bool) {
	for _, a := range attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return trace.Value{}, false
}

func keys(m map[string]trace.Span) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// What listen prints for Go on Linux works: an app whose agent has no
// Transport of its own, started with SSL_CERT_FILE naming the certificate,
// delivers its spans (in a process of its own: the roots are read once).
func TestNewRelicGoAgentTrustsSSLCertFile(t *testing.T) {
	tlsCfg, _, certPEM := testCertPEM(t)
	certPath := filepath.Join(t.TempDir(), "newrelic-cert.pem")
	if err := os.WriteFile(certPath, certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	store := receiver.NewStore(0)
	r, err := receiver.Start(receiver.Config{HTTPAddr: "127.0.0.1:0", NewRelicAddr: "127.0.0.1:0", NewRelicTLS: tlsCfg}, store)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Shutdown(context.Background())
	cmd := exec.Command(os.Args[0], "-test.run", "^TestNewRelicAppWithDefaultTransport$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "SSL_CERT_FILE="+certPath, "NEW_RELIC_HOST="+r.NewRelicAddr(), "CLIENTTEST_NEWRELIC_APP=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the app failed: %v\n%s", err, out)
	}
	var names []string
	for _, v := range store.Versions() {
		for _, s := range v.Trace.Spans {
			if s.Service() == "ssl-cert-file" {
				names = append(names, s.Name)
			}
		}
	}
	if len(names) != 1 || names[0] != "OtherTransaction/Go/hello" {
		t.Errorf("spans of the app: %v, want its one transaction", names)
	}
}

// TestNewRelicAppWithDefaultTransport is the app of the test above; run
// alone it does nothing.
func TestNewRelicAppWithDefaultTransport(t *testing.T) {
	if os.Getenv("CLIENTTEST_NEWRELIC_APP") == "" {
		t.Skip("the app TestNewRelicGoAgentTrustsSSLCertFile runs")
	}
	app, err := newrelic.NewApplication(
		newrelic.ConfigAppName("ssl-cert-file"),
		newrelic.ConfigLicense("0123456789012345678901234567890123456789"),
		newrelic.ConfigDistributedTracerEnabled(true),
		newrelic.ConfigFromEnvironment(), // NEW_RELIC_HOST
		func(c *newrelic.Config) {
			c.Utilization.DetectAWS, c.Utilization.DetectAzure, c.Utilization.DetectGCP = false, false, false
			c.Utilization.DetectPCF, c.Utilization.DetectDocker, c.Utilization.DetectKubernetes = false, false, false
		},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.WaitForConnection(10 * time.Second); err != nil {
		t.Fatalf("the agent did not connect: %v", err)
	}
	app.StartTransaction("hello").End()
	app.Shutdown(10 * time.Second)
}

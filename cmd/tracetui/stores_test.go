package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/golden"
)

// jaegerServer answers like a Jaeger v2 query service, replaying real
// responses; it wants a bearer token when token is set.
func jaegerServer(t *testing.T, token string) *httptest.Server {
	get := func(name string) []byte {
		b, err := os.ReadFile(repoFile("jaeger-apiv3", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" && r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		switch {
		case r.URL.Path == "/api/v3/traces/00000000000000000000000000000001":
			w.Write(get("jaeger_apiv3_GetTrace.json"))
		case strings.HasPrefix(r.URL.Path, "/api/v3/traces/"):
			http.Error(w, `{"error":{"httpCode":404,"message":"No traces found"}}`, http.StatusNotFound)
		case r.URL.Path == "/api/v3/trace-summaries":
			w.Write(get("jaeger_apiv3_FindTraceSummaries.json"))
		case r.URL.Path == "/api/v3/services":
			w.Write(get("jaeger_apiv3_GetServices.json"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func runWithEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }}
	return result{out.String(), errOut.String(), run(args, ios)}.with(&out, &errOut)
}

func (r result) with(out, errOut *bytes.Buffer) result {
	r.stdout, r.stderr = out.String(), errOut.String()
	return r
}

func TestPrintAndSearchAgainstJaeger(t *testing.T) {
	srv := jaegerServer(t, "")
	r := runCLI(t, nil, false, "print", "--jaeger", srv.URL, "--width", "80", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "foobar") || !strings.Contains(r.stdout, "trace 0000000000000001 ") {
		t.Fatalf("print --jaeger: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, false, "search", "--jaeger", srv.URL, "--service", "frontend", "--width", "100")
	golden.AssertNamed(t, "search/jaeger_text", r.stdout)
	r = runCLI(t, nil, false, "search", "--jaeger", srv.URL, "--service", "frontend", "--format", "json")
	var rep struct {
		Source string
		Traces []struct {
			TraceID   string `json:"trace_id"`
			SpanCount *int   `json:"span_count"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Traces) != 1 || *rep.Traces[0].SpanCount != 2 ||
		!strings.HasPrefix(rep.Source, "Jaeger at http://127.0.0.1:") {
		t.Errorf("search json: %v\n%s", err, r.stdout)
	}
	r = runCLI(t, nil, false, "search", "--jaeger", srv.URL, "--list", "services")
	if r.code != 0 || r.stdout != "foo\n" {
		t.Errorf("--list services: %d %q %s", r.code, r.stdout, r.stderr)
	}
}

// Each failure says what happened and what to do, exits 1, and never
// prints a secret.
func TestStoreErrors(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + ln.Addr().String()
	ln.Close()
	secure := jaegerServer(t, "s3cret-token")
	open := jaegerServer(t, "")
	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"refused", nil, []string{"print", "--jaeger", dead, "1"}, 3, "cannot reach Jaeger at " + dead + ": connection refused"},
		{"unauthorized", nil, []string{"print", "--jaeger", secure.URL, "1"}, 3, "401 Unauthorized"},
		{"token", map[string]string{"TRACETUI_TOKEN": "s3cret-token"}, []string{"print", "--jaeger", secure.URL, "1"}, 0, "foobar"},
		{"wrong token", map[string]string{"TRACETUI_TOKEN": "wrong-token"}, []string{"print", "--jaeger", secure.URL, "1"}, 3, "TRACETUI_TOKEN"},
		{"not found", nil, []string{"print", "--jaeger", open.URL, "abc"}, 3, "has no trace abc"},
		{"password in URL", nil, []string{"print", "--jaeger", strings.Replace(dead, "http://", "http://bob:hunter2@", 1), "1"}, 3, "connection refused"},
		{"no id", nil, []string{"print", "--jaeger", open.URL}, 2, "name the trace ID"},
		{"two stores", nil, []string{"print", "--jaeger", open.URL, "--zipkin", open.URL, "1"}, 2, "name one store"},
		{"search without store", nil, []string{"search", "--service", "x"}, 2, "search needs a store"},
		{"traceql for jaeger", nil, []string{"search", "--jaeger", open.URL, "{ }"}, 2, "TraceQL, for --tempo"},
		{"bad id", nil, []string{"print", "--tempo", open.URL, "xyz!"}, 2, "not a trace ID"}, // a typo, not a store failure
	}
	for _, c := range cases {
		r := runWithEnv(t, c.env, c.args...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("%s: exit %d, want %d with %q:\n%s%s", c.name, r.code, c.code, c.want, r.stdout, r.stderr)
		}
		for _, secret := range []string{"s3cret-token", "wrong-token", "hunter2"} {
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Errorf("%s: a secret was printed:\n%s", c.name, r.stderr)
			}
		}
	}
}

func TestJaegerAndZipkinFilesPrint(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--width", "100", repoFile("zipkin-v2", "zipkin-lens_messaging.json"))
	golden.AssertNamed(t, "print/zipkin_messaging_w100", r.stdout)
	r = runCLI(t, nil, false, "list", repoFile("jaeger-v1", "jaeger-ui_genaiTestTrace.json"), repoFile("zipkin-v2", "zipkin-lens_yelp.json"))
	if r.code != 0 || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("list of a Jaeger and a Zipkin file: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A store's error answer saved to a file (curl of a trace that was not
// there) says what it is, for every store's error shape, never "not OTLP
// JSON".
func TestSavedStoreErrorAnswersSayWhatTheyAre(t *testing.T) {
	answers := []struct{ name, body, want string }{
		{"jaeger-v1.json", `{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}`,
			"Jaeger error 404: trace not found"},
		{"jaeger-v3.json", `{"error":{"grpcCode":5,"httpCode":404,"message":"No traces found","httpStatus":"Not Found"}}`,
			"Jaeger api/v3 error 404: No traces found (a saved error answer, not traces)"},
		{"tempo.txt", "trace not found\n", "Tempo error: trace not found (a saved error answer, not traces)"},
		{"zipkin.txt", "4bf92f3577b34da6a3ce929d0e0e4736 not found",
			"Zipkin error: 4bf92f3577b34da6a3ce929d0e0e4736 not found (a saved error answer, not traces)"},
		{"zipkin-spring.json", `{"timestamp":"2020-01-01T00:00:00.000+0000","status":404,"error":"Not Found","message":"Trace 4bf9 not found","path":"/api/v2/trace/4bf9"}`,
			"Zipkin error 404 Not Found: Trace 4bf9 not found (/api/v2/trace/4bf9) (a saved error answer, not traces)"},
		{"wrong-url.txt", "404 page not found\n", `a "404 page not found" answer, not traces: the URL it was saved from is not a trace store's API`},
		{"proxy.html", "<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>", "an HTML page, not traces"},
	}
	dir := t.TempDir()
	for _, a := range answers {
		p := filepath.Join(dir, a.name)
		os.WriteFile(p, []byte(a.body), 0o644)
		r := runCLI(t, nil, false, "print", p)
		if r.code != 3 || !strings.Contains(r.stderr, p+": "+a.want) {
			t.Errorf("%s: exit %d, %s; want exit 3 and %q", a.name, r.code, r.stderr, a.want)
		}
	}
}

package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// shop.jsonl holds three traces: a0… a failed checkout (frontend, orders,
// cart), b0… a good one (frontend, cart), c0… spans of api, worker and
// batch with two roots and two orphans whose parent never arrived.
var shopFile = repoFile("traceql", "shop.jsonl")

// rowsWith are the waterfall rows holding s.
func rowsWith(out, s string) []string {
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			rows = append(rows, l)
		}
	}
	return rows
}

func TestWherePrintKeepsAndMarks(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--width", "100", "--where", `{ name =~ "GET .*" } >> { status = error }`, shopFile)
	if r.code != 0 || !strings.Contains(r.stdout, "trace a0000000000000000000000000000001") ||
		strings.Contains(r.stdout, "trace b0") || strings.Contains(r.stdout, "trace c0") {
		t.Fatalf("exit %d; want only trace a0…:\n%s%s", r.code, r.stdout, r.stderr)
	}
	marked := rowsWith(r.stdout, "›")
	if len(marked) != 3 || !strings.Contains(marked[0], "orders POST /api/orders") ||
		!strings.Contains(marked[1], "orders INSERT orders") || !strings.Contains(marked[2], "2 spans match --where") {
		t.Errorf("want the two errors under a GET marked and counted, got:\n%s", strings.Join(marked, "\n"))
	}
	// --ascii marks with ">".
	r = runCLI(t, nil, false, "print", "--width", "100", "--ascii", "--where", `{ span.cached = true }`, shopFile)
	if marked := rowsWith(r.stdout, ">"); len(marked) != 2 || !strings.Contains(marked[0], "frontend render") {
		t.Errorf("ascii: want render marked, got:\n%s", strings.Join(marked, "\n"))
	}
}

func TestWherePrintKeepsMatchesVisibleUnderMaxSpans(t *testing.T) {
	args := []string{"print", "--width", "100", "--trace", "c0", "--max-spans", "3", shopFile}
	if r := runCLI(t, nil, false, args...); strings.Contains(r.stdout, "worker other") {
		t.Fatalf("the budget already shows worker other; the test needs a span it elides:\n%s", r.stdout)
	}
	r := runCLI(t, nil, false, append(args, "--where", "{ name = \"other\" }")...)
	if rows := rowsWith(r.stdout, "worker other"); r.code != 0 || len(rows) != 1 || !strings.Contains(rows[0], "›") {
		t.Errorf("exit %d; want worker other shown and marked:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestWhereList(t *testing.T) {
	r := runCLI(t, nil, false, "list", "--where", `{ span.http.status_code = 200 } | count() > 1`, shopFile)
	if r.code != 0 || !strings.Contains(r.stdout, "b0000000000000000000000000000002") || strings.Contains(r.stdout, "a0000") || strings.Contains(r.stdout, "c0000") {
		t.Errorf("exit %d; want only b0…:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Orphans naming the same missing parent are siblings (trace c0…).
	r = runCLI(t, nil, false, "list", "--where", `{ name = "job" } ~ { }`, shopFile)
	if r.code != 0 || !strings.Contains(r.stdout, "c0000000000000000000000000000003") || strings.Contains(r.stdout, "a0000") {
		t.Errorf("exit %d; want only c0…:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The shorthand works too: a trace with an error span of worker.
	r = runCLI(t, nil, false, "list", "--format", "json", "--where", "service=worker error", shopFile)
	if r.code != 0 || !strings.Contains(r.stdout, "c0000000000000000000000000000003") || strings.Contains(r.stdout, "a0000") {
		t.Errorf("exit %d; want only c0…:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestWhereStatsAndServices(t *testing.T) {
	r := runCLI(t, nil, false, "stats", "--where", `{ resource.service.name = "worker" }`, shopFile)
	if r.code != 0 || !strings.Contains(r.stdout, "worker job") || !strings.Contains(r.stdout, "batch cron") || strings.Contains(r.stdout, "orders") {
		t.Errorf("stats: exit %d; want trace c0… only:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, false, "services", "--where", `{ status = error } && { resource.service.name = "cart" }`, shopFile)
	if r.code != 0 || !strings.Contains(r.stdout, "orders") || strings.Contains(r.stdout, "worker") {
		t.Errorf("services: exit %d; want trace a0… only:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestWhereErrorsAndNoMatch(t *testing.T) {
	for _, cmd := range []string{"print", "list", "stats", "services"} {
		r := runCLI(t, nil, false, cmd, "--where", `{ span.http.status_code = }`, shopFile)
		want := "tracetui: --where: column 27: expected a value after \"=\", got \"}\"\n"
		if r.code != 2 || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", cmd, r.code, r.stderr, want)
		}
		r = runCLI(t, nil, false, cmd, "--where", "duration>abc", shopFile)
		if r.code != 2 || !strings.Contains(r.stderr, `--where: column 10: "abc" is not a duration`) {
			t.Errorf("%s shorthand: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
		r = runCLI(t, nil, false, cmd, "--where", `{ status = ok }`, shopFile)
		if r.code != 1 || r.stderr != "tracetui: no trace matches --where { status = ok }\n" || r.stdout != "" {
			t.Errorf("%s no match: exit %d, stderr %q, stdout %q", cmd, r.code, r.stderr, r.stdout)
		}
	}
}

func TestSearchTempoValidatesTraceQL(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Query().Get("q"))
		w.Write([]byte(`{"traces":[]}`))
	}))
	defer srv.Close()
	r := runCLI(t, nil, false, "search", "--tempo", srv.URL, `{ name = }`)
	if r.code != 2 || !strings.HasPrefix(r.stderr, `tracetui: TraceQL: column 10: expected a value after "=", got "}"`) || len(got) != 0 {
		t.Errorf("bad query: exit %d, stderr %q, requests %q", r.code, r.stderr, got)
	}
	r = runCLI(t, nil, false, "search", "--tempo", srv.URL, "service=cart")
	if r.code != 2 || !strings.Contains(r.stderr, `starts with "{"`) || len(got) != 0 {
		t.Errorf("shorthand: exit %d, stderr %q, requests %q", r.code, r.stderr, got)
	}
	// Sent as written, spacing and all; what only Tempo evaluates passes.
	for _, q := range []string{`{ resource.service.name="cart"   &&  duration > 1s }`, `{ } | by(resource.service.name)`, `{ span:parentID = "ab" }`} {
		got = nil
		r = runCLI(t, nil, false, "search", "--tempo", srv.URL, q)
		if r.code != 0 || len(got) != 1 || got[0] != q {
			t.Errorf("exit %d, stderr %q; Tempo got %q, want %q", r.code, r.stderr, got, q)
		}
	}
}

package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// evil is what a hostile producer puts in a string: an OSC 52 clipboard
// write, a clear-screen, a C1 CSI, a right-to-left override.
const evil = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\u009b31m\u202eevil"

// terminalSafe fails for any byte a terminal would act on: C0 controls
// but the newline, DEL, C1 controls, bidi overrides and isolates.
func terminalSafe(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == utf8.RuneError {
			t.Errorf("%s: raw %U at byte %d: %q", what, r, i, s[max(0, i-30):min(len(s), i+30)])
			return
		}
	}
}

func hostileJaeger(t *testing.T) *httptest.Server {
	msg, _ := json.Marshal(evil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/traces/00000000000000000000000000000001": // a trace, with warnings and an error beside it
			w.Write([]byte(`{"data":[{"traceID":"1","spans":[{"traceID":"1","spanID":"2","operationName":"op","startTime":1,"duration":5,` +
				`"processID":"p1","warnings":[` + string(msg) + `]}],"processes":{"p1":{"serviceName":"svc"}},"warnings":[` + string(msg) + `]}],` +
				`"errors":[{"code":500,"msg":` + string(msg) + `}]}`))
		case "/api/traces/00000000000000000000000000000002": // only an error
			w.Write([]byte(`{"data":null,"errors":[{"code":500,"msg":` + string(msg) + `}]}`))
		case "/api/v3/trace-summaries":
			w.Write([]byte(`{"summaries":[{"traceId":"1","rootServiceName":` + string(msg) + `,"rootOperationName":` + string(msg) +
				`,"minStartTimeUnixNano":"1000","maxEndTimeUnixNano":"2000","spanCount":1,"services":[{"name":` + string(msg) + `}]}]}`))
		default:
			http.NotFound(w, r) // no api/v3: older Jaeger, so the v1 answer is read
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// What a store says reaches the terminal sanitized: Jaeger's errors[].msg
// and its trace and span warnings.
func TestStoreAnswersReachTheTerminalSanitized(t *testing.T) {
	srv := hostileJaeger(t)
	r := runCLI(t, nil, false, "print", "--jaeger", srv.URL, "1")
	if r.code != 0 || strings.Count(r.stderr, "warning: ") < 3 || !strings.Contains(r.stderr, "evil") {
		t.Errorf("want the trace and three warnings on stderr, exit 0; got %d:\n%q", r.code, r.stderr)
	}
	terminalSafe(t, "print stdout", r.stdout)
	terminalSafe(t, "print stderr", r.stderr)
	r = runCLI(t, nil, false, "print", "--jaeger", srv.URL, "2")
	if r.code != 3 || !strings.Contains(r.stderr, "Jaeger error 500") || !strings.Contains(r.stderr, "evil") {
		t.Errorf("want the store's error, exit 3; got %d:\n%q", r.code, r.stderr)
	}
	terminalSafe(t, "error", r.stderr)

	r = runCLI(t, nil, false, "search", "--jaeger", srv.URL, "--service", "x")
	if r.code != 0 || !strings.Contains(r.stdout, "evil") {
		t.Errorf("search: exit %d\n%q%q", r.code, r.stdout, r.stderr)
	}
	terminalSafe(t, "search", r.stdout+r.stderr)
	r = runCLI(t, nil, false, "search", "--jaeger", srv.URL, "--service", "x", "--format", "json")
	terminalSafe(t, "search --format json", r.stdout)
	var rep struct {
		Traces []struct {
			RootService string   `json:"root_service"`
			Services    []string `json:"services"`
		} `json:"traces"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Traces) != 1 ||
		rep.Traces[0].RootService != evil || rep.Traces[0].Services[0] != evil {
		t.Errorf("search --format json should keep the store's strings exactly: %v\n%s", err, r.stdout)
	}
}

// A file name is input too: errors and warnings that name the file show
// it sanitized.
func TestFileNamesWithEscapesAreSanitized(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "traces"+strings.ReplaceAll(evil, "/", "")+".json")
	if err := os.WriteFile(name, []byte("this is not a trace\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	r := runCLI(t, nil, false, "print", name)
	if r.code != 3 || !strings.Contains(r.stderr, "evil") {
		t.Errorf("want an error naming the file, exit 3; got %d:\n%q", r.code, r.stderr)
	}
	terminalSafe(t, "unreadable file", r.stderr)
	r = runCLI(t, nil, false, "print", name+".missing")
	if r.code != 3 {
		t.Errorf("missing file: exit %d", r.code)
	}
	terminalSafe(t, "missing file", r.stderr)

	lines := filepath.Join(dir, "lines"+strings.ReplaceAll(evil, "/", "")+".jsonl")
	good, _ := os.ReadFile(hostileOTLP(t))
	os.WriteFile(lines, append(append([]byte(nil), good...), "{broken\n"...), 0o644)
	r = runCLI(t, nil, false, "list", lines)
	if r.code != 0 || !strings.Contains(r.stderr, "warning: ") {
		t.Errorf("want a warning naming the file, exit 0; got %d:\n%q", r.code, r.stderr)
	}
	terminalSafe(t, "warning", r.stderr)
	terminalSafe(t, "list", r.stdout)
}

// hostileOTLP writes one OTLP JSON line whose service, span name, status
// message and attribute carry escapes and bidi controls.
func hostileOTLP(t *testing.T) string {
	s, _ := json.Marshal(evil)
	line := `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":` + string(s) + `}}]},` +
		`"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":` + string(s) + `,` +
		`"startTimeUnixNano":"1000","endTimeUnixNano":"2000","status":{"code":2,"message":` + string(s) + `}}]}]}]}` + "\n"
	path := filepath.Join(t.TempDir(), "hostile.jsonl")
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// JSON output escapes what a terminal would act on (\u escapes), so
// `tracetui print --format json` on a terminal, or a log that shows it, is
// safe; a JSON reader still gets the producer's exact strings.
func TestJSONOutputEscapesControlsAndKeepsTheData(t *testing.T) {
	file := hostileOTLP(t)
	for _, args := range [][]string{
		{"print", "--format", "json", file},
		{"list", "--format", "json", file},
		{"stats", "--format", "json", file},
		{"services", "--format", "json", file},
		{"print", "--format", "markdown", file},
		{"print", file},
	} {
		r := runCLI(t, nil, false, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		terminalSafe(t, strings.Join(args[:len(args)-1], " "), r.stdout)
		terminalSafe(t, strings.Join(args[:len(args)-1], " ")+" stderr", r.stderr)
	}
	r := runCLI(t, nil, false, "print", "--format", "json", file)
	var rep struct {
		Traces []struct {
			RootService string `json:"root_service"`
			RootName    string `json:"root_name"`
			ErrorOrigin struct {
				Message string `json:"message"`
			} `json:"error_origin"`
		} `json:"traces"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Traces) != 1 {
		t.Fatalf("print --format json does not decode: %v\n%s", err, r.stdout)
	}
	got := rep.Traces[0]
	if got.RootService != evil || got.RootName != evil || got.ErrorOrigin.Message != evil {
		t.Errorf("JSON changed the data: %q, %q, %q; want %q", got.RootService, got.RootName, got.ErrorOrigin.Message, evil)
	}
}

// An error quoting data is sanitized line by line; a newline inside the
// data cannot start a line that looks like tracetui's own.
func TestErrorTextSanitizesEachLine(t *testing.T) {
	err := errors.Join(errors.New("first "+evil), errors.New("second\ntracetui: all good"))
	got := errorText(err)
	terminalSafe(t, "errorText", got)
	if want := "tracetui: first evil\n  second\n  tracetui: all good"; got != want {
		t.Errorf("errorText = %q, want %q", got, want)
	}
}

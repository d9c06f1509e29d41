package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// nodeDir is testdata/node: a Node.js test program and the OpenTelemetry
// packages it needs, pinned in package.json and package-lock.json.
var nodeDir = filepath.Join("testdata", "node")

// nodeInstall returns a directory holding testdata/node with its packages
// installed (`npm ci`): $TRACETUI_NODE_DIR when set (.ci/run prepares it;
// the test fails there if it cannot be used), else a cache directory
// named for the lock file, installed once and reused by later runs. The
// test skips, saying why, when node or npm is missing or too old, or when
// npm cannot install (no registry: offline).
func nodeInstall(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the Node.js SDK end-to-end test needs Node.js 20.6 or later and npm", tool)
		}
	}
	out, err := exec.Command("node", "-e", "const [a,b]=process.versions.node.split('.').map(Number);process.stdout.write(String(a>20||a==20&&b>=6))").Output()
	if err != nil || string(out) != "true" {
		t.Skipf("node is older than 20.6, which @opentelemetry/sdk-node needs (%v)", err)
	}
	lock, err := os.ReadFile(filepath.Join(nodeDir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir, prepared := os.Getenv("TRACETUI_NODE_DIR"), true
	if dir == "" {
		prepared = false
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = t.TempDir()
		}
		sum := sha256.Sum256(lock)
		dir = filepath.Join(cache, "tracetui-test", "node-"+hex.EncodeToString(sum[:6]))
	}
	stamp := filepath.Join(dir, "node_modules", ".tracetui-installed")
	if b, err := os.ReadFile(stamp); err == nil && string(b) == string(lock) {
		copyFile(t, filepath.Join(nodeDir, "tests.js"), filepath.Join(dir, "tests.js"))
		return dir
	}
	// Installed beside, then moved in place: a test killed mid-install
	// leaves no half-installed directory that looks complete.
	tmp := dir + ".tmp-" + strings.ReplaceAll(t.Name(), "/", "_")
	os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	for _, f := range []string{"package.json", "package-lock.json"} {
		copyFile(t, filepath.Join(nodeDir, f), filepath.Join(tmp, f))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, "npm", "ci", "--prefix", tmp, "--no-audit", "--no-fund", "--ignore-scripts",
		"--cache", filepath.Join(filepath.Dir(dir), "npm-cache"), "--prefer-offline")
	if b, err := c.CombinedOutput(); err != nil {
		if prepared {
			t.Fatalf("npm ci into $TRACETUI_NODE_DIR: %v\n%s", err, b)
		}
		t.Skipf("npm ci could not install the Node.js SDK (no registry?): %v\n%s", err, b)
	}
	if err := os.WriteFile(filepath.Join(tmp, "node_modules", ".tracetui-installed"), lock, 0o644); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(nodeDir, "tests.js"), filepath.Join(dir, "tests.js"))
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err == nil {
		err = os.WriteFile(to, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A second language's SDK: run wraps a Node.js program exporting through
// @opentelemetry/sdk-node with nothing configured but what run sets, over
// each protocol the SDK offers (http/protobuf, its default; http/json;
// grpc). Its "refund" test fails with an error span and an exception.
func TestRunWrapsANodeProgramThatExportsWithTheNodeSDK(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the Node.js OpenTelemetry SDK with npm: not in -short")
	}
	dir := nodeInstall(t)
	for _, protocol := range []string{"", "http/json", "grpc"} {
		name := protocol
		if name == "" {
			name = "default"
		}
		t.Run(strings.ReplaceAll(name, "/", "-"), func(t *testing.T) {
			t.Setenv("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
			t.Setenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "")
			save := filepath.Join(t.TempDir(), "traces.jsonl")
			r := runCLI(t, nil, false, "run", "--save", save, "--no-errors", "--", "node", filepath.Join(dir, "tests.js"))
			if r.code != 1 {
				t.Fatalf("exit %d, want the program's 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "not ok - refund") || !strings.Contains(r.stderr, "received 4 spans in 2 traces") {
				t.Errorf("the program's output or the received count is missing:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			}
			title := "tracetui: test node-shop › refund failed"
			if i, j := strings.Index(r.stdout, title), strings.Index(r.stdout, "FAIL  no errors"); i < 0 || j < i {
				t.Errorf("the failing test's trace should be printed, named, before the checks:\n%s", r.stdout)
			}
			if strings.Contains(r.stdout, "test node-shop › checkout") || strings.Contains(r.stdout, "GET /cart") {
				t.Errorf("the passing test's trace is printed:\n%s", r.stdout)
			}
			if want := `shop-node POST /refund: error "refund declined" (failure point)`; !strings.Contains(r.stdout, want) {
				t.Errorf("the check does not name the failure point %q:\n%s", want, r.stdout)
			}

			res, err := load.All([]load.Input{{Name: save}}, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Traces) != 2 {
				t.Fatalf("--save holds %d traces, want 2", len(res.Traces))
			}
			for _, tr := range res.Traces {
				byName := map[string]*trace.Span{}
				for k := range tr.Spans {
					byName[tr.Spans[k].Name] = &tr.Spans[k]
				}
				root, child := byName["refund"], byName["POST /refund"]
				if root == nil {
					root, child = byName["checkout"], byName["GET /cart"]
				}
				if root == nil || child == nil || len(tr.Spans) != 2 {
					t.Fatalf("a trace of %d spans, not a test and its call: %v", len(tr.Spans), byName)
				}
				if child.ParentID != root.SpanID || !root.ParentID.IsZero() {
					t.Errorf("%s is not the child of %s", child.Name, root.Name)
				}
				if root.Service() != "shop-node" {
					t.Errorf("service %q, want shop-node", root.Service())
				}
				if child.Name == "POST /refund" && (!child.IsError() || child.StatusMessage != "refund declined" || len(child.Events) == 0 || child.Events[0].Name != "exception") {
					t.Errorf("the failing call lost its error: status %v %q, events %v", child.Status, child.StatusMessage, child.Events)
				}
			}
		})
	}
}

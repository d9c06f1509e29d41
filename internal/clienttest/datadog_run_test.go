package clienttest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
)

// TestDDAppChild is the app TestRunGivesDatadogTracersItsIntake runs under
// `tracetui run`: a dd-trace-go tracer with no address in code, so it
// sends where DD_TRACE_AGENT_URL says. Run alone, it is skipped.
func TestDDAppChild(t *testing.T) {
	if os.Getenv("TRACETUI_DD_CHILD") != "1" {
		t.Skip("the app of TestRunGivesDatadogTracersItsIntake")
	}
	if err := tracer.Start(tracer.WithService("checkout")); err != nil {
		t.Fatal(err)
	}
	root := tracer.StartSpan("http.request", tracer.ResourceName("POST /checkout"))
	pay := tracer.StartSpan("payment.charge", tracer.ChildOf(root.Context()))
	pay.Finish(tracer.WithError(errors.New("card declined")))
	root.Finish()
	tracer.Stop()
}

// `tracetui run -- APP` points a Datadog tracer at its own intake, over
// the DD_TRACE_AGENT_URL the environment had, and checks its spans.
func TestRunGivesDatadogTracersItsIntake(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tracetui")
	}
	bin := filepath.Join(t.TempDir(), "tracetui")
	build := exec.Command("go", "build", "-o", bin, "./cmd/tracetui")
	build.Dir = filepath.Join("..", "..") // tracetui's module, with its own go.sum
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "run", "--no-errors", "--report", "always", "--width", "200", "--",
		os.Args[0], "-test.run=^TestDDAppChild$", "-test.v")
	cmd.Env = append(os.Environ(), "TRACETUI_DD_CHILD=1", "DD_TRACE_AGENT_URL=http://127.0.0.1:1",
		"DD_INSTRUMENTATION_TELEMETRY_ENABLED=false", "DD_TRACE_STARTUP_LOGS=false")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit %v, want 1 (--no-errors fails on the card declined); output:\n%s", err, out)
	}
	for _, want := range []string{"--- PASS: TestDDAppChild", "POST /checkout", "payment.charge", "card declined"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

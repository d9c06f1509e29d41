package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Kind: async work is not clock skew, and skew is not async. A consumer
// (or follows-from or linked work) starting after its producer ended is
// normal messaging: no data warning, and the wait between the two is a
// finding. A server starting before its client is skew: ⚠, never ↪.

// reportOf runs print --format json and decodes the parts these tests read.
func reportOf(t *testing.T, file string) (warnings []string, findings []struct {
	Kind, Summary string
	MS            float64
}) {
	t.Helper()
	r := runCLI(t, nil, false, "print", "--format", "json", file)
	var rep struct {
		Traces []struct {
			Warnings []string
			Findings []struct {
				Kind, Summary string
				MS            float64
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 || len(rep.Traces) != 1 {
		t.Fatalf("print --format json %s: exit %d, %v\n%s%s", file, r.code, err, r.stdout, r.stderr)
	}
	return rep.Traces[0].Warnings, rep.Traces[0].Findings
}

func TestConsumerAfterItsProducerShowsTheQueueWaitNoWarning(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--width", "160", caseFile("02-jaeger-producer-consumer-after-parent.json"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := "queue wait worker consume order.created started 2.00 s after gateway publish order.created ended (65% of 3.10 s)"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("want the finding %q:\n%s", want, r.stdout)
	}
	if strings.Contains(r.stdout, "\n⚠ ") || strings.Contains(r.stdout, "after parent") || strings.Contains(r.stdout, "  self ") {
		t.Errorf("messaging is no data warning, and publish has no child inside it for a self finding:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "└─ ↪ worker consume order.created") {
		t.Errorf("the consumer is async work:\n%s", r.stdout)
	}

	warnings, findings := reportOf(t, caseFile("02-jaeger-producer-consumer-after-parent.json"))
	if len(warnings) != 0 {
		t.Errorf("JSON warnings = %q, want none", warnings)
	}
	var wait bool
	for _, x := range findings {
		wait = wait || x.Kind == "queue wait" && x.MS == 2000
		if x.Kind == "self" {
			t.Errorf("JSON has a self finding: %+v", x)
		}
	}
	if !wait {
		t.Errorf("JSON findings = %+v, want a 2000 ms queue wait", findings)
	}
}

// An OTLP job queue (the job links to the span that enqueued it, and is
// its child) beside a server span whose clock runs 10 ms behind its client.
func TestLinkedJobIsAsyncAndEarlyServerIsSkew(t *testing.T) {
	file := caseFile("otlp-linked-job-and-skewed-server.json")
	r := runCLI(t, nil, false, "print", "--width", "120", file)
	var server, job string
	for _, l := range strings.Split(r.stdout, "\n") {
		switch {
		case strings.Contains(l, "stock GET /stock"):
			server = l
		case strings.Contains(l, "└─ ↪ mailer send email"):
			job = l
		}
	}
	if !strings.Contains(server, "⚠ starts 10.0 ms b") || strings.Contains(server, "↪") {
		t.Errorf("a server starting before its client is skew, never async: %q", server)
	}
	if job == "" || strings.Contains(job, "⚠") {
		t.Errorf("a linked job after its enqueuer is async, no warning: %q", job)
	}
	if !strings.Contains(r.stdout, "queue wait mailer send email started 1.90 s after shop enqueue email ended (79% of 2.40 s)") {
		t.Errorf("want the job's 1.90 s queue wait as a finding:\n%s", r.stdout)
	}
	warnings, _ := reportOf(t, file)
	if len(warnings) != 1 || warnings[0] != "1 span starts before its parent (clock skew?)" {
		t.Errorf("warnings = %q, want only the server's skew", warnings)
	}
}

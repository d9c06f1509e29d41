package tui

import (
	"regexp"
	"strings"
	"testing"
)

// legendColours reads the header's service legend: each service's SGR.
func legendColours(t *testing.T, m *Model) map[string]string {
	t.Helper()
	legend := strings.Split(m.View().Content, "\n")[2]
	out := map[string]string{}
	for _, x := range regexp.MustCompile(`\x1b\[([0-9;]+)m■ \x1b\[0m([a-z]+)`).FindAllStringSubmatch(legend, -1) {
		out[x[2]] = x[1]
	}
	return out
}

// Issue 15 item 5 as a user sees it: the demo's legend shows each service
// of a trace in its own colour, and checkout keeps its colour in the other
// trace.
func TestDemoServicesHaveTheirOwnColours(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "enter")
	slow := legendColours(t, m)
	if len(slow) != 5 {
		t.Fatalf("the slow trace's legend names 5 services: %v", slow)
	}
	owner := map[string]string{}
	for svc, c := range slow {
		if other, ok := owner[c]; ok {
			t.Errorf("%s and %s share colour %s", svc, other, c)
		}
		owner[c] = svc
	}
	m = drive(t, m, 100, 30, "esc", "j", "enter")
	failed := legendColours(t, m)
	for _, svc := range []string{"checkout", "payment", "shipping", "cart"} {
		if failed[svc] != slow[svc] {
			t.Errorf("%s is %s in one trace and %s in the other", svc, slow[svc], failed[svc])
		}
	}
}

// Defect E as the user met it: T at 100 columns showed "ERR…" and cut
// values; the table fits, ERRORS whole.
func TestStatisticsPanelFitsAt100Columns(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "j", "enter", "T")
	s := checkScreen(t, m, 100, 30)
	lines := strings.Split(s, "\n")
	if !strings.HasSuffix(strings.TrimSpace(lines[1]), "ERRORS") {
		t.Errorf("the statistics' heads end with ERRORS:\n%s", s)
	}
	for _, l := range lines[2:8] {
		if strings.HasSuffix(l, "…") {
			t.Errorf("a row is cut: %q", l)
		}
	}
	if !strings.Contains(s, "not shown at this width") {
		t.Errorf("the panel says which columns it left out:\n%s", s)
	}
}

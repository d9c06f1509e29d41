package newrelic

import (
	"strings"
	"testing"
)

// connectBody is the start of go-agent v3.45.0's connect payload, with
// the settings it sends cut down to one.
const connectBody = `[{"pid":2578,"language":"go","agent_version":"3.45.0","host":"vm","settings":{"AppName":"shop;all-shops"},"app_name":["shop","all-shops"],"high_security":false,"labels":[],"environment":[["runtime.NumCPU",2]],"identifier":"shop;all-shops","utilization":{"metadata_version":5,"logical_processors":2},"metadata":{},"event_harvest_config":{"report_period_ms":60000,"harvest_limits":{"span_event_data":2000}}}]`

func TestConnectNamesTheApp(t *testing.T) {
	a, err := DecodeConnect([]byte(connectBody))
	if err != nil {
		t.Fatal(err)
	}
	want := Agent{App: "shop", Host: "vm", Language: "go", Version: "3.45.0", PID: 2578}
	if a != want {
		t.Errorf("agent = %+v, want %+v", a, want)
	}
	back, ok := ParseRunID(a.RunID())
	if !ok || back != want {
		t.Errorf("run ID %q reads back as %+v, %v", a.RunID(), back, ok)
	}
}

func TestRunIDsTracetuiDidNotMake(t *testing.T) {
	for _, id := range []string{"", "12345", "tracetui.", "tracetui.!!!", "tracetui." + strings.Repeat("A", maxRunID+1)} {
		if a, ok := ParseRunID(id); ok {
			t.Errorf("ParseRunID(%.30q) = %+v, want not ours", id, a)
		}
	}
}

func TestLongNamesAreCut(t *testing.T) {
	long := strings.Repeat("é", 400)
	a, err := DecodeConnect([]byte(`[{"app_name":["` + long + `"],"host":"` + long + `"}]`))
	if err != nil {
		t.Fatal(err)
	}
	// é is two bytes: the cut falls on the character before the limit.
	if a.App != strings.Repeat("é", maxField/2) || a.Host != a.App {
		t.Errorf("lengths %d, %d, want %d", len(a.App), len(a.Host), maxField-1)
	}
	if back, ok := ParseRunID(a.RunID()); !ok || back != a {
		t.Errorf("the run ID of an agent with long names reads back as %+v, %v", back, ok)
	}
}

func TestBadConnects(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `[{"pid":"x"}`} {
		if _, err := DecodeConnect([]byte(body)); err == nil {
			t.Errorf("DecodeConnect(%q) accepted it", body)
		}
	}
}

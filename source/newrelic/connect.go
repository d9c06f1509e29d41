package newrelic

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tracetui/tracetui/trace"
)

// Agent is what a connect call says about the app sending: enough to make
// its spans' resource.
type Agent struct {
	App      string `json:"a,omitempty"` // the first of the agent's app names (service.name)
	Host     string `json:"h,omitempty"`
	Language string `json:"l,omitempty"` // "go", "java"…
	Version  string `json:"v,omitempty"` // the agent's version
	PID      int64  `json:"p,omitempty"`
}

// maxField bounds each string an Agent keeps: it travels in every request
// URL of the run (see RunID).
const maxField = 255

// DecodeConnect reads a connect call's body: a list holding one object
// (pid, language, agent_version, host, app_name: a list of names). Other
// members (settings, utilization, environment…) are skipped.
func DecodeConnect(body []byte) (Agent, error) {
	var req []struct {
		PID      json.Number `json:"pid"`
		Language string      `json:"language"`
		Version  string      `json:"agent_version"`
		Host     string      `json:"host"`
		Display  string      `json:"display_host"`
		AppName  []string    `json:"app_name"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return Agent{}, fmt.Errorf("not a New Relic connect payload: %v", err)
	}
	if len(req) == 0 {
		return Agent{}, errors.New("not a New Relic connect payload: an empty list")
	}
	r := req[0]
	a := Agent{Language: r.Language, Version: r.Version, Host: r.Host}
	if r.Display != "" {
		a.Host = r.Display
	}
	if len(r.AppName) > 0 {
		a.App = r.AppName[0]
	}
	a.PID, _ = strconv.ParseInt(string(r.PID), 10, 64)
	a.App, a.Host, a.Language, a.Version = cut(a.App), cut(a.Host), cut(a.Language), cut(a.Version)
	return a, nil
}

// cut keeps at most maxField bytes of s, on a rune boundary, so that a
// cut name stays valid UTF-8 and reads back from a run ID unchanged.
func cut(s string) string {
	if len(s) <= maxField {
		return s
	}
	i := maxField
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// runIDPrefix marks a run ID tracetui made; the rest is the Agent as
// base64url JSON.
const runIDPrefix = "tracetui."

// RunID is the agent_run_id a connect answer hands out: the Agent itself,
// encoded, which the agent then sends with every payload of its run.
func (a Agent) RunID() string {
	b, _ := json.Marshal(a) // strings and an int: cannot fail
	return runIDPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ParseRunID reads back a run ID RunID made; ok is false for any other.
func ParseRunID(id string) (a Agent, ok bool) {
	rest, found := strings.CutPrefix(id, runIDPrefix)
	if !found || len(rest) > maxRunID {
		return Agent{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || json.Unmarshal(b, &a) != nil {
		return Agent{}, false
	}
	a.App, a.Host, a.Language, a.Version = cut(a.App), cut(a.Host), cut(a.Language), cut(a.Version)
	return a, true
}

// Resource is the resource of the agent's spans, in OpenTelemetry's terms:
// service.name is the app name, telemetry.sdk.* the agent.
func (a Agent) Resource() *trace.Resource {
	r := &trace.Resource{Service: a.App}
	add := func(k, v string) {
		if v != "" {
			r.Attrs = append(r.Attrs, trace.Attr{Key: k, Value: trace.StringValue(v)})
		}
	}
	add("service.name", a.App)
	add("host.name", a.Host)
	if a.PID > 0 {
		r.Attrs = append(r.Attrs, trace.Attr{Key: "process.pid", Value: trace.IntValue(a.PID)})
	}
	add("telemetry.sdk.name", "newrelic")
	add("telemetry.sdk.language", a.Language)
	add("telemetry.sdk.version", a.Version)
	return r
}

// maxRunID bounds the run ID ParseRunID reads: five fields of maxField
// bytes, escaped and encoded, fit well within it.
const maxRunID = 8 << 10

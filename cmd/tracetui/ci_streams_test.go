package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Under GitHub Actions a job pipes the report into a file or a tool: the
// ::error annotations must not end up in it. The runner reads workflow
// commands from stderr as well, so they go there.
func TestCheckAnnotationsGoToStderrUnderGitHubActions(t *testing.T) {
	env := map[string]string{"GITHUB_ACTIONS": "true"}
	r := runEnv(t, env, "check", "--format", "json", "--no-errors", demoPath)
	var doc struct{ Passed bool }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON alone: %v\n%s", err, r.stdout)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "::error title=tracetui check%3A no errors::") {
		t.Errorf("exit %d, want 1 and the annotation on stderr:\n%s", r.code, r.stderr)
	}
	r = runEnv(t, env, "check", "--format", "markdown", "--no-errors", demoPath)
	if strings.Contains(r.stdout, "::error") || !strings.Contains(r.stderr, "::error") {
		t.Errorf("markdown: annotations on stdout or missing from stderr:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// CMD starts with SIGINT and SIGQUIT at their defaults, also when stdin
// is a terminal: one ignored by tracetui would be ignored by CMD too, and
// Ctrl-C would stop nothing.
func TestRunLeavesCMDsSignalsAtTheirDefaults(t *testing.T) {
	for _, tty := range []bool{false, true} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{
			In: strings.NewReader(""), Out: &out, ErrOut: &errOut, StdinIsTTY: tty,
			Getenv: func(string) string { return "" }, Now: time.Now,
		}
		code := run([]string{"run", "--", "sh", "-c", "grep SigIgn /proc/self/status"}, ios)
		_, hex, ok := strings.Cut(strings.TrimSpace(out.String()), "\t")
		mask, err := strconv.ParseUint(hex, 16, 64)
		if code != 0 || !ok || err != nil {
			t.Fatalf("stdin a terminal %v: exit %d, stdout %q, stderr %q", tty, code, out.String(), errOut.String())
		}
		for _, s := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT} {
			if mask&(1<<(s-1)) != 0 {
				t.Errorf("stdin a terminal %v: CMD starts with %v ignored (SigIgn %s)", tty, s, hex)
			}
		}
	}
}

// Ctrl-C on a terminal signals the foreground process group: CMD, in
// tracetui's group, stops (130, as shells say), and tracetui outlives it
// to report. Without a terminal, the same holds for a SIGINT to the group.
func TestRunSIGINTToTheProcessGroupEndsCMD(t *testing.T) {
	for _, tty := range []bool{true, false} {
		t.Run(fmt.Sprintf("terminal=%v", tty), func(t *testing.T) {
			c := exec.Command(os.Args[0], "run", "--", "sh", "-c", "echo ready; exec sleep 30")
			c.Env = append(os.Environ(), "TRACETUI_RUN_MAIN=1")
			c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			if tty {
				c.Stdin = openPTY(t)
			}
			out := &syncBuffer{}
			c.Stdout, c.Stderr = out, out
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { syscall.Kill(-c.Process.Pid, syscall.SIGKILL) })
			for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "ready"); time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("CMD never started:\n%s", out.String())
				}
			}
			if err := syscall.Kill(-c.Process.Pid, syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- c.Wait() }()
			select {
			case err := <-done:
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != 130 || !strings.Contains(out.String(), "tracetui: sh exited with 130") {
					t.Fatalf("err %v, output:\n%s", err, out.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("CMD still runs 10 s after SIGINT to its process group:\n%s", out.String())
			}
		})
	}
}

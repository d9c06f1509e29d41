package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// target is a running receiver: where to send and which process to watch.
type target struct {
	pid        int
	http, grpc string
	cmd        *exec.Cmd
}

// start runs the target named by spec (see the package comment).
func start(spec, saveFile string) (*target, error) {
	if strings.HasPrefix(spec, "pid=") {
		t := &target{}
		for _, kv := range strings.Split(spec, ",") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "pid":
				t.pid, _ = strconv.Atoi(v)
			case "http":
				t.http = v
			case "grpc":
				t.grpc = v
			}
		}
		return t, nil
	}
	t := &target{}
	var cmd *exec.Cmd
	if bin, ok := strings.CutPrefix(spec, "jaeger="); ok {
		t.http, t.grpc = "127.0.0.1:4318", "127.0.0.1:4317"
		cmd = exec.Command(bin)
	} else {
		t.http, t.grpc = freePort(), freePort()
		args := []string{"listen", "--headless", "--trace-timeout", "1h", "--grpc", t.grpc,
			"--zipkin", "off", "--datadog", "off", t.http}
		if saveFile != "" {
			args = append(args, "--save", saveFile)
		}
		cmd = exec.Command(spec, args...)
	}
	log, err := os.Create(filepath.Join(os.TempDir(), "ingestload-target.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	t.pid, t.cmd = cmd.Process.Pid, cmd
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if up(t.http) && up(t.grpc) {
			return t, nil
		}
		if time.Now().After(deadline) {
			t.stop()
			return nil, fmt.Errorf("%s did not listen within 30 s (see %s)", spec, log.Name())
		}
	}
}

func up(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
	}
	return err == nil
}

func freePort() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// stop ends a process the tool started (SIGTERM, then SIGKILL).
func (t *target) stop() {
	if t.cmd == nil {
		return
	}
	t.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { t.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.cmd.Process.Kill()
		<-done
	}
}

// cpu is the process's user+sys CPU so far, from /proc/PID/stat (clock
// ticks of 10 ms).
func (t *target) cpu() (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", t.pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces: count from its ')'.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// settle waits until the CPU stops growing (a pipeline that answers before
// it stores, as a collector's batch processor does, is still working) and
// returns it.
func (t *target) settle() (time.Duration, error) {
	last, err := t.cpu()
	for still, deadline := 0, time.Now().Add(20*time.Second); still < 3 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		c, err := t.cpu()
		if err != nil {
			return 0, err
		}
		if c-last <= 10*time.Millisecond {
			still++
		} else {
			still = 0
		}
		last = c
	}
	return last, err
}

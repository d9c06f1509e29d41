//go:build unix

package main

import (
	"os/exec"
	"runtime"
	"syscall"
)

// maxRSS is the child's peak resident set: ru_maxrss is KiB on Linux,
// bytes on macOS.
func maxRSS(cmd *exec.Cmd) int64 {
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) << 10
}

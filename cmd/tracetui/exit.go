package main

import (
	"errors"
	"fmt"
	"strings"
)

// Exit codes, mapped in one place (exitCode) so every command agrees.
const (
	exitOK    = 0
	exitInput = 1 // bad or unreadable input, nothing found
	exitUsage = 2 // bad flags or arguments
)

// usageError marks a mistake in how the command was invoked.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitInput
}

// errorText is how an error reaches the user: one line per cause, no stack.
func errorText(err error) string {
	msg := strings.TrimSpace(err.Error())
	var ue *usageError
	if errors.As(err, &ue) {
		return "tracetui: " + msg + "\nRun 'tracetui --help' for usage."
	}
	return "tracetui: " + msg
}

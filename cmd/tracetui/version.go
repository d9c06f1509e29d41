package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

type VersionOptions struct {
	IO *IOStreams
}

func (o *VersionOptions) check([]string) error { return nil }

func newCmdVersion(ios *IOStreams, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: ios}
	return &cobra.Command{
		Use:   "version",
		Short: "Print tracetui's version (as --version does)",
		Args:  wrapArgs(cobra.NoArgs),
		RunE:  runE(opts, runF, runVersion),
	}
}

func runVersion(opts *VersionOptions) error {
	_, err := fmt.Fprintf(opts.IO.Out, "tracetui version %s\n", buildVersion())
	return err
}

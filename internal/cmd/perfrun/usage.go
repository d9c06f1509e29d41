package main

import (
	"os/exec"
	"slices"
	"time"
)

type usage struct {
	wall, user, sys time.Duration
	rss             int64 // bytes
}

func measure(cmd *exec.Cmd) (usage, error) {
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, err
	}
	u := usage{wall: time.Since(t0), user: cmd.ProcessState.UserTime(), sys: cmd.ProcessState.SystemTime()}
	u.rss = maxRSS(cmd)
	return u, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func medians(us []usage) usage {
	var w, u, s []time.Duration
	var r []int64
	for _, x := range us {
		w, u, s, r = append(w, x.wall), append(u, x.user), append(s, x.sys), append(r, x.rss)
	}
	slices.Sort(r)
	return usage{wall: median(w), user: median(u), sys: median(s), rss: r[len(r)/2]}
}

package gen

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// killSpec is an OpenAPI document of n operations and schemas from first
// on, each with the property field: two of them with different ranges and
// fields differ in most files, and each has files the other lacks.
func killSpec(first, n int, field string) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n")
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "  /s%d:\n    get:\n      operationId: getS%d\n      tags: [t%d]\n      responses:\n        '200':\n          description: ok\n"+
			"          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S%d'}\n", i, i, i%5, i)
	}
	b.WriteString("components:\n  schemas:\n")
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "    S%d:\n      type: object\n      properties:\n        %s: {type: string}\n        n: {type: integer}\n", i, field)
	}
	return b.String()
}

// TestWriteKilledProcess: a gen process SIGKILLed while it writes leaves
// the output folder byte for byte the old tree or the new tree, with the
// hand-written entries intact; the next run cleans up and writes exactly
// the new tree, with no staging folder left. GEN_DEBUG_WRITE_PAUSE slows
// each step of the write so that the kills, at increasing delays after the
// staging folder appears, land while it is built, and some after the swap.
func TestWriteKilledProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gen and runs it a few dozen times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "gen")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/oasgo/gen/cmd/gen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	specs := []string{filepath.Join(work, "a.yml"), filepath.Join(work, "b.yml")}
	must(t, os.WriteFile(specs[0], []byte(killSpec(0, 50, "alpha")), 0o644))
	must(t, os.WriteFile(specs[1], []byte(killSpec(20, 50, "beta")), 0o644))
	out := filepath.Join(work, "out")
	newDir := filepath.Join(work, ".out.gen-new")
	gen := func(spec string, pause time.Duration) *exec.Cmd {
		cmd := exec.Command(bin, "-spec", spec, "-out", out)
		cmd.Env = append(os.Environ(), "GEN_DEBUG_WRITE_PAUSE="+pause.String())
		return cmd
	}
	run := func(spec string) {
		t.Helper()
		if b, err := gen(spec, 0).CombinedOutput(); err != nil {
			t.Fatalf("gen -spec %s: %v\n%s", spec, err, b)
		}
		if s := siblings(t, out); len(s) > 0 {
			t.Fatalf("gen -spec %s left %v", spec, s)
		}
	}
	// The two trees, hand-written entries included; B over A and A over
	// B again (orphans removed both ways).
	run(specs[0])
	handWritten(t, out)
	sig := make([]string, 2)
	sig[0] = treeSig(t, out)
	run(specs[1])
	sig[1] = treeSig(t, out)
	run(specs[0])
	if got := treeSig(t, out); got != sig[0] {
		t.Fatalf("A, B, then A again is not A:\n%s", lineDiff(sig[0], got))
	}
	files := strings.Count(sig[1], "\n")

	// waitFor polls until cond holds (false after 20 s).
	waitFor := func(cond func() bool) bool {
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Microsecond) {
			if cond() {
				return true
			}
		}
		return false
	}
	exists := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	const pause = time.Millisecond
	// One write, timed: from the staging folder's appearance to the swap
	// (out is another folder), and to the old tree's removal.
	before, err := os.Stat(out)
	must(t, err)
	cmd := gen(specs[1], pause)
	must(t, cmd.Start())
	if !waitFor(func() bool { return exists(newDir) }) {
		t.Fatal("no staging folder appeared")
	}
	start := time.Now()
	waitFor(func() bool { now, err := os.Stat(out); return err == nil && !os.SameFile(before, now) })
	swapped := time.Since(start)
	waitFor(func() bool { return !exists(newDir) })
	removed := time.Since(start)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if got := treeSig(t, out); got != sig[1] {
		t.Fatalf("the timed write is not B:\n%s", lineDiff(sig[1], got))
	}
	t.Logf("%d entries; with a pause of %v per step the write swaps %v after the staging folder appears, and has removed the old tree %v after", files, pause, swapped, removed)

	// The kills, from B to A, then A to B, and so on: one while gen
	// parses (before the staging folder appears), some at delays spread
	// over the staging, and a few as soon as the swap shows, to land while
	// the old tree is removed.
	type kill struct {
		early  time.Duration // from the start, not waiting for the staging folder
		delay  time.Duration // after the staging folder appears
		atSwap bool
	}
	kills := []kill{{early: 10 * time.Millisecond}}
	const spread = 8
	for i := range spread {
		kills = append(kills, kill{delay: swapped * time.Duration(i) / spread})
	}
	kills = append(kills, kill{atSwap: true}, kill{atSwap: true}, kill{atSwap: true})
	landed := map[string]int{}
	from := 1
	for _, k := range kills {
		to := 1 - from
		before, err := os.Stat(out)
		must(t, err)
		cmd := gen(specs[to], pause)
		must(t, cmd.Start())
		switch {
		case k.early > 0:
			time.Sleep(k.early)
		case !waitFor(func() bool { return exists(newDir) }):
			cmd.Process.Kill()
			t.Fatal("no staging folder appeared")
		case k.atSwap:
			waitFor(func() bool { now, err := os.Stat(out); return err == nil && !os.SameFile(before, now) })
		default:
			time.Sleep(k.delay)
		}
		if err := cmd.Process.Kill(); err != nil && err != os.ErrProcessDone {
			t.Fatal(err)
		}
		err = cmd.Wait()
		got, left := treeSig(t, out), siblings(t, out)
		var where string
		switch {
		case got == sig[from] && len(left) > 0:
			where = "while staging (old tree in place, staging folder left)"
		case got == sig[from]:
			where = "before staging (old tree in place)"
		case got == sig[to] && len(left) > 0:
			where = "after the swap, removing the old tree (new tree in place)"
		case got == sig[to]:
			where = "after the write (new tree in place)"
		default:
			t.Fatalf("killed (%+v, %v): neither the old nor the new tree; siblings %v:\n%s", k, err, left, lineDiff(sig[to], got))
		}
		landed[where]++
		run(specs[to])
		if got := treeSig(t, out); got != sig[to] {
			t.Fatalf("the run after a kill %s: not the new tree:\n%s", where, lineDiff(sig[to], got))
		}
		from = to
	}
	for where, n := range landed {
		t.Logf("%d of %d kills landed %s", n, len(kills), where)
	}
	if landed["while staging (old tree in place, staging folder left)"] == 0 {
		t.Error("no kill landed while staging")
	}
}

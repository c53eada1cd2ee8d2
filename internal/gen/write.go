package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oasgo/gen/internal/emit"
)

// Write puts files under dir, then removes the files an earlier run of gen
// wrote there (its manifest lists them) that this run no longer produces.
// Files gen did not write are never touched.
func Write(dir string, files []emit.File) (err error) {
	// Two phases, so that a failure leaves the folder as it was: every
	// changed file is first written beside its place under a temporary
	// name (a dot file, which the go tool ignores); only when all are
	// written are they renamed into place.
	previous := previousFiles(dir) // before the new manifest replaces it
	keep := map[string]bool{}
	type staged struct{ tmp, full string }
	var stage []staged
	var madeDirs []string
	defer func() {
		if err == nil {
			return
		}
		for _, s := range stage {
			os.Remove(s.tmp)
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			os.Remove(madeDirs[i]) // only if still empty
		}
	}()
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return err
		}
		keep[filepath.FromSlash(f.Path)] = true
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		made, err := mkdirAll(filepath.Dir(full))
		madeDirs = append(madeDirs, made...)
		if err != nil {
			return err
		}
		tmp := filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".gen-tmp")
		if err := os.WriteFile(tmp, f.Data, 0o644); err != nil {
			return err
		}
		stage = append(stage, staged{tmp, full})
	}
	for i, s := range stage {
		if err := os.Rename(s.tmp, s.full); err != nil {
			stage = stage[i:]
			return err
		}
	}
	stage = nil
	stale, err := staleFiles(dir, keep, previous)
	if err != nil {
		return err
	}
	for _, rel := range stale {
		p := filepath.Join(dir, rel)
		if err := os.Remove(p); err != nil {
			return err
		}
		// Folders left empty by the removal go too (docs/models/x/).
		for d := filepath.Dir(p); d != filepath.Clean(dir) && strings.HasPrefix(d, filepath.Clean(dir)); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}

// mkdirAll is os.MkdirAll, and the folders it created, outermost first.
func mkdirAll(d string) ([]string, error) {
	var missing []string
	for p := d; ; p = filepath.Dir(p) {
		if _, err := os.Stat(p); err == nil {
			break
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	slices.Reverse(missing)
	return missing, os.MkdirAll(d, 0o755)
}

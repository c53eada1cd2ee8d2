// Package gen ties the stages together: parse the spec into the model, emit
// every file, and write them to the output folder only when all succeeded.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/oasgo/gen/internal/emit"
	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/internal/parser"
)

// Config is one generation.
type Config struct {
	Spec    string // path of the OpenAPI document
	Module  string // module path of the generated SDK
	Package string // package name of its root
	Version string // gen's version, for the files' header ("" is "devel")
	// InModule: the output is a package tree of an enclosing module
	// (Module is its import path there), so no go.mod is written.
	InModule bool
	// Out is the output folder: the names its manifest records (a previous
	// run's) are honoured, unless Parser.Names is set already. "" for none
	// (a fresh generation).
	Out    string
	Parser parser.Options
}

// Result is what a generation produced, before anything is written.
type Result struct {
	API   *model.API
	Files []emit.File
}

// Generate parses the spec and renders every file in memory.
func Generate(cfg Config) (*Result, error) {
	data, err := parser.ReadFile(cfg.Spec)
	if err != nil {
		return nil, err
	}
	return GenerateData(data, cfg)
}

// GenerateData is Generate for spec bytes already in memory (cfg.Spec names
// them in positions).
func GenerateData(data []byte, cfg Config) (res *Result, err error) {
	defer func() {
		// A panic is a bug of gen (emission; lowering reports its own with
		// the element it was lowering): never a "bad spec" exit.
		if r := recover(); r != nil {
			res, err = nil, &parser.InternalError{Pos: model.Pos{File: cfg.Spec}, Value: r, Stack: debug.Stack()}
		}
	}()
	// Generation allocates a lot of short-lived memory (YAML nodes, syntax
	// trees) and keeps little: collecting less often makes it about a third
	// faster, for a larger peak heap. The setting is restored on return.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if cfg.Out != "" && cfg.Parser.Names == nil {
		if cfg.Parser.Names, err = PreviousNames(cfg.Out); err != nil {
			return nil, err
		}
	}
	// Emission runs while kin-openapi still validates the spec; a spec it
	// rejects still fails the generation, with located errors.
	var files []emit.File
	api, err := parser.LoadThen(cfg.Spec, data, cfg.Parser, func(api *model.API) error {
		var err error
		files, err = emit.SDK(api, emit.Options{Module: cfg.Module, Package: cfg.Package, Version: cfg.Version})
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
	}
	if cfg.InModule {
		files = slices.DeleteFunc(files, func(f emit.File) bool { return f.Path == "go.mod" })
	}
	files = append(files, manifestFile(files, api.Names))
	return &Result{API: api, Files: files}, nil
}

// checkPath refuses any path that could land outside the output folder.
func checkPath(p string) error {
	if p == "" || filepath.IsAbs(p) || strings.Contains(p, "\\") || strings.Contains(p, "\x00") {
		return fmt.Errorf("refusing to write %q: not a plain relative path", p)
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("refusing to write %q: not a plain relative path", p)
		}
	}
	return nil
}

// generatedMark is how a Go file written by gen (of any version) is
// recognised without a manifest: its header.
var generatedMark = []byte(emit.HeaderPrefix + " ")

// ManifestPath is the file, in the output folder, that lists every file gen
// wrote there (code and pages): a later run deletes those it no longer
// produces, and never a file the manifest does not list (hand-written
// files survive). It also records the naming decisions (names), which the
// next run honours (see PreviousNames).
const ManifestPath = "gen-manifest.json"

// manifest is ManifestPath's content.
type manifest struct {
	Generator string   `json:"generator"`
	Files     []string `json:"files"`
	// Names are the naming decisions, location -> Go name by scope (sorted
	// keys: stable bytes); see model.Names.
	Names *model.Names `json:"names,omitempty"`
}

// manifestFile lists files (sorted) and names as the manifest gen writes
// beside them.
func manifestFile(files []emit.File, names *model.Names) emit.File {
	m := manifest{Generator: "gen (github.com/oasgo/gen): delete a file from this list to keep it from being removed; names are the Go names later runs keep (gen -rename forgets them)"}
	for _, f := range files {
		m.Files = append(m.Files, f.Path)
	}
	sort.Strings(m.Files)
	if names.Len() > 0 {
		m.Names = names
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // locations hold paths and media types: keep them legible
	enc.SetIndent("", "  ")
	_ = enc.Encode(m)
	return emit.File{Path: ManifestPath, Data: buf.Bytes()}
}

// previousFiles are the files the manifest in dir lists (none when there
// is no manifest, or an unreadable one).
func previousFiles(dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, ManifestPath))
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	return m.Files
}

// staleFiles are the files (relative to dir, sorted) an earlier run of gen
// wrote there that keep no longer holds: those its manifest lists, and Go
// files with gen's header (outputs written before the manifest).
func staleFiles(dir string, keep map[string]bool, previous []string) ([]string, error) {
	set := map[string]bool{}
	for _, f := range previous {
		rel := filepath.FromSlash(f)
		if checkPath(f) == nil && !keep[rel] {
			if _, err := os.Lstat(filepath.Join(dir, rel)); err == nil {
				set[rel] = true
			}
		}
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if keep[rel] {
			return nil
		}
		data, err := os.ReadFile(path)
		if err == nil && (bytes.HasPrefix(data, generatedMark) || bytes.HasPrefix(data, []byte(emit.HeaderPrefix+"."))) {
			set[rel] = true
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	out := make([]string, 0, len(set))
	for rel := range set {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out, nil
}

// Difference is one file that differs between a generation and a folder.
type Difference struct {
	Path string // slash-separated, relative to the folder
	Kind string // "stale" (content differs), "missing", "extra" (gen wrote it, no longer does)
	Diff string // unified diff, old (the folder) to new
}

// Check compares files, as Write would put them under dir, with what dir
// holds, writing nothing: the stale, missing and extra generated files.
func Check(dir string, files []emit.File) ([]Difference, error) {
	var out []Difference
	keep := map[string]bool{}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
		keep[filepath.FromSlash(f.Path)] = true
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case err != nil:
			out = append(out, Difference{Path: f.Path, Kind: "missing", Diff: string(diff.Diff("/dev/null", nil, f.Path, f.Data))})
		case !bytes.Equal(old, f.Data):
			out = append(out, Difference{Path: f.Path, Kind: "stale", Diff: string(diff.Diff(f.Path+" (on disk)", old, f.Path+" (generated)", f.Data))})
		}
	}
	stale, err := staleFiles(dir, keep, previousFiles(dir))
	if err != nil {
		return nil, err
	}
	for _, rel := range stale {
		old, _ := os.ReadFile(filepath.Join(dir, rel))
		out = append(out, Difference{Path: filepath.ToSlash(rel), Kind: "extra", Diff: string(diff.Diff(filepath.ToSlash(rel), old, "/dev/null", nil))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Command gen turns an OpenAPI document into a Go SDK.
//
//	gen [-spec spec/vault.yml] [-out generated] [-module openapi] [-package sdk]
//	    [-ignore-name-overrides] [-allow-external-refs] [-strict] [-check] [-rename] [-version]
//
// Exit status: 0 on success, 2 on a bad spec or bad usage (with
// file:line:col: message lines on stderr), 1 when the output cannot be
// written, 3 on an internal error (a bug of gen: please report it). With
// -check nothing is written: exit 1 when the output folder differs from a
// fresh generation (a diff of each file on stdout), 0 when it is fresh.
// Warnings (an example that does not match its schema, a shape degraded to
// json.RawMessage, ...) are printed once each, located, with a summary line
// counting them by kind; -strict makes them errors.
//
// Names are stable: the manifest in the output folder records the Go name
// decided for each place of the spec, and the next run keeps them, so a
// name that a newer spec would otherwise give to a newcomer stays with the
// identifier that had it. -rename names afresh instead; each identifier
// whose name changes (with -rename, or because the spec changed the name it
// asks for) is printed, file:line:col: renamed: Old -> New (why).
package main

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"
	modpath "golang.org/x/mod/module"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/parser"
)

func main() {
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	if os.Getenv("GEN_DEBUG_MEMORY") != "" {
		// For the tests of the limits: how much memory the run took from
		// the OS (the Go runtime's high-water mark).
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Fprintf(os.Stderr, "gen: memory: %d bytes\n", m.Sys)
	}
	os.Exit(code)
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "diff" {
		return runDiff(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	spec := fs.String("spec", "spec/vault.yml", "OpenAPI document to read")
	out := fs.String("out", "generated", "folder to write the SDK into")
	module := fs.String("module", "openapi", "module path of the generated SDK")
	pkg := fs.String("package", "sdk", "package name of the SDK's root package")
	noOverrides := fs.Bool("ignore-name-overrides", false, "ignore x-speakeasy-name-override")
	externalRefs := fs.Bool("allow-external-refs", false, "let $ref point at files next to the spec")
	strict := fs.Bool("strict", false, "treat warnings as errors: exit 2 and write nothing")
	showVersion := fs.Bool("version", false, "print gen's version and exit")
	configPath := fs.String("config", "", "gen.yaml to read (default: gen.yaml in the current folder, if any); flags given win over it")
	check := fs.Bool("check", false, "write nothing: compare the output folder with a fresh generation, print a diff of each stale, missing or extra file, exit 1 if any")
	rename := fs.Bool("rename", false, "forget the names recorded in the output folder's manifest: let names follow the spec as if generating afresh; renames are listed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "gen "+version()+vcsInfo())
		return 0
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var include, exclude parser.OperationFilter
	if path, err := findConfig(*configPath, *spec); err != nil {
		fmt.Fprintf(stderr, "gen: -config: %v\n", err)
		return 2
	} else if path != "" {
		c, err := loadConfig(path)
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			return 2
		}
		// The file's values go through the flags (a flag given wins).
		for _, name := range slices.Sorted(maps.Keys(c.flags)) {
			if !set[name] {
				set[name] = true
				if err := fs.Set(name, c.flags[name]); err != nil {
					fmt.Fprintf(stderr, "%s: %s: %v\n", path, name, err)
					return 2
				}
			}
		}
		include, exclude = c.include, c.exclude
	}
	if msg := checkFlags(*pkg, *module, *out); msg != "" {
		fmt.Fprintln(stderr, "gen: "+msg)
		return 2
	}
	moduleSet := set["module"]
	inModule, err := enclosingModule(*out)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 2
	}
	if inModule != "" {
		if moduleSet && *module != inModule {
			fmt.Fprintf(stderr, "gen: -out %s is inside a module, where its import path is %s; -module (%s) is for a standalone output with its own go.mod: drop it\n", *out, inModule, *module)
			return 2
		}
		*module = inModule
	}
	res, err := gen.Generate(gen.Config{
		Spec: *spec, Module: *module, Package: *pkg, Version: version(), InModule: inModule != "", Out: *out,
		Parser: parser.Options{IgnoreNameOverrides: *noOverrides, AllowExternalRefs: *externalRefs, Include: include, Exclude: exclude, Rename: *rename},
	})
	if err != nil {
		return reportSpecError(stderr, err, "gen", 1)
	}
	for _, d := range res.API.Ignored {
		fmt.Fprintf(stderr, "%s: skipped: %s\n", d.Pos, d.Message)
	}
	for _, r := range res.API.Renames {
		fmt.Fprintln(stderr, r)
	}
	if n := len(res.API.Warnings); n > 0 {
		counts := map[string]int{}
		for _, d := range res.API.Warnings {
			fmt.Fprintf(stderr, "%s: warning: %s\n", d.Pos, d.Message)
			counts[d.Kind]++
		}
		kinds := make([]string, 0, len(counts))
		for k := range counts {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%d %s", counts[k], k)
		}
		fmt.Fprintf(stderr, "gen: %d warning(s): %s\n", n, strings.Join(parts, ", "))
		if *strict {
			fmt.Fprintln(stderr, "gen: -strict: warnings are errors; nothing was written")
			return 2
		}
	}
	if *check {
		diffs, err := gen.Check(*out, res.Files)
		if err != nil {
			fmt.Fprintf(stderr, "gen: -check: %v\n", err)
			return 1
		}
		for _, d := range diffs {
			fmt.Fprint(stdout, d.Diff)
		}
		if len(diffs) > 0 {
			names := make([]string, len(diffs))
			for i, d := range diffs {
				names[i] = d.Path + " (" + d.Kind + ")"
			}
			fmt.Fprintf(stderr, "gen: -check: %d file(s) of %s differ from a fresh generation: %s\n", len(diffs), *out, strings.Join(names, ", "))
			return 1
		}
		return 0
	}
	if err := gen.Write(*out, res.Files); err != nil {
		fmt.Fprintf(stderr, "gen: writing %s: %v\n", *out, err)
		return 1
	}
	return 0
}

// reportSpecError prints an error of reading or generating a spec and
// returns the exit status: 2 for a bad spec (its located lines), 3 for a
// bug of gen (with the stack), other for anything else (an I/O error),
// prefixed with who.
func reportSpecError(stderr io.Writer, err error, who string, other int) int {
	var perr *parser.Error
	if errors.As(err, &perr) {
		fmt.Fprintln(stderr, perr.Error())
		return 2
	}
	var ierr *parser.InternalError
	if errors.As(err, &ierr) {
		fmt.Fprintf(stderr, "gen: %v\n%s", ierr, ierr.Stack)
		fmt.Fprintf(stderr, "gen: internal error: this is a bug of gen, not of the spec; please report it with the spec (at least the part at %s). Nothing was written.\n", ierr.Pos)
		return 3
	}
	fmt.Fprintf(stderr, "%s: %v\n", who, err)
	return other
}

// checkFlags validates the flag values before anything runs: the package
// must be a Go package name, the module a module path go accepts.
func checkFlags(pkg, module, out string) string {
	if !token.IsIdentifier(pkg) || token.IsKeyword(pkg) || pkg == "_" {
		return fmt.Sprintf("-package %q is not a Go package name (letters, digits and _, not starting with a digit, not a keyword)", pkg)
	}
	if err := modpath.CheckImportPath(module); err != nil {
		return fmt.Sprintf("-module %q is not a module path: %v", module, err)
	}
	if out == "" {
		return "-out is empty: name the folder to write the SDK into"
	}
	return ""
}

// version is gen's version from the module's build info: the tag a
// `go install github.com/oasgo/gen/cmd/gen@v1.2.3` resolved, else "devel"
// (a build or go run from a checkout). It is written in every generated
// file's header, so it must not change from run to run of one build.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// vcsInfo is the commit a build from a checkout was made at, for -version
// only: " (commit 1a2b3c4, modified)".
func vcsInfo() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return " (commit " + rev[:min(12, len(rev))] + modified + ")"
}

// enclosingModule is the import path the folder out gets inside the module
// that encloses it (a go.mod above it: the SDK is then a package tree of
// that module, with no go.mod of its own), or "" when out is standalone
// (no go.mod above it, or out holds its own go.mod).
func enclosingModule(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(abs, "go.mod")); err == nil {
		return "", nil
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			path := modfile.ModulePath(data)
			if path == "" {
				return "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			if rel == "." {
				return path, nil
			}
			return path + "/" + filepath.ToSlash(rel), nil
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}
